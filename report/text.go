package report

import (
	"fmt"
	"io"
	"math"
	"strings"
	"text/tabwriter"
	"time"
)

// WriteText writes the report as text: the groups' tables, then each
// experiment with its comparisons and verdict, then the flagged segments.
func WriteText(w io.Writer, rep *Report) error {
	var b strings.Builder
	rep.header(&b)
	for _, sec := range rep.sections() {
		fmt.Fprintf(&b, "\n%s\n", sec.Title)
		table(&b, sec.Rows)
	}
	for i := range rep.Experiments {
		rep.Experiments[i].text(&b, rep)
	}
	rep.flagsText(&b)
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	return nil
}

// header says what the report covers and how its rates are counted.
func (rep *Report) header(b *strings.Builder) {
	o := &rep.Options
	fmt.Fprintf(b, "%d sends", rep.Overall.Counts[Sent])
	if !rep.First.IsZero() {
		fmt.Fprintf(b, ", sent %s to %s", day(rep.First), day(rep.Last))
	}
	if rep.Skipped > 0 {
		fmt.Fprintf(b, " (%d outside the range left out)", rep.Skipped)
	}
	fmt.Fprintf(b, "\nRates are over sends (click-to-open over opened sends), with %g%% Wilson intervals.\n", o.Level*100)
	fmt.Fprintf(b, "Opens are human opens: machine opens (privacy proxies, scanners) are excluded; %d sends were opened by a machine only.\n",
		rep.Overall.Counts[MachineOpened])
}

func day(t time.Time) string { return t.UTC().Format("2006-01-02 15:04") }

// section is one table of the report.
type section struct {
	Title string
	Rows  []Row
}

func (rep *Report) sections() []section {
	return []section{{"Overall", []Row{rep.Overall}}, {"By segment", rep.Segments},
		{"By tier (score: tier)", rep.Tiers}, {"By module (slot: module)", rep.Modules},
		{"By experiment variant", rep.Variants}}
}

// Label is how the report names a group: "score: tier", "slot: module",
// "experiment: variant", a segment's name, or "all sends".
func (k Key) Label() string {
	switch {
	case k.Dim == All:
		return "all sends"
	case k.Group != "":
		return k.Group + ": " + k.Name
	}
	return k.Name
}

// table writes rows: sends, then every metric as "rate [lo, hi]".
func table(b *strings.Builder, rows []Row) {
	tw := tabwriter.NewWriter(b, 0, 0, 2, ' ', 0)
	fmt.Fprint(tw, "  \tsends")
	for _, m := range Metrics() {
		fmt.Fprintf(tw, "\t%s", m)
	}
	fmt.Fprintln(tw)
	for _, r := range rows {
		fmt.Fprintf(tw, "  %s\t%d", r.Label(), r.Counts[Sent])
		for _, rt := range r.Rates {
			fmt.Fprintf(tw, "\t%s", interval(rt))
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
}

// interval formats a rate as "5.40% [5.26, 5.54]".
func interval(r Rate) string {
	if math.IsNaN(r.P) {
		return "-"
	}
	return fmt.Sprintf("%s [%.2f, %.2f]", pct2(r.P), r.Lo*100, r.Hi*100)
}

func pct2(f float64) string { return fmt.Sprintf("%.2f%%", f*100) }

// text writes one experiment.
func (e *ExperimentResult) text(b *strings.Builder, rep *Report) {
	looks := "looks not recorded"
	if e.Looks > 0 {
		looks = fmt.Sprintf("looked at %d time(s)", e.Looks)
	}
	fmt.Fprintf(b, "\nExperiment %s (%s rate; %s)\n", e.Name, e.Metric, looks)
	for _, a := range e.Arms {
		fmt.Fprintf(b, "  %-12s %8d sends  %s %s\n", a.Name, a.Counts[Sent], e.Metric, interval(a.Rate(e.Metric)))
	}
	for _, c := range e.Comparisons {
		fmt.Fprintf(b, "  %s vs %s: %+.2f points [%+.2f, %+.2f], lift %s [%s, %s], z %.2f, p %.3g, adjusted p %.3g; detectable: %s relative (%.0f%% power)\n",
			c.B, c.A, c.Diff*100, c.DiffLo*100, c.DiffHi*100, signed(c.Lift), signed(c.LiftLo), signed(c.LiftHi),
			c.Z, c.P, c.PAdj, pct(c.MDERel), rep.Options.Power*100)
	}
	for _, w := range e.Warnings {
		fmt.Fprintf(b, "  warning: %s\n", w)
	}
	fmt.Fprintf(b, "  => %s\n", e.Verdict)
	if e.Suggestion != "" {
		fmt.Fprintf(b, "  conclude it: %s\n", e.Suggestion)
	}
}

func signed(f float64) string {
	if math.IsNaN(f) {
		return "n/a"
	}
	return fmt.Sprintf("%+.1f%%", f*100)
}

// flagsText writes the flagged segments with their rules.
func (rep *Report) flagsText(b *strings.Builder) {
	o := &rep.Options
	fmt.Fprintf(b, "\nSegments below the rest of the campaign (%s rate; one-sided z-test against the sends outside the segment, Holm over %d segments, p < %g):\n",
		o.Metric, rep.Tested, o.Alpha)
	if len(rep.Flags) == 0 {
		b.WriteString("  none\n")
	}
	for _, f := range rep.Flags {
		fmt.Fprintf(b, "  %s: %s vs %s for the rest (campaign %s), adjusted p %.3g\n",
			f.Segment, interval(f.Rate), pct2(f.Rest.P), pct2(f.Campaign.P), f.PAdj)
		if f.Rule.When != "" {
			fmt.Fprintf(b, "    rule (%s): %s\n    fields: %s\n", f.Rule.Pos, oneLine(f.Rule.When), strings.Join(f.Rule.Fields, ", "))
		}
	}
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
