package storetest

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/tailor-email/tailor/store"
)

// testRecent reads a recipient's latest events, jobs and sends, newest
// first and at most the limit, none of another recipient's, and finds
// profiles by address whatever its case.
func testRecent(t *testing.T, loc string) {
	ctx, s := context.Background(), open(t, loc)
	if err := s.Put(ctx, []store.Profile{profile("ana", 1), profile("bo", 2)}); err != nil {
		t.Fatal(err)
	}
	for i := range 5 {
		for _, who := range []string{"ana", "bo"} {
			data := json.RawMessage(fmt.Sprintf(`{"i":%d}`, i))
			if _, err := s.Append(ctx, store.Event{Profile: who, Name: fmt.Sprintf("e%d", i), At: at.Add(time.Duration(i) * time.Minute), Data: data}); err != nil {
				t.Fatal(err)
			}
		}
	}
	evs, err := s.RecentEvents(ctx, "ana", 3)
	if err != nil {
		t.Fatal(err)
	}
	if names := eventNames(evs); names != "e4 e3 e2" || evs[0].Profile != "ana" || string(evs[0].Data) != `{"i":4}` || !evs[0].At.Equal(at.Add(4*time.Minute)) {
		t.Errorf("ana's 3 latest events = %s (%+v), want e4 e3 e2 with their data and times", names, evs)
	}
	recentJobs(t, ctx, s)
	recentSends(t, ctx, s)
	got, err := s.ProfilesByEmail(ctx, " Bo@EXAMPLE.com", 10)
	if err != nil || len(got) != 1 || got[0].ID != "bo" || string(got[0].Data) != string(profile("bo", 2).Data) {
		t.Errorf("ProfilesByEmail(Bo@EXAMPLE.com) = %+v, %v; want bo", got, err)
	}
	if got, err := s.ProfilesByEmail(ctx, "nobody@example.com", 10); err != nil || len(got) != 0 {
		t.Errorf("ProfilesByEmail(nobody) = %+v, %v; want none", got, err)
	}
}

func eventNames(evs []store.Event) string {
	out := ""
	for i, e := range evs {
		if i > 0 {
			out += " "
		}
		out += e.Name
	}
	return out
}

// recentJobs schedules four jobs for ana, cancels them, and one for bo.
func recentJobs(t *testing.T, ctx context.Context, s store.Store) {
	t.Helper()
	for i := range 4 {
		schedule(t, ctx, s, job(fmt.Sprintf("t%d", i), "ana", at.Add(time.Duration(i)*time.Hour)))
	}
	schedule(t, ctx, s, job("t9", "bo", at))
	if _, err := s.CancelJobs(ctx, "ana", "t3", "entered buyers", at); err != nil {
		t.Fatal(err)
	}
	jobs, err := s.RecentJobs(ctx, "ana", 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(jobs) != 2 || jobs[0].Trigger != "t3" || jobs[0].State != store.JobCancelled || jobs[0].Note != "entered buyers" || jobs[1].Trigger != "t2" || jobs[1].State != store.JobPending {
		t.Errorf("ana's 2 latest jobs = %+v, want t3 (cancelled, with its note) then t2 (pending)", jobs)
	}
}

// recentSends logs four sends to ana and one to bo, with outcomes.
func recentSends(t *testing.T, ctx context.Context, s store.Store) {
	t.Helper()
	if err := s.RecordSends(ctx, []store.Send{send("ana", 0), send("ana", 1), send("ana", 2), send("ana", 3), send("bo", 9)}); err != nil {
		t.Fatal(err)
	}
	click := store.Outcome{MessageID: "ana.3@tailor", Kind: store.Clicked, At: at.Add(5 * time.Minute), URL: "https://example.com/x", Source: "tracking"}
	open := store.Outcome{MessageID: "ana.3@tailor", Kind: store.Opened, At: at.Add(4 * time.Minute), Source: "tracking"}
	if err := s.RecordOutcomes(ctx, []store.Outcome{click, open}); err != nil {
		t.Fatal(err)
	}
	got, err := s.SendsTo(ctx, "ana", 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].MessageID != "ana.3@tailor" || got[1].MessageID != "ana.2@tailor" {
		t.Fatalf("ana's 2 latest sends = %+v, want ana.3 then ana.2", got)
	}
	if o := got[0].Outcomes; len(o) != 2 || o[0].Kind != store.Opened || o[1].Kind != store.Clicked || o[1].URL != click.URL || o[0].Recipient != "ana" {
		t.Errorf("ana.3's outcomes = %+v, want the open then the click, for ana", o)
	}
	if len(got[1].Outcomes) != 0 || got[0].Template != "welcome" || got[0].Modules["hero"] != "hero-sale" {
		t.Errorf("ana's sends = %+v, want ana.2 with no outcome and ana.3's log entry whole", got)
	}
}
