package preview_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tailor-email/tailor/preview"
	"github.com/tailor-email/tailor/report/synth"
	"github.com/tailor-email/tailor/store"
)

// sendLogStore is a SQLite store holding a synthetic send log of n sends
// of the newsletter, benefit clicking 20% more than question, and one
// send of picks.
func sendLogStore(t *testing.T, n int) store.Store {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "store.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	cfg := synth.Default()
	cfg.Sends, cfg.Lift, cfg.Experiment, cfg.A, cfg.B = n, 0.2, "subject_line", "question", "benefit"
	var sends []store.Send
	var outcomes []store.Outcome
	for r, err := range cfg.Records() {
		if err != nil {
			t.Fatal(err)
		}
		sends = append(sends, r.Send)
		outcomes = append(outcomes, r.Outcomes...)
	}
	other := sends[0]
	other.MessageID, other.Template = "picks-1@synth", "picks"
	if err := st.RecordSends(ctx, append(sends, other)); err != nil {
		t.Fatal(err)
	}
	if err := st.RecordOutcomes(ctx, outcomes); err != nil {
		t.Fatal(err)
	}
	return st
}

// TestResultsTab: with a store, each email has a Results page: the
// report's page over that email's sends, with its charts, under a policy
// that lets it load nothing; the index and the matrix link it. Without a
// store the page says there is no send log.
func TestResultsTab(t *testing.T) {
	st := sendLogStore(t, 2000)
	h, _ := newHandler(t, func(o *preview.Options) { o.Store = st })
	res, body := do(t, h, "GET", "/email/newsletter/results", nil, nil)
	if res.StatusCode != 200 {
		t.Fatalf("status %d:\n%.2000s", res.StatusCode, body)
	}
	for _, want := range []string{"<title>Results: newsletter</title>", "2000 sends, sent ", `<svg class="chart rates" id="segments-click"`,
		`<svg class="chart rates" id="experiment-subject_line"`, `<polyline class="line" data-series="sends"`, "<h3>subject_line (click rate)</h3>"} {
		if !strings.Contains(body, want) {
			t.Errorf("the results page lacks %q", want)
		}
	}
	if csp := res.Header.Get("Content-Security-Policy"); !strings.HasPrefix(csp, "default-src 'none'; style-src 'unsafe-inline'") {
		t.Errorf("Content-Security-Policy %q", csp)
	}
	if _, body := do(t, h, "GET", "/email/picks/results", nil, nil); !strings.Contains(body, "1 sends, sent ") {
		t.Errorf("picks' results count other sends:\n%.500s", body)
	}
	if res, _ := do(t, h, "GET", "/email/nosuch/results", nil, nil); res.StatusCode != 404 {
		t.Errorf("an unknown email's results: status %d", res.StatusCode)
	}
	for _, page := range []string{"/", "/email/newsletter"} {
		if _, body := do(t, h, "GET", page, nil, nil); !strings.Contains(body, `href="/email/newsletter/results"`) {
			t.Errorf("%s does not link the results", page)
		}
	}
	h, _ = newHandler(t)
	if res, body := do(t, h, "GET", "/email/newsletter/results", nil, nil); res.StatusCode != 404 || !strings.Contains(body, "no send log") {
		t.Errorf("without a store: status %d:\n%.500s", res.StatusCode, body)
	}
}
