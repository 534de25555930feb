package serve

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/tailor-email/tailor/serve/internal/load"
	"github.com/tailor-email/tailor/store"
	"github.com/tailor-email/tailor/store/storetest"
)

var (
	loadIDs   = flag.Int("load.ids", 200, "stored profiles load-1..load-N that TestLoadEvents sends events for (scripts/load-events.sh imports them)")
	loadBatch = flag.Int("load.batch", 50, "events per POST /v1/events request in TestLoadEvents")
)

// eventBodies are the bodies of one event per stored load profile, for
// POST /v1/events/purchase, and of batches of them for POST /v1/events.
func eventBodies(t testing.TB, ids, batch int) (single, batches [][]byte) {
	t.Helper()
	var pending []BatchEvent
	for i := 1; i <= ids; i++ {
		id, ev := fmt.Sprintf("load-%d", i), map[string]any{"total": float64(i % 300)}
		single = append(single, []byte(mustJSON(t, EventRequest{ID: id, Event: ev})))
		pending = append(pending, BatchEvent{Name: "purchase", ID: id, Event: ev})
		if len(pending) == batch || i == ids {
			batches = append(batches, []byte(mustJSON(t, EventsRequest{Events: pending})))
			pending = nil
		}
	}
	return single, batches
}

// loadProfiles stores the profiles load-1..load-n.
func loadProfiles(t *testing.T, st store.Store, n int) {
	t.Helper()
	var ps []store.Profile
	for i := 1; i <= n; i++ {
		id := fmt.Sprintf("load-%d", i)
		data := fmt.Sprintf(`{"id":%q,"email":"%s@example.com","first_name":"Lou"}`, id, id)
		ps = append(ps, store.Profile{ID: id, Email: id + "@example.com", Data: json.RawMessage(data), Updated: testNow})
	}
	if err := st.Put(context.Background(), ps); err != nil {
		t.Fatal(err)
	}
}

// TestLoadEvents sends purchase events for stored profiles, one per
// request (each also renders its email) and then in batches of
// -load.batch, at -load.concurrency for -load.duration each, and wants
// no failed request. Its log is the load report (scripts/load-events.sh
// runs it against tailor serve on SQLite and PostgreSQL).
func TestLoadEvents(t *testing.T) {
	base := *loadURL
	if base == "" {
		// A loaded machine slows the store; the test wants no failure, so
		// its requests have time (figures come from scripts/load-events.sh).
		s, st := storedServer(t, storetest.FreshSQLite, Options{RenderTimeout: 2 * time.Minute})
		loadProfiles(t, st, *loadIDs)
		srv := httptest.NewServer(s.Handler())
		defer srv.Close()
		base = srv.URL
	}
	single, batches := eventBodies(t, *loadIDs, *loadBatch)
	res := load.Run(context.Background(), load.Options{URL: base + "/v1/events/purchase", Bodies: single,
		Concurrency: *loadConcurrency, Duration: duration(t), Observe: okEvent})
	t.Logf("load: POST /v1/events/purchase (stored profile, render), %d concurrent: %s", *loadConcurrency, res)
	if res.Errors > 0 || res.Requests == 0 {
		t.Fatalf("%d of %d requests failed; first: %v", res.Errors, res.Requests, res.FirstErr)
	}
	res = load.Run(context.Background(), load.Options{URL: base + "/v1/events", Bodies: batches,
		Concurrency: *loadConcurrency, Duration: duration(t), Observe: okBatch})
	t.Logf("load: POST /v1/events, %d events a request, %d concurrent: %s; %.0f events/s", *loadBatch, *loadConcurrency, res,
		res.Throughput()*float64(*loadBatch))
	if res.Errors > 0 || res.Requests == 0 {
		t.Fatalf("%d of %d requests failed; first: %v", res.Errors, res.Requests, res.FirstErr)
	}
}

// okEvent fails a response that is not a stored event's 200.
func okEvent(_ time.Time, status int, body []byte) error {
	if status != 200 || !strings.Contains(string(body), `"seq":`) {
		return fmt.Errorf("status %d: %.200s", status, body)
	}
	return nil
}

// okBatch fails a batch response with a failed event.
func okBatch(_ time.Time, status int, body []byte) error {
	var r EventsResponse
	if err := json.Unmarshal(body, &r); err != nil || status != 200 || r.Failed > 0 {
		return fmt.Errorf("status %d: %.300s", status, body)
	}
	return nil
}
