package storetest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/tailor-email/tailor/store"
)

// testApplyEach: a batch whose middle item fails commits the others (the
// third sees the first's write), the failed one leaves no trace, and
// batches that touch the same profiles in opposite orders, run at once,
// all complete and lose nothing.
func testApplyEach(t *testing.T, loc string) {
	ctx := context.Background()
	s := open(t, loc)
	boom := errors.New("boom")
	fail := func(store.Current) (store.Update, error) { return store.Update{}, boom }
	out, errs, err := s.ApplyEach(ctx, []store.Item{{ID: "ana", At: at, Fn: counter}, {ID: "bo", At: at, Fn: fail}, {ID: "ana", At: at, Fn: counter}})
	if err != nil {
		t.Fatal(err)
	}
	if errs[0] != nil || !errors.Is(errs[1], boom) || errs[2] != nil || out[2].Seq <= out[0].Seq {
		t.Fatalf("ApplyEach: %+v, errors %v", out, errs)
	}
	got, err := s.Get(ctx, "ana", "bo")
	if err != nil || !strings.Contains(string(got["ana"].Data), `"n":2`) || len(got) != 1 {
		t.Fatalf("after the batch: %v (%v), want ana at n 2 and no bo", got, err)
	}
	ids := []string{"ana", "cy", "dee", "eve"}
	const batches = 8
	var wg sync.WaitGroup
	fails := make(chan error, batches)
	for b := range batches {
		wg.Go(func() {
			var items []store.Item
			for i := range ids {
				id := ids[i]
				if b%2 == 1 {
					id = ids[len(ids)-1-i]
				}
				items = append(items, store.Item{ID: id, At: at, Fn: counterOf(id)})
			}
			_, errs, err := s.ApplyEach(ctx, items)
			fails <- errors.Join(append(errs, err)...)
		})
	}
	wg.Wait()
	close(fails)
	for err := range fails {
		if err != nil {
			t.Fatal(err)
		}
	}
	got, err = s.Get(ctx, ids...)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		want := batches
		if id == "ana" {
			want += 2
		}
		if !strings.Contains(string(got[id].Data), fmt.Sprintf(`"n":%d`, want)) {
			t.Errorf("%s: %s, want n %d", id, got[id].Data, want)
		}
	}
}

// counterOf is counter for the profile id.
func counterOf(id string) store.ApplyFunc {
	return func(cur store.Current) (store.Update, error) {
		u, err := counter(cur)
		if err != nil {
			return u, err
		}
		u.Profile.ID = id
		u.Profile.Data = []byte(strings.Replace(string(u.Profile.Data), `"id":"ana"`, fmt.Sprintf(`"id":%q`, id), 1))
		return u, nil
	}
}
