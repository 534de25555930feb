package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/tailor-email/tailor/report"
	"github.com/tailor-email/tailor/store"
	"github.com/tailor-email/tailor/workspace"
)

// reportFlags are the flags report and experiments conclude share: where
// the sends come from, the range and the rules of the tests.
type reportFlags struct {
	dir, loc, sends, outcomes string
	from, to, email           string
	metric                    string
	minEffect                 float64
}

func (rf *reportFlags) add(set *flag.FlagSet) {
	set.StringVar(&rf.dir, "workspace", "", "workspace `DIR` (default: the built-in example)")
	set.StringVar(&rf.loc, "store", "", "the store of the send log: a SQLite `FILE` or postgres://... (default $TAILOR_STORE, else .tailor/store.db in the workspace)")
	set.StringVar(&rf.sends, "sends", "", "read the send log from a sends.jsonl `FILE` (beside a batch's output) instead of a store")
	set.StringVar(&rf.outcomes, "outcomes", "", "with --sends: the outcomes.jsonl `FILE` (default: outcomes.jsonl beside it, if there)")
	set.StringVar(&rf.from, "from", "", "count the sends made at or after `TIME` (RFC 3339 or YYYY-MM-DD)")
	set.StringVar(&rf.to, "to", "", "count the sends made before `TIME` (RFC 3339 or YYYY-MM-DD)")
	set.StringVar(&rf.email, "email", "", "count only the sends of the email `NAME`")
	set.StringVar(&rf.metric, "metric", "click", "the `RATE` experiments are decided on and segments flagged by: "+metricNames())
	set.Float64Var(&rf.minEffect, "min-effect", 0.10, "the smallest relative difference between variants worth finding; a test that cannot detect it is underpowered")
}

func metricNames() string {
	var names []string
	for _, m := range report.Metrics() {
		names = append(names, string(m))
	}
	return strings.Join(names, ", ")
}

// options reads the workspace's experiments and segment rules into the
// report's options.
func (rf *reportFlags) options() (report.Options, error) {
	opt := report.Options{MinEffect: rf.minEffect, Template: rf.email}
	m, ok := report.ParseMetric(rf.metric)
	if !ok {
		return opt, fmt.Errorf("--metric %s: want one of %s", rf.metric, metricNames())
	}
	opt.Metric = m
	if !(rf.minEffect > 0) {
		return opt, fmt.Errorf("--min-effect %v: want a fraction above 0, such as 0.1", rf.minEffect)
	}
	var err error
	if opt.From, err = parseWhen("--from", rf.from); err != nil {
		return opt, err
	}
	if opt.To, err = parseWhen("--to", rf.to); err != nil {
		return opt, err
	}
	fsys, name := openWorkspace(rf.dir)
	cfg, err := workspace.ReadConfig(fsys)
	if err != nil {
		return opt, fmt.Errorf("workspace %s:\n%w", name, err)
	}
	opt.Experiments = cfg.Experiments
	rules, err := workspace.ReadRules(fsys)
	if err != nil {
		return opt, fmt.Errorf("workspace %s:\n%w", name, err)
	}
	opt.Segments = report.SegmentsOf(rules)
	return opt, nil
}

// parseWhen reads an RFC 3339 time or a date (midnight UTC); "" is zero.
func parseWhen(flagName, s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%s %s: want RFC 3339 (2026-11-02T09:00:00Z) or a date (2026-11-02): %w", flagName, s, err)
	}
	return t, nil
}

// build reads the send log, from --sends or the store, and builds the
// report.
func (rf *reportFlags) build(ctx context.Context, opt report.Options) (*report.Report, error) {
	if rf.sends != "" {
		out := rf.outcomes
		if out == "" {
			out = filepath.Join(filepath.Dir(rf.sends), "outcomes.jsonl")
		}
		recs, err := store.JoinFiles(rf.sends, out, opt.From, opt.To)
		if err != nil {
			return nil, err
		}
		return report.Build(report.Records(recs), opt)
	}
	if rf.outcomes != "" {
		return nil, errors.New("--outcomes goes with --sends")
	}
	s, err := rf.openStore(ctx)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	return report.Build(s.SendsBetween(ctx, opt.From, opt.To), opt)
}

// openStore opens the store of the send log, which must exist.
func (rf *reportFlags) openStore(ctx context.Context) (store.Store, error) {
	loc := rf.loc
	if loc == "" {
		loc = envStore()
	}
	if loc == "" {
		var err error
		if loc, err = workspaceStore(rf.dir, false); err != nil {
			return nil, err
		}
	}
	if !strings.Contains(loc, "://") {
		if _, err := os.Stat(strings.TrimPrefix(loc, "sqlite:")); err != nil {
			return nil, fmt.Errorf("no store at %s (give --sends FILE for a sends.jsonl, or --store): %w", loc, err)
		}
	}
	return store.Open(ctx, loc)
}

func runReport(env *cmdEnv, args []string) error {
	set := newFlags(env, "report")
	var rf reportFlags
	rf.add(set)
	html := set.String("html", "", "also write the report as one self-contained HTML page with charts to `FILE`")
	if _, err := parseArgs(set, args, 0, 0); err != nil {
		return err
	}
	opt, err := rf.options()
	if err != nil {
		return err
	}
	looks, save, err := rf.looks()
	if err != nil {
		return err
	}
	if looks != nil {
		now := time.Now()
		opt.Looks = func(exp string, n int64) int { return looks.Look(exp, n, now) }
	}
	rep, err := rf.build(context.Background(), opt)
	if err != nil {
		return err
	}
	if err := save(); err != nil {
		return err
	}
	if *html != "" {
		if err := writeReportHTML(*html, rep); err != nil {
			return err
		}
	}
	return report.WriteText(env.stdout, rep)
}
