package schema

import "time"

// maxStandIns bounds the stand-ins of one field.
const maxStandIns = 16

// StandIns are values of the field's type to put in for a missing value,
// to see whether a rule's result depends on the value being missing: a
// rule that keeps a recipient in a segment with the field missing but
// leaves them out with one of these is decided by the missing value. They
// reach both sides of any threshold a rule could set:
//
//   - int, float, decimal: -1e9, 0 and 1e9;
//   - bool: false and true;
//   - date, time: now and a hundred years before it (a date at midnight);
//   - string: each of texts (the rules' text constants, as
//     segment.Rules.Texts gives them), "-", which equals none of them, and
//     the two times as RFC 3339 text (for dates kept as text);
//   - a list: an empty list, and a list of one element for each of the
//     element type's stand-ins;
//   - an object: one object per stand-in of its fields, the i-th with
//     each field set to its i-th stand-in (or its last).
//
// A nil field (undeclared) gets the stand-ins of every scalar type and an
// empty list. At most 16 are returned.
func (f *Field) StandIns(now time.Time, texts []string) []any {
	if f == nil {
		var out []any
		for _, k := range []Kind{Int, Bool, Time, String} {
			out = append(out, scalarStandIns(k, now, nil)...)
		}
		return append(out[:min(len(out), maxStandIns-1)], []any{})
	}
	return standIns(f, f.Type, now, texts)
}

// standIns are the stand-ins of t, the type of f or of its elements.
func standIns(f *Field, t Type, now time.Time, texts []string) []any {
	switch t.Kind {
	case List:
		out := []any{[]any{}}
		for _, e := range standIns(f, *t.Elem, now, texts) {
			out = append(out, []any{e})
		}
		return out[:min(len(out), maxStandIns)]
	case Object:
		return objectStandIns(f, now, texts)
	}
	return scalarStandIns(t.Kind, now, texts)
}

// objectStandIns builds objects whose i-th has each declared field at
// its i-th stand-in.
func objectStandIns(f *Field, now time.Time, texts []string) []any {
	each := make([][]any, len(f.children))
	n := 0
	for i, c := range f.children {
		each[i] = standIns(c, c.Type, now, texts)
		n = max(n, len(each[i]))
	}
	out := make([]any, 0, max(min(n, maxStandIns), 1))
	for i := 0; i < max(min(n, maxStandIns), 1); i++ {
		m := make(map[string]any, len(f.children))
		for j, c := range f.children {
			m[c.leaf] = each[j][min(i, len(each[j])-1)]
		}
		out = append(out, m)
	}
	return out
}

// scalarStandIns are the stand-ins of a scalar kind.
func scalarStandIns(k Kind, now time.Time, texts []string) []any {
	switch k {
	case Int:
		return []any{-1_000_000_000, 0, 1_000_000_000}
	case Float, Decimal:
		return []any{-1e9, 0.0, 1e9}
	case Bool:
		return []any{false, true}
	case Date:
		day := now.UTC().Truncate(24 * time.Hour)
		return []any{day, day.AddDate(-100, 0, 0)}
	case Time:
		return []any{now, now.AddDate(-100, 0, 0)}
	}
	out := make([]any, 0, min(len(texts)+3, maxStandIns))
	for _, s := range texts[:min(len(texts), maxStandIns-3)] {
		out = append(out, s)
	}
	return append(out, "-", now.Format(time.RFC3339), now.AddDate(-100, 0, 0).Format(time.RFC3339))
}
