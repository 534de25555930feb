package validator_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tailor-email/tailor/internal/peers"
	"github.com/tailor-email/tailor/render/amp/validator"
	"github.com/tailor-email/tailor/render/amp/validator/official"
)

// TestAgreesWithOfficial runs the official validator and the Go validator
// over the 18 feature tests, plus documents just under and over the size
// limit, and requires the same PASS or FAIL from both.
func TestAgreesWithOfficial(t *testing.T) {
	official.Wrapper(t)
	dir := peers.Dir(t, "amp4email-validator", "amp4email_feature_tests")
	files, err := filepath.Glob(filepath.Join(dir, "*.html"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no feature tests in %s: %v", dir, err)
	}
	files = append(files, sizedDocs(t, filepath.Join(dir, "doc_size.html"))...)
	verdicts := official.Check(t, files...)
	for _, f := range files {
		doc, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		got := validator.Validate(doc)
		want := verdicts[f]
		if got.Pass != (want.Status == "PASS") {
			t.Errorf("%s: Go validator pass=%v, official %s; official errors: %+v", filepath.Base(f), got.Pass, want.Status, want.Errors)
		}
	}
}

// sizedDocs writes the doc_size template filled around the 200,000-byte
// limit (the official validator does not count trailing white space).
func sizedDocs(t *testing.T, template string) []string {
	t.Helper()
	src, err := os.ReadFile(template)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, size := range []int{200001, 200002} {
		doc := fillTo(string(src), size)
		p := filepath.Join(t.TempDir(), fmt.Sprintf("doc_size_%d.html", size))
		if err := os.WriteFile(p, []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
		out = append(out, p)
	}
	return out
}

// fillTo replaces the template's replace_body with text so the document is
// exactly size bytes long.
func fillTo(template string, size int) string {
	pad := size - (len(template) - len("replace_body"))
	return strings.Replace(template, "replace_body", strings.Repeat("a", pad), 1)
}
