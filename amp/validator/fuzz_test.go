package validator

import (
	"testing"
)

// FuzzValidate feeds arbitrary documents to Validate: it must not panic,
// and every error must sit inside the document. Seeds are the table cases;
// run longer with go test -fuzz FuzzValidate.
func FuzzValidate(f *testing.F) {
	for _, c := range checkCases {
		f.Add([]byte(c.doc))
	}
	f.Add([]byte(`<style amp-custom>.a{b:c}/*`))
	f.Add([]byte(`<html ⚡4email><style amp-custom>@media (`))
	f.Add([]byte(`<div style="u\72 l(\`))
	f.Fuzz(func(t *testing.T, doc []byte) {
		res := Validate(doc)
		lines := 1
		for _, b := range doc {
			if b == '\n' {
				lines++
			}
		}
		for _, e := range res.Errors {
			if e.Line < 1 || e.Line > lines || e.Col < 0 {
				t.Fatalf("error outside the document (%d lines): %v", lines, e)
			}
			if e.Message == "" || e.Code == "" {
				t.Fatalf("error without message or code: %+v", e)
			}
		}
		if res.Pass {
			for _, e := range res.Errors {
				if e.Severity == SeverityError {
					t.Fatalf("pass with an error: %v", e)
				}
			}
		}
	})
}
