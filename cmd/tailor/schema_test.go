package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/tailor-email/tailor/examples/shop"
	"github.com/tailor-email/tailor/render"
)

// TestPreviewRecipientsTyped: tailor preview --recipients FILE reads the
// file with the workspace's schema, as render does: typed values, and
// each record's data errors at its source:line:col.
func TestPreviewRecipientsTyped(t *testing.T) {
	c, err := render.Load(shop.FS())
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "people.csv")
	if err := os.WriteFile(path, []byte("id,email,loyalty_points\na,a@x.io,1200\nb,b@x.io,abc\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	recs, err := readRecipientFile(path, readOptions(c))
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 || recs[0].Profile["loyalty_points"] != 1200 || len(recs[0].DataErrors) != 0 {
		t.Fatalf("records %+v", recs)
	}
	want := path + `:3:10: loyalty_points: "abc" is not an int`
	if len(recs[1].DataErrors) != 1 || recs[1].DataErrors[0].Error() != want {
		t.Errorf("data errors %v, want %s", recs[1].DataErrors, want)
	}
}
