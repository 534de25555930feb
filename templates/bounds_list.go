package templates

import (
	"fmt"
	"reflect"
	"strings"
	"unicode/utf8"
)

// A list or map result counts 16 bytes per element or entry; a list sprig
// copies through reflection counts 16 more for the interface each element
// is boxed in.
const (
	slotBytes  = 16
	boxedBytes = 32
)

// strval bounds sprig's strval(v): n is the string's length, built what
// it allocates (fmt's buffer and string for a value it prints with %v).
func strval(w *fmtWalker, v any) (n, built int64) {
	switch x := v.(type) {
	case string:
		return int64(len(x)), 0
	case []byte:
		return int64(len(x)), int64(len(x))
	case error:
		return unknownSize, unknownSize
	case fmt.Stringer:
		if l, ok := knownStringLen(reflect.ValueOf(x)); ok {
			return l, l
		}
		return unknownSize, unknownSize
	}
	n = w.operand(v).fixed
	return n, mul(n, 2)
}

func vWalker() *fmtWalker { return &fmtWalker{op: fmtOp{verb: 'v'}} }

// strslice bounds sprig's strslice(v), the []string that join, toStrings
// and sortAlpha make: n is its strings' bytes, k how many, built what it
// allocates (none for a []string, which it returns as it is).
func strslice(v any) (n, k, built int64) {
	w := vWalker()
	switch x := v.(type) {
	case []string:
		for _, s := range x {
			n += int64(len(s))
		}
		return n, int64(len(x)), 0
	case nil:
		return 5, 1, 26 // sortAlpha's "<nil>"
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Slice && rv.Kind() != reflect.Array {
		n, built = strval(w, v)
		return n, 1, add(built, slotBytes)
	}
	for i := range rv.Len() {
		e := rv.Index(i)
		if e.Kind() == reflect.Interface && e.IsNil() {
			continue
		}
		k++
		if e.Kind() == reflect.String {
			n = add(n, int64(e.Len()))
			continue
		}
		en, eb := strval(w, e.Interface())
		n, built = add(n, en), add(built, eb)
	}
	return n, k, add(built, mul(k, slotBytes))
}

// joinBound bounds join sep list: the joined string, and the []string
// strslice makes first.
func joinBound(args []any) int64 {
	if len(args) < 2 {
		return 0
	}
	n, k, built := strslice(args[1])
	if k == 0 {
		return 0
	}
	return sum(n, mul(k-1, int64(len(strArg(args, 0)))), built)
}

// toStringsBound bounds toStrings and sortAlpha: the []string.
func toStringsBound(args []any) int64 {
	if len(args) == 0 {
		return 0
	}
	n, k, built := strslice(args[0])
	return sum(n, mul(k, slotBytes), built)
}

func toStringBound(args []any) int64 {
	if len(args) == 0 {
		return 0
	}
	n, built := strval(vWalker(), args[0])
	return add(n, built)
}

// quoteBound bounds quote: each argument's strval, quoted by fmt's %q
// into a string, and the strings joined with spaces.
func quoteBound(args []any) int64 {
	w := vWalker()
	total := mul(int64(len(args)), slotBytes)
	for _, a := range args {
		if a == nil {
			continue
		}
		n, built := strval(w, a)
		q := add(mul(n, 4), 2)
		if s, ok := a.(string); ok {
			q = quoteLen(s, false)
		}
		total = sum(total, built, mul(q, 3), 1)
	}
	return total
}

// squoteBound bounds squote: each argument printed with '%v', and the
// strings joined with spaces.
func squoteBound(args []any) int64 {
	w := vWalker()
	total := mul(int64(len(args)), slotBytes)
	for _, a := range args {
		if a != nil {
			total = add(total, mul(w.operand(a).fixed+3, 3))
		}
	}
	return total
}

// catBound bounds cat: its arguments without nils, a format of %v's, and
// fmt's buffer and string.
func catBound(args []any) int64 {
	w := vWalker()
	n := int64(len(args))
	total := mul(n, slotBytes+3)
	for _, a := range args {
		if a != nil {
			n = add(n, w.operand(a).fixed)
		}
	}
	return add(total, mul(n, 2))
}

// parts is how many strings strings.Split(s, sep) gives.
func parts(s, sep string) int64 {
	if sep == "" {
		return int64(utf8.RuneCountInString(s))
	}
	return int64(strings.Count(s, sep)) + 1
}

// splitListBound bounds splitList sep s: the []string.
func splitListBound(args []any) int64 {
	s := strArg(args, 1)
	return add(mul(parts(s, strArg(args, 0)), slotBytes), int64(len(s)))
}

// splitBound bounds split sep s: the []string, and the map of "_0", "_1"
// ... to its strings.
func splitBound(args []any) int64 {
	s := strArg(args, 1)
	k := parts(s, strArg(args, 0))
	keys := mul(k, 1+decLen(uint64(k)))
	return sum(mul(k, 2*slotBytes), keys, int64(len(s)))
}

// elems calls f for each element of a list, and reports whether v is one.
func elems(v any, f func(e any, str int64)) bool {
	if l, ok := v.([]any); ok {
		for _, e := range l {
			f(e, strLen(e))
		}
		return true
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Slice && rv.Kind() != reflect.Array {
		return false
	}
	for i := range rv.Len() {
		var n int64
		if e := rv.Index(i); e.Kind() == reflect.String {
			n = int64(e.Len())
		}
		f(nil, n)
	}
	return true
}

// listLen bounds a list sprig copies element by element.
func listLen(v any) int64 {
	var n int64
	elems(v, func(_ any, str int64) { n = sum(n, boxedBytes, str) })
	return n
}

// listBound bounds list: the []any of its arguments.
func listBound(args []any) int64 {
	n := mul(int64(len(args)), slotBytes)
	for _, a := range args {
		n = add(n, strLen(a))
	}
	return n
}

// copyListBound bounds rest, initial, reverse, compact, uniq and without:
// a new list of at most the elements of the first.
func copyListBound(args []any) int64 {
	if len(args) == 0 {
		return 0
	}
	return listLen(args[0])
}

// concatBound bounds concat: one list of all the lists' elements.
func concatBound(args []any) int64 {
	var n int64
	for _, a := range args {
		n = add(n, listLen(a))
	}
	return n
}

// dictBound bounds dict k v ...: a map with a key made by strval.
func dictBound(args []any) int64 {
	w := vWalker()
	var total int64
	for i := 0; i < len(args); i += 2 {
		kn, built := strval(w, args[i])
		total = sum(total, slotBytes, kn, built)
		if i+1 < len(args) {
			total = add(total, strLen(args[i+1]))
		}
	}
	return total
}

// entries calls f for each entry of a map argument.
func entries(v any, f func(k string, e any)) {
	if m, ok := v.(map[string]any); ok {
		for k, e := range m {
			f(k, e)
		}
	}
}

func keysBound(args []any) int64 {
	var n int64
	for _, d := range args {
		entries(d, func(k string, _ any) { n = sum(n, slotBytes, int64(len(k))) })
	}
	return n
}

func valuesBound(args []any) int64 {
	var n int64
	if len(args) > 0 {
		entries(args[0], func(_ string, e any) { n = sum(n, slotBytes, strLen(e)) })
	}
	return n
}

// pluckBound bounds pluck key dicts...: one element per dict at most.
func pluckBound(args []any) int64 {
	key := strArg(args, 0)
	var n int64
	for _, d := range args[min(1, len(args)):] {
		if m, ok := d.(map[string]any); ok {
			if e, found := m[key]; found {
				n = sum(n, slotBytes, strLen(e))
			}
		}
	}
	return n
}

// pickBound bounds pick dict keys...: the entries named.
func pickBound(args []any) int64 {
	if len(args) == 0 {
		return 0
	}
	m, _ := args[0].(map[string]any)
	var n int64
	for i := 1; i < len(args); i++ {
		k := strArg(args, i)
		if e, found := m[k]; found {
			n = sum(n, slotBytes, int64(len(k)), strLen(e))
		}
	}
	return n
}

// omitBound bounds omit dict keys...: the set of keys, and the entries left.
func omitBound(args []any) int64 {
	n := mul(int64(len(args)), slotBytes)
	if len(args) > 0 {
		entries(args[0], func(k string, e any) { n = sum(n, slotBytes, int64(len(k)), strLen(e)) })
	}
	return n
}
