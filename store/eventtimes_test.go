package store_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/tailor-email/tailor/store"
)

// TestEventTimesBounded: EventTimes reads a recipient's newest
// EventTimesLimit events only, and keeps those keep accepts.
func TestEventTimesBounded(t *testing.T) {
	ctx := context.Background()
	s, err := store.Open(ctx, filepath.Join(t.TempDir(), "store.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	n := store.EventTimesLimit + 50
	for i := range n {
		name := "open"
		if i%2 == 1 {
			name = "purchase"
		}
		if _, err := s.Append(ctx, store.Event{Profile: "p", Name: name, At: start.Add(time.Duration(i) * time.Minute)}); err != nil {
			t.Fatal(err)
		}
	}
	got, err := store.EventTimes(ctx, s, "p", func(name string) bool { return name == "open" })
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != store.EventTimesLimit/2 {
		t.Fatalf("%d open times, want the %d among the newest %d events", len(got), store.EventTimesLimit/2, store.EventTimesLimit)
	}
	if oldest := got[len(got)-1]; oldest.Before(start.Add(50 * time.Minute)) {
		t.Errorf("an event older than the newest %d was read: %v", store.EventTimesLimit, oldest)
	}
}
