package main

import (
	"context"
	"fmt"

	"github.com/tailor-email/tailor/batch"
	"github.com/tailor-email/tailor/render"
	"github.com/tailor-email/tailor/store"
)

// engaged is the render's renderer: c, or, when the render consults a
// store and tailor.yaml has send_time, c with each recipient's stored
// opens and clicks (events send_time.events names) joining the history
// in their profile (render.Request.Engagement).
func (si *storeInput) engaged(c *render.Campaign) batch.Renderer {
	if si.st == nil || !c.HasSendTime() {
		return c
	}
	return storeEngagement{c: c, s: si.st}
}

// storeEngagement renders with the store's opens and clicks.
type storeEngagement struct {
	c *render.Campaign
	s store.Store
}

// Render implements batch.Renderer.
func (r storeEngagement) Render(ctx context.Context, req render.Request) (*render.Message, error) {
	if id := r.c.RecipientID(req.Profile); id != "" {
		times, err := store.EventTimes(ctx, r.s, id, r.c.CountsForSendTime)
		if err != nil {
			return nil, fmt.Errorf("send time: %w", err)
		}
		req.Engagement = append(req.Engagement, times...)
	}
	return r.c.Render(ctx, req)
}
