package main

import (
	"fmt"
	iofs "io/fs"
	"iter"
	"time"

	"github.com/tailor-email/tailor/recipients"
	"github.com/tailor-email/tailor/schema"
	"github.com/tailor-email/tailor/segment"
	datasource "github.com/tailor-email/tailor/segment/source"
	"github.com/tailor-email/tailor/workspace"
)

// mergeSources loads and merges the workspace's sources: (tailor.yaml) at
// now, from fsys, prints the merge report and its issues to stderr, and
// yields the merged profiles with their number. Each record's source:line
// is "sources:N", the Nth merged profile. With a schema, each input is
// typed as it is read, and each merged profile is held to the whole
// schema (defaults, fields that may not be missing, the event lists):
// the record's data errors are both kinds.
func mergeSources(env *cmdEnv, fsys iofs.FS, name string, cfg *workspace.Config, s *schema.Schema, now time.Time) (iter.Seq[recipients.Record], int, error) {
	spec, err := workspace.DecodeSection[datasource.Spec](cfg.Sources)
	if err != nil {
		return nil, 0, fmt.Errorf("--sources: workspace %s: %w", name, err)
	}
	if spec == nil || len(spec.Inputs) == 0 {
		return nil, 0, fmt.Errorf("--sources: workspace %s: tailor.yaml declares no sources: inputs", name)
	}
	res, err := datasource.LoadWith(fsys, *spec, now, s)
	if err != nil {
		return nil, 0, fmt.Errorf("--sources: %w", err)
	}
	fmt.Fprintf(env.stderr, "merge: %s", res.Report.Summary())
	for _, is := range res.Report.Issues {
		fmt.Fprintln(env.stderr, is.String())
	}
	if res.Report.MoreIssues > 0 {
		fmt.Fprintf(env.stderr, "... and %d more issues\n", res.Report.MoreIssues)
	}
	seq := func(yield func(recipients.Record) bool) {
		line := 0
		_ = res.EachWith(func(p segment.Profile, dataErrs []*schema.Error) error {
			line++
			rec := recipients.Record{Profile: p, Source: "sources", Line: line, DataErrors: dataErrs}
			if s != nil {
				for _, e := range s.Apply(p) {
					e.Source, e.Line = rec.Source, rec.Line
					rec.DataErrors = append(rec.DataErrors, e)
				}
			}
			if !yield(rec) {
				return errStop
			}
			return nil
		})
	}
	return seq, res.Len(), nil
}

// clockOf is the time a command runs at: --now (flag, when not zero),
// else tailor.yaml's now, else the wall clock.
func clockOf(cfg *workspace.Config, flag time.Time) time.Time {
	if !flag.IsZero() {
		return flag
	}
	if t := cfg.Clock(); !t.IsZero() {
		return t
	}
	return time.Now()
}
