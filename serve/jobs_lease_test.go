package serve

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/tailor-email/tailor/store"
)

// TestJobDiesAfterLeasesRunOut: a job whose runners keep dying before
// they finish it (each claim counts an attempt) is dead once it has been
// claimed more often than the policy's attempts, not run again forever.
func TestJobDiesAfterLeasesRunOut(t *testing.T) {
	clock := &fakeClock{t: hm(9, 0)}
	s, st, outbox := storyServer(t, clock, "")
	s.opts.Jobs.Retry = store.RetryPolicy{Attempts: 2}
	ctx := context.Background()
	post(t, s, "note", zoe, hm(9, 0))
	post(t, s, "cart", `{"id":"c-77","event":{"item":"Beanie"}}`, hm(10, 0))
	now := hm(11, 0)
	for _, owner := range []string{"died-1", "died-2"} {
		got, err := st.Claim(ctx, owner, now, time.Minute, 10)
		if err != nil || len(got) != 1 {
			t.Fatalf("%s claimed %+v, %v", owner, got, err)
		}
		now = now.Add(time.Minute)
	}
	if n := runDue(t, s, clock, now); n != 1 {
		t.Fatalf("%d jobs ran after the leases, want the job", n)
	}
	dead, _ := st.ListJobs(ctx, store.JobFilter{State: store.JobDead})
	if len(dead) != 1 || dead[0].Attempts != 3 || !strings.Contains(dead[0].Note, "claimed 3 times") {
		t.Errorf("dead %+v, want the job, claimed 3 times", dead)
	}
	if files := sent(t, outbox); len(files) != 0 {
		t.Errorf("sent %v", files)
	}
}
