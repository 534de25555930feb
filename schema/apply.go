package schema

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Error is a value that does not fit its declared type, or a declared
// field that is missing. Apply leaves the value out of the profile; a
// reader places the error at the value's source:line:col.
type Error struct {
	Source    string // where the profile was read ("" until a reader places it)
	Line, Col int    // 1-based place of the value; 0 when not known
	// Field is the value's dotted path, with list indices: "orders.1.total".
	Field string
	Path  []string // Field's steps
	// Key is the key of the profile as read that held the value: the
	// top-level field, or a flat source's dotted column ("cart.0.price").
	Key   string
	Value any // the value as read; nil when missing
	Err   error
}

// Error reads "crm-export.csv:7:5: loyalty_points: "abc" is not an int".
func (e *Error) Error() string {
	var where string
	switch {
	case e.Source == "":
	case e.Line == 0:
		where = e.Source + ": "
	case e.Col == 0:
		where = fmt.Sprintf("%s:%d: ", e.Source, e.Line)
	default:
		where = fmt.Sprintf("%s:%d:%d: ", e.Source, e.Line, e.Col)
	}
	return where + e.Field + ": " + e.Err.Error()
}

// Unwrap returns what is wrong with the value.
func (e *Error) Unwrap() error { return e.Err }

// dropped marks a value the walk leaves out without a new error: a flat
// source's bad cell, already reported, or an index no column gave.
type dropped struct{}

// Apply types the profile p, a JSON object as read, in place: each
// declared field is coerced to its type, or left out with an Error when
// it does not fit; a missing field takes its default, or is an Error
// when it may not be missing. Undeclared fields are kept as they are.
// Errors come in the order of the schema's fields.
func (s *Schema) Apply(p map[string]any) []*Error {
	w := &walker{}
	w.object(s.root.children, p, w.path[:0], true)
	return w.errs
}

// ApplyFlat types p, a row of a flat source (a CSV row: every value a
// string), in place. A column whose dotted name starts with a declared
// object or list nests: "address.city" is the field city of the object
// address, "cart.0.price" the price of the cart's first element; a cell
// of an object or list field is JSON text. An empty cell is missing,
// whether or not its column is declared.
func (s *Schema) ApplyFlat(p map[string]any) []*Error {
	w := &walker{}
	s.unflatten(p, w)
	w.object(s.root.children, p, w.path[:0], true)
	return w.errs
}

// walker collects the errors of one profile's walk.
type walker struct {
	errs []*Error
	key  string // the top-level key being walked
	// path holds the steps to the value being walked, so that a walk
	// nested less than its size deep appends them without allocating
	// (an error copies them).
	path [16]string
}

func (w *walker) problem(path []string, v any, err error) {
	w.errs = append(w.errs, &Error{Field: strings.Join(path, "."), Path: slices.Clone(path), Key: w.key, Value: v, Err: err})
}

// missing reports whether v counts as no value: nil, or a blank string.
func missing(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		if x != "" && x[0] > ' ' && x[0] < utf8.RuneSelf {
			return false // a blank string starts with a space
		}
		return strings.TrimSpace(x) == ""
	}
	return false
}

// object types the declared fields of m in place; top marks the
// profile's own fields.
func (w *walker) object(fields []*Field, m map[string]any, path []string, top bool) {
	for _, f := range fields {
		if top {
			w.key = f.leaf
		}
		p := append(path, f.leaf)
		v, ok := m[f.leaf]
		switch {
		case !ok:
			w.absent(f, m, p, false)
		case missing(v):
			w.absent(f, m, p, true)
		default:
			y, ok := w.value(f, f.Type, v, p)
			switch {
			case !ok:
				delete(m, f.leaf)
			case !same(v, y): // most values are typed already: no store
				m[f.leaf] = y
			}
		}
	}
}

// absent gives a missing field its default, or reports it; there says
// whether m holds a blank value for it, to be taken out.
func (w *walker) absent(f *Field, m map[string]any, path []string, there bool) {
	if f.Default != nil {
		m[f.leaf] = clone(f.Default)
		return
	}
	if there {
		delete(m, f.leaf)
	}
	if !f.Optional {
		w.problem(path, nil, ErrMissing)
	}
}

// value coerces v, which is there, to t, the type of f or of its
// elements; ok is false when v is to be left out.
func (w *walker) value(f *Field, t Type, v any, path []string) (any, bool) {
	if _, ok := v.(dropped); ok {
		return nil, false
	}
	switch t.Kind {
	case Object:
		m, err := asObject(v)
		if err != nil {
			w.problem(path, v, err)
			return nil, false
		}
		w.object(f.children, m, path, false)
		if _, text := v.(string); text {
			return m, true
		}
		return v, true
	case List:
		xs, err := asList(v, t)
		if err != nil {
			w.problem(path, v, err)
			return nil, false
		}
		out := xs[:0] // in place: each element is written at or before where it was read
		for i, x := range xs {
			p := append(path, strconv.Itoa(i))
			if _, gap := x.(dropped); !gap && missing(x) {
				w.problem(p, x, ErrMissing)
				continue
			}
			if y, ok := w.value(f, *t.Elem, x, p); ok {
				out = append(out, y)
			}
		}
		clear(xs[len(out):])
		if _, list := v.([]any); list && len(out) == len(xs) {
			return v, true // typed in place
		}
		return out, true
	}
	y, err := coerceScalar(t, v)
	if err != nil {
		w.problem(path, v, err)
		return nil, false
	}
	return y, true
}

// same reports whether y, the typed value of v, is v itself, so that a
// map holding v need not be written: the same object or list, typed in
// place, or an equal scalar of the same type.
func same(v, y any) bool {
	switch a := y.(type) {
	case string:
		b, ok := v.(string)
		return ok && a == b
	case float64:
		b, ok := v.(float64)
		return ok && a == b
	case bool:
		b, ok := v.(bool)
		return ok && a == b
	case int:
		b, ok := v.(int)
		return ok && a == b
	case map[string]any:
		_, ok := v.(map[string]any)
		return ok
	case []any:
		b, ok := v.([]any)
		return ok && len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
	}
	return false
}

// asObject takes a JSON object, or its text.
func asObject(v any) (map[string]any, error) {
	switch x := v.(type) {
	case map[string]any:
		return x, nil
	case string:
		if s := strings.TrimSpace(x); strings.HasPrefix(s, "{") {
			var m map[string]any
			if err := json.Unmarshal([]byte(s), &m); err != nil {
				return nil, fmt.Errorf("%s is not an object: %w", describe(x), err)
			}
			return m, nil
		}
		return nil, fmt.Errorf("%s is not an object (want a JSON object)", describe(x))
	}
	return nil, notA(Of(Object), v)
}

// asList takes a JSON array, or its text.
func asList(v any, t Type) ([]any, error) {
	switch x := v.(type) {
	case []any:
		return x, nil
	case string:
		if s := strings.TrimSpace(x); strings.HasPrefix(s, "[") {
			var xs []any
			if err := json.Unmarshal([]byte(s), &xs); err != nil {
				return nil, fmt.Errorf("%s is not %s: %w", describe(x), t.article(), err)
			}
			return xs, nil
		}
		return nil, fmt.Errorf("%s is not %s (want a JSON array)", describe(x), t.article())
	}
	return nil, notA(t, v)
}

// clone copies a default's lists and objects, so that no two profiles
// share one.
func clone(v any) any {
	switch x := v.(type) {
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = clone(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = clone(e)
		}
		return out
	}
	return v
}

// Coerce types one value of the field: the value as a source gives it, or
// already typed. A missing value (nil, a blank string) gives the default,
// or nil and ErrMissing when the field may not be missing. A value that
// does not fit gives nil and an *Error; in a list or an object, the parts
// that do not fit are left out and each is an *Error (joined). Lists and
// objects are typed in place.
func (f *Field) Coerce(v any) (any, error) {
	w := &walker{key: f.Name}
	var dir []string
	if d := f.dirOf(); d != "" {
		dir = strings.Split(d, ".")
	}
	leaf := f.leafOrName()
	if f.leaf == "" { // a field outside a schema
		g := *f
		g.leaf, f = leaf, &g
	}
	m := map[string]any{leaf: v}
	w.object([]*Field{f}, m, dir, false)
	errs := make([]error, len(w.errs))
	for i, e := range w.errs {
		errs[i] = e
	}
	return m[leaf], errors.Join(errs...)
}

// leafOrName is the field's last step (set once it is in a schema).
func (f *Field) leafOrName() string {
	if f.leaf != "" {
		return f.leaf
	}
	_, leaf, _ := cutLast(f.Name)
	return leaf
}

// dirOf is the dotted path of the field's parent, "" at the top.
func (f *Field) dirOf() string {
	dir, _, _ := cutLast(f.Name)
	return dir
}
