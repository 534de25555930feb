package main

import (
	"context"
	"fmt"
	"io"

	"github.com/tailor-email/tailor/batch"
	"github.com/tailor-email/tailor/render"
	"github.com/tailor-email/tailor/track"
)

// logSends has the batch log each message it writes: in the store when
// render uses one (si.st), else in sends.jsonl beside the output in
// --out; JSONL to stdout without a store logs nothing.
func (si *storeInput) logSends(sink batch.Sink, out string, resume bool, c *render.Campaign) (batch.Sink, error) {
	if si.st != nil {
		return batch.Logged(sink, batch.StoreLog(context.Background(), si.st), c.Config.Name), nil
	}
	if out == "" || out == "-" {
		return sink, nil
	}
	l, err := batch.SendsFile(sink, resume)
	if err != nil {
		sink.Close()
		return nil, fmt.Errorf("%s: %w", out, err)
	}
	return batch.Logged(sink, l, c.Config.Name), nil
}

// tracked gives each message its tracking when tailor.yaml's tracking:
// turns it on: URLs signed with the store's key; without a store the
// link helper's links go straight to their URL, with no pixel, and
// stderr says so.
func (si *storeInput) tracked(r batch.Renderer, c *render.Campaign, stderr io.Writer) (batch.Renderer, error) {
	ts, err := track.FromConfig(c.Config)
	if err != nil || !ts.On() {
		return r, err
	}
	if si.st == nil {
		fmt.Fprintln(stderr, "tailor render: tracking: is on but there is no store to sign its URLs and keep what they record: links go straight to their URL, with no open pixel")
		return track.Tracked(r, ts, nil), nil
	}
	sg, err := track.StoreSigner(context.Background(), si.st)
	if err != nil {
		return nil, err
	}
	return track.Tracked(r, ts, &sg), nil
}
