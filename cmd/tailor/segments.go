package main

import (
	"errors"
	"fmt"
	iofs "io/fs"
	"iter"
	"strings"
	"time"

	"github.com/goccy/go-yaml"

	wsfiles "github.com/tailor-email/tailor/internal/source"
	"github.com/tailor-email/tailor/recipients"
	"github.com/tailor-email/tailor/render"
	"github.com/tailor-email/tailor/segment"
	"github.com/tailor-email/tailor/segment/audience"
	"github.com/tailor-email/tailor/segment/source"
)

// segmentsConfig is the part of tailor.yaml that tailor segments reads.
type segmentsConfig struct {
	Now         string               `yaml:"now"`
	IDField     string               `yaml:"id_field"`
	EmailField  string               `yaml:"email_field"`
	Experiments []segment.Experiment `yaml:"experiments"`
	Sources     source.Spec          `yaml:"sources"`
}

// segmentsRun is one invocation's inputs, resolved.
type segmentsRun struct {
	env   *cmdEnv
	rules *segment.Rules
	cfg   segmentsConfig
	now   time.Time
	// campaign is the whole workspace, when it has templates: it adds the
	// slots, the decision matrix and module choices to the report.
	campaign *render.Campaign
}

func runSegments(env *cmdEnv, args []string) error {
	fs := newFlags(env, "segments")
	workspace := workspaceFlag(fs)
	nowOf := nowFlag(fs)
	file := fs.String("recipients", "", "recipients `FILE` (JSON, JSONL or CSV; - for stdin; default: the workspace's fixtures)")
	useSources := fs.Bool("sources", false, "read recipients from tailor.yaml's sources: (merged) and print the merge report")
	explain := fs.String("explain", "", "explain one recipient `ID`: each rule's value, points and tier, and each slot's module")
	matrix := fs.Bool("matrix", false, "print each email's decision matrix: segment x slot -> module")
	if err := fs.Parse(args); err != nil {
		return err
	}
	fsys, name := workspace()
	run, err := loadSegmentsRun(env, fsys, name)
	if err != nil {
		return err
	}
	if *matrix {
		return run.matrix()
	}
	if run.now, err = nowOf(); err != nil {
		return err
	}
	if run.now.IsZero() {
		if run.now, err = configNow(run.cfg.Now); err != nil {
			return err
		}
	}
	var recs iter.Seq[recipients.Record]
	if *useSources {
		if recs, err = run.fromSources(fsys); err != nil {
			return err
		}
	} else {
		in, closeIn, err := openRecipients(env, *file, workspace)
		if err != nil {
			return err
		}
		defer closeIn()
		recs = in
	}
	if *explain != "" {
		return run.explain(recs, *explain)
	}
	return run.report(recs, run.slotSections()...)
}

// loadSegmentsRun reads segments.yaml and tailor.yaml (both optional).
func loadSegmentsRun(env *cmdEnv, fsys iofs.FS, name string) (*segmentsRun, error) {
	run := &segmentsRun{env: env}
	files := wsfiles.Files{FS: fsys}
	src, err := files.ReadText("segments.yaml")
	if err != nil && !errors.Is(err, iofs.ErrNotExist) {
		return nil, fmt.Errorf("workspace %s: %w", name, err)
	}
	if run.rules, err = segment.Parse("segments.yaml", src); err != nil {
		return nil, fmt.Errorf("workspace %s: %w", name, err)
	}
	cfg, err := files.ReadText("tailor.yaml")
	if err != nil && !errors.Is(err, iofs.ErrNotExist) {
		return nil, fmt.Errorf("workspace %s: %w", name, err)
	}
	if err := wsfiles.CheckYAML("tailor.yaml", 0, cfg, wsfiles.YAMLLimit{MaxBytes: wsfiles.MaxConfigBytes}); err != nil {
		return nil, fmt.Errorf("workspace %s: %w", name, err)
	}
	if err := yaml.Unmarshal(cfg, &run.cfg); err != nil {
		return nil, fmt.Errorf("workspace %s: tailor.yaml: %w", name, err)
	}
	if run.cfg.IDField == "" {
		run.cfg.IDField = "id"
	}
	if run.cfg.EmailField == "" {
		run.cfg.EmailField = "email"
	}
	if err := segment.ValidateExperiments(run.cfg.Experiments); err != nil {
		return nil, fmt.Errorf("workspace %s: tailor.yaml: %w", name, err)
	}
	if _, err := iofs.Stat(fsys, "templates"); err == nil {
		if run.campaign, err = loadCampaign(fsys, name); err != nil {
			return nil, err
		}
	}
	return run, nil
}

// configNow is tailor.yaml's fixed clock, else the wall clock.
func configNow(s string) (time.Time, error) {
	if s == "" {
		return time.Now(), nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("tailor.yaml: now: %w", err)
	}
	return t, nil
}

// fromSources loads and merges tailor.yaml's sources, printing the merge
// report (and its issues) to stderr.
func (run *segmentsRun) fromSources(fsys iofs.FS) (iter.Seq[recipients.Record], error) {
	if len(run.cfg.Sources.Inputs) == 0 {
		return nil, errors.New("--sources: tailor.yaml declares no sources: inputs")
	}
	res, err := source.Load(fsys, run.cfg.Sources, run.now)
	if err != nil {
		return nil, fmt.Errorf("--sources: %w", err)
	}
	fmt.Fprintf(run.env.stderr, "merge: %s", res.Report.Summary())
	for _, is := range res.Report.Issues {
		fmt.Fprintln(run.env.stderr, is.String())
	}
	if res.Report.MoreIssues > 0 {
		fmt.Fprintf(run.env.stderr, "... and %d more issues\n", res.Report.MoreIssues)
	}
	return func(yield func(recipients.Record) bool) {
		res.Each(func(p segment.Profile) error {
			if !yield(recipients.Record{Profile: p, Source: "sources"}) {
				return errStop
			}
			return nil
		})
	}, nil
}

// errStop ends an iteration early.
var errStop = errors.New("stop")

// id is a recipient's ID: the id field, else the normalized address.
func (run *segmentsRun) id(p segment.Profile) string {
	if v, ok := p[run.cfg.IDField]; ok && v != nil {
		return fmt.Sprint(v)
	}
	if v, ok := p[run.cfg.EmailField].(string); ok {
		return source.Normalize(v)
	}
	return ""
}

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
		rep.Add(audience.Recipient{ID: run.id(r.Profile), Profile: r.Profile, Membership: m, Err: err})
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
