package ingest

import (
	"context"
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/tailor-email/tailor/examples/shop"
	_ "github.com/tailor-email/tailor/internal/goldentest" // defines -update: go test ./... -update runs here too
	"github.com/tailor-email/tailor/render"
	"github.com/tailor-email/tailor/serve/events"
	"github.com/tailor-email/tailor/store"
	"github.com/tailor-email/tailor/store/storetest"
	"github.com/tailor-email/tailor/workspace"
)

// example is an Ingester on the example workspace and a new store.
func example(t *testing.T, fresh storetest.Fresh, sink store.TransitionSink) *Ingester {
	t.Helper()
	ws, err := workspace.Load(shop.FS())
	if err != nil {
		t.Fatal(err)
	}
	c, err := render.Compile(ws)
	if err != nil {
		t.Fatal(err)
	}
	evs, err := events.FromConfig(c.Config)
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(context.Background(), fresh(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return &Ingester{Campaign: c, Events: evs, Store: st, Sink: sink}
}

// sinkFunc is a TransitionSink of a function.
type sinkFunc func(profile string, ts []store.Transition)

func (f sinkFunc) Transitions(_ context.Context, profile string, ts []store.Transition, _ time.Time) error {
	f(profile, ts)
	return nil
}

// TestDormantOnDay91: a purchase makes the customer active; 90 days
// later, with no event, a refresh finds them not dormant; on day 91 it
// records the dormant transition (cause refresh, at the refresh's clock)
// and hands it to the sink; another refresh that day writes nothing. On
// SQLite and PostgreSQL.
func TestDormantOnDay91(t *testing.T) {
	for kind, fresh := range storetest.Kinds() {
		t.Run(kind, func(t *testing.T) {
			ctx := context.Background()
			var handed []store.Transition
			g := example(t, fresh, sinkFunc(func(_ string, ts []store.Transition) { handed = append(handed, ts...) }))
			bought := time.Date(2026, 8, 1, 10, 0, 0, 0, time.UTC)
			data := json.RawMessage(`{"id":"d-1","email":"d1@example.com","first_name":"Dee"}`)
			if err := g.Store.Put(ctx, []store.Profile{{ID: "d-1", Email: "d1@example.com", Data: data, Updated: bought}}); err != nil {
				t.Fatal(err)
			}
			res, err := g.Event(ctx, Input{Name: "purchase", ID: "d-1", Event: map[string]any{"total": 42.0}, Now: bought})
			if err != nil {
				t.Fatal(err)
			}
			if !res.Membership.Segments["recent_purchaser"] || res.Membership.Segments["dormant"] {
				t.Fatalf("after the purchase: %v", res.Membership.Segments)
			}
			day90, err := g.Refresh(ctx, "d-1", bought.AddDate(0, 0, 90))
			if err != nil {
				t.Fatal(err)
			}
			if day90.Membership.Segments["dormant"] || has(day90.Transitions, "dormant") {
				t.Fatalf("dormant 90 days after the purchase: %+v", day90.Transitions)
			}
			handed = nil
			day91 := bought.AddDate(0, 0, 91)
			st, err := g.RefreshAll(ctx, day91, nil)
			if err != nil {
				t.Fatal(err)
			}
			want := store.Transition{Segment: "dormant", Entered: true, At: day91, Cause: store.RefreshCause}
			i := slices.IndexFunc(handed, func(tr store.Transition) bool { return tr.Segment == "dormant" })
			if st.Profiles != 1 || st.Changed != 1 || i < 0 || handed[i].Entered != want.Entered || !handed[i].At.Equal(day91) || handed[i].Cause != want.Cause {
				t.Fatalf("refresh on day 91: %+v, handed %+v, want %+v", st, handed, want)
			}
			h, err := g.Store.History(ctx, "d-1", 1)
			if err != nil || len(h) != 1 || h[0].Segment != "dormant" || h[0].Cause != store.RefreshCause {
				t.Fatalf("stored history %+v (%v)", h, err)
			}
			again, err := g.RefreshAll(ctx, day91, nil)
			if err != nil || again.Changed != 0 || again.Transitions != 0 {
				t.Fatalf("a second refresh: %+v, %v: want nothing changed", again, err)
			}
		})
	}
}

func has(ts []store.Transition, segment string) bool {
	return slices.ContainsFunc(ts, func(t store.Transition) bool { return t.Segment == segment })
}
