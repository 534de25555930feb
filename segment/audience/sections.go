package audience

import (
	"fmt"
	"io"
	"strings"

	"github.com/tailor-email/tailor/segment"
)

// stats is the tally the standard sections print; it is itself a silent
// section so that it sees every recipient once.
type stats struct {
	rules    *segment.Rules
	segs     []string
	total    int
	size     map[string]int
	both     map[[2]int]int // segment index pair -> recipients in both
	tiers    map[string]map[string]int
	none     int
	noneIDs  []string
	missing  map[string]int
	errs     int
	errLines []string
	// dataErrs counts the recipients with data errors; dataLines are the
	// first errors.
	dataErrs  int
	dataLines []string
}

// newStats prepares the tally for rules.
func newStats(rules *segment.Rules) *stats {
	st := &stats{rules: rules, segs: rules.Segments(), size: map[string]int{}, both: map[[2]int]int{},
		tiers: map[string]map[string]int{}, missing: map[string]int{}}
	for _, sc := range rules.Scores() {
		st.tiers[sc.Name] = map[string]int{}
	}
	return st
}

// Add implements Section.
func (st *stats) Add(r Recipient) {
	st.total++
	in := make([]int, 0, len(st.segs))
	for i, s := range st.segs {
		if r.Membership.Segments[s] {
			st.size[s]++
			in = append(in, i)
		}
	}
	for a := 0; a < len(in); a++ {
		for b := a + 1; b < len(in); b++ {
			st.both[[2]int{in[a], in[b]}]++
		}
	}
	if len(in) == 0 {
		st.none++
		if len(st.noneIDs) < maxIDs {
			st.noneIDs = append(st.noneIDs, r.ID)
		}
	}
	for name, t := range r.Membership.Tiers {
		if m, ok := st.tiers[name]; ok {
			m[t]++
		}
	}
	for _, f := range st.rules.Fields() {
		if r.Profile[f] == nil {
			st.missing[f]++
		}
	}
	if len(r.DataErrors) > 0 {
		st.dataErrs++
		for _, e := range r.DataErrors {
			if len(st.dataLines) < maxIDs {
				st.dataLines = append(st.dataLines, fmt.Sprintf("%s: %s", r.ID, e.Error()))
			}
		}
	}
	if r.Err != nil {
		st.errs++
		if len(st.errLines) < maxIDs {
			st.errLines = append(st.errLines, fmt.Sprintf("%s: %s", r.ID, strings.ReplaceAll(r.Err.Error(), "\n", "; ")))
		}
	}
}

// Write implements Section: the tally prints nothing itself; the printed
// sections print it.
func (st *stats) Write(io.Writer) error { return nil }

// printed is a section that prints from the tally, which sees every
// recipient: it adds nothing itself.
type printed func(w io.Writer) error

// Add implements Section.
func (printed) Add(Recipient) {}

// Write implements Section.
func (p printed) Write(w io.Writer) error { return p(w) }

// writeSizes prints each segment's size, in file order.
func (st *stats) writeSizes(w io.Writer) error {
	if len(st.segs) == 0 {
		_, err := fmt.Fprintln(w, "segments: none defined")
		return err
	}
	width := longest(st.segs)
	fmt.Fprintln(w, "segments:")
	for _, name := range st.segs {
		n := st.size[name]
		fmt.Fprintf(w, "  %-*s %6d  %5.1f%%\n", width, name, n, pct(n, st.total))
	}
	return nil
}

// writeTiers prints each score's tier sizes, lowest tier first.
func (st *stats) writeTiers(w io.Writer) error {
	for _, sc := range st.rules.Scores() {
		counts := st.tiers[sc.Name]
		fmt.Fprintf(w, "tiers of %s:\n", sc.Name)
		names := []string{""}
		for _, t := range sc.Tiers {
			names = append(names, t.Name)
		}
		width := longest(append(names, "(below every tier)"))
		for _, t := range names {
			label := t
			if t == "" {
				if counts[""] == 0 {
					continue
				}
				label = "(below every tier)"
			}
			fmt.Fprintf(w, "  %-*s %6d  %5.1f%%\n", width, label, counts[t], pct(counts[t], st.total))
		}
	}
	return nil
}

// writeOverlaps prints every pair of segments that share recipients.
func (st *stats) writeOverlaps(w io.Writer) error {
	segs := st.segs
	var lines []string
	for a := 0; a < len(segs); a++ {
		for b := a + 1; b < len(segs); b++ {
			n := st.both[[2]int{a, b}]
			if n == 0 {
				continue
			}
			lines = append(lines, fmt.Sprintf("  %s & %s: %d (%.0f%% of %s, %.0f%% of %s)",
				segs[a], segs[b], n, pct(n, st.size[segs[a]]), segs[a], pct(n, st.size[segs[b]]), segs[b]))
		}
	}
	if len(segs) < 2 {
		return nil
	}
	if len(lines) == 0 {
		_, err := fmt.Fprintln(w, "overlaps: none")
		return err
	}
	_, err := fmt.Fprintf(w, "overlaps:\n%s\n", strings.Join(lines, "\n"))
	return err
}

// writeEmpty lists segments no recipient is in.
func (st *stats) writeEmpty(w io.Writer) error {
	var empty []string
	for _, name := range st.segs {
		if st.size[name] == 0 {
			empty = append(empty, name)
		}
	}
	if len(empty) == 0 {
		empty = []string{"none"}
	}
	_, err := fmt.Fprintf(w, "empty segments: %s\n", strings.Join(empty, ", "))
	return err
}

// writeNone counts recipients in no segment.
func (st *stats) writeNone(w io.Writer) error {
	if st.none == 0 {
		_, err := fmt.Fprintln(w, "in no segment: 0")
		return err
	}
	_, err := fmt.Fprintf(w, "in no segment: %d (%s)\n", st.none, idList(st.noneIDs, st.none))
	return err
}

// writeMissing counts, per field the rules read, recipients without it.
func (st *stats) writeMissing(w io.Writer) error {
	fields := st.rules.Fields()
	var lines []string
	width := longest(fields)
	for _, f := range fields {
		if n := st.missing[f]; n > 0 {
			lines = append(lines, fmt.Sprintf("  %-*s %6d  %5.1f%%", width, f, n, pct(n, st.total)))
		}
	}
	if len(lines) == 0 {
		return nil
	}
	_, err := fmt.Fprintf(w, "missing fields (read by rules; nil-safe):\n%s\n", strings.Join(lines, "\n"))
	return err
}

// writeDataErrors reports recipients with values that did not fit the
// schema.
func (st *stats) writeDataErrors(w io.Writer) error {
	return writeCounted(w, "data errors: %d recipients (values left out as missing; --strict fails them)\n", st.dataErrs, st.dataLines)
}

// writeErrors reports recipients whose rules failed at run time.
func (st *stats) writeErrors(w io.Writer) error {
	return writeCounted(w, "rule errors: %d recipients (failed rules count as false)\n", st.errs, st.errLines)
}

// writeCounted writes header, a format for the count n, and the lines
// under it, indented; nothing when n is 0.
func writeCounted(w io.Writer, header string, n int, lines []string) error {
	if n == 0 {
		return nil
	}
	fmt.Fprintf(w, header, n)
	for _, l := range lines {
		fmt.Fprintf(w, "  %s\n", l)
	}
	return nil
}

// longest is the length of the longest name.
func longest(names []string) int {
	n := 0
	for _, s := range names {
		n = max(n, len(s))
	}
	return n
}
