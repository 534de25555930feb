package source

import (
	"fmt"
	"sort"
	"strings"
)

// MaxIssues bounds the issues a Report keeps; counts are always complete.
const MaxIssues = 1000

// Report is what a Load found: counts per input, conflicts and the first
// MaxIssues issues.
type Report struct {
	Profiles       int            // merged recipients
	Conflicts      int            // fields given different values by two rows
	ConflictFields map[string]int // field -> conflicts
	Inputs         []InputReport  // in spec order
	Issues         []Issue        // the first MaxIssues issues, in the order found
	MoreIssues     int            // issues beyond MaxIssues
}

// InputReport accounts for every row of one input.
type InputReport struct {
	Name, Kind string
	Rows       int            // records read, good or bad
	BadRows    int            // records skipped: unreadable, no key, bad event time or amount
	BadValues  int            // values that did not coerce (their field left out)
	Missing    map[string]int // declared field -> rows without it
	Loaded     int            // profiles: rows merged (Rows = Loaded + BadRows)
	Duplicates int            // profiles: rows whose key the input already had (among Loaded)
	Aggregated int            // events: rows reduced into a recipient's features
	Orphans    int            // events: rows whose key has no profile
	Future     int            // events: rows after now
}

// Balanced reports whether the counts add up, with the equation that
// does not when they do not.
func (r InputReport) Balanced() (bool, string) {
	if r.Kind == Events {
		sum := r.Aggregated + r.Orphans + r.Future + r.BadRows
		return sum == r.Rows, fmt.Sprintf("rows %d = aggregated %d + orphans %d + future %d + bad %d", r.Rows, r.Aggregated, r.Orphans, r.Future, r.BadRows)
	}
	return r.Loaded+r.BadRows == r.Rows, fmt.Sprintf("rows %d = loaded %d + bad %d", r.Rows, r.Loaded, r.BadRows)
}

// IssueKind classifies an issue.
type IssueKind string

// Issue kinds.
const (
	BadRow    IssueKind = "bad row"
	BadValue  IssueKind = "bad value"
	Duplicate IssueKind = "duplicate"
	Conflict  IssueKind = "conflict"
)

// Issue is one problem with the data, at source:line.
type Issue struct {
	Kind   IssueKind
	Source string // the input's path
	Line   int
	Col    int    // the value's column (a value that does not fit the schema); 0 otherwise
	Key    string // the recipient key, when known
	Field  string
	Msg    string
}

// String reads "source:line: kind: key K: field F: message", or
// "source:line:col: ..." when the column is known.
func (i Issue) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s:%d", i.Source, i.Line)
	if i.Col > 0 {
		fmt.Fprintf(&b, ":%d", i.Col)
	}
	fmt.Fprintf(&b, ": %s", i.Kind)
	if i.Key != "" {
		fmt.Fprintf(&b, ": key %s", i.Key)
	}
	if i.Field != "" {
		fmt.Fprintf(&b, ": field %s", i.Field)
	}
	if i.Msg != "" {
		b.WriteString(": " + i.Msg)
	}
	return b.String()
}

// add records an issue, keeping at most MaxIssues.
func (r *Report) add(i Issue) {
	if len(r.Issues) < MaxIssues {
		r.Issues = append(r.Issues, i)
	} else {
		r.MoreIssues++
	}
}

// Summary is a short human-readable account of the report.
func (r *Report) Summary() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d profiles, %d conflicts", r.Profiles, r.Conflicts)
	if len(r.ConflictFields) > 0 {
		fields := make([]string, 0, len(r.ConflictFields))
		for f, n := range r.ConflictFields {
			fields = append(fields, fmt.Sprintf("%s %d", f, n))
		}
		sort.Strings(fields)
		fmt.Fprintf(&b, " (%s)", strings.Join(fields, ", "))
	}
	b.WriteString("\n")
	for _, in := range r.Inputs {
		if in.Kind == Events {
			fmt.Fprintf(&b, "%s: %d rows: %d aggregated, %d orphans, %d future, %d bad rows, %d bad values\n",
				in.Name, in.Rows, in.Aggregated, in.Orphans, in.Future, in.BadRows, in.BadValues)
		} else {
			fmt.Fprintf(&b, "%s: %d rows: %d loaded (%d duplicates), %d bad rows, %d bad values\n",
				in.Name, in.Rows, in.Loaded, in.Duplicates, in.BadRows, in.BadValues)
		}
		fields := make([]string, 0, len(in.Missing))
		for f := range in.Missing {
			fields = append(fields, f)
		}
		sort.Strings(fields)
		for _, f := range fields {
			fmt.Fprintf(&b, "  missing %s: %d\n", f, in.Missing[f])
		}
	}
	return b.String()
}
