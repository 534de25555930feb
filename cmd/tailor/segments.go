package main

import (
	"errors"
	"fmt"
	iofs "io/fs"
	"iter"
	"strings"
	"time"

	"github.com/tailor-email/tailor/recipients"
	"github.com/tailor-email/tailor/render"
	"github.com/tailor-email/tailor/schema"
	"github.com/tailor-email/tailor/segment"
	"github.com/tailor-email/tailor/segment/audience"
	"github.com/tailor-email/tailor/workspace"
)

// segmentsRun is one invocation's inputs, resolved.
type segmentsRun struct {
	env   *cmdEnv
	rules *segment.Rules
	cfg   *workspace.Config
	// schema types the recipients as they are read; nil: inferred.
	schema *schema.Schema
	now    time.Time
	// campaign is the whole workspace, when it has templates: it adds the
	// slots, the decision matrix and module choices to the report.
	campaign *render.Campaign
}

// records sets the run's clock (--now, else the workspace's) and reads
// its recipients: tailor.yaml's sources merged with useSources, else file
// or the workspace's fixtures. The function it returns closes the file.
func (run *segmentsRun) records(nowOf func() (time.Time, error), file string, useSources bool, open func() (iofs.FS, string)) (iter.Seq[recipients.Record], func(), error) {
	now, err := nowOf()
	if err != nil {
		return nil, nil, err
	}
	run.now = clockOf(run.cfg, now)
	if useSources {
		fsys, name := open()
		recs, _, err := mergeSources(run.env, fsys, name, run.cfg, run.schema, run.now)
		return recs, func() {}, err
	}
	return openRecipients(run.env, file, workspace.ReadOptions(run.schema, run.cfg), open)
}

func runSegments(env *cmdEnv, args []string) error {
	if len(args) > 0 && args[0] == "refresh" {
		return runSegmentsRefresh(env, args[1:]) // segments_refresh.go
	}
	fs := newFlags(env, "segments")
	open := workspaceFlag(fs)
	nowOf := nowFlag(fs)
	file := fs.String("recipients", "", "recipients `FILE` (JSON, JSONL or CSV; - for stdin; default: the workspace's fixtures)")
	useSources := fs.Bool("sources", false, "read recipients from tailor.yaml's sources: (merged) and print the merge report")
	explain := fs.String("explain", "", "explain one recipient `ID`: each rule's value, points and tier, and each slot's module")
	matrix := fs.Bool("matrix", false, "print each email's decision matrix: segment x slot -> module")
	if err := fs.Parse(args); err != nil {
		return err
	}
	fsys, name := open()
	run, err := loadSegmentsRun(env, fsys, name)
	if err != nil {
		return err
	}
	if *matrix {
		return run.matrix()
	}
	recs, closeIn, err := run.records(nowOf, *file, *useSources, open)
	if err != nil {
		return err
	}
	defer closeIn()
	if *explain != "" {
		return run.explain(recs, *explain)
	}
	return run.report(recs, run.slotSections()...)
}

// loadSegmentsRun reads the workspace: all of it when it has templates,
// else segments.yaml and tailor.yaml, both optional.
func loadSegmentsRun(env *cmdEnv, fsys iofs.FS, name string) (*segmentsRun, error) {
	run := &segmentsRun{env: env}
	if _, err := iofs.Stat(fsys, "templates"); err == nil {
		ws, c, err := compileWorkspace(fsys, name)
		if err != nil {
			return nil, err
		}
		run.cfg, run.rules, run.campaign, run.schema = ws.Config, ws.Rules, c, ws.Schema
		return run, nil
	}
	cfg, err := workspace.ReadConfig(fsys)
	if errors.Is(err, iofs.ErrNotExist) {
		cfg, err = workspace.ParseConfig(nil)
	}
	if err != nil {
		return nil, fmt.Errorf("workspace %s: %w", name, err)
	}
	if run.rules, err = workspace.ReadRules(fsys); err != nil {
		return nil, fmt.Errorf("workspace %s: %w", name, err)
	}
	if run.schema, err = workspace.ReadSchema(fsys); err != nil {
		return nil, fmt.Errorf("workspace %s: %w", name, err)
	}
	run.cfg = cfg
	return run, nil
}

// errStop ends an iteration early.
var errStop = errors.New("stop")

// id is a recipient's ID, as the workspace defines it.
func (run *segmentsRun) id(p segment.Profile) string { return run.cfg.RecipientID(p) }

// report prints the audience report; unreadable records fail the run
// after it.
func (run *segmentsRun) report(recs iter.Seq[recipients.Record], extra ...audience.Section) error {
	rep := audience.New(run.rules, extra...)
	bad := 0
	for r := range recs {
		if r.Err != nil {
			bad++
			fmt.Fprintf(run.env.stderr, "%s: %v\n", r.Where(), r.Err)
			continue
		}
		m, err := run.rules.Evaluate(r.Profile, run.now)
		rep.Add(audience.Recipient{ID: run.id(r.Profile), Profile: r.Profile, Membership: m, Err: err, DataErrors: r.DataErrors, Schema: r.Schema})
	}
	fmt.Fprintf(run.env.stdout, "now: %s\n", run.now.UTC().Format(time.RFC3339))
	if err := rep.Write(run.env.stdout); err != nil {
		return err
	}
	if bad > 0 {
		fmt.Fprintf(run.env.stderr, "tailor segments: %d recipients could not be read\n", bad)
		return exitError{code: 1}
	}
	return nil
}

// explain prints one recipient's explanation.
func (run *segmentsRun) explain(recs iter.Seq[recipients.Record], want string) error {
	for r := range recs {
		if r.Err != nil {
			continue
		}
		id := run.id(r.Profile)
		if id != want && !strings.EqualFold(id, strings.TrimSpace(want)) {
			continue
		}
		ex, _ := run.rules.Explain(r.Profile, run.now) // errors are in ex, per rule
		fmt.Fprintf(run.env.stdout, "now: %s\n", run.now.UTC().Format(time.RFC3339))
		if err := audience.WriteExplain(run.env.stdout, id, r.Profile, ex, segment.AssignAll(run.cfg.Experiments, id)); err != nil {
			return err
		}
		return run.explainModules(r.Profile)
	}
	fmt.Fprintf(run.env.stderr, "tailor segments: no recipient with ID %q\n", want)
	return exitError{code: 1}
}
