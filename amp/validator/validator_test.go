package validator

import "testing"

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
