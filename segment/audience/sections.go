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
	if r.Err != nil {
		st.errs++
		if len(st.errLines) < maxIDs {
			st.errLines = append(st.errLines, fmt.Sprintf("%s: %s", r.ID, strings.ReplaceAll(r.Err.Error(), "\n", "; ")))
		}
	}
}

// Write implements Section: the tally prints nothing itself.
func (st *stats) Write(io.Writer) error { return nil }

// sizesSection prints each segment's size, in file order.
type sizesSection struct{ st *stats }

// Add implements Section (the tally does the counting).
func (sizesSection) Add(Recipient) {}

// Write implements Section.
func (s sizesSection) Write(w io.Writer) error {
	if len(s.st.segs) == 0 {
		_, err := fmt.Fprintln(w, "segments: none defined")
		return err
	}
	width := longest(s.st.segs)
	fmt.Fprintln(w, "segments:")
	for _, name := range s.st.segs {
		n := s.st.size[name]
		fmt.Fprintf(w, "  %-*s %6d  %5.1f%%\n", width, name, n, pct(n, s.st.total))
	}
	return nil
}

// tiersSection prints each score's tier sizes, lowest tier first.
type tiersSection struct{ st *stats }

// Add implements Section.
func (tiersSection) Add(Recipient) {}

// Write implements Section.
func (s tiersSection) Write(w io.Writer) error {
	for _, sc := range s.st.rules.Scores() {
		counts := s.st.tiers[sc.Name]
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
			fmt.Fprintf(w, "  %-*s %6d  %5.1f%%\n", width, label, counts[t], pct(counts[t], s.st.total))
		}
	}
	return nil
}

// overlapSection prints every pair of segments that share recipients.
type overlapSection struct{ st *stats }

// Add implements Section.
func (overlapSection) Add(Recipient) {}

// Write implements Section.
func (s overlapSection) Write(w io.Writer) error {
	segs := s.st.segs
	var lines []string
	for a := 0; a < len(segs); a++ {
		for b := a + 1; b < len(segs); b++ {
			n := s.st.both[[2]int{a, b}]
			if n == 0 {
				continue
			}
			lines = append(lines, fmt.Sprintf("  %s & %s: %d (%.0f%% of %s, %.0f%% of %s)",
				segs[a], segs[b], n, pct(n, s.st.size[segs[a]]), segs[a], pct(n, s.st.size[segs[b]]), segs[b]))
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

// emptySection lists segments no recipient is in.
type emptySection struct{ st *stats }

// Add implements Section.
func (emptySection) Add(Recipient) {}

// Write implements Section.
func (s emptySection) Write(w io.Writer) error {
	var empty []string
	for _, name := range s.st.segs {
		if s.st.size[name] == 0 {
			empty = append(empty, name)
		}
	}
	if len(empty) == 0 {
		empty = []string{"none"}
	}
	_, err := fmt.Fprintf(w, "empty segments: %s\n", strings.Join(empty, ", "))
	return err
}

// noneSection counts recipients in no segment.
type noneSection struct{ st *stats }

// Add implements Section.
func (noneSection) Add(Recipient) {}

// Write implements Section.
func (s noneSection) Write(w io.Writer) error {
	if s.st.none == 0 {
		_, err := fmt.Fprintln(w, "in no segment: 0")
		return err
	}
	_, err := fmt.Fprintf(w, "in no segment: %d (%s)\n", s.st.none, idList(s.st.noneIDs, s.st.none))
	return err
}

// missingSection counts, per field the rules read, recipients without it.
type missingSection struct{ st *stats }

// Add implements Section.
func (missingSection) Add(Recipient) {}

// Write implements Section.
func (s missingSection) Write(w io.Writer) error {
	fields := s.st.rules.Fields()
	var lines []string
	width := longest(fields)
	for _, f := range fields {
		if n := s.st.missing[f]; n > 0 {
			lines = append(lines, fmt.Sprintf("  %-*s %6d  %5.1f%%", width, f, n, pct(n, s.st.total)))
		}
	}
	if len(lines) == 0 {
		return nil
	}
	_, err := fmt.Fprintf(w, "missing fields (read by rules; nil-safe):\n%s\n", strings.Join(lines, "\n"))
	return err
}

// errorsSection reports recipients whose rules failed at run time.
type errorsSection struct{ st *stats }

// Add implements Section.
func (errorsSection) Add(Recipient) {}

// Write implements Section.
func (s errorsSection) Write(w io.Writer) error {
	if s.st.errs == 0 {
		return nil
	}
	fmt.Fprintf(w, "rule errors: %d recipients (failed rules count as false)\n", s.st.errs)
	for _, l := range s.st.errLines {
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
