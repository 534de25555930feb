package main

import (
	"encoding/csv"
	"errors"
	"fmt"
	iofs "io/fs"
	"iter"
	"math"
	"strconv"
	"strings"

	"github.com/tailor-email/tailor/recipients"
	"github.com/tailor-email/tailor/segment"
	"github.com/tailor-email/tailor/workspace"
)

// runFeatures dispatches the features subcommands.
func runFeatures(env *cmdEnv, args []string) error {
	if len(args) > 0 && args[0] == "export" {
		return runFeaturesExport(env, args[1:])
	}
	printSubcommands(env.stderr, "features export")
	return exitError{code: 2}
}

// featuresExport is one export's choices.
type featuresExport struct {
	model       *segment.ModelRule
	predictions bool
}

// runFeaturesExport writes a model's feature table: one CSV row per
// recipient, computed as rendering computes them.
func runFeaturesExport(env *cmdEnv, args []string) error {
	fs := newFlags(env, "features export")
	open := workspaceFlag(fs)
	nowOf := nowFlag(fs)
	file := fs.String("recipients", "", "recipients `FILE` (JSON, JSONL or CSV; - for stdin; default: the workspace's fixtures)")
	useSources := fs.Bool("sources", false, "read recipients from tailor.yaml's sources: (merged)")
	name := fs.String("model", "", "the model `NAME` of segments.yaml's models: (default: the only one)")
	preds := fs.Bool("predictions", false, "add a last column, prediction: tailor's prediction from the row (output probability or score)")
	if _, err := parseArgs(fs, args, 0, 0); err != nil {
		return err
	}
	fsys, wsName := open()
	run, err := loadFeaturesRun(env, fsys, wsName)
	if err != nil {
		return err
	}
	x := featuresExport{predictions: *preds}
	if x.model, err = pickModel(run.rules, *name); err != nil {
		return err
	}
	if x.predictions && (x.model.Model == nil || x.model.Output == segment.OutputActions) {
		return fmt.Errorf("--predictions: model %s has no file yet (%s) or one output per action: %w", x.model.Name, x.model.File, errNoPredictions)
	}
	recs, closeIn, err := run.records(nowOf, *file, *useSources, open)
	if err != nil {
		return err
	}
	defer closeIn()
	return x.write(run, recs)
}

var (
	errNoPredictions = errors.New("cannot write its predictions")
	errNoModels      = errors.New("segments.yaml declares no models: (see docs/models.md)")
)

// loadFeaturesRun reads tailor.yaml, schema.yaml and segments.yaml, with
// its model files allowed to be missing: the first model is trained on
// the export.
func loadFeaturesRun(env *cmdEnv, fsys iofs.FS, name string) (*segmentsRun, error) {
	cfg, err := workspace.ReadConfig(fsys)
	if errors.Is(err, iofs.ErrNotExist) {
		cfg, err = workspace.ParseConfig(nil)
	}
	if err != nil {
		return nil, fmt.Errorf("workspace %s: %w", name, err)
	}
	run := &segmentsRun{env: env, cfg: cfg}
	if run.rules, err = workspace.ReadRulesWith(fsys, segment.Options{MissingModels: true}); err != nil {
		return nil, fmt.Errorf("workspace %s: %w", name, err)
	}
	if run.schema, err = workspace.ReadSchema(fsys); err != nil {
		return nil, fmt.Errorf("workspace %s: %w", name, err)
	}
	return run, nil
}

// pickModel finds the model to export: the named one, or the only one.
func pickModel(r *segment.Rules, name string) (*segment.ModelRule, error) {
	models := r.Models()
	var names []string
	for _, m := range models {
		names = append(names, m.Name)
	}
	switch {
	case len(models) == 0:
		return nil, errNoModels
	case name != "":
		if m := r.Model(name); m != nil {
			return m, nil
		}
		return nil, fmt.Errorf("no model %q (segments.yaml has: %s)", name, strings.Join(names, ", "))
	case len(models) > 1:
		return nil, fmt.Errorf("segments.yaml has %d models (%s): choose one with --model", len(models), strings.Join(names, ", "))
	}
	return models[0], nil
}

// write writes the header and a row per recipient; records that cannot be
// read, or whose features fail, are reported and fail the run after it.
func (x featuresExport) write(run *segmentsRun, recs iter.Seq[recipients.Record]) error {
	w := csv.NewWriter(run.env.stdout)
	if err := w.Write(x.header()); err != nil {
		return fmt.Errorf("features export: %w", err)
	}
	bad := 0
	var out []float64
	for r := range recs {
		if r.Err != nil {
			bad++
			fmt.Fprintf(run.env.stderr, "%s: %v\n", r.Where(), r.Err)
			continue
		}
		feats, label, err := x.model.Row(r.Profile, run.now)
		if err != nil {
			bad++
			fmt.Fprintf(run.env.stderr, "%s: %v\n", r.Where(), err)
		}
		row := append([]string{run.id(r.Profile)}, cells(feats)...)
		if x.model.Label != nil {
			row = append(row, cell(label))
		}
		if x.predictions {
			out = x.model.Model.Predict(feats, out)
			row = append(row, cell(out[0]))
		}
		if err := w.Write(row); err != nil {
			return fmt.Errorf("features export: %w", err)
		}
	}
	if w.Flush(); w.Error() != nil {
		return fmt.Errorf("features export: %w", w.Error())
	}
	if bad > 0 {
		fmt.Fprintf(run.env.stderr, "tailor features export: %s had errors (above); their failed features are empty\n", plural(bad, "record"))
		return exitError{code: 1}
	}
	return nil
}

// header is id, the features in the model's order, then label and
// prediction when they are written.
func (x featuresExport) header() []string {
	h := []string{"id"}
	for _, f := range x.model.Features {
		h = append(h, f.Name)
	}
	if x.model.Label != nil {
		h = append(h, "label")
	}
	if x.predictions {
		h = append(h, "prediction")
	}
	return h
}

// cells formats feature values.
func cells(xs []float64) []string {
	out := make([]string, len(xs))
	for i, v := range xs {
		out[i] = cell(v)
	}
	return out
}

// cell is a value exactly (the shortest form that reads back to the same
// float64), empty when missing.
func cell(v float64) string {
	if math.IsNaN(v) {
		return ""
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}
