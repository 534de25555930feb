package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/tailor-email/tailor/render"
	"github.com/tailor-email/tailor/serve/events"
	"github.com/tailor-email/tailor/serve/ingest"
	"github.com/tailor-email/tailor/store"
	"github.com/tailor-email/tailor/trigger"
)

// maxEventLine bounds one line of an events file.
const maxEventLine = 4 << 20

// eventLine is one line of an events file (JSONL).
type eventLine struct {
	Name    string         `json:"name"`
	ID      string         `json:"id"`
	Profile map[string]any `json:"profile"`
	Event   map[string]any `json:"event"`
	Now     string         `json:"now"`
}

// runStoreEvents applies a JSONL file of events to the stored profiles,
// a line at a time, each in its own transaction (as POST /v1/events
// does): a bad line is reported at FILE:LINE with its recipient and the
// others still apply.
func runStoreEvents(env *cmdEnv, args []string) error {
	set := newFlags(env, "store events")
	open, dir := storeFlag(set)
	nowOf := wallNowFlag(set)
	rest, err := parseArgs(set, args, 1, 1)
	if err != nil {
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
	name, in, closeIn, err := openEventsFile(env, rest[0])
	if err != nil {
		return err
	}
	defer closeIn()
	return withStore(open, func(ctx context.Context, s store.Store) error {
		g := &ingest.Ingester{Campaign: c, Events: evs, Store: s, Sink: cliSink(c, s)}
		st, err := applyEvents(ctx, env, g, name, in, now)
		fmt.Fprintf(env.stderr, "events: read %d: applied %d, failed %d; %d transitions\n", st.read, st.applied, st.failed, st.transitions)
		if err != nil {
			return err
		}
		if st.failed > 0 {
			return exitError{code: 1}
		}
		return nil
	})
}

// wallNowFlag adds --now: the clock of the command, the wall clock by
// default (tailor.yaml's now, for goldens, does not apply to the store).
func wallNowFlag(set *flag.FlagSet) func() (time.Time, error) {
	s := set.String("now", "", "the clock, RFC 3339 (default: the wall clock)")
	return func() (time.Time, error) {
		if *s == "" {
			return time.Now(), nil
		}
		t, err := time.Parse(time.RFC3339, *s)
		if err != nil {
			return time.Time{}, fmt.Errorf("--now: want RFC 3339 like 2026-11-02T09:00:00Z: %w", err)
		}
		return t, nil
	}
}

// ingestWorkspace compiles the workspace dir ("" for the built-in
// example) and its events: section.
func ingestWorkspace(dir string) (*render.Campaign, map[string]*events.Event, error) {
	c, err := loadCampaign(openWorkspace(dir))
	if err != nil {
		return nil, nil, err
	}
	evs, err := events.FromConfig(c.Config)
	if err != nil {
		return nil, nil, err
	}
	return c, evs, nil
}

// cliSink is the transition sink of the store commands: the workspace's
// triggers schedule their jobs, as tailor serve's do; nil without
// triggers.
func cliSink(c *render.Campaign, s store.Store) store.TransitionSink {
	ts, err := trigger.FromConfig(c.Config)
	if err != nil || len(ts) == 0 {
		return nil
	}
	zone := c.Config.Location()
	return &trigger.Scheduler{Store: s, Current: func() ([]*trigger.Trigger, *time.Location) { return ts, zone }}
}

// openEventsFile opens path, or stdin for "-", and names it for messages.
func openEventsFile(env *cmdEnv, path string) (string, io.Reader, func(), error) {
	if path == "-" {
		return "stdin", env.stdin, func() {}, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return "", nil, nil, err
	}
	return path, f, func() { f.Close() }, nil
}

// eventStats counts an events file.
type eventStats struct{ read, applied, failed, transitions int }

// applyEvents applies each line of in; memory holds one line.
func applyEvents(ctx context.Context, env *cmdEnv, g *ingest.Ingester, name string, in io.Reader, now time.Time) (eventStats, error) {
	var st eventStats
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 0, 64<<10), maxEventLine)
	line := 0
	for sc.Scan() {
		line++
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		st.read++
		id, n, err := applyEventLine(ctx, g, b, now)
		if err != nil {
			st.failed++
			if errors.Is(err, context.Canceled) {
				return st, err
			}
			fmt.Fprintf(env.stderr, "%s:%d: %s: %v\n", name, line, orUnknown(id), err)
			continue
		}
		st.applied++
		st.transitions += n
	}
	if err := sc.Err(); err != nil {
		return st, fmt.Errorf("%s:%d: %w", name, line+1, err)
	}
	return st, nil
}

func orUnknown(id string) string {
	if id == "" {
		return "(no recipient)"
	}
	return id
}

// applyEventLine applies one line and returns its recipient and how
// many transitions it made.
func applyEventLine(ctx context.Context, g *ingest.Ingester, b []byte, now time.Time) (string, int, error) {
	var e eventLine
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&e); err != nil {
		return e.ID, 0, fmt.Errorf("not an event line (%s): %w", `{"name", "id", "event", "now"?, "profile"?}`, err)
	}
	if e.Now != "" {
		t, err := time.Parse(time.RFC3339, e.Now)
		if err != nil {
			return e.ID, 0, fmt.Errorf("now: %w", err)
		}
		now = t
	}
	if e.Profile != nil {
		ingest.Type(g.Campaign, e.Profile, "event line")
	}
	res, err := g.Event(ctx, ingest.Input{Name: e.Name, ID: e.ID, Profile: e.Profile, Event: e.Event, Now: now})
	if err != nil {
		return e.ID, 0, err
	}
	if res.SinkErr != nil {
		return res.ID, len(res.Transitions), res.SinkErr
	}
	return res.ID, len(res.Transitions), nil
}
