package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
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
	batch := set.Int("batch", 500, "events per transaction (`N`), each in a savepoint of its own")
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
		st, err := applyEvents(ctx, env, g, name, in, now, max(1, *batch))
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
// example) and its events: section, and checks its triggers: section.
func ingestWorkspace(dir string) (*render.Campaign, map[string]*events.Event, error) {
	c, err := loadCampaign(openWorkspace(dir))
	if err != nil {
		return nil, nil, err
	}
	evs, err := events.FromConfig(c.Config)
	if err != nil {
		return nil, nil, err
	}
	if _, err := trigger.Load(c); err != nil { // a broken triggers: section must not fire nothing silently
		return nil, nil, err
	}
	return c, evs, nil
}

// cliSink is the transition sink of the store commands: the workspace's
// triggers schedule their jobs, as tailor serve's do; nil without
// triggers.
func cliSink(c *render.Campaign, s store.Store) store.TransitionSink {
	ts, err := trigger.Load(c) // ingestWorkspace reported its errors
	if err != nil || len(ts) == 0 {
		return nil
	}
	zone := c.Config.Location()
	return &trigger.Scheduler{Store: s, Current: func() ([]*trigger.Trigger, *time.Location) { return ts, zone },
		SendAt: trigger.SendAt(s, func() *render.Campaign { return c })}
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

// eventBatch is the lines of an events file waiting for one transaction.
type eventBatch struct {
	name  string
	lines []int
	ins   []ingest.Input
}

// applyEvents applies the lines of in, batch lines to a transaction (a
// savepoint each); memory holds one batch.
func applyEvents(ctx context.Context, env *cmdEnv, g *ingest.Ingester, name string, in io.Reader, now time.Time, batch int) (eventStats, error) {
	var st eventStats
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 0, 64<<10), maxEventLine)
	b := &eventBatch{name: name}
	line := 0
	for sc.Scan() {
		line++
		text := bytes.TrimSpace(sc.Bytes())
		if len(text) == 0 {
			continue
		}
		st.read++
		input, err := eventInput(g, text, now)
		if err != nil {
			st.failed++
			fmt.Fprintf(env.stderr, "%s:%d: %s: %v\n", name, line, orUnknown(input.ID), err)
			continue
		}
		b.lines, b.ins = append(b.lines, line), append(b.ins, input)
		if len(b.ins) >= batch {
			if err := b.flush(ctx, env, g, &st); err != nil {
				return st, err
			}
		}
	}
	if err := sc.Err(); err != nil {
		return st, fmt.Errorf("%s:%d: %w", name, line+1, err)
	}
	return st, b.flush(ctx, env, g, &st)
}

// flush applies the batch's events and reports each that failed at its
// line.
func (b *eventBatch) flush(ctx context.Context, env *cmdEnv, g *ingest.Ingester, st *eventStats) error {
	if len(b.ins) == 0 {
		return nil
	}
	results, errs, err := g.Batch(ctx, b.ins)
	if err != nil {
		return fmt.Errorf("%s:%d-%d: %w", b.name, b.lines[0], b.lines[len(b.lines)-1], err)
	}
	for i, res := range results {
		err := errs[i]
		if err == nil {
			st.applied++
			st.transitions += len(res.Transitions)
			err = res.SinkErr
		}
		if err != nil {
			st.failed++
			fmt.Fprintf(env.stderr, "%s:%d: %s: %v\n", b.name, b.lines[i], orUnknown(b.ins[i].ID), err)
		}
	}
	b.lines, b.ins = b.lines[:0], b.ins[:0]
	return nil
}

func orUnknown(id string) string {
	if id == "" {
		return "(no recipient)"
	}
	return id
}

// eventInput decodes one line.
func eventInput(g *ingest.Ingester, b []byte, now time.Time) (ingest.Input, error) {
	var e eventLine
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&e); err != nil {
		return ingest.Input{ID: e.ID}, fmt.Errorf("not an event line (%s): %w", `{"name", "id", "event", "now"?, "profile"?}`, err)
	}
	if e.Now != "" {
		t, err := time.Parse(time.RFC3339, e.Now)
		if err != nil {
			return ingest.Input{ID: e.ID}, fmt.Errorf("now: %w", err)
		}
		now = t
	}
	if e.Profile != nil {
		ingest.Type(g.Campaign, e.Profile, "event line")
	}
	return ingest.Input{Name: e.Name, ID: e.ID, Profile: e.Profile, Event: e.Event, Now: now}, nil
}
