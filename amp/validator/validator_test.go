package validator

import (
	"slices"
	"testing"

	_ "github.com/tailor-email/tailor/internal/goldentest" // defines -update: go test ./... -update runs here too
)

func TestSummary(t *testing.T) {
	cases := []struct {
		name string
		res  Result
		want string
	}{
		{"pass", Result{Pass: true, Errors: []Error{{Line: 1, Message: "w", Severity: SeverityWarning}}}, "PASS"},
		{"one error", Result{Errors: []Error{{Line: 2, Col: 3, Message: "bad", SpecURL: "u"}}}, "FAIL: 2:3 bad (see u)"},
		{"warnings skipped", Result{Errors: []Error{
			{Line: 1, Message: "w", Severity: SeverityWarning},
			{Line: 4, Col: 0, Message: "bad"},
			{Line: 5, Col: 1, Message: "worse"},
			{Line: 6, Col: 2, Message: "worst"},
		}}, "FAIL: 4:0 bad (and 2 more)"},
	}
	for _, c := range cases {
		if got := c.res.Summary(); got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}

func TestSeverityString(t *testing.T) {
	if SeverityError.String() != "ERROR" || SeverityWarning.String() != "WARNING" {
		t.Errorf("got %s, %s", SeverityError, SeverityWarning)
	}
}

// TestValidateConcurrent runs Validate from several goroutines on the
// same document (the engine validates recipients in parallel); run with
// -race to check the shared rules are read-only.
func TestValidateConcurrent(t *testing.T) {
	doc := productDoc()
	done := make(chan Result)
	for i := 0; i < 4; i++ {
		go func() { done <- Validate(doc) }()
	}
	for i := 0; i < 4; i++ {
		if res := <-done; !res.Pass {
			t.Errorf("concurrent run failed:\n%s", errorLines(res))
		}
	}
}

// TestUnusedExtensionsInNameOrder checks that extensions loaded but never
// used are reported in the same order on every run (by name), not in a
// map's order.
func TestUnusedExtensionsInNameOrder(t *testing.T) {
	head := ""
	for _, ext := range []string{"amp-list", "amp-carousel", "amp-accordion", "amp-form", "amp-bind"} {
		v := "0.1"
		if ext == "amp-carousel" {
			v = "0.2"
		}
		head += `<script async custom-element="` + ext + `" src="https://cdn.ampproject.org/v0/` + ext + `-` + v + `.js"></script>` + "\n"
	}
	doc := emailDoc(head, "<p>Hi</p>")
	var first []string
	for run := 0; run < 20; run++ {
		var got []string
		for _, e := range Validate([]byte(doc)).Errors {
			if e.Code == "EXTENSION_UNUSED" {
				got = append(got, e.Message)
			}
		}
		if run == 0 {
			first = got
			if len(got) < 2 {
				t.Fatalf("want several EXTENSION_UNUSED, got %q", got)
			}
			if !slices.IsSorted(got) {
				t.Errorf("unused extensions not in name order: %q", got)
			}
		} else if !slices.Equal(got, first) {
			t.Fatalf("run %d reported %q, the first run %q", run, got, first)
		}
	}
}
