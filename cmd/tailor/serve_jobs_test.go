package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tailor-email/tailor/store"
	"github.com/tailor-email/tailor/store/storetest"
)

// jobsWorkspace is a new workspace with a small reminder email and a
// trigger that sends it to whoever enters dormant.
func jobsWorkspace(t *testing.T) string {
	t.Helper()
	ws := filepath.Join(t.TempDir(), "ws")
	tailorRun(t, "init", ws)
	reminder := "---\nsubject: \"{{ .Profile.first_name }}, we miss you\"\n---\n<p>Hello {{ .Profile.first_name }}, it has been a while.</p>\n"
	if err := os.WriteFile(filepath.Join(ws, "templates", "reminder.html"), []byte(reminder), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(filepath.Join(ws, "tailor.yaml"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString("triggers:\n  winback:\n    on: {enter: dormant}\n    email: reminder\n"); err != nil {
		t.Fatal(err)
	}
	return ws
}

// seedDueJobs stores n dormant profiles and a winback job due now for
// each, and returns their IDs by job ID.
func seedDueJobs(t *testing.T, loc string, n int) map[int64]string {
	t.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, loc)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	due := time.Now().Add(-time.Minute)
	ids := map[int64]string{}
	for lo := 0; lo < n; lo += 1000 {
		var ps []store.Profile
		var jobs []store.Job
		for i := lo; i < min(lo+1000, n); i++ {
			id := fmt.Sprintf("w-%05d", i)
			data := fmt.Sprintf(`{"id":%q,"email":"%s@example.com","first_name":"W%d","last_activity_at":"2020-01-01T00:00:00Z"}`, id, id, i)
			ps = append(ps, store.Profile{ID: id, Email: id + "@example.com", Data: []byte(data), Updated: due})
			jobs = append(jobs, store.Job{Key: "winback/" + id, Trigger: "winback", Profile: id, Email: "reminder", Due: due, Created: due})
		}
		if err := s.Put(ctx, ps); err != nil {
			t.Fatal(err)
		}
		got, err := s.Schedule(ctx, jobs)
		if err != nil || len(got) != len(jobs) {
			t.Fatalf("scheduled %d of %d jobs: %v", len(got), len(jobs), err)
		}
		for _, j := range got {
			ids[j.ID] = j.Profile
		}
	}
	return ids
}

// waitJobsEnded waits until no job of the store at loc is pending or
// running, checking each time a server logs a line or a second passes,
// and fails after limit.
func waitJobsEnded(t *testing.T, loc string, limit time.Duration) map[store.JobState]int {
	t.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, loc)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	deadline := time.After(limit)
	for {
		counts := map[store.JobState]int{}
		for _, st := range store.JobStates {
			js, err := s.ListJobs(ctx, store.JobFilter{State: st, Limit: 100000})
			if err != nil {
				t.Fatal(err)
			}
			counts[st] = len(js)
		}
		if counts[store.JobPending]+counts[store.JobRunning] == 0 {
			return counts
		}
		select {
		case <-tick.C:
		case <-deadline:
			t.Fatalf("after %v jobs are still to run: %v", limit, counts)
		}
	}
}

// messageID matches the Message-ID header of an .eml.
var messageID = regexp.MustCompile(`(?m)^Message-ID: <([^>]+)>\r?$`)

// delivered reads every trigger message under the outboxes: job ID ->
// how many files hold it, checking each file's Message-ID and job header.
func delivered(t *testing.T, outboxes ...string) map[int64]int {
	t.Helper()
	got := map[int64]int{}
	for _, dir := range outboxes {
		files, err := filepath.Glob(filepath.Join(dir, "triggers", "winback", "*.eml"))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if strings.HasPrefix(filepath.Base(f), ".tmp-") {
				continue // a write the kill cut short, never renamed into place
			}
			idText, _, _ := strings.Cut(filepath.Base(f), "-")
			id, err := strconv.ParseInt(idText, 10, 64)
			if err != nil {
				t.Fatalf("%s: not a job's file name", f)
			}
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			m := messageID.FindSubmatch(b)
			if m == nil || !strings.HasPrefix(string(m[1]), "job-"+idText+".") || !strings.Contains(string(b), "X-Tailor-Job: "+idText+"\r\n") {
				t.Fatalf("%s: want Message-ID <job-%s....> and X-Tailor-Job: %s, got %q", f, idText, idText, m)
			}
			got[id]++
		}
	}
	return got
}

// TestServeJobsTwoServersExactlyOnce runs two tailor serve processes on
// one PostgreSQL with 10,000 due jobs, each writing to an outbox of its
// own: every job is delivered once, by one of them.
func TestServeJobsTwoServersExactlyOnce(t *testing.T) {
	loc := storetest.FreshPostgres(t)
	ws := jobsWorkspace(t)
	const n = 10000
	ids := seedDueJobs(t, loc, n)
	start := time.Now()
	var outboxes []string
	for i := range 2 {
		out := filepath.Join(t.TempDir(), fmt.Sprintf("outbox%d", i))
		outboxes = append(outboxes, out)
		startServeProcess(t, "--workspace", ws, "--store", loc, "--addr", "127.0.0.1:0", "--outbox", out, "--job-poll", "100ms")
	}
	counts := waitJobsEnded(t, loc, 10*time.Minute)
	took := time.Since(start)
	if counts[store.JobDone] != n {
		t.Fatalf("jobs by state %v, want %d done", counts, n)
	}
	got := delivered(t, outboxes...)
	perServer := []int{}
	for _, out := range outboxes {
		perServer = append(perServer, len(delivered(t, out)))
	}
	for id := range ids {
		if got[id] != 1 {
			t.Errorf("job %d (%s) delivered %d times", id, ids[id], got[id])
		}
	}
	if len(got) != n {
		t.Errorf("%d jobs delivered, want %d", len(got), n)
	}
	t.Logf("%d jobs, each delivered once, in %v by two servers (%v each)", n, took.Round(time.Millisecond), perServer)
}

// TestServeJobsKillDuringDelivery kills tailor serve with SIGKILL while
// it delivers 1,000 due jobs and starts it again: every job ends done,
// and each is in the outbox once, under its job's Message-ID (a job that
// was being delivered at the kill is delivered again to the same file).
func TestServeJobsKillDuringDelivery(t *testing.T) {
	loc := filepath.Join(t.TempDir(), "store.db")
	ws := jobsWorkspace(t)
	const n = 1000
	ids := seedDueJobs(t, loc, n)
	outbox := filepath.Join(t.TempDir(), "outbox")
	args := []string{"--workspace", ws, "--store", loc, "--addr", "127.0.0.1:0", "--outbox", outbox, "--job-poll", "100ms", "--job-lease", "2s"}
	cmd, _ := startServeProcess(t, args...)
	waitFiles(t, outbox, cmd, 100)
	cmd.Process.Kill()
	cmd.Wait()
	before := delivered(t, outbox)
	if len(before) >= n {
		t.Fatalf("all %d jobs were delivered before the kill: it came too late to test anything", n)
	}
	running, again := runningAtKill(t, loc, before)
	startServeProcess(t, args...)
	counts := waitJobsEnded(t, loc, 5*time.Minute)
	if counts[store.JobDone] != n {
		t.Fatalf("jobs by state %v, want %d done", counts, n)
	}
	got := delivered(t, outbox)
	for id := range ids {
		if got[id] != 1 {
			t.Errorf("job %d (%s) is in the outbox %d times", id, ids[id], got[id])
		}
	}
	t.Logf("killed after %d of %d deliveries, %d jobs running (%d of them in the outbox already: delivered again to the same file); after the restart all %d are in the outbox once",
		len(before), n, running, again, len(got))
}

// runningAtKill counts the jobs left running in the store at loc, and
// those of them whose message is in the outbox already.
func runningAtKill(t *testing.T, loc string, inOutbox map[int64]int) (running, delivered int) {
	t.Helper()
	s, err := store.Open(context.Background(), loc)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	js, err := s.ListJobs(context.Background(), store.JobFilter{State: store.JobRunning, Limit: 100000})
	if err != nil {
		t.Fatal(err)
	}
	for _, j := range js {
		if inOutbox[j.ID] > 0 {
			delivered++
		}
	}
	return len(js), delivered
}

// waitFiles waits until the outbox holds at least n trigger messages
// (the server delivering), checking as the server runs.
func waitFiles(t *testing.T, outbox string, cmd *exec.Cmd, n int) {
	t.Helper()
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	deadline := time.After(2 * time.Minute)
	for {
		files, _ := filepath.Glob(filepath.Join(outbox, "triggers", "winback", "*.eml"))
		if len(files) >= n {
			return
		}
		select {
		case <-tick.C:
		case <-deadline:
			t.Fatalf("after 2m the outbox holds %d messages, want %d", len(files), n)
		}
	}
}

// TestRefreshSchedulesTriggers: tailor segments refresh on day 91 moves a
// stored recipient into dormant with no event, and the workspace's
// winback trigger schedules its job (tailor store jobs lists it); a
// broken triggers: section fails the command at its place.
func TestRefreshSchedulesTriggers(t *testing.T) {
	ws := jobsWorkspace(t)
	loc := filepath.Join(t.TempDir(), "store.db")
	s, err := store.Open(context.Background(), loc)
	if err != nil {
		t.Fatal(err)
	}
	data := `{"id":"r-1","email":"r-1@example.com","first_name":"R","last_activity_at":"2026-01-01T00:00:00Z"}`
	if err := s.Put(context.Background(), []store.Profile{{ID: "r-1", Email: "r-1@example.com", Data: []byte(data), Updated: time.Now()}}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	tailorRun(t, "segments", "refresh", "--workspace", ws, "--store", loc, "--now", "2026-03-01T00:00:00Z") // day 59
	if out, _ := tailorRun(t, "store", "jobs", "--store", loc); !strings.Contains(out, "0 pending") {
		t.Fatalf("a job before day 91:\n%s", out)
	}
	tailorRun(t, "segments", "refresh", "--workspace", ws, "--store", loc, "--now", "2026-04-02T00:00:00Z") // day 91
	out, _ := tailorRun(t, "store", "jobs", "--store", loc, "--state", "pending")
	if !strings.Contains(out, "winback") || !strings.Contains(out, "r-1") || !strings.Contains(out, "2026-04-02T00:00:00Z") || !strings.Contains(out, "1 pending") {
		t.Errorf("after the day-91 refresh, pending jobs:\n%s\nwant r-1's winback, due then", out)
	}

	f, err := os.OpenFile(filepath.Join(ws, "tailor.yaml"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("  broken:\n    on: {enter: dormant}\n    email: reminder\n    delay: soon\n")
	f.Close()
	var stderr strings.Builder
	code := run([]string{"segments", "refresh", "--workspace", ws, "--store", loc}, &cmdEnv{stdin: strings.NewReader(""), stdout: &stderr, stderr: &stderr})
	if code == 0 || !strings.Contains(stderr.String(), `tailor.yaml:`) || !strings.Contains(stderr.String(), `triggers.broken: delay: "soon" is not a duration`) {
		t.Errorf("refresh with a broken trigger: exit %d, %s", code, stderr.String())
	}
}
