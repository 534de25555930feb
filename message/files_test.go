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
	// The .json is the line's fields but the bodies, html, text and amp,
	// which it leaves out (docs/batch.md), indented.
	var got, want map[string]any
	if err := json.Unmarshal(files[2].Data, &got); err != nil {
		t.Fatal(err)
	}
	line, _ := json.Marshal(Line(m))
	if err := json.Unmarshal(line, &want); err != nil {
		t.Fatal(err)
	}
	delete(want, "html")
	delete(want, "text")
	delete(want, "amp")
	if !reflect.DeepEqual(got, want) {
		t.Errorf(".json:\n%s\nwant the fields of\n%s\nbut html, text and amp", files[2].Data, line)
	}
	if b := files[2].Data; len(b) < 3 || string(b[:4]) != "{\n  " || b[len(b)-1] != '\n' {
		t.Errorf(".json is not indented JSON ending in a newline: %q", b)
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
