package serve

import (
	"context"
	"fmt"

	"github.com/tailor-email/tailor/render"
	"github.com/tailor-email/tailor/store"
)

// withEngagement adds to req the recipient's stored opens and clicks (the
// events tailor.yaml's send_time.events names), when the server has a
// store and the campaign a send_time, so that the message's send_at
// counts them as tailor render with a store does.
func (s *Server) withEngagement(ctx context.Context, c *render.Campaign, req render.Request) (render.Request, error) {
	if s.opts.Store == nil || !c.HasSendTime() {
		return req, nil
	}
	id := c.RecipientID(req.Profile)
	if id == "" {
		return req, nil
	}
	times, err := store.EventTimes(ctx, s.opts.Store, id, c.CountsForSendTime)
	if err != nil {
		return req, fmt.Errorf("send time: %w", err)
	}
	req.Engagement = append(req.Engagement, times...)
	return req, nil
}
