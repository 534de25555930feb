package batch

import (
	"context"
	"fmt"
	"testing"

	"github.com/tailor-email/tailor/render"
)

// stopAt renders as fake does, but blocks on the recipient stop until the
// batch's context ends (as a render cut off by SIGTERM does), and cancels
// the context when it gets there.
type stopAt struct {
	stop   string
	cancel context.CancelFunc
}

func (s stopAt) Render(ctx context.Context, req render.Request) (*render.Message, error) {
	if req.Profile["id"] == s.stop {
		s.cancel()
		<-ctx.Done()
		return nil, fmt.Errorf("render stopped: %w", ctx.Err())
	}
	return fake{}.Render(ctx, req)
}

// TestCancelledBatchResumes cuts a batch off mid-render, as SIGTERM does,
// and resumes it: the recipients the cut stopped are not written as
// failures, so the resumed output is the same as a batch never cut off.
func TestCancelledBatchResumes(t *testing.T) {
	bad := map[int]bool{3: true}
	for _, format := range []string{"jsonl", "files"} {
		t.Run(format, func(t *testing.T) {
			full, cut := t.TempDir(), t.TempDir()
			opts := Options{Emails: []string{"e"}, Workers: 4, IDOf: idOf}
			sink, err := Dir(full, format, false)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := Run(context.Background(), fake{}, records(100, bad), opts, sink); err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			if sink, err = Dir(cut, format, false); err != nil {
				t.Fatal(err)
			}
			sum, err := Run(ctx, stopAt{stop: "r0050", cancel: cancel}, records(100, bad), opts, sink)
			if err == nil {
				t.Fatal("a cancelled batch reported no error")
			}
			if sum.Failed != 1 { // r0003, not r0050 nor what followed it
				t.Errorf("cut batch: %d failed, want 1", sum.Failed)
			}
			if sink, err = Dir(cut, format, true); err != nil {
				t.Fatal(err)
			}
			if _, err := Run(context.Background(), fake{}, records(100, bad), opts, sink); err != nil {
				t.Fatal(err)
			}
			if diff := compareTrees(full, cut); diff != "" {
				t.Error(diff)
			}
		})
	}
}
