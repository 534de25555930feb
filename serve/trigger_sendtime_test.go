package serve

import (
	"context"
	"encoding/json"
	"path/filepath"
	"testing"
	"time"

	"github.com/tailor-email/tailor/store"
)

// TestTriggerAtSendTime: a trigger with send_time: true is due at the
// recipient's best send hour at or after its delay, from their stored
// opens and clicks (ana: evenings at 18:30 London), or at the send_time
// fallback for one without history (ben); a trigger without it keeps
// the delay alone.
func TestTriggerAtSendTime(t *testing.T) {
	ctx := context.Background()
	st, err := store.OpenSQLite(ctx, filepath.Join(t.TempDir(), "store.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	dir := exampleDir(t)
	appendFile(t, filepath.Join(dir, "tailor.yaml"), "", `
send_time:
  fallback: "10:00"
triggers:
  at_best_hour:
    on: {enter: abandoned_cart}
    email: newsletter
    delay: 1h
    send_time: true
  at_delay:
    on: {enter: abandoned_cart}
    email: newsletter
    delay: 1h
`)
	for _, name := range []string{"ana", "ben"} {
		p := fixture(t, name)
		data, _ := json.Marshal(p)
		if err := st.Put(ctx, []store.Profile{{ID: p["id"].(string), Data: data, Updated: time.Now()}}); err != nil {
			t.Fatal(err)
		}
	}
	ana, ben := fixture(t, "ana")["id"].(string), fixture(t, "ben")["id"].(string)
	for i, name := range []string{"open", "click", "purchase"} {
		at := time.Date(2026, 10, 26+i, 18, 30, 0, 0, time.UTC)
		if name == "purchase" { // not an open or click: does not count
			at = at.Add(-8 * time.Hour)
		}
		if _, err := st.Append(ctx, store.Event{Profile: ana, Name: name, At: at}); err != nil {
			t.Fatal(err)
		}
	}
	s, ws := newServer(t, dir, Options{Store: st})
	defer ws.Close()
	sched := s.Scheduler()
	at := time.Date(2026, 11, 3, 10, 0, 0, 0, time.UTC) // London is on UTC in November
	enter := []store.Transition{{Segment: "abandoned_cart", Entered: true, Cause: "cart#1"}}
	for _, id := range []string{ana, ben} {
		if err := sched.Transitions(ctx, id, enter, at); err != nil {
			t.Fatal(err)
		}
	}
	jobs, err := st.ListJobs(ctx, store.JobFilter{State: store.JobPending})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]time.Time{
		ana + " at_best_hour": time.Date(2026, 11, 3, 18, 0, 0, 0, time.UTC), // her hour, that evening
		ben + " at_best_hour": time.Date(2026, 11, 4, 10, 0, 0, 0, time.UTC), // the fallback, next morning
		ana + " at_delay":     at.Add(time.Hour),
		ben + " at_delay":     at.Add(time.Hour),
	}
	if len(jobs) != len(want) {
		t.Fatalf("%d pending jobs, want %d: %+v", len(jobs), len(want), jobs)
	}
	for _, j := range jobs {
		if w := want[j.Profile+" "+j.Trigger]; !j.Due.Equal(w) {
			t.Errorf("%s's %s job is due %v, want %v", j.Profile, j.Trigger, j.Due, w)
		}
	}
	// GET /v1/profiles/{id} lists them, soonest first.
	rec := do(s.Handler(), "GET", "/v1/profiles/"+ana, "")
	var pr ProfileResponse
	if err := json.Unmarshal(rec.Body.Bytes(), &pr); err != nil || len(pr.PendingJobs) != 2 ||
		pr.PendingJobs[0].Trigger != "at_delay" || pr.PendingJobs[1].Trigger != "at_best_hour" ||
		!pr.PendingJobs[1].Due.Equal(want[ana+" at_best_hour"]) || pr.PendingJobs[0].State != "pending" {
		t.Errorf("GET /v1/profiles/%s: pending_jobs %+v (%v): want at_delay then at_best_hour, pending", ana, pr.PendingJobs, err)
	}
}
