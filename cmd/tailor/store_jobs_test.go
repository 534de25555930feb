package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tailor-email/tailor/store"
)

// TestStoreJobs lists the jobs by state: --state dead is the dead-letter
// list, with each job's attempts and last failure.
func TestStoreJobs(t *testing.T) {
	ctx := context.Background()
	loc := filepath.Join(t.TempDir(), "store.db")
	s, err := store.Open(ctx, loc)
	if err != nil {
		t.Fatal(err)
	}
	due := time.Date(2026, 11, 3, 11, 0, 0, 0, time.UTC)
	var jobs []store.Job
	for _, id := range []string{"a", "b", "c"} {
		jobs = append(jobs, store.Job{Key: id, Trigger: "cart_reminder", Profile: id, Email: "cart", Due: due, Created: due})
	}
	if _, err := s.Schedule(ctx, jobs); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CancelJobs(ctx, "b", "cart_reminder", "cancel_if: enter recent_purchaser", due); err != nil {
		t.Fatal(err)
	}
	claimed, err := s.Claim(ctx, "r", due, time.Minute, 1)
	if err != nil || len(claimed) != 1 || claimed[0].Profile != "a" {
		t.Fatalf("claimed %+v, %v", claimed, err)
	}
	if st, err := s.Retry(ctx, claimed[0].ID, "r", "smtp: 554 rejected\nby relay", due, store.RetryPolicy{Attempts: 1}); err != nil || st != store.JobDead {
		t.Fatalf("retry: %s, %v; want dead", st, err)
	}
	s.Close()

	out, _ := tailorRun(t, "store", "jobs", "--store", loc)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 5 || !strings.HasPrefix(lines[0], "ID") || !strings.Contains(lines[4], "1 pending, 0 running, 0 done, 1 cancelled, 1 dead") {
		t.Fatalf("tailor store jobs:\n%s\nwant a header, 3 jobs and the count per state", out)
	}
	dead, _ := tailorRun(t, "store", "jobs", "--store", loc, "--state", "dead")
	if !strings.Contains(dead, "dead") || !strings.Contains(dead, "smtp: 554 rejected by relay") || !strings.Contains(dead, "2026-11-03T11:00:00Z") ||
		strings.Contains(dead, "recent_purchaser") || !strings.Contains(dead, "0 pending, 0 running, 0 done, 0 cancelled, 1 dead") {
		t.Errorf("tailor store jobs --state dead:\n%s\nwant a's job alone, with its failure on one line", dead)
	}
	var errb strings.Builder
	if code := run([]string{"store", "jobs", "--store", loc, "--state", "lost"}, &cmdEnv{stdin: strings.NewReader(""), stdout: &errb, stderr: &errb}); code == 0 || !strings.Contains(errb.String(), `--state "lost"`) {
		t.Errorf("--state lost: exit %d, %s", code, errb.String())
	}
}
