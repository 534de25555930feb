package audience

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/tailor-email/tailor/segment"
)

// missingSection finds the recipients who are in a segment only because
// a field its rule reads is missing (see Missing).
type missingSection struct {
	rules    *segment.Rules
	now      time.Time
	standIns func(field string) []any
	reads    map[string][]string // segment -> the fields its rule reads, through the rules it uses
	total    int
	count    map[string]int            // segment -> recipients decided by a missing value
	byField  map[string]map[string]int // segment -> field -> recipients
	ids      map[string][]string       // segment -> the first of them
}

// Missing is a section that counts, per segment, the recipients who are
// in it only because of a missing value. For each recipient in a segment
// whose rule reads a field the recipient lacks (directly, or through the
// segments and scores it uses), the rules are evaluated again with that
// field present, once per value standIns gives for it (values of its type
// on both sides of any threshold, such as schema.Field.StandIns). If any
// of them leaves the recipient out of the segment, their membership was
// decided by the value being missing: `(days_since(last_activity_at) ??
// 1e9) > 90` puts a recipient without last_activity_at in, and the stand-in
// now takes them out. A stand-in that makes a rule reading the field fail
// (a value of another type than the rule expects) is not counted.
func Missing(rules *segment.Rules, now time.Time, standIns func(field string) []any) Section {
	m := &missingSection{rules: rules, now: now, standIns: standIns, reads: map[string][]string{},
		count: map[string]int{}, byField: map[string]map[string]int{}, ids: map[string][]string{}}
	for _, s := range rules.SegmentRules() {
		m.reads[s.Name] = readsOf(rules, s.Fields(), s.Uses(), map[string]bool{})
	}
	return m
}

// readsOf is the fields a rule reads, with those of the rules it uses.
func readsOf(rules *segment.Rules, fields, uses []string, seen map[string]bool) []string {
	out := slices.Clone(fields)
	for _, u := range uses {
		if seen[u] {
			continue
		}
		seen[u] = true
		root, name, _ := strings.Cut(u, ".")
		for _, s := range rules.SegmentRules() {
			if root == "segments" && s.Name == name {
				out = append(out, readsOf(rules, s.Fields(), s.Uses(), seen)...)
			}
		}
		for _, sc := range rules.Scores() {
			if root != "segments" && sc.Name == name {
				for _, pr := range sc.Rules {
					out = append(out, readsOf(rules, pr.Fields(), pr.Uses(), seen)...)
				}
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Add implements Section.
func (m *missingSection) Add(r Recipient) {
	m.total++
	lacks := map[string][]string{} // segment -> the missing fields it reads
	var fields []string
	for _, s := range m.rules.Segments() {
		if !r.Membership.Segments[s] {
			continue
		}
		for _, f := range m.reads[s] {
			if r.Profile[f] == nil {
				lacks[s] = append(lacks[s], f)
				fields = append(fields, f)
			}
		}
	}
	if len(fields) == 0 {
		return
	}
	slices.Sort(fields)
	decided := map[string][]string{} // segment -> fields whose absence keeps the recipient in
	for _, f := range slices.Compact(fields) {
		out := m.outWith(r.Profile, f)
		for s, fs := range lacks {
			if slices.Contains(fs, f) && out[s] {
				decided[s] = append(decided[s], f)
			}
		}
	}
	for s, fs := range decided {
		m.count[s]++
		if m.byField[s] == nil {
			m.byField[s] = map[string]int{}
		}
		for _, f := range fs {
			m.byField[s][f]++
		}
		if len(m.ids[s]) < maxIDs {
			m.ids[s] = append(m.ids[s], r.ID)
		}
	}
}

// outWith returns the segments that some stand-in for the missing field
// f leaves the profile out of.
func (m *missingSection) outWith(p segment.Profile, f string) map[string]bool {
	out := map[string]bool{}
	q := maps.Clone(p)
	for _, v := range m.standIns(f) {
		q[f] = v
		ex, _ := m.rules.Explain(q, m.now)
		if failsOn(ex, f) {
			continue
		}
		for s, in := range ex.Membership.Segments {
			if !in {
				out[s] = true
			}
		}
	}
	return out
}

// failsOn reports whether a rule that reads f failed.
func failsOn(ex segment.Explanation, f string) bool {
	for _, s := range ex.Segments {
		if s.Err != nil && slices.Contains(s.Rule.Fields(), f) {
			return true
		}
	}
	for _, sc := range ex.Scores {
		for _, pt := range sc.Rules {
			if pt.Err != nil && slices.Contains(pt.Rule.Fields(), f) {
				return true
			}
		}
	}
	return false
}

// Write implements Section.
func (m *missingSection) Write(w io.Writer) error {
	segs := m.rules.Segments()
	var lines []string
	width := longest(segs)
	for _, s := range segs {
		n := m.count[s]
		if n == 0 {
			continue
		}
		fields := slices.Sorted(maps.Keys(m.byField[s]))
		for i, f := range fields {
			fields[i] = fmt.Sprintf("%s %d", f, m.byField[s][f])
		}
		lines = append(lines, fmt.Sprintf("  %-*s %6d  %5.1f%%  missing %s (%s)", width, s, n, pct(n, m.total),
			strings.Join(fields, ", "), idList(m.ids[s], n)))
	}
	if len(segs) == 0 {
		return nil
	}
	if len(lines) == 0 {
		_, err := fmt.Fprintln(w, "in a segment only because of a missing value: none")
		return err
	}
	_, err := fmt.Fprintf(w, "in a segment only because of a missing value (out of it with the field present):\n%s\n", strings.Join(lines, "\n"))
	return err
}
