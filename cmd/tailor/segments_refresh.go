package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/tailor-email/tailor/serve/ingest"
	"github.com/tailor-email/tailor/store"
)

// runSegmentsRefresh evaluates every stored profile again at --now, with
// no event, and records the transitions time alone made (a customer
// becoming dormant on day 91): a profile at a time, streamed from the
// store a page at a time, writing only what changed. Each transition is
// a line on stdout.
func runSegmentsRefresh(env *cmdEnv, args []string) error {
	set := newFlags(env, "segments refresh")
	open, dir := storeFlag(set)
	nowOf := wallNowFlag(set)
	if _, err := parseArgs(set, args, 0, 0); err != nil {
		return err
	}
	now, err := nowOf()
	if err != nil {
		return err
	}
	c, evs, err := ingestWorkspace(*dir)
	if err != nil {
		return err
	}
	return withStore(open, func(ctx context.Context, s store.Store) error {
		g := &ingest.Ingester{Campaign: c, Events: evs, Store: s, Sink: cliSink(c, s)}
		st, err := g.RefreshAll(ctx, now, func(res ingest.Result) {
			printTransitions(env.stdout, res.ID, res.Transitions)
			if res.SinkErr != nil {
				fmt.Fprintf(env.stderr, "segments refresh: %v\n", res.SinkErr)
			}
		})
		fmt.Fprintf(env.stderr, "refresh at %s: %d profiles, %d changed, %d transitions\n",
			now.UTC().Format(time.RFC3339), st.Profiles, st.Changed, st.Transitions)
		if err != nil {
			return err
		}
		if st.SinkErrors > 0 {
			return exitError{code: 1}
		}
		return nil
	})
}

// printTransitions writes one line per transition: "ID entered SEGMENT",
// "ID left SEGMENT" or "ID tier SCORE FROM -> TO".
func printTransitions(w io.Writer, id string, ts []store.Transition) {
	for _, t := range ts {
		switch {
		case t.Score != "":
			fmt.Fprintf(w, "%s tier %s %s -> %s\n", id, t.Score, orNone(t.From), orNone(t.To))
		case t.Entered:
			fmt.Fprintf(w, "%s entered %s\n", id, t.Segment)
		default:
			fmt.Fprintf(w, "%s left %s\n", id, t.Segment)
		}
	}
}

func orNone(tier string) string {
	if tier == "" {
		return "(none)"
	}
	return tier
}
