package schema

// For a decoder that types a JSON object as it reads it, so that no
// second walk (Apply) goes over the profile: it finds each member's field
// (Child), types scalars and lists of scalars (Fit), reads the objects of
// an object or list<object> field with that field as their node, and
// completes each object (Complete). Whenever one of them says no, the
// decoder gives up and the profile is read as it is and typed by Apply,
// which gives the same profile when nothing fails and names each value
// that does not fit.

// Root is the object of the top-level fields: the node a typing decoder
// reads a profile with.
func (s *Schema) Root() *Field { return &s.root }

// Child returns the declared field of an object (or of a list's objects)
// named key, and its index among the node's fields; nil and -1 when key
// is undeclared.
func (f *Field) Child(key string) (int, *Field) {
	for i, c := range f.children {
		if len(c.leaf) == len(key) && c.leaf == key {
			return i, c
		}
	}
	return -1, nil
}

// Fit types a value of the field as a JSON decoder gives it, when Apply
// would keep it without an error: a scalar, or a list of scalars (typed
// in place). A missing value (nil, a blank string) gives the default, or
// nil for an optional field, to be left out. ok is false for a value
// that does not fit or is missing when it may not be, and for anything a
// decoder is to type itself or leave to Apply: an object, a list of
// objects or of lists, JSON text in a string.
func (f *Field) Fit(v any) (y any, ok bool) {
	if missing(v) {
		if f.Default != nil {
			return clone(f.Default), true
		}
		return nil, f.Optional
	}
	switch f.Type.Kind {
	case Object:
		return nil, false
	case List:
		xs, list := v.([]any)
		elem := *f.Type.Elem
		if !list || elem.Kind == List || elem.Kind == Object {
			return nil, false
		}
		for i, x := range xs {
			if missing(x) {
				return nil, false
			}
			y, err := coerceScalar(elem, x)
			if err != nil {
				return nil, false
			}
			xs[i] = y
		}
		return xs, true
	}
	y, err := coerceScalar(f.Type, v)
	return y, err == nil
}

// Complete finishes an object of the node f whose members a decoder has
// typed: seen has bit i set for each declared field i (Child's index,
// below 64) that the object had. A field it lacks takes its default; ok
// is false when one that may not be missing is missing.
func (f *Field) Complete(m map[string]any, seen uint64) bool {
	for _, i := range f.needy {
		c := f.children[i]
		if i < 64 && seen&(1<<i) != 0 {
			continue
		}
		if _, ok := m[c.leaf]; i >= 64 && ok {
			continue
		}
		if c.Default == nil {
			return false
		}
		m[c.leaf] = clone(c.Default)
	}
	return true
}

// need lists, for f and each object field below it, the fields that a
// missing value is not simply left out of: those with a default, and
// those that may not be missing.
func need(f *Field) {
	f.needy = f.needy[:0]
	for i, c := range f.children {
		if c.Default != nil || !c.Optional {
			f.needy = append(f.needy, i)
		}
		need(c)
	}
}
