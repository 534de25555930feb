package schema

import (
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
)

// maxDistinct is how many distinct values of a field an Audit counts
// before it only says there are more.
const maxDistinct = 8

// maxExamples is how many data errors of a field an Audit keeps.
const maxExamples = 3

// maxUndeclared bounds the undeclared top-level fields an Audit tallies.
const maxUndeclared = 32

// Audit tallies, field by field, how the typed profiles of a source fit
// their schema: how many have each field, lack it, or had a value that
// did not fit; the distinct values of a field that has few, the least and
// greatest number or time, the shortest and longest list. A field of an
// object or of a list's objects is counted per object: orders.total once
// per order. Its memory is bounded whatever the number of profiles.
type Audit struct {
	schema     *Schema
	profiles   int
	tallies    []*tally // the schema's fields, in order, then undeclared ones
	byName     map[string]*tally
	undeclared int // undeclared fields tallied
	errs       int // data errors
}

// tally is one field's counts.
type tally struct {
	name, typ                string
	present, absent, invalid int
	cleared                  int // values an error left out (counted in absent)
	distinct                 map[string]int
	more                     bool // more than maxDistinct distinct values
	lo, hi                   float64
	loT, hiT                 time.Time
	numbers, times, lists    int
	loLen, hiLen             int
	date                     bool // times are dates: print them so
	examples                 []string
}

// NewAudit starts an audit of profiles typed by s (nil: no schema, every
// field undeclared).
func NewAudit(s *Schema) *Audit {
	a := &Audit{schema: s, byName: map[string]*tally{}}
	if s == nil {
		return a
	}
	for _, f := range s.Fields {
		t := &tally{name: f.Name, typ: f.Type.String(), date: f.Type.Base().Kind == Date}
		a.tallies = append(a.tallies, t)
		a.byName[f.Name] = t
	}
	return a
}

// Add tallies one typed profile and its data errors.
func (a *Audit) Add(p map[string]any, errs []*Error) {
	a.profiles++
	if a.schema != nil {
		a.walk(a.schema.root.children, p)
	}
	a.undeclaredIn(p)
	for _, e := range errs {
		a.errs++
		t := a.byName[fieldName(e.Path)]
		if t == nil {
			continue
		}
		own := len(e.Path) > 0 && !isDigits(e.Path[len(e.Path)-1], false) // the field's value, not an element of it
		if !errors.Is(e, ErrMissing) {
			t.invalid++
			if own {
				t.cleared++
			}
		}
		if len(t.examples) < maxExamples {
			t.examples = append(t.examples, e.Error())
		}
	}
}

// fieldName is the schema field of an error's path: its steps without
// list indices.
func fieldName(path []string) string {
	var b strings.Builder
	for _, s := range path {
		if isDigits(s, false) {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(s)
	}
	return b.String()
}

// walk tallies the declared fields of one object.
func (a *Audit) walk(fields []*Field, m map[string]any) {
	for _, f := range fields {
		t := a.byName[f.Name]
		v, ok := m[f.leaf]
		if !ok || v == nil {
			t.absent++
			continue
		}
		t.present++
		t.observe(v)
		if len(f.children) == 0 {
			continue
		}
		switch x := v.(type) {
		case map[string]any:
			a.walk(f.children, x)
		case []any:
			for _, e := range x {
				if o, ok := e.(map[string]any); ok {
					a.walk(f.children, o)
				}
			}
		}
	}
}

// undeclaredIn tallies the top-level fields the schema does not declare.
func (a *Audit) undeclaredIn(p map[string]any) {
	for k, v := range p {
		if a.schema != nil && a.schema.Lookup(k) != nil {
			continue
		}
		t := a.byName[k]
		if t == nil {
			if a.undeclared == maxUndeclared {
				continue
			}
			a.undeclared++
			t = &tally{name: k, typ: "undeclared", absent: a.profiles - 1}
			a.byName[k] = t
			a.tallies = append(a.tallies, t)
		}
		if v == nil {
			t.absent++
			continue
		}
		t.present++
		t.observe(v)
	}
	for _, t := range a.tallies[len(a.tallies)-a.undeclared:] {
		if t.present+t.absent < a.profiles {
			t.absent++
		}
	}
}

// observe adds a present value to the field's summary.
func (t *tally) observe(v any) {
	switch x := v.(type) {
	case string:
		t.count(x)
	case bool:
		t.count(strconv.FormatBool(x))
	case int:
		t.number(float64(x))
	case float64:
		t.number(x)
	case time.Time:
		if t.times == 0 || x.Before(t.loT) {
			t.loT = x
		}
		if t.times == 0 || x.After(t.hiT) {
			t.hiT = x
		}
		t.times++
	case []any:
		if t.lists == 0 || len(x) < t.loLen {
			t.loLen = len(x)
		}
		t.hiLen = max(t.hiLen, len(x))
		t.lists++
	}
}

// count adds a text value to the distinct values, while there are few.
func (t *tally) count(s string) {
	if t.more {
		return
	}
	if t.distinct == nil {
		t.distinct = map[string]int{}
	}
	if _, ok := t.distinct[s]; !ok && len(t.distinct) == maxDistinct {
		t.more, t.distinct = true, nil
		return
	}
	t.distinct[s]++
}

// number adds a number to the range.
func (t *tally) number(x float64) {
	if t.numbers == 0 || x < t.lo {
		t.lo = x
	}
	if t.numbers == 0 || x > t.hi {
		t.hi = x
	}
	t.numbers++
}

// Profiles is the number of profiles added.
func (a *Audit) Profiles() int { return a.profiles }

// Errors is the number of data errors added: values that did not fit,
// and missing values of fields that may not be missing.
func (a *Audit) Errors() int { return a.errs }

// Write prints the audit: a line per field (present, missing, invalid,
// and its values), then the first data errors of each field.
func (a *Audit) Write(w io.Writer) error {
	rows := [][]string{{"field", "type", "present", "missing", "invalid", "values"}}
	for _, t := range a.tallies {
		rows = append(rows, []string{t.name, t.typ,
			strconv.Itoa(t.present), strconv.Itoa(max(t.absent-t.cleared, 0)), strconv.Itoa(t.invalid), t.values()})
	}
	fmt.Fprintln(w, "fields (a dotted field counts once per object: orders.at once per order):")
	writeTable(w, rows)
	if a.errs == 0 {
		_, err := fmt.Fprintln(w, "\ndata errors: none")
		return err
	}
	fmt.Fprintf(w, "\ndata errors: %d (values left out as missing; --strict fails their recipients)\n", a.errs)
	for _, t := range a.tallies {
		for _, e := range t.examples {
			fmt.Fprintf(w, "  %s\n", e)
		}
	}
	return nil
}

// values summarizes what a field held.
func (t *tally) values() string {
	var parts []string
	if d := t.distinctValues(); d != "" {
		parts = append(parts, d)
	}
	if t.numbers > 0 {
		parts = append(parts, number(t.lo)+" .. "+number(t.hi))
	}
	if t.times > 0 {
		layout := time.RFC3339
		if t.date {
			layout = time.DateOnly
		}
		parts = append(parts, t.loT.UTC().Format(layout)+" .. "+t.hiT.UTC().Format(layout))
	}
	if t.lists > 0 {
		parts = append(parts, fmt.Sprintf("%d .. %d elements", t.loLen, t.hiLen))
	}
	return strings.Join(parts, "; ")
}

// distinctValues lists the text values, most frequent first, when they
// repeat (at least twice each on average); else it counts them.
func (t *tally) distinctValues() string {
	seen := 0
	for _, n := range t.distinct {
		seen += n
	}
	switch {
	case t.more:
		return fmt.Sprintf("more than %d distinct", maxDistinct)
	case len(t.distinct) == 0:
		return ""
	case 2*len(t.distinct) > seen:
		return fmt.Sprintf("%d distinct", len(t.distinct))
	}
	keys := make([]string, 0, len(t.distinct))
	for k := range t.distinct {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(x, y string) int {
		if d := t.distinct[y] - t.distinct[x]; d != 0 {
			return d
		}
		return strings.Compare(x, y)
	})
	for i, k := range keys {
		keys[i] = fmt.Sprintf("%q %d", k, t.distinct[k])
	}
	return strings.Join(keys, ", ")
}

// number prints a number as short as it reads back.
func number(x float64) string {
	if x == math.Trunc(x) && math.Abs(x) < 1<<53 {
		return strconv.FormatInt(int64(x), 10)
	}
	return strconv.FormatFloat(x, 'g', -1, 64)
}

// writeTable prints rows in columns, numbers right-aligned (their
// heading too), the last column as it is.
func writeTable(w io.Writer, rows [][]string) {
	width := make([]int, len(rows[0]))
	for _, r := range rows {
		for i, c := range r[:len(r)-1] {
			width[i] = max(width[i], len(c))
		}
	}
	for _, r := range rows {
		var b strings.Builder
		b.WriteString("  ")
		for i, c := range r {
			switch {
			case i == len(r)-1:
				b.WriteString(c)
			case i >= 2:
				fmt.Fprintf(&b, "%*s  ", width[i], c)
			default:
				fmt.Fprintf(&b, "%-*s  ", width[i], c)
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
}
