package message

import (
	"encoding/json"
	"errors"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/tailor-email/tailor/recipients"
)

// TestFiles: the non-empty parts, then the .json, which is the line
// without the parts, indented.
func TestFiles(t *testing.T) {
	m := sample()
	m.AMP = ""
	files, err := Files(m)
	if err != nil {
		t.Fatal(err)
	}
	var exts []string
	for _, f := range files {
		exts = append(exts, f.Ext)
	}
	if want := []string{".html", ".txt", ".json"}; !reflect.DeepEqual(exts, want) {
		t.Fatalf("files %v, want %v", exts, want)
	}
	if string(files[0].Data) != m.HTML || string(files[1].Data) != m.Text {
		t.Errorf("parts %q, %q", files[0].Data, files[1].Data)
	}
	want := Line(m)
	want.HTML, want.Text = "", ""
	wantJSON, _ := json.MarshalIndent(want, "", "  ")
	if got := string(files[2].Data); got != string(wantJSON)+"\n" {
		t.Errorf(".json:\n%s\nwant\n%s", got, wantJSON)
	}
}

func TestFileName(t *testing.T) {
	got, err := FileName("newsletter", "c-1", ".eml")
	if err != nil || got != filepath.Join("newsletter", "c-1.eml") {
		t.Errorf("FileName = %q, %v", got, err)
	}
	if _, err := FileName("newsletter", "", ".eml"); !errors.Is(err, recipients.ErrNoID) {
		t.Errorf("no ID: %v, want ErrNoID", err)
	}
	if _, err := FileName("", "c-1", ".eml"); !errors.Is(err, recipients.ErrNoID) {
		t.Errorf("no email: %v, want ErrNoID", err)
	}
	a, _ := FileName("newsletter", "a/b", ".json")
	b, _ := FileName("newsletter", "a_b", ".json")
	if a == b || filepath.Dir(a) != "newsletter" {
		t.Errorf("IDs a/b and a_b give %q and %q", a, b)
	}
}
