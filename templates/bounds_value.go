package templates

import (
	"encoding/json"
	"fmt"
	"reflect"
	"time"
)

// fmtSize bounds what fmt writes for a value: fixed bytes plus, for each
// leaf (a number, string, bool or pointer inside it), the verb's width and
// precision, which fmt applies to every leaf of a list, map or struct.
type fmtSize struct{ fixed, leaves int64 }

func (s fmtSize) plus(t fmtSize) fmtSize {
	return fmtSize{add(s.fixed, t.fixed), add(s.leaves, t.leaves)}
}

// total is the bound once the width and precision are known.
func (s fmtSize) total(wid, prec int64) int64 {
	return add(s.fixed, mul(s.leaves, add(wid, prec)))
}

func leaf(n int64) fmtSize { return fmtSize{n, 1} }

// memoKey names a list, map or pointer by identity: a value a template
// builds can hold the same list many times (list $a $a), and walking it once
// keeps a bound linear in what is in memory rather than in what it prints.
type memoKey struct {
	ptr uintptr
	n   int
	t   reflect.Type
	ro  bool // reached through an unexported field: fmt calls no methods
}

// memo remembers the size of each list, map or pointer walked, and marks
// those being walked, so that a cycle is seen rather than followed.
type memo[T any] struct {
	m map[memoKey]memoEntry[T]
}

type memoEntry[T any] struct {
	size T
	done bool
}

// key returns v's identity, and false for a value that has none worth
// remembering.
func key(v reflect.Value) (memoKey, bool) {
	switch v.Kind() {
	case reflect.Map, reflect.Slice, reflect.Pointer:
		if v.IsNil() || (v.Kind() != reflect.Pointer && v.Len() == 0) {
			return memoKey{}, false
		}
		n := 0
		if v.Kind() == reflect.Slice {
			n = v.Len()
		}
		return memoKey{v.Pointer(), n, v.Type(), !v.CanInterface()}, true
	}
	return memoKey{}, false
}

// lookup returns v's remembered size; cycle is true when v is being walked.
// size returns the size of the value k identifies: the one remembered,
// cycle while the value is being walked (it holds itself), else walk's,
// which it remembers.
func (m *memo[T]) size(k memoKey, cycle T, walk func() T) T {
	if e, ok := m.m[k]; ok {
		if e.done {
			return e.size
		}
		return cycle
	}
	if m.m == nil {
		m.m = make(map[memoKey]memoEntry[T])
	}
	m.m[k] = memoEntry[T]{}
	s := walk()
	m.m[k] = memoEntry[T]{s, true}
	return s
}

var (
	errorType      = reflect.TypeFor[error]()
	stringerType   = reflect.TypeFor[fmt.Stringer]()
	goStringerType = reflect.TypeFor[fmt.GoStringer]()
	formatterType  = reflect.TypeFor[fmt.Formatter]()
	reflectValue   = reflect.TypeFor[reflect.Value]()
)

// fmtWalker bounds fmt's output for values under one verb and its flags.
type fmtWalker struct {
	op   fmtOp
	memo memo[fmtSize]
	bad  *fmtWalker // for the %v inside a bad verb's %!x(T=...)
}

// operand bounds fmt's output for one operand, as printArg writes it.
func (w *fmtWalker) operand(arg any) fmtSize {
	if arg == nil {
		return leaf(24)
	}
	return w.walk(reflect.ValueOf(arg), 0)
}

// walk bounds fmt's output for v at depth (0 for an operand), following
// fmt's printValue.
func (w *fmtWalker) walk(v reflect.Value, depth int) fmtSize {
	if !v.IsValid() {
		return leaf(24) // <nil>, %!d(<nil>), <invalid reflect.Value>
	}
	if depth == 0 || v.CanInterface() {
		if s, ok := w.methods(v); ok {
			if w.op.verb != anyVerb {
				return s
			}
			raw := w.kind(v, depth) // a verb fmt calls no method for
			return fmtSize{max(s.fixed, raw.fixed), max(s.leaves, raw.leaves)}
		}
	}
	k, keyed := key(v)
	if keyed && v.Kind() == reflect.Pointer && depth > 0 {
		keyed = false // a leaf: only an operand's pointer is followed
	}
	if keyed {
		return w.memo.size(k, leaf(unknownSize), func() fmtSize { return w.kind(v, depth) })
	}
	return w.kind(v, depth)
}

// kind bounds v by its kind, once its methods are ruled out.
func (w *fmtWalker) kind(v reflect.Value, depth int) fmtSize {
	o := &w.op
	switch v.Kind() {
	case reflect.Bool:
		return leaf(o.boolSize(v.Type()))
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n := v.Int()
		mag := uint64(n)
		if n < 0 {
			mag = -mag
		}
		return leaf(o.intSize(mag, true, v.Type()))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return leaf(o.intSize(v.Uint(), false, v.Type()))
	case reflect.Float32, reflect.Float64:
		return leaf(o.floatSize(v.Float(), v.Type()))
	case reflect.Complex64, reflect.Complex128:
		c := v.Complex()
		return fmtSize{add(o.floatSize(real(c), v.Type()), o.floatSize(imag(c), v.Type())) + 3, 2}
	case reflect.String:
		return leaf(o.stringSize(v.String(), v.Type()))
	case reflect.Interface:
		if v.IsNil() {
			return leaf(typeLen(v.Type()) + 5)
		}
		return w.walk(v.Elem(), depth+1)
	case reflect.Map:
		return w.mapSize(v, depth)
	case reflect.Struct:
		return w.structSize(v, depth)
	case reflect.Array, reflect.Slice:
		return w.listSize(v, depth)
	case reflect.Pointer:
		if depth == 0 && !v.IsNil() {
			switch v.Elem().Kind() {
			case reflect.Array, reflect.Slice, reflect.Struct, reflect.Map:
				return fmtSize{1, 0}.plus(w.walk(v.Elem(), depth+1))
			}
		}
	}
	return w.pointerSize(v) // pointers, channels, functions, unsafe pointers
}

// methods bounds what a value's own methods write, as fmt's handleMethods
// calls them: false when fmt does not call them for this verb.
func (w *fmtWalker) methods(v reflect.Value) (fmtSize, bool) {
	t := v.Type()
	if w.op.noMethods || t.NumMethod() == 0 || v.Kind() == reflect.Interface {
		return fmtSize{}, false
	}
	if t == reflectValue || t.Implements(formatterType) {
		return leaf(unknownSize), true
	}
	var n int64
	handled := false
	if w.op.sharpV && t.Implements(goStringerType) {
		n, handled = knownGoStringLen(v), true
	}
	if w.op.stringVerb() && (t.Implements(errorType) || t.Implements(stringerType)) {
		m := unknownSize
		if l, ok := knownStringLen(v); ok {
			m = w.op.stringLikeSize(l)
		}
		n, handled = max(n, m), true
	}
	return leaf(n), handled
}

// stringVerb reports whether fmt calls a String or Error method for the
// verb: %v (but not %#v), %s, %x, %X and %q.
func (o *fmtOp) stringVerb() bool {
	switch o.verb {
	case 'v':
		return !o.sharpV
	case 's', 'x', 'X', 'q', anyVerb:
		return true
	}
	return false
}

// knownGoStringLen bounds the GoString method of the types template data
// holds that have one: times.
func knownGoStringLen(v reflect.Value) int64 {
	switch x := v.Interface().(type) {
	case time.Time:
		return timeGoStringLen(x)
	case *time.Time:
		if x == nil {
			return 5
		}
		return timeGoStringLen(*x)
	}
	return unknownSize
}

// knownStringLen bounds the String method of the types template data holds
// that have one: times and their parts, and json.Number.
func knownStringLen(v reflect.Value) (int64, bool) {
	switch x := v.Interface().(type) {
	case json.Number:
		return int64(len(x)), true
	case time.Time:
		return timeStringLen(x), true
	case *time.Time:
		if x == nil {
			return 5, true
		}
		return timeStringLen(*x), true
	case time.Month, time.Weekday:
		return 32, true // a name, or %!Weekday(n)
	case time.Duration:
		return 25, true
	case *time.Location:
		return int64(len(x.String())) + 3, true
	}
	return 0, false
}

// timeStringLen bounds t.String(): "2006-01-02 15:04:05.999999999 -0700 MST"
// with a year of up to 13 bytes, and a monotonic clock reading.
func timeStringLen(t time.Time) int64 {
	name, _ := t.Zone()
	return 96 + int64(len(name))
}

// timeGoStringLen bounds t.GoString(): time.Date(...) with the location's
// name quoted, at most 4 bytes per byte.
func timeGoStringLen(t time.Time) int64 {
	return 100 + 4*int64(len(t.Location().String()))
}

func (w *fmtWalker) mapSize(v reflect.Value, depth int) fmtSize {
	s := fmtSize{w.op.typeLen(v.Type()) + 6, 0}
	if v.Len() == 0 {
		return s
	}
	// SetIterKey saves an allocation per entry, but loses the read-only
	// flag that keeps fmt from calling methods; Key keeps it.
	ro := !v.CanInterface()
	k := reflect.New(v.Type().Key()).Elem()
	e := reflect.New(v.Type().Elem()).Elem()
	for it := v.MapRange(); it.Next(); {
		if ro {
			k, e = it.Key(), it.Value()
		} else {
			k.SetIterKey(it)
			e.SetIterValue(it)
		}
		s = s.plus(w.walk(k, depth+1)).plus(w.walk(e, depth+1))
		s.fixed = add(s.fixed, 3) // ":" and ", "
	}
	return s
}

func (w *fmtWalker) structSize(v reflect.Value, depth int) fmtSize {
	t := v.Type()
	s := fmtSize{w.op.typeLen(t) + 2, 0}
	names := w.op.sharpV || w.op.plusV
	for i := range v.NumField() {
		s = s.plus(w.walk(v.Field(i), depth+1))
		s.fixed = add(s.fixed, 2)
		if names {
			s.fixed = add(s.fixed, int64(len(t.Field(i).Name))+1)
		}
	}
	return s
}

func (w *fmtWalker) listSize(v reflect.Value, depth int) fmtSize {
	t := v.Type()
	n := int64(v.Len())
	if t.Elem().Kind() == reflect.Uint8 {
		switch w.op.verb {
		case 's', 'q', 'x', 'X':
			return leaf(w.op.stringLikeSize(n))
		}
	}
	s := fmtSize{w.op.typeLen(t) + 7, 0} // []T{...} or [...], or []T(nil)
	for i := range v.Len() {
		s = s.plus(w.walk(v.Index(i), depth+1))
	}
	s.fixed = add(s.fixed, mul(n, 2))
	return s
}

// pointerSize bounds fmt's fmtPointer: an address, or for a verb it does
// not take, %!s(*T=...) with the pointer printed by %v at depth 0 (which
// follows it to a struct, map or list).
func (w *fmtWalker) pointerSize(v reflect.Value) fmtSize {
	switch w.op.verb {
	case 'v', 'p', 'b', 'o', 'd', 'x', 'X':
		return leaf(typeLen(v.Type()) + 70)
	}
	inner := w.badWalker().walk(v, 0)
	inner.fixed = add(inner.fixed, w.op.badLen(v.Type()))
	return inner
}

// badWalker is the walker for the %v fmt writes inside a bad verb, which
// calls no methods.
func (w *fmtWalker) badWalker() *fmtWalker {
	if w.bad == nil {
		op := w.op
		op.verb, op.noMethods = 'v', true
		w.bad = &fmtWalker{op: op}
	}
	return w.bad
}

// typeLen is the length of t's name in Go syntax, which only %#v writes
// before a list, map or struct.
func (o *fmtOp) typeLen(t reflect.Type) int64 {
	if o.sharpV {
		return typeLen(t)
	}
	return 0
}

// typeLen is the length of t's name as fmt writes it: reflect builds it
// from the type's data, without allocating.
func typeLen(t reflect.Type) int64 { return int64(len(t.String())) }
