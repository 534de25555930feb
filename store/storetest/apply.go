package storetest

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tailor-email/tailor/store"
)

// counter is an ApplyFunc that adds one to the profile's "n" and appends
// an event: under concurrent Applies on one profile, every one counts.
func counter(cur store.Current) (store.Update, error) {
	var p struct {
		ID string `json:"id"`
		N  int    `json:"n"`
	}
	if cur.Found {
		if err := json.Unmarshal(cur.Profile.Data, &p); err != nil {
			return store.Update{}, err
		}
	}
	p.ID = "ana"
	p.N++
	data, err := json.Marshal(p)
	if err != nil {
		return store.Update{}, err
	}
	in := map[string]bool{"odd": p.N%2 == 1}
	return store.Update{
		Profile:  &store.Profile{ID: "ana", Email: "ana@example.com", Data: data, Updated: at},
		Event:    &store.Event{Name: "tick", At: at, Data: json.RawMessage(`{}`)},
		Segments: in,
	}, nil
}

// testApplyConcurrent runs N Applies on one profile at once: none is
// lost, each appended its event, and each flip of "odd" is a transition.
func testApplyConcurrent(t *testing.T, loc string) {
	ctx := context.Background()
	s := open(t, loc)
	const n = 40
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for range n {
		wg.Go(func() {
			_, err := s.Apply(ctx, "ana", at, counter)
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.Get(ctx, "ana")
	if err != nil {
		t.Fatal(err)
	}
	if want := fmt.Sprintf(`"n":%d`, n); !strings.Contains(string(got["ana"].Data), want) {
		t.Fatalf("profile after %d concurrent applies: %s, want %s", n, got["ana"].Data, want)
	}
	evs, err := s.Events(ctx, "ana")
	if err != nil || len(evs) != n {
		t.Fatalf("%d events (%v), want %d", len(evs), err, n)
	}
	h, err := s.History(ctx, "ana", 0)
	if err != nil || len(h) != n { // odd is entered at 1, left at 2, ...
		t.Fatalf("%d transitions (%v), want %d", len(h), err, n)
	}
	for i, tr := range h { // newest first: the last (n even) left odd
		if want := (n-i)%2 == 1; tr.Entered != want || tr.Segment != "odd" {
			t.Fatalf("transition %d: %+v, want odd entered=%v", i, tr, want)
		}
	}
}

// testApplyTransitions checks what Apply records: the cause of an
// event's transitions is NAME#SEQ, a tier change is one, an update that
// changes nothing writes nothing, and a failing fn leaves no trace.
func testApplyTransitions(t *testing.T, loc string) {
	ctx := context.Background()
	s := open(t, loc)
	t1 := at.Add(time.Hour)
	data := json.RawMessage(`{"id":"bo"}`)
	first, err := s.Apply(ctx, "bo", at, func(store.Current) (store.Update, error) {
		return store.Update{Profile: &store.Profile{Data: data, Updated: at},
			Event:    &store.Event{Name: "purchase", At: at},
			Segments: map[string]bool{"buyer": true, "dormant": false},
			Scores:   map[string]int{"value": 40}, Tiers: map[string]string{"value": "silver"}}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	cause := fmt.Sprintf("purchase#%d", first.Seq)
	want := []store.Transition{
		{Segment: "buyer", Entered: true, At: at, Cause: cause, Event: first.Seq},
		{Score: "value", To: "silver", At: at, Cause: cause, Event: first.Seq},
	}
	if len(first.Transitions) != 2 || !same(first.Transitions[0], want[0]) || !same(first.Transitions[1], want[1]) || !first.Wrote {
		t.Fatalf("first apply: %+v, want %+v", first, want)
	}
	same1, err := s.Apply(ctx, "bo", t1, func(cur store.Current) (store.Update, error) {
		if !cur.Found || !cur.Segments["buyer"] || cur.Tiers["value"] != "silver" {
			return store.Update{}, fmt.Errorf("current %+v", cur)
		}
		return store.Update{Profile: &cur.Profile, Cause: store.RefreshCause,
			Segments: map[string]bool{"buyer": true, "dormant": false},
			Scores:   map[string]int{"value": 40}, Tiers: map[string]string{"value": "silver"}}, nil
	})
	if err != nil || same1.Wrote || len(same1.Transitions) != 0 {
		t.Fatalf("an apply that changes nothing: %+v, %v", same1, err)
	}
	if _, err := s.Apply(ctx, "bo", t1, func(store.Current) (store.Update, error) { return store.Update{}, fmt.Errorf("no") }); err == nil {
		t.Fatal("a failing fn: no error")
	}
	left, err := s.Apply(ctx, "bo", t1, func(cur store.Current) (store.Update, error) {
		return store.Update{Cause: store.RefreshCause, Segments: map[string]bool{"buyer": false, "dormant": true},
			Scores: map[string]int{"value": 90}, Tiers: map[string]string{"value": "gold"}}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want = []store.Transition{
		{Segment: "buyer", Entered: false, At: t1, Cause: "refresh"},
		{Segment: "dormant", Entered: true, At: t1, Cause: "refresh"},
		{Score: "value", From: "silver", To: "gold", At: t1, Cause: "refresh"},
	}
	h, err := s.History(ctx, "bo", 0)
	if err != nil || len(h) != 5 {
		t.Fatalf("history %+v, %v: want 5", h, err)
	}
	for i, w := range want {
		if !same(left.Transitions[i], w) || !same(h[2-i], w) {
			t.Errorf("transition %d: %+v (history %+v), want %+v", i, left.Transitions[i], h[2-i], w)
		}
	}
	if h[0].Seq <= h[1].Seq {
		t.Errorf("history not newest first: %+v", h)
	}
	sc, err := s.Scores(ctx, "bo")
	if err != nil || len(sc) != 1 || sc[0].Points != 90 || sc[0].Tier != "gold" || !sc[0].Changed.Equal(t1) {
		t.Fatalf("scores %+v, %v", sc, err)
	}
	evs, err := s.Events(ctx, "bo")
	if err != nil || len(evs) != 1 {
		t.Fatalf("events %+v, %v: want the one purchase", evs, err)
	}
}

// same compares transitions but their Seq.
func same(a, b store.Transition) bool {
	a.Seq, b.Seq = 0, 0
	return a.Segment == b.Segment && a.Entered == b.Entered && a.Score == b.Score && a.From == b.From &&
		a.To == b.To && a.At.Equal(b.At) && a.Cause == b.Cause && a.Event == b.Event
}

// segs spells transitions' segments and directions, "[{vip true} ...]".
func segs(ts []store.Transition) string {
	parts := make([]string, len(ts))
	for i, t := range ts {
		parts[i] = fmt.Sprintf("{%s %v}", t.Segment, t.Entered)
	}
	return "[" + strings.Join(parts, " ") + "]"
}
