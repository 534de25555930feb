package storetest

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/tailor-email/tailor/store"
)

func testCursor(t *testing.T, loc string) {
	ctx := context.Background()
	s := open(t, loc)
	var ps []store.Profile
	var ids []string
	for i := range 1203 {
		id := fmt.Sprintf("r%05d", (i*7919)%1203) // put out of order
		ps = append(ps, profile(id, i))
		ids = append(ids, id)
	}
	if err := s.Put(ctx, ps); err != nil {
		t.Fatal(err)
	}
	slices.Sort(ids)
	got := collect(t, s, store.Filter{Page: 100})
	if !slices.Equal(got, ids) {
		t.Fatalf("streamed %d profiles, want %d in ID order", len(got), len(ids))
	}
	if got := collect(t, s, store.Filter{After: ids[999], Page: 100}); !slices.Equal(got, ids[1000:]) {
		t.Errorf("after %s: %d profiles, want %d", ids[999], len(got), len(ids)-1000)
	}
	for _, id := range ids[:5] {
		if _, err := s.SetSegments(ctx, id, []string{"vip"}, at); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.SetSegments(ctx, ids[0], nil, at); err != nil { // left it
		t.Fatal(err)
	}
	if got := collect(t, s, store.Filter{Segment: "vip", Page: 2}); !slices.Equal(got, ids[1:5]) {
		t.Errorf("segment vip: %v, want %v", got, ids[1:5])
	}
	n := 0
	for range s.Profiles(ctx, store.Filter{Page: 10}) {
		if n++; n == 15 {
			break
		}
	}
	testCursorSuppressed(t, s, ids)
}

func testCursorSuppressed(t *testing.T, s store.Store, ids []string) {
	ctx := context.Background()
	byID := store.Suppression{Who: ids[3], List: "news", Reason: "unsubscribe", At: at}
	byEmail := store.Suppression{Who: ids[7] + "@example.com", Reason: "bounce", At: at}
	other := store.Suppression{Who: ids[9], List: "offers", Reason: "unsubscribe", At: at}
	for _, sp := range []store.Suppression{byID, byEmail, other} {
		if err := s.Suppress(ctx, sp); err != nil {
			t.Fatal(err)
		}
	}
	var suppressed []string
	total := 0
	for p, err := range s.Profiles(ctx, store.Filter{List: "news", Page: 50}) {
		if err != nil {
			t.Fatal(err)
		}
		total++
		if p.Suppressed {
			suppressed = append(suppressed, p.ID)
		}
	}
	if want := []string{ids[3], ids[7]}; !slices.Equal(suppressed, want) || total != len(ids) {
		t.Errorf("suppressed on news: %v of %d, want %v of %d", suppressed, total, want, len(ids))
	}
}

func collect(t *testing.T, s store.Store, f store.Filter) []string {
	t.Helper()
	var out []string
	for p, err := range s.Profiles(context.Background(), f) {
		if err != nil {
			t.Fatal(err)
		}
		if p.Suppressed {
			t.Errorf("%s suppressed without a list", p.ID)
		}
		out = append(out, p.ID)
	}
	return out
}
