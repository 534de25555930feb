package serve

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tailor-email/tailor/store"
	"github.com/tailor-email/tailor/store/storetest"
)

// storedServer is a server on a new store of kind with the example's
// fixture profiles ana and ben stored.
func storedServer(t *testing.T, fresh storetest.Fresh, opts Options) (*Server, store.Store) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, fresh(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	for _, name := range []string{"ana", "ben"} {
		p := fixture(t, name)
		data := mustJSON(t, p)
		if err := st.Put(ctx, []store.Profile{{ID: p["id"].(string), Email: p["email"].(string), Data: json.RawMessage(data), Updated: testNow}}); err != nil {
			t.Fatal(err)
		}
	}
	opts.Store = st
	s, ws := newServer(t, "", opts)
	t.Cleanup(func() { ws.Close() })
	return s, st
}

// orders is the number of orders of a stored profile.
func orders(t *testing.T, st store.Store, id string) int {
	t.Helper()
	got, err := st.Get(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	var p struct{ Orders []any }
	if err := json.Unmarshal(got[id].Data, &p); err != nil {
		t.Fatal(err)
	}
	return len(p.Orders)
}

// recorder is a TransitionSink that checks the store already holds what
// it is handed (so it runs after the commit) and keeps it.
type recorder struct {
	st  store.Store
	mu  sync.Mutex
	got []store.Transition
	err error
}

func (r *recorder) Transitions(ctx context.Context, profile string, ts []store.Transition, at time.Time) error {
	h, err := r.st.History(ctx, profile, 0)
	r.mu.Lock()
	defer r.mu.Unlock()
	if err == nil && !slices.ContainsFunc(h, func(t store.Transition) bool { return t.Seq == ts[0].Seq }) {
		err = fmt.Errorf("transition %d of %s handed before it was committed", ts[0].Seq, profile)
	}
	r.err = errorsJoin(r.err, err)
	r.got = append(r.got, ts...)
	return nil
}

func errorsJoin(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

// TestEventUpdatesStoredProfile: an event that names only the ID of a
// stored profile applies to it (its order appended, cart cleared), the
// response and GET /v1/profiles/{id} show the transitions with their
// cause, the sink gets them after the commit, and /metrics counts them.
func TestEventUpdatesStoredProfile(t *testing.T) {
	rec := &recorder{}
	s, st := storedServer(t, storetest.FreshSQLite, Options{Transitions: rec})
	rec.st = st
	h := s.Handler()
	ben := fixture(t, "ben")
	id := ben["id"].(string)
	r := do(h, "POST", "/v1/events/purchase", `{"id":"`+id+`","event":{"total":120}}`)
	if r.Code != http.StatusOK {
		t.Fatalf("status %d: %s", r.Code, r.Body)
	}
	var resp EventResponse
	if err := json.Unmarshal(r.Body.Bytes(), &resp); err != nil {
		t.Fatal(err)
	}
	cause := fmt.Sprintf("purchase#%d", resp.Seq)
	entered := slices.IndexFunc(resp.Transitions, func(tr Transition) bool { return tr.Segment == "recent_purchaser" && tr.Entered })
	if resp.Seq == 0 || resp.Message == nil || entered < 0 || resp.Transitions[entered].Cause != cause || !resp.Transitions[entered].At.Equal(testNow) {
		t.Fatalf("response: seq %d, transitions %+v, message %v: want recent_purchaser entered by %s", resp.Seq, resp.Transitions, resp.Message != nil, cause)
	}
	if n := orders(t, st, id); n != len(ben["orders"].([]any))+1 {
		t.Errorf("stored orders %d, want one more than %d", n, len(ben["orders"].([]any)))
	}
	if rec.err != nil || len(rec.got) != len(resp.Transitions) {
		t.Errorf("sink: %d transitions (%v), want %d", len(rec.got), rec.err, len(resp.Transitions))
	}
	r = do(h, "GET", "/v1/profiles/"+id, "")
	var pr ProfileResponse
	if err := json.Unmarshal(r.Body.Bytes(), &pr); err != nil || r.Code != http.StatusOK {
		t.Fatalf("GET profile: %d %s (%v)", r.Code, r.Body, err)
	}
	if len(pr.Events) != 1 || pr.Events[0].Name != "purchase" || len(pr.Transitions) != len(resp.Transitions) ||
		!slices.ContainsFunc(pr.Segments, func(s SegmentState) bool { return s.Segment == "recent_purchaser" }) ||
		len(pr.Scores) == 0 || !strings.Contains(string(pr.Profile), `"total":120`) || !strings.Contains(r.Body.String(), `"pending_jobs":[]`) {
		t.Errorf("GET profile: %s", r.Body)
	}
	if r := do(h, "GET", "/v1/profiles/nobody", ""); r.Code != http.StatusNotFound {
		t.Errorf("unknown profile: %d", r.Code)
	}
	do(h, "POST", "/v1/events/purchase", `{"id":"nobody","event":{"total":1}}`)
	m := do(h, "GET", "/metrics", "").Body.String()
	for _, want := range []string{`tailor_serve_events_total{result="applied"} 1`, `tailor_serve_events_total{result="failed"} 1`,
		fmt.Sprintf(`tailor_serve_transitions_total{kind="entered"} %d`, countEntered(resp.Transitions))} {
		if !strings.Contains(m, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}

func countEntered(ts []Transition) int {
	n := 0
	for _, t := range ts {
		if t.Score == "" && t.Entered {
			n++
		}
	}
	return n
}

// TestEventUnknownProfile: an ID the store does not have is a 404, and
// without a profile or an ID the request is a 400.
func TestEventUnknownProfile(t *testing.T) {
	s, _ := storedServer(t, storetest.FreshSQLite, Options{})
	h := s.Handler()
	if r := do(h, "POST", "/v1/events/purchase", `{"id":"nobody","event":{"total":1}}`); r.Code != http.StatusNotFound || apiError(t, r).Code != "unknown_profile" {
		t.Errorf("unknown ID: %d %s", r.Code, r.Body)
	}
	if r := do(h, "POST", "/v1/events/purchase", `{"event":{"total":1}}`); r.Code != http.StatusBadRequest {
		t.Errorf("no ID: %d %s", r.Code, r.Body)
	}
}

// TestConcurrentEventsOneProfile posts N purchases for one stored
// profile at once, on SQLite and PostgreSQL: every one is answered 200
// and appended one order; none is lost.
func TestConcurrentEventsOneProfile(t *testing.T) {
	for kind, fresh := range storetest.Kinds() {
		t.Run(kind, func(t *testing.T) {
			s, st := storedServer(t, fresh, Options{RenderTimeout: 2 * time.Minute}) // a loaded machine is slow, not wrong
			h := s.Handler()
			ana := fixture(t, "ana")
			id := ana["id"].(string)
			const n = 24
			var wg sync.WaitGroup
			codes := make(chan string, n)
			for i := range n {
				wg.Go(func() {
					r := do(h, "POST", "/v1/events/purchase", fmt.Sprintf(`{"id":%q,"event":{"total":%d}}`, id, i))
					codes <- fmt.Sprint(r.Code, " ", strings.TrimSpace(r.Body.String())[:min(200, r.Body.Len())])
				})
			}
			wg.Wait()
			close(codes)
			for c := range codes {
				if !strings.HasPrefix(c, "200 ") {
					t.Fatalf("an event answered %s", c)
				}
			}
			if got, want := orders(t, st, id), len(ana["orders"].([]any))+n; got != want {
				t.Fatalf("%d stored orders after %d concurrent events, want %d", got, n, want)
			}
			evs, err := st.Events(context.Background(), id)
			if err != nil || len(evs) != n {
				t.Fatalf("%d stored events (%v), want %d", len(evs), err, n)
			}
		})
	}
}

// TestEventsBatch: POST /v1/events applies each event in its own
// transaction; an unknown ID, an unknown event and a missing ID each get
// their error, in place, and the others apply.
func TestEventsBatch(t *testing.T) {
	s, st := storedServer(t, storetest.FreshSQLite, Options{})
	h := s.Handler()
	ana, ben := fixture(t, "ana")["id"].(string), fixture(t, "ben")["id"].(string)
	before := orders(t, st, ana)
	body := fmt.Sprintf(`{"events":[
		{"name":"purchase","id":%q,"event":{"total":10}},
		{"name":"purchase","id":"nobody","event":{"total":10}},
		{"name":"refund","id":%q,"event":{}},
		{"name":"purchase","event":{}},
		{"name":"purchase","id":%q,"event":{"total":5},"now":"2026-11-04T10:00:00Z"}]}`, ana, ana, ben)
	r := do(h, "POST", "/v1/events", body)
	var resp EventsResponse
	if err := json.Unmarshal(r.Body.Bytes(), &resp); err != nil || r.Code != http.StatusOK {
		t.Fatalf("%d %s (%v)", r.Code, r.Body, err)
	}
	codes := make([]string, len(resp.Results))
	for i, res := range resp.Results {
		if res.Error != nil {
			codes[i] = res.Error.Code + " " + res.Error.Field
		} else if res.Seq == 0 {
			t.Errorf("result %d: no seq: %+v", i, res)
		}
	}
	want := []string{"", "unknown_profile events[1].id", "unknown_event events[2].name", "missing_field events[3].id", ""}
	if !slices.Equal(codes, want) || resp.Applied != 2 || resp.Failed != 3 {
		t.Errorf("results %q (applied %d, failed %d), want %q", codes, resp.Applied, resp.Failed, want)
	}
	if got := orders(t, st, ana); got != before+1 {
		t.Errorf("ana has %d orders, want %d", got, before+1)
	}
	evs, _ := st.Events(context.Background(), ben)
	if len(evs) != 1 || !evs[0].At.Equal(time.Date(2026, 11, 4, 10, 0, 0, 0, time.UTC)) {
		t.Errorf("ben's events %+v: want one at its own now", evs)
	}
	large := `{"events":[` + strings.TrimSuffix(strings.Repeat(`{"name":"purchase","id":"x","event":{}},`, 101), ",") + `]}`
	if r := do(h, "POST", "/v1/events", large); r.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("101 events: %d, want 413", r.Code)
	}
}

// TestProfileRecentEvents: GET /v1/profiles/{id} shows the newest 20
// events, newest first.
func TestProfileRecentEvents(t *testing.T) {
	s, _ := storedServer(t, storetest.FreshSQLite, Options{})
	h := s.Handler()
	id := fixture(t, "ana")["id"].(string)
	var evs []string
	for i := range 25 {
		evs = append(evs, fmt.Sprintf(`{"name":"purchase","id":%q,"event":{"total":%d}}`, id, i))
	}
	if r := do(h, "POST", "/v1/events", `{"events":[`+strings.Join(evs, ",")+`]}`); r.Code != http.StatusOK {
		t.Fatalf("batch: %d %s", r.Code, r.Body)
	}
	var pr ProfileResponse
	r := do(h, "GET", "/v1/profiles/"+id, "")
	if err := json.Unmarshal(r.Body.Bytes(), &pr); err != nil {
		t.Fatal(err)
	}
	if len(pr.Events) != recentEvents || !strings.Contains(string(pr.Events[0].Event), `"total":24`) {
		t.Fatalf("%d events, first %s: want %d, the newest (total 24) first", len(pr.Events), pr.Events[0].Event, recentEvents)
	}
	for i := 1; i < len(pr.Events); i++ {
		if pr.Events[i].Seq >= pr.Events[i-1].Seq {
			t.Fatalf("events not newest first: %+v", pr.Events)
		}
	}
}
