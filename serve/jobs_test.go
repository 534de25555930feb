package serve

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tailor-email/tailor/reload"
	"github.com/tailor-email/tailor/store"
)

// triggerWorkspace is a copy of the example with a has_cart segment, the
// cart and note events, and the cart reminder on has_cart.
func triggerWorkspace(t *testing.T, extra string) string {
	t.Helper()
	dir := exampleDir(t)
	appendFile(t, filepath.Join(dir, "segments.yaml"), "\nscores:", "  - name: has_cart\n    when: count(cart ?? [], true) > 0\n")
	appendFile(t, filepath.Join(dir, "tailor.yaml"), "", `  cart:
    email: newsletter
    append: {cart: {name: "{{ .Event.item }}", price: 25}}
    merge: {cart_updated_at: "{{ .Now }}"}
  note:
    email: newsletter
    merge: {first_name: "{{ .Event.first_name }}"}
  empty:
    email: newsletter
    clear: [cart]
triggers:
  cart_reminder:
    on: {enter: has_cart}
    email: newsletter
    delay: 1h
    cancel_if: {enter: recent_purchaser}
    once_per: 7d
`+extra)
	return dir
}

// appendFile inserts text into the file at path before the line that
// starts with before ("" appends at the end).
func appendFile(t *testing.T, path, before, text string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	if i := strings.Index(s, before); before != "" && i >= 0 {
		s = s[:i] + text + s[i:]
	} else {
		s += text
	}
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// fakeClock is a clock the test sets.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Set(t time.Time) {
	c.mu.Lock()
	c.t = t
	c.mu.Unlock()
}

// storyServer is a server on a triggerWorkspace with a SQLite store, an
// outbox and the fake clock.
func storyServer(t *testing.T, clock *fakeClock, extra string) (*Server, store.Store, string) {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "store.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	outbox := t.TempDir()
	s, ws := newServer(t, triggerWorkspace(t, extra), Options{Store: st, Outbox: outbox, Clock: clock.Now})
	t.Cleanup(func() { ws.Close() })
	return s, st, outbox
}

// hm is 2026-11-03 at hh:mm UTC.
func hm(hh, mm int) time.Time { return time.Date(2026, 11, 3, hh, mm, 0, 0, time.UTC) }

// post sends an event at when and fails the test unless it is a 200.
func post(t *testing.T, s *Server, event, body string, when time.Time) {
	t.Helper()
	body = strings.TrimSuffix(body, "}") + `,"now":"` + when.Format(time.RFC3339) + `"}`
	rec := do(s.Handler(), "POST", "/v1/events/"+event, body)
	if rec.Code != http.StatusOK {
		t.Fatalf("POST /v1/events/%s: %d %s", event, rec.Code, rec.Body)
	}
}

// runDue runs the jobs due at the clock's now and returns how many ran.
func runDue(t *testing.T, s *Server, clock *fakeClock, now time.Time) int {
	t.Helper()
	clock.Set(now)
	n, err := s.RunDueJobs(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// sent lists the outbox's trigger messages.
func sent(t *testing.T, outbox string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(outbox, "triggers", "*", "[0-9]*.eml"))
	if err != nil {
		t.Fatal(err)
	}
	return files
}

const zoe = `{"profile":{"id":"c-77","email":"zoe@example.com","first_name":"Zoe","last_purchase_at":"2026-01-01T00:00:00Z"},"event":{"first_name":"Zoe"}}`

// TestCartPurchaseCancels is the story: the cart at 10:00
// schedules the reminder for 11:00, the purchase at 10:02 cancels it, and
// nothing is sent, at 10:05 or 11:00.
func TestCartPurchaseCancels(t *testing.T) {
	clock := &fakeClock{t: hm(9, 0)}
	s, st, outbox := storyServer(t, clock, "")
	post(t, s, "note", zoe, hm(9, 0))
	post(t, s, "cart", `{"id":"c-77","event":{"item":"Beanie"}}`, hm(10, 0))
	jobs, err := st.ListJobs(context.Background(), store.JobFilter{State: store.JobPending})
	if err != nil || len(jobs) != 1 || !jobs[0].Due.Equal(hm(11, 0)) {
		t.Fatalf("after the cart: pending %+v (%v), want one reminder due 11:00", jobs, err)
	}
	post(t, s, "purchase", `{"id":"c-77","event":{"total":25}}`, hm(10, 2))
	if n := runDue(t, s, clock, hm(10, 5)); n != 0 {
		t.Errorf("%d jobs ran at 10:05", n)
	}
	if n := runDue(t, s, clock, hm(11, 0)); n != 0 {
		t.Errorf("%d jobs ran at 11:00 after the purchase", n)
	}
	if files := sent(t, outbox); len(files) != 0 {
		t.Errorf("sent %v after the purchase", files)
	}
	got, _ := st.ListJobs(context.Background(), store.JobFilter{State: store.JobCancelled})
	if len(got) != 1 || !strings.Contains(got[0].Note, "enter recent_purchaser") {
		t.Errorf("cancelled jobs %+v, want the reminder, cancelled by entering recent_purchaser", got)
	}
}

// TestCartReminderSentOnce: without the purchase, exactly one reminder
// is sent at 11:00, rendered from the profile as it is at 11:00.
func TestCartReminderSentOnce(t *testing.T) {
	clock := &fakeClock{t: hm(9, 0)}
	s, st, outbox := storyServer(t, clock, "")
	post(t, s, "note", zoe, hm(9, 0))
	post(t, s, "cart", `{"id":"c-77","event":{"item":"Beanie"}}`, hm(10, 0))
	post(t, s, "cart", `{"id":"c-77","event":{"item":"Scarf"}}`, hm(10, 10)) // still in has_cart: no second job
	post(t, s, "note", `{"id":"c-77","event":{"first_name":"Zoey"}}`, hm(10, 30))
	if n := runDue(t, s, clock, hm(10, 59)); n != 0 {
		t.Fatalf("%d jobs ran at 10:59", n)
	}
	if n := runDue(t, s, clock, hm(11, 0)); n != 1 {
		t.Fatalf("%d jobs ran at 11:00, want the reminder", n)
	}
	if n := runDue(t, s, clock, hm(12, 0)); n != 0 {
		t.Errorf("%d more jobs ran at 12:00", n)
	}
	files := sent(t, outbox)
	if len(files) != 1 {
		t.Fatalf("sent %v, want one reminder", files)
	}
	eml, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	done, _ := st.ListJobs(context.Background(), store.JobFilter{State: store.JobDone})
	if len(done) != 1 {
		t.Fatalf("done jobs %+v, want one", done)
	}
	for _, want := range []string{"Zoey", "Message-ID: <" + JobMessageID(done[0], "x@shop.example") + ">", JobHeader + ": ", "Date: Tue, 03 Nov 2026 11:00:00"} {
		if !strings.Contains(string(eml), want) {
			t.Errorf("the reminder lacks %q (rendered from the 11:00 profile, under the job's ID):\n%.600s", want, eml)
		}
	}
}

// TestJobRecheck: a due job whose recipient left the segment, or was
// suppressed, is cancelled with the reason, and nothing is sent.
func TestJobRecheck(t *testing.T) {
	clock := &fakeClock{t: hm(9, 0)}
	s, st, outbox := storyServer(t, clock, "")
	ctx := context.Background()
	post(t, s, "note", zoe, hm(9, 0))
	post(t, s, "note", `{"profile":{"id":"c-78","email":"yan@example.com","first_name":"Yan"},"event":{"first_name":"Yan"}}`, hm(9, 0))
	post(t, s, "cart", `{"id":"c-77","event":{"item":"Beanie"}}`, hm(10, 0))
	post(t, s, "cart", `{"id":"c-78","event":{"item":"Hat"}}`, hm(10, 0))
	post(t, s, "empty", `{"id":"c-77","event":{}}`, hm(10, 20)) // leaves has_cart; no cancel_if
	if err := st.Suppress(ctx, store.Suppression{Who: "yan@example.com", List: store.AllLists, Reason: "complaint", At: hm(10, 30)}); err != nil {
		t.Fatal(err)
	}
	if n := runDue(t, s, clock, hm(11, 0)); n != 2 {
		t.Fatalf("%d jobs ran at 11:00, want 2", n)
	}
	if files := sent(t, outbox); len(files) != 0 {
		t.Errorf("sent %v", files)
	}
	got, _ := st.ListJobs(ctx, store.JobFilter{State: store.JobCancelled})
	notes := map[string]string{}
	for _, j := range got {
		notes[j.Profile] = j.Note
	}
	if notes["c-77"] != "no longer in has_cart" || notes["c-78"] != "suppressed" {
		t.Errorf("cancelled with notes %v, want c-77 no longer in has_cart, c-78 suppressed", notes)
	}
}

// TestJobRetryDead: a delivery that fails (a trigger with outbox: true on
// a server without an outbox) is retried after 1m, 2m, then dead after
// the policy's attempts, and the metrics count it.
func TestJobRetryDead(t *testing.T) {
	clock := &fakeClock{t: hm(9, 0)}
	s, st, _ := storyServer(t, clock, "")
	s.opts.Outbox = ""
	s.opts.Jobs.Retry = store.RetryPolicy{Attempts: 3, Base: time.Minute}
	ctx := context.Background()
	post(t, s, "note", zoe, hm(9, 0))
	post(t, s, "cart", `{"id":"c-77","event":{"item":"Beanie"}}`, hm(10, 0))
	for _, c := range []struct {
		at   time.Time
		runs int
	}{{hm(11, 0), 1}, {hm(11, 0), 0}, {hm(11, 1), 1}, {hm(11, 2), 0}, {hm(11, 3), 1}, {hm(13, 0), 0}} {
		if n := runDue(t, s, clock, c.at); n != c.runs {
			t.Fatalf("at %s: %d jobs ran, want %d", c.at.Format("15:04"), n, c.runs)
		}
	}
	dead, _ := st.ListJobs(ctx, store.JobFilter{State: store.JobDead})
	if len(dead) != 1 || dead[0].Attempts != 3 || !strings.Contains(dead[0].Note, "no outbox folder") {
		t.Fatalf("dead jobs %+v, want the reminder after 3 attempts, noting why", dead)
	}
	metrics := do(s.Handler(), "GET", "/metrics", "").Body.String()
	for _, want := range []string{`tailor_serve_jobs_total{result="due"} 3`, `tailor_serve_jobs_total{result="retried"} 2`,
		`tailor_serve_jobs_total{result="dead"} 1`, `tailor_serve_job_delivery_failures_total 3`, `tailor_serve_jobs_scheduled_total 1`} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}

// TestJobMetricsDoneCancelled counts a sent and a cancelled reminder.
func TestJobMetricsDoneCancelled(t *testing.T) {
	clock := &fakeClock{t: hm(9, 0)}
	s, _, _ := storyServer(t, clock, "")
	post(t, s, "note", zoe, hm(9, 0))
	post(t, s, "note", `{"profile":{"id":"c-78","email":"yan@example.com","first_name":"Yan"},"event":{"first_name":"Yan"}}`, hm(9, 0))
	post(t, s, "cart", `{"id":"c-77","event":{"item":"Beanie"}}`, hm(10, 0))
	post(t, s, "cart", `{"id":"c-78","event":{"item":"Hat"}}`, hm(10, 0))
	post(t, s, "purchase", `{"id":"c-78","event":{"total":25}}`, hm(10, 2))
	runDue(t, s, clock, hm(11, 0))
	metrics := do(s.Handler(), "GET", "/metrics", "").Body.String()
	for _, want := range []string{`tailor_serve_jobs_scheduled_total 2`, `tailor_serve_jobs_total{result="done"} 1`, `tailor_serve_jobs_total{result="cancelled"} 1`} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}

// TestTriggersChecked: a trigger naming a segment or email the workspace
// lacks, or asking for send_time without tailor.yaml's send_time:, fails
// the build, at its place in tailor.yaml.
func TestTriggersChecked(t *testing.T) {
	dir := triggerWorkspace(t, "  bad:\n    on: {enter: nosuch}\n    email: nomail\n  hourly:\n    on: {enter: abandoned_cart}\n    email: newsletter\n    send_time: true\n")
	ws, err := reload.Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	_, err = New(ws, Options{})
	if err == nil {
		t.Fatal("a trigger on an unknown segment was accepted")
	}
	for _, want := range []string{`tailor.yaml:`, `triggers.bad: on: no segment "nosuch"`, `triggers.bad: email: no email "nomail"`,
		`triggers.hourly: send_time: true, but tailor.yaml has no send_time: section`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
}

// TestJobRedeliveredAfterLease: a runner that delivered a job and died
// before recording it leaves it running; when the lease ends another
// runner delivers it again, to the same outbox file under the same
// Message-ID, and records it done.
func TestJobRedeliveredAfterLease(t *testing.T) {
	clock := &fakeClock{t: hm(9, 0)}
	s, st, outbox := storyServer(t, clock, "")
	ctx := context.Background()
	post(t, s, "note", zoe, hm(9, 0))
	post(t, s, "cart", `{"id":"c-77","event":{"item":"Beanie"}}`, hm(10, 0))
	clock.Set(hm(11, 0))
	claimed, err := st.Claim(ctx, "dead-runner", hm(11, 0), 5*time.Minute, 10)
	if err != nil || len(claimed) != 1 {
		t.Fatalf("claimed %+v, %v", claimed, err)
	}
	if skip, err := s.deliverJob(ctx, s.state.Load(), claimed[0]); skip != "" || err != nil {
		t.Fatalf("first delivery: %q, %v", skip, err)
	}
	first := sent(t, outbox)
	if n := runDue(t, s, clock, hm(11, 4)); n != 0 {
		t.Fatalf("%d jobs ran while the dead runner's lease held", n)
	}
	if n := runDue(t, s, clock, hm(11, 5)); n != 1 {
		t.Fatalf("%d jobs ran after the lease, want the job again", n)
	}
	again := sent(t, outbox)
	if len(first) != 1 || len(again) != 1 || first[0] != again[0] {
		t.Fatalf("outbox %v, then %v: want one file, the same", first, again)
	}
	eml, _ := os.ReadFile(again[0])
	done, _ := st.ListJobs(ctx, store.JobFilter{State: store.JobDone})
	if len(done) != 1 || done[0].Attempts != 2 || !strings.Contains(string(eml), "Message-ID: <"+JobMessageID(done[0], "x@shop.example")+">") {
		t.Errorf("done %+v; want the job done on attempt 2, its file under its Message-ID", done)
	}
}

// TestRunDueJobsStops: a runner whose context has ended claims nothing
// more after the job it is on.
func TestRunDueJobsStops(t *testing.T) {
	clock := &fakeClock{t: hm(9, 0)}
	s, st, outbox := storyServer(t, clock, "")
	post(t, s, "note", zoe, hm(9, 0))
	post(t, s, "cart", `{"id":"c-77","event":{"item":"Beanie"}}`, hm(10, 0))
	clock.Set(hm(11, 0))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if n, err := s.RunDueJobs(ctx); n != 0 || err == nil {
		t.Errorf("a stopped runner ran %d jobs (%v), want none and its context's error", n, err)
	}
	if files := sent(t, outbox); len(files) != 0 {
		t.Errorf("sent %v", files)
	}
	if pending, _ := st.ListJobs(context.Background(), store.JobFilter{State: store.JobPending}); len(pending) != 1 {
		t.Errorf("pending %+v, want the reminder still pending", pending)
	}
}

// TestTriggerWithoutOutboxLogged: a trigger that writes to the outbox of
// a server without one is named in the log when the build loads.
func TestTriggerWithoutOutboxLogged(t *testing.T) {
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "store.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, outbox := range []string{"", t.TempDir()} {
		var log strings.Builder
		_, ws := newServer(t, triggerWorkspace(t, ""), Options{Store: st, Outbox: outbox, Log: &log})
		ws.Close()
		warned := strings.Contains(log.String(), "triggers.cart_reminder has outbox: true but the server has no --outbox")
		if warned != (outbox == "") {
			t.Errorf("outbox %q: log %q", outbox, log.String())
		}
	}
}
