package storetest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/tailor-email/tailor/store"
)

// job is a job of trigger for profile, due at due, keyed by all three.
func job(trigger, profile string, due time.Time) store.Job {
	return store.Job{Key: fmt.Sprintf("%s/%s/%d", trigger, profile, due.UnixMicro()), Trigger: trigger, Profile: profile,
		Email: "cart", Due: due, Created: at}
}

func schedule(t *testing.T, ctx context.Context, s store.Store, jobs ...store.Job) []store.Job {
	t.Helper()
	got, err := s.Schedule(ctx, jobs)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func testSchedule(t *testing.T, loc string) {
	ctx, s := context.Background(), open(t, loc)
	j := job("remind", "ana", at.Add(time.Hour))
	got := schedule(t, ctx, s, j, j) // the same key twice in one call
	if len(got) != 1 || got[0].ID == 0 || got[0].State != store.JobPending || !got[0].Due.Equal(j.Due) || got[0].Email != "cart" {
		t.Fatalf("scheduled %+v, want one pending job with an ID due %v", got, j.Due)
	}
	if again := schedule(t, ctx, s, j); len(again) != 0 {
		t.Errorf("the same key scheduled again: %+v", again)
	}
	once := job("remind", "ana", at.Add(2*time.Hour))
	once.OncePer = 24 * time.Hour
	if got := schedule(t, ctx, s, once); len(got) != 0 {
		t.Errorf("once_per let a second job in while one is pending: %+v", got)
	}
	n, err := s.CancelJobs(ctx, "ana", "remind", "entered recent_purchaser", at.Add(time.Minute))
	if err != nil || n != 1 {
		t.Fatalf("CancelJobs = %d, %v; want 1 cancelled", n, err)
	}
	if n, _ := s.CancelJobs(ctx, "ana", "remind", "again", at); n != 0 {
		t.Errorf("a cancelled job was cancelled again (%d)", n)
	}
	if got := schedule(t, ctx, s, once); len(got) != 1 {
		t.Errorf("a cancelled job kept once_per from scheduling: %+v", got)
	}
	list, err := s.ListJobs(ctx, store.JobFilter{Profile: "ana", State: store.JobCancelled})
	if err != nil || len(list) != 1 || list[0].Note != "entered recent_purchaser" || list[0].ID != got[0].ID {
		t.Errorf("cancelled jobs of ana = %+v, %v; want job %d with its note", list, err, got[0].ID)
	}
	if list, _ := s.ListJobs(ctx, store.JobFilter{Profile: "bo"}); len(list) != 0 {
		t.Errorf("bo has jobs: %+v", list)
	}
}

func testClaim(t *testing.T, loc string) {
	ctx, s := context.Background(), open(t, loc)
	t0 := at.Add(48 * time.Hour)
	jobs := schedule(t, ctx, s, job("c", "a", t0), job("c", "b", t0.Add(time.Minute)), job("c", "later", t0.Add(time.Hour)))
	if len(jobs) != 3 {
		t.Fatalf("scheduled %d jobs, want 3", len(jobs))
	}
	got, err := s.Claim(ctx, "r1", t0.Add(time.Minute), time.Minute, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Profile != "a" || got[1].Profile != "b" || got[0].Attempts != 1 || got[0].Owner != "r1" || got[0].State != store.JobRunning {
		t.Fatalf("claimed %+v, want the two due jobs, a then b, running for r1, attempt 1", got)
	}
	if more, _ := s.Claim(ctx, "r2", t0.Add(90*time.Second), time.Minute, 10); len(more) != 0 {
		t.Fatalf("r2 claimed %+v while r1's leases hold", more)
	}
	if err := s.Finish(ctx, got[0].ID, "r1", store.JobDone, "", t0.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	// r1's lease on b ends: r2 takes it, and r1 can no longer end it.
	again, err := s.Claim(ctx, "r2", t0.Add(2*time.Minute), time.Minute, 10)
	if err != nil || len(again) != 1 || again[0].ID != got[1].ID || again[0].Attempts != 2 {
		t.Fatalf("after the lease: claimed %+v, %v; want b again on attempt 2", again, err)
	}
	if err := s.Finish(ctx, got[1].ID, "r1", store.JobDone, "", t0); !errors.Is(err, store.ErrLeaseLost) {
		t.Errorf("r1 finished a job r2 holds: %v, want ErrLeaseLost", err)
	}
	if err := s.Finish(ctx, got[1].ID, "r2", store.JobCancelled, "left c", t0); err != nil {
		t.Fatal(err)
	}
	if err := s.Finish(ctx, got[0].ID, "r1", store.JobDone, "", t0); !errors.Is(err, store.ErrLeaseLost) {
		t.Errorf("a done job was finished again: %v, want ErrLeaseLost", err)
	}
	done, _ := s.ListJobs(ctx, store.JobFilter{State: store.JobDone})
	if len(done) != 1 || done[0].ID != got[0].ID {
		t.Errorf("done jobs %+v, want a's alone", done)
	}
}

func testRetry(t *testing.T, loc string) {
	ctx, s := context.Background(), open(t, loc)
	t0 := at.Add(96 * time.Hour)
	j := schedule(t, ctx, s, job("r", "x", t0))[0]
	p := store.RetryPolicy{Attempts: 3, Base: time.Minute, Max: time.Hour}
	now := t0
	for attempt := 1; attempt <= 3; attempt++ {
		got, err := s.Claim(ctx, "r1", now, time.Minute, 10)
		if err != nil || len(got) != 1 || got[0].Attempts != attempt {
			t.Fatalf("attempt %d: claimed %+v, %v", attempt, got, err)
		}
		state, err := s.Retry(ctx, j.ID, "r1", fmt.Sprintf("smtp down %d", attempt), now, p)
		if err != nil {
			t.Fatal(err)
		}
		if attempt == 3 {
			if state != store.JobDead {
				t.Fatalf("after %d failed attempts the job is %s, want dead", attempt, state)
			}
			break
		}
		back := p.Backoff(attempt)
		if want := time.Minute << (attempt - 1); state != store.JobPending || back != want {
			t.Fatalf("attempt %d: %s with backoff %v, want pending after %v", attempt, state, back, want)
		}
		if early, _ := s.Claim(ctx, "r1", now.Add(back-time.Second), time.Minute, 10); len(early) != 0 {
			t.Fatalf("attempt %d: claimed before its backoff ended", attempt)
		}
		now = now.Add(back)
	}
	dead, _ := s.ListJobs(ctx, store.JobFilter{State: store.JobDead})
	if len(dead) != 1 || dead[0].ID != j.ID || dead[0].Note != "smtp down 3" || dead[0].Attempts != 3 {
		t.Errorf("dead jobs %+v, want job %d with the last failure", dead, j.ID)
	}
	if got, _ := s.Claim(ctx, "r1", now.Add(24*time.Hour), time.Minute, 10); len(got) != 0 {
		t.Errorf("a dead job was claimed: %+v", got)
	}
	if d := (store.RetryPolicy{Base: time.Minute, Max: 5 * time.Minute}).Backoff(10); d != 5*time.Minute {
		t.Errorf("backoff after 10 attempts = %v, want the 5m cap", d)
	}
}

// testClaimConcurrent has 4 claimers, each on a store of its own, take
// 300 due jobs: each job is claimed once.
func testClaimConcurrent(t *testing.T, loc string) {
	ctx, s := context.Background(), open(t, loc)
	t0 := at.Add(200 * time.Hour)
	var jobs []store.Job
	for i := range 300 {
		jobs = append(jobs, job("many", fmt.Sprintf("p%03d", i), t0))
	}
	schedule(t, ctx, s, jobs...)
	var mu sync.Mutex
	seen := map[int64]string{}
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for w := range 4 {
		c := open(t, loc)
		owner := fmt.Sprintf("w%d", w)
		wg.Go(func() {
			for {
				got, err := c.Claim(ctx, owner, t0, time.Hour, 7)
				if err != nil || len(got) == 0 {
					errs <- err
					return
				}
				mu.Lock()
				for _, j := range got {
					if prev, ok := seen[j.ID]; ok {
						t.Errorf("job %d claimed by %s and %s", j.ID, prev, owner)
					}
					seen[j.ID] = owner
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(seen) != 300 {
		t.Errorf("%d jobs claimed, want 300", len(seen))
	}
}

// testOnceConcurrent has 6 schedulers, each on a store of its own, offer
// a job of one trigger for one recipient at once, each for another
// transition, with once_per: one is scheduled.
func testOnceConcurrent(t *testing.T, loc string) {
	ctx := context.Background()
	open(t, loc) // migrated before the race
	var wg sync.WaitGroup
	got := make(chan int, 6)
	start := make(chan struct{})
	for i := range 6 {
		c := open(t, loc)
		if err := c.Put(ctx, nil); err != nil { // connected before the start
			t.Fatal(err)
		}
		wg.Go(func() {
			<-start
			j := job("once", "ana", at.Add(time.Duration(i)*time.Second))
			j.OncePer = 24 * time.Hour
			s, err := c.Schedule(ctx, []store.Job{j})
			if err != nil {
				t.Error(err)
			}
			got <- len(s)
		})
	}
	close(start)
	wg.Wait()
	close(got)
	n := 0
	for k := range got {
		n += k
	}
	if n != 1 {
		t.Errorf("%d jobs scheduled within once_per, want 1", n)
	}
}
