package store_test

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/tailor-email/tailor/store"
)

func TestMergeJSON(t *testing.T) {
	stored, in := `{"a":1,"b":"x","keep":true}`, `{"a":2,"c":[1]}`
	for _, c := range []struct {
		policy store.Merge
		want   string
	}{
		{store.MostRecent, `{"a":2,"b":"x","c":[1],"keep":true}`},
		{store.Precedence, `{"a":1,"b":"x","c":[1],"keep":true}`},
		{store.Replace, `{"a":2,"c":[1]}`},
	} {
		got, conflicts, err := store.MergeJSON([]byte(stored), []byte(in), c.policy)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != c.want || conflicts != 1 {
			t.Errorf("%s: %s with %d conflicts, want %s with 1", c.policy, got, conflicts, c.want)
		}
	}
	if _, err := store.ParseMerge("newest"); err == nil {
		t.Error("ParseMerge took newest")
	}
}

// TestImport imports across batch boundaries, with an ID twice in one
// batch, then again: the second import changes nothing.
func TestImport(t *testing.T) {
	ctx := context.Background()
	s, err := store.OpenSQLite(ctx, filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	profiles := func(yield func(store.Profile) bool) {
		for i := range 25 {
			id := fmt.Sprintf("p%02d", i%20) // p00..p04 come twice
			data, _ := json.Marshal(map[string]any{"id": id, "n": i})
			if !yield(store.Profile{ID: id, Email: id + "@example.com", Data: data}) {
				return
			}
		}
	}
	now := func() time.Time { return time.Unix(1700000000, 0) }
	rep, err := store.Import(ctx, s, profiles, store.MostRecent, 7, now)
	if err != nil {
		t.Fatal(err)
	}
	if rep.String() != "read 25: inserted 20, updated 5, unchanged 0; 5 fields in conflict" {
		t.Errorf("first import: %s", rep)
	}
	got, _ := s.Get(ctx, "p03")
	if string(got["p03"].Data) != `{"id":"p03","n":23}` {
		t.Errorf("p03 = %s, want the later row", got["p03"].Data)
	}
	before := dump(t, s)
	rep, err = store.Import(ctx, s, profiles, store.MostRecent, 7, now)
	if err != nil {
		t.Fatal(err)
	}
	// p00..p04 change twice within the file, as they did the first time;
	// the others are unchanged, and so is the store when it ends.
	if rep.String() != "read 25: inserted 0, updated 10, unchanged 15; 10 fields in conflict" {
		t.Errorf("second import: %s", rep)
	}
	if after := dump(t, s); after != before {
		t.Errorf("the second import changed the store:\n%s\n%s", before, after)
	}
}

func dump(t *testing.T, s store.Store) string {
	t.Helper()
	out := ""
	for p, err := range s.Profiles(context.Background(), store.Filter{}) {
		if err != nil {
			t.Fatal(err)
		}
		out += p.ID + p.Email + string(p.Data) + p.Updated.String() + "\n"
	}
	return out
}
