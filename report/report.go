package report

import (
	"cmp"
	"fmt"
	"iter"
	"slices"
	"time"

	"github.com/tailor-email/tailor/segment"
)

// Options are what a report covers and the rules of its tests.
type Options struct {
	// From and To bound the send times counted: [From, To); zero is open.
	From, To time.Time
	// Template, when set, keeps only the sends of that email.
	Template string
	// Level is the confidence of every interval (default 0.95); Alpha the
	// significance of every test (default 0.05); Power what the minimum
	// detectable effect is computed for (default 0.8).
	Level, Alpha, Power float64
	// MinEffect is the smallest relative difference between variants
	// worth finding (default 0.10, 10%): a test whose minimum detectable
	// effect is larger is underpowered.
	MinEffect float64
	// Metric is what experiments are decided on and segments flagged by
	// (default Click).
	Metric Metric
	// Experiments are tailor.yaml's: the order of their variants and
	// their recorded winners.
	Experiments []segment.Experiment
	// Segments are segments.yaml's rules, for the flags.
	Segments []SegmentInfo
	// Looks, when set, is called once per experiment with its sends and
	// returns how many times its results have been looked at with new
	// data, this report included (Looks.Look records them); nil leaves
	// looks unrecorded.
	Looks func(experiment string, sends int64) int
}

// SegmentInfo is a segment's rule: its when: condition, the profile
// fields it reads and where it is written.
type SegmentInfo struct {
	Name   string   `json:"name"`
	When   string   `json:"when"`
	Fields []string `json:"fields"`
	Pos    string   `json:"pos"`
}

func (o *Options) defaults() {
	o.Level = cmp.Or(o.Level, 0.95)
	o.Alpha = cmp.Or(o.Alpha, 0.05)
	o.Power = cmp.Or(o.Power, 0.8)
	o.MinEffect = cmp.Or(o.MinEffect, 0.10)
	o.Metric = cmp.Or(o.Metric, Click)
}

// Row is one group of sends with its counts and rates (in Metrics order).
type Row struct {
	Key
	Counts Counts `json:"counts"`
	Rates  []Rate `json:"rates"`
}

// Rate returns the row's rate of a metric.
func (r *Row) Rate(m Metric) Rate {
	return r.Rates[slices.Index(Metrics(), m)]
}

// Report is the statistics of a range of sends.
type Report struct {
	Options     Options            `json:"-"`
	First, Last time.Time          // the earliest send and latest send or outcome counted
	Skipped     int64              // sends outside [From, To)
	Overall     Row                // every send
	Segments    []Row              // by segment, then (none)
	Tiers       []Row              // by score, then tier
	Modules     []Row              // by slot, then module
	Variants    []Row              // by experiment, then variant
	Experiments []ExperimentResult // in tailor.yaml's order, then by name
	Flags       []SegmentFlag      // segments significantly below the rest
	Tested      int                // segments tested for the flags
	Series      []Point            // sends and outcomes over time
	Bucket      time.Duration      // the width of each Point
}

// Build reads every record of src and computes the report. It stops at
// the first error src yields.
func Build(src iter.Seq2[Record, error], opt Options) (*Report, error) {
	opt.defaults()
	t := newTally(opt.From, opt.To, opt.Template)
	for r, err := range src {
		if err != nil {
			return nil, fmt.Errorf("report: %w", err)
		}
		t.add(&r)
	}
	rep := &Report{Options: opt, First: t.first, Last: t.last, Skipped: t.skipped}
	rep.Overall = t.row(Key{All, "", ""}, opt.Level)
	for k := range t.groups {
		row := t.row(k, opt.Level)
		switch k.Dim {
		case Segment:
			rep.Segments = append(rep.Segments, row)
		case Tier:
			rep.Tiers = append(rep.Tiers, row)
		case Module:
			rep.Modules = append(rep.Modules, row)
		case Variant:
			rep.Variants = append(rep.Variants, row)
		}
	}
	for _, rows := range [][]Row{rep.Segments, rep.Tiers, rep.Modules, rep.Variants} {
		slices.SortFunc(rows, byKey)
	}
	rep.Experiments = experiments(rep, &opt)
	rep.Flags, rep.Tested = flagSegments(rep, &opt)
	rep.Series, rep.Bucket = t.series()
	return rep, nil
}

// byKey orders rows by group then name, (none) last.
func byKey(a, b Row) int {
	if c := cmp.Compare(a.Group, b.Group); c != 0 {
		return c
	}
	if (a.Name == NoSegment) != (b.Name == NoSegment) {
		if a.Name == NoSegment {
			return 1
		}
		return -1
	}
	return cmp.Compare(a.Name, b.Name)
}

// row returns a group's row; a group with no sends has zero counts.
func (t *tally) row(k Key, level float64) Row {
	r := Row{Key: k}
	if c := t.groups[k]; c != nil {
		r.Counts = *c
	}
	for _, m := range Metrics() {
		r.Rates = append(r.Rates, m.Rate(&r.Counts, level))
	}
	return r
}

// SegmentsOf returns the segment rules of segments.yaml as the flags show
// them.
func SegmentsOf(rules *segment.Rules) []SegmentInfo {
	var out []SegmentInfo
	for _, s := range rules.SegmentRules() {
		out = append(out, SegmentInfo{Name: s.Name, When: s.When, Fields: s.Fields(), Pos: s.Pos.String()})
	}
	return out
}
