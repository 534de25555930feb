package report

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"github.com/tailor-email/tailor/segment"
)

// Comparison is variant B against variant A on the report's metric.
type Comparison struct {
	A, B         string
	RateA, RateB Rate
	// Diff is B's rate minus A's with its 95% (Wald) interval; Lift is
	// B's over A's minus 1 with its log-ratio interval.
	Diff, DiffLo, DiffHi float64
	Lift, LiftLo, LiftHi float64
	// Z and P are the pooled two-proportion z-test, two-sided; PAdj is
	// P adjusted by Holm over every comparison of the report, then
	// multiplied by the experiment's looks (capped at 1).
	Z, P, PAdj float64
	// MDE is the smallest absolute difference the test detects with the
	// report's power at these sample sizes; MDERel is it over A's rate.
	MDE, MDERel float64
	Significant bool // PAdj < Alpha
	Powered     bool // MDERel <= MinEffect
}

// ExperimentResult is one experiment's variants and their comparisons.
type ExperimentResult struct {
	Name        string
	Metric      Metric
	Arms        []Row // its variants in tailor.yaml's order, then holdout
	Comparisons []Comparison
	Looks       int      // 0 when looks are not recorded
	Warnings    []string // underpowered, peeked at, too few events
	// Winner is the variant the report suggests concluding with, or "";
	// Verdict says why in a sentence ("no winner yet: ..."); Suggestion
	// is the command that concludes with the winner.
	Winner     string
	Verdict    string
	Suggestion string
	// Concluded is the winner tailor.yaml already records, if any.
	Concluded string
}

// minEvents is the fewest events per variant under which the normal
// approximation of the z-test is called rough.
const minEvents = 10

// experiments compares the variants of every experiment with sends.
func experiments(rep *Report, opt *Options) []ExperimentResult {
	var out []ExperimentResult
	for _, name := range experimentNames(rep.Variants, opt.Experiments) {
		out = append(out, experiment(name, rep.Variants, opt))
	}
	var ps []float64
	for _, e := range out {
		for _, c := range e.Comparisons {
			ps = append(ps, c.P)
		}
	}
	adj := Holm(ps)
	i := 0
	for ei := range out {
		e := &out[ei]
		for ci := range e.Comparisons {
			c := &e.Comparisons[ci]
			c.PAdj = min(1, adj[i]*float64(max(e.Looks, 1)))
			c.Significant = c.PAdj < opt.Alpha
			i++
		}
		verdict(e, opt)
	}
	return out
}

// experimentNames lists tailor.yaml's experiments, then any other the
// sends name.
func experimentNames(rows []Row, exps []segment.Experiment) []string {
	var names []string
	for _, e := range exps {
		names = append(names, e.Name)
	}
	var more []string
	for _, r := range rows {
		if !slices.Contains(names, r.Group) && !slices.Contains(more, r.Group) {
			more = append(more, r.Group)
		}
	}
	slices.Sort(more)
	return append(names, more...)
}

// experiment builds one experiment's arms and pairwise comparisons
// (holdout takes no part in them: it gets no variant's content).
func experiment(name string, rows []Row, opt *Options) ExperimentResult {
	e := ExperimentResult{Name: name, Metric: opt.Metric}
	var order []string
	if i := slices.IndexFunc(opt.Experiments, func(x segment.Experiment) bool { return x.Name == name }); i >= 0 {
		e.Concluded = opt.Experiments[i].Winner
		for _, v := range opt.Experiments[i].Variants {
			order = append(order, v.Name)
		}
	}
	for _, r := range rows {
		if r.Group == name {
			e.Arms = append(e.Arms, r)
		}
	}
	if opt.Looks != nil && len(e.Arms) > 0 {
		var n int64
		for _, a := range e.Arms {
			n += a.Counts[Sent]
		}
		e.Looks = opt.Looks(name, n)
	}
	rank := func(v string) int {
		if i := slices.Index(order, v); i >= 0 {
			return i
		}
		if v == segment.Holdout {
			return math.MaxInt
		}
		return len(order)
	}
	slices.SortStableFunc(e.Arms, func(a, b Row) int { return cmp.Compare(rank(a.Name), rank(b.Name)) })
	for i, a := range e.Arms {
		for _, b := range e.Arms[i+1:] {
			if a.Name == segment.Holdout || b.Name == segment.Holdout {
				continue
			}
			e.Comparisons = append(e.Comparisons, comparison(a, b, opt))
		}
	}
	return e
}

func comparison(a, b Row, opt *Options) Comparison {
	ra, rb := a.Rate(opt.Metric), b.Rate(opt.Metric)
	t := compare(ra, rb, opt.Level, opt.Power)
	c := Comparison{A: a.Name, B: b.Name, RateA: ra, RateB: rb,
		Diff: t.diff, DiffLo: t.diffLo, DiffHi: t.diffHi,
		Lift: t.lift, LiftLo: t.liftLo, LiftHi: t.liftHi,
		Z: t.z, P: t.p, MDE: t.mde, MDERel: t.mde / ra.P}
	c.Powered = c.MDERel <= opt.MinEffect
	if math.IsNaN(c.P) {
		c.P = 1
	}
	return c
}

// verdict names the winner, if any, and the experiment's warnings. A
// winner is a variant better than every other variant with every one of
// those comparisons significant and powered.
func verdict(e *ExperimentResult, opt *Options) {
	for _, c := range e.Comparisons {
		if !c.Powered {
			e.Warnings = append(e.Warnings, fmt.Sprintf("underpowered: %s vs %s detects a relative difference of %s with %.0f%% power at these sizes, more than the %s minimum effect",
				c.B, c.A, pct(c.MDERel), opt.Power*100, pct(opt.MinEffect)))
		}
	}
	for _, a := range e.Arms {
		if n, _ := opt.Metric.fraction(&a.Counts); a.Name != segment.Holdout && n < minEvents {
			e.Warnings = append(e.Warnings, fmt.Sprintf("few events: %s has %d %s events, too few for the normal approximation", a.Name, n, opt.Metric))
		}
	}
	if e.Looks > 1 {
		e.Warnings = append(e.Warnings, fmt.Sprintf("peeked at: looked at %d times as data came in; each p-value is multiplied by %d (Bonferroni over the looks)", e.Looks, e.Looks))
	}
	switch {
	case e.Concluded != "":
		e.Verdict = fmt.Sprintf("concluded: %s serves everyone", e.Concluded)
		return
	case len(e.Arms) == 0:
		e.Verdict = "no winner yet: no sends"
		return
	case len(e.Comparisons) == 0:
		e.Verdict = "no winner yet: fewer than two variants have sends"
		return
	}
	lead, leads := leader(e.Comparisons, e.Arms)
	switch {
	case !leads:
		e.Verdict = fmt.Sprintf("no winner yet: no variant beats every other at p < %g after Holm's correction", opt.Alpha)
	case !allPowered(e.Comparisons, lead):
		e.Verdict = fmt.Sprintf("no winner yet: %s leads significantly but the test is underpowered", lead)
	default:
		e.Winner = lead
		e.Verdict = "winner: " + lead
		e.Suggestion = fmt.Sprintf("tailor experiments conclude %s --winner %s", e.Name, lead)
	}
}

// leader returns the variant that beats every other significantly.
func leader(cs []Comparison, arms []Row) (string, bool) {
	for _, a := range arms {
		wins, n := 0, 0
		for _, c := range cs {
			switch {
			case c.A == a.Name:
				n++
				if c.Significant && c.Diff < 0 {
					wins++
				}
			case c.B == a.Name:
				n++
				if c.Significant && c.Diff > 0 {
					wins++
				}
			}
		}
		if n > 0 && wins == n {
			return a.Name, true
		}
	}
	return "", false
}

func allPowered(cs []Comparison, v string) bool {
	for _, c := range cs {
		if (c.A == v || c.B == v) && !c.Powered {
			return false
		}
	}
	return true
}

// pct formats a fraction as a percentage.
func pct(f float64) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return "n/a"
	}
	return fmt.Sprintf("%.1f%%", f*100)
}
