package trigger

import (
	"context"
	"encoding/json"
	"path/filepath"
	"testing"
	"time"

	"github.com/tailor-email/tailor/store"
)

func openStore(t *testing.T) store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "store.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestSchedulerSchedulesAndCancels(t *testing.T) {
	ctx := context.Background()
	ts, err := parse(t, `triggers:
  cart_reminder:
    on: {enter: abandoned_cart}
    email: cart
    delay: 1h
    cancel_if: {enter: recent_purchaser}
    once_per: 7d
    quiet_hours: {from: "21:00", to: "08:00", zone: profile.time_zone}
`)
	if err != nil {
		t.Fatal(err)
	}
	st := openStore(t)
	put := func(id, zone string) {
		data, _ := json.Marshal(map[string]any{"id": id, "time_zone": zone})
		if err := st.Put(ctx, []store.Profile{{ID: id, Data: data, Updated: time.Now()}}); err != nil {
			t.Fatal(err)
		}
	}
	put("ana", "America/New_York")
	put("bo", "")
	var scheduled, cancelled int
	s := &Scheduler{Store: st, Current: func() ([]*Trigger, *time.Location) { return ts, time.UTC },
		Observe: func(s, c int) { scheduled += s; cancelled += c }}
	enter := []store.Transition{{Segment: "abandoned_cart", Entered: true, Cause: "cart#1"}}
	at := time.Date(2026, 11, 3, 10, 0, 0, 0, time.UTC)
	for range 2 { // the same transition told twice schedules once
		if err := s.Transitions(ctx, "bo", enter, at); err != nil {
			t.Fatal(err)
		}
	}
	// ana: 11:00 UTC is 06:00 in New York, inside her quiet hours.
	if err := s.Transitions(ctx, "ana", enter, at); err != nil {
		t.Fatal(err)
	}
	jobs, err := st.ListJobs(ctx, store.JobFilter{State: store.JobPending})
	if err != nil || len(jobs) != 2 || scheduled != 2 {
		t.Fatalf("pending jobs %+v (%v), %d scheduled; want one for bo and one for ana", jobs, err, scheduled)
	}
	due := map[string]time.Time{}
	for _, j := range jobs {
		due[j.Profile] = j.Due
	}
	if want := at.Add(time.Hour); !due["bo"].Equal(want) {
		t.Errorf("bo's reminder is due %v, want %v (no zone: UTC, outside quiet hours)", due["bo"], want)
	}
	if want := time.Date(2026, 11, 3, 13, 0, 0, 0, time.UTC); !due["ana"].Equal(want) {
		t.Errorf("ana's reminder is due %v, want %v (08:00 in New York)", due["ana"], want)
	}
	// Leaving and entering again within once_per schedules nothing more.
	again := []store.Transition{{Segment: "abandoned_cart", Entered: true, Cause: "cart#2"}}
	if err := s.Transitions(ctx, "bo", again, at.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	if scheduled != 2 {
		t.Errorf("once_per: %d scheduled, want still 2", scheduled)
	}
	buy := []store.Transition{{Segment: "abandoned_cart"}, {Segment: "recent_purchaser", Entered: true, Cause: "purchase#3"}}
	if err := s.Transitions(ctx, "bo", buy, at.Add(2*time.Minute)); err != nil {
		t.Fatal(err)
	}
	left, _ := st.ListJobs(ctx, store.JobFilter{State: store.JobPending})
	if len(left) != 1 || left[0].Profile != "ana" || cancelled != 1 {
		t.Errorf("after bo's purchase: pending %+v, %d cancelled; want ana's alone, 1 cancelled", left, cancelled)
	}
}
