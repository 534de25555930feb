package trigger

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/tailor-email/tailor/render"
	"github.com/tailor-email/tailor/store"
)

// SendAt is the Scheduler.SendAt of the campaign that campaign returns
// (tailor serve swaps builds): a stored recipient's best send time at or
// after a time, from the history in their profile and their stored opens
// and clicks, as render with a store gives it in send_at; zero for a
// recipient the store lacks, or without history and fallback.
func SendAt(st store.Store, campaign func() *render.Campaign) func(context.Context, string, time.Time) (time.Time, error) {
	return func(ctx context.Context, id string, after time.Time) (time.Time, error) {
		c := campaign()
		if !c.HasSendTime() {
			return time.Time{}, nil
		}
		got, err := st.Get(ctx, id)
		if err != nil {
			return time.Time{}, fmt.Errorf("send time: %w", err)
		}
		p, ok := got[id]
		if !ok {
			return time.Time{}, nil
		}
		var profile map[string]any
		if err := json.Unmarshal(p.Data, &profile); err != nil {
			return time.Time{}, fmt.Errorf("send time: profile %s: %w", id, err)
		}
		times, err := store.EventTimes(ctx, st, id, c.CountsForSendTime)
		if err != nil {
			return time.Time{}, fmt.Errorf("send time: %w", err)
		}
		d, _ := c.SendTime(profile, times, after)
		return d.At, nil
	}
}
