package storetest

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/tailor-email/tailor/store"
)

// testForget forgets a profile that has events, segment history and a
// suppression, then reads every row of every table: none mentions its
// ID or address, the suppression remains as a hash, and the others'
// rows are untouched.
func testForget(t *testing.T, loc string) {
	ctx := context.Background()
	s := open(t, loc)
	const id, email = "zed-4711", "zed-4711@example.com"
	keep := profile("kept", 1)
	gone := store.Profile{ID: id, Email: email, Data: json.RawMessage(`{"id":"zed-4711","email":"zed-4711@example.com"}`), Updated: at}
	steps := []error{
		s.Put(ctx, []store.Profile{gone, keep}),
		s.Suppress(ctx, store.Suppression{Who: id, List: "news", Reason: "unsubscribe", At: at}),
	}
	for _, who := range []string{id, "kept"} {
		_, err := s.Append(ctx, store.Event{Profile: who, Name: "purchase", At: at, Data: json.RawMessage(`{"by":"` + who + `"}`)})
		steps = append(steps, err)
		_, err = s.SetSegments(ctx, who, []string{"vip"}, at)
		steps = append(steps, err)
		_, err = s.Apply(ctx, who, at, func(store.Current) (store.Update, error) { // transitions and scores (#20)
			return store.Update{Cause: store.RefreshCause, Segments: map[string]bool{"new": true},
				Scores: map[string]int{"value": 3}, Tiers: map[string]string{"value": "low"}}, nil
		})
		steps = append(steps, err)
		_, err = s.Schedule(ctx, []store.Job{{Key: "winback/" + who, Trigger: "winback", Profile: who, Email: "news", Due: at, Created: at}})
		steps = append(steps, err)
	}
	for _, err := range steps {
		if err != nil {
			t.Fatal(err)
		}
	}
	found, err := s.Forget(ctx, id)
	if err != nil || !found {
		t.Fatalf("Forget = %v, %v", found, err)
	}
	d, ok := s.(store.Dumper)
	if !ok {
		t.Fatalf("%T is no store.Dumper", s)
	}
	hashed, kept := false, 0
	err = d.Dump(ctx, func(table string, row []string) error {
		for _, v := range row {
			if strings.Contains(strings.ToLower(v), "zed-4711") {
				t.Errorf("table %s still mentions the forgotten ID: %q", table, row)
			}
			if v == store.Hash(id) && table == "suppressions" {
				hashed = true
			}
			if strings.Contains(v, "kept") {
				kept++
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !hashed {
		t.Error("the hashed suppression is gone")
	}
	if kept < 7 { // profile, event, 2 memberships, job, score, 2 transitions of the other recipient
		t.Errorf("%d rows mention the other recipient, want its profile, event, memberships, job, score and transitions", kept)
	}
	if sup, _ := s.Suppressed(ctx, id, "news"); !sup {
		t.Error("the forgotten recipient is no longer suppressed")
	}
	if found, _ := s.Forget(ctx, id); found {
		t.Error("a second Forget found something")
	}
}

// testConcurrent writes from several goroutines at once: each write
// succeeds (SQLite's writers wait their turn) and every one is stored.
func testConcurrent(t *testing.T, loc string) {
	ctx := context.Background()
	s := open(t, loc)
	var wg sync.WaitGroup
	errs := make(chan error, 8*25*2)
	for g := range 8 {
		wg.Go(func() {
			for i := range 25 {
				id := fmt.Sprintf("g%d-%02d", g, i)
				errs <- s.Put(ctx, []store.Profile{profile(id, i)})
				_, err := s.Append(ctx, store.Event{Profile: id, Name: "open", At: at})
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if got := collect(t, s, store.Filter{}); len(got) != 200 {
		t.Errorf("%d profiles stored, want 200", len(got))
	}
}
