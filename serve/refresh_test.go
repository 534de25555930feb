package serve

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tailor-email/tailor/reload"
	"github.com/tailor-email/tailor/serve/ingest"
	"github.com/tailor-email/tailor/store"
)

// withRefresh is a copy of the example whose tailor.yaml has refresh: spec.
func withRefresh(t *testing.T, spec string) string {
	t.Helper()
	dir := exampleDir(t)
	f, err := os.OpenFile(filepath.Join(dir, "tailor.yaml"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString("\nrefresh: " + spec + "\n"); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestRefreshSchedule: with refresh: "0 3 * * *", tailor serve waits for
// the next 03:00 in the workspace's zone (Europe/London) and then
// refreshes the stored profiles with no event: 91 days after a purchase
// the customer enters dormant, cause refresh.
func TestRefreshSchedule(t *testing.T) {
	ctx := context.Background()
	st, err := store.OpenSQLite(ctx, filepath.Join(t.TempDir(), "store.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	bought := time.Date(2026, 8, 1, 10, 0, 0, 0, time.UTC)
	day91 := bought.AddDate(0, 0, 91) // 2026-10-31, after the clocks went back
	data := json.RawMessage(`{"id":"d-1","email":"d1@example.com","first_name":"Dee"}`)
	if err := st.Put(ctx, []store.Profile{{ID: "d-1", Email: "d1@example.com", Data: data, Updated: bought}}); err != nil {
		t.Fatal(err)
	}
	s, ws := newServer(t, withRefresh(t, `"0 3 * * *"`), Options{Store: st, Clock: func() time.Time { return day91 }})
	defer ws.Close()
	if r := do(s.Handler(), "POST", "/v1/events/purchase", `{"id":"d-1","event":{"total":42},"now":"2026-08-01T10:00:00Z"}`); r.Code != 200 {
		t.Fatalf("purchase: %d %s", r.Code, r.Body)
	}
	waits, fire, refreshed := make(chan time.Duration, 1), make(chan time.Time), make(chan ingest.RefreshStats, 1)
	s.hooks.after = func(d time.Duration) <-chan time.Time { waits <- d; return fire }
	s.hooks.refreshed = func(st ingest.RefreshStats) { refreshed <- st }
	ctx, cancel := context.WithCancel(ctx)
	runErr := make(chan error, 1)
	go func() { runErr <- s.Run(ctx) }()
	defer func() { cancel(); <-runErr }()
	if d, want := recv(t, waits), time.Date(2026, 11, 1, 3, 0, 0, 0, time.UTC).Sub(day91); d != want {
		t.Errorf("waits %s for the refresh, want %s (03:00 in London, GMT since 25 October)", d, want)
	}
	entered := func() string {
		m := do(s.Handler(), "GET", "/metrics", "").Body.String()
		_, v, _ := strings.Cut(m, `tailor_serve_transitions_total{kind="entered"} `)
		v, _, _ = strings.Cut(v, "\n")
		return v
	}
	before := entered()
	fire <- day91
	stats := recv(t, refreshed)
	if stats.Profiles != 1 || stats.Changed != 1 {
		t.Errorf("refresh: %+v, want d-1 changed", stats)
	}
	if after := entered(); after == before {
		t.Errorf("tailor_serve_transitions_total{kind=\"entered\"} still %s after the refresh", after)
	}
	h, err := st.History(ctx, "d-1", 0)
	if err != nil || len(h) == 0 || h[0].Cause != store.RefreshCause || !hasSegment(h, "dormant", true) {
		t.Fatalf("history %+v (%v): want dormant entered by the refresh", h, err)
	}
}

func hasSegment(h []store.Transition, seg string, entered bool) bool {
	for _, t := range h {
		if t.Segment == seg && t.Entered == entered && t.Cause == store.RefreshCause {
			return true
		}
	}
	return false
}

// TestRefreshScheduleBad: a refresh: that is no cron schedule fails the
// build, naming it.
func TestRefreshScheduleBad(t *testing.T) {
	ws, err := reload.Open(withRefresh(t, `"every night"`), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	_, err = New(ws, Options{Getenv: func(string) string { return "" }})
	if err == nil || !strings.Contains(err.Error(), `tailor.yaml: refresh: "every night"`) {
		t.Fatalf("New: %v, want the refresh: schedule named", err)
	}
}

// recv receives from c; the bound only fails a refresher that never
// comes, it does not pace the test.
func recv[T any](t *testing.T, c <-chan T) T {
	t.Helper()
	select {
	case v := <-c:
		return v
	case <-time.After(2 * time.Minute):
		t.Fatal("the refresher did not get there in 2 minutes")
	}
	var zero T
	return zero
}
