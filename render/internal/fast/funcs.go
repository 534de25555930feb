package fast

import (
	"reflect"
)

// function is a callable with text/template's argument rules: params are
// the fixed parameters' kinds, variadic the kind of the rest (kNone when
// not variadic). call gets the converted arguments and reports false when
// the function fails (text/template would stop with its error).
type function struct {
	params   []kind
	variadic kind
	and      int // and or or: the builtins that short-circuit
	call     func(args []any) (any, bool)
}

const (
	and = 1
	or  = 2
)

func (f *function) kindOf(i int) kind {
	if i < len(f.params) {
		return f.params[i]
	}
	return f.variadic
}

// strs returns the variadic string arguments.
func strs(args []any) []string {
	if len(args) == 0 {
		return nil
	}
	out := make([]string, len(args))
	for i, a := range args {
		out[i] = a.(string)
	}
	return out
}

// adapt wraps a template function of a signature this package knows, or
// returns nil.
func adapt(f any) *function {
	switch f := f.(type) {
	case func(any) any:
		return &function{params: []kind{kAny}, call: func(a []any) (any, bool) { return f(a[0]), true }}
	case func(any, any) any:
		return &function{params: []kind{kAny, kAny}, call: func(a []any) (any, bool) { return f(a[0], a[1]), true }}
	case func(string) string:
		return &function{params: []kind{kString}, call: func(a []any) (any, bool) { return f(a[0].(string)), true }}
	case func(int, any) string:
		return &function{params: []kind{kInt, kAny}, call: func(a []any) (any, bool) { return f(a[0].(int), a[1]), true }}
	case func(any, ...string) (string, error):
		return &function{params: []kind{kAny}, variadic: kString, call: func(a []any) (any, bool) {
			s, err := f(a[0], strs(a[1:])...)
			return s, err == nil
		}}
	case func(any, string, ...string) (string, error):
		return &function{params: []kind{kAny, kString}, variadic: kString, call: func(a []any) (any, bool) {
			s, err := f(a[0], a[1].(string), strs(a[2:])...)
			return s, err == nil
		}}
	case func(string, ...string) (string, error):
		return &function{params: []kind{kString}, variadic: kString, call: func(a []any) (any, bool) {
			s, err := f(a[0].(string), strs(a[1:])...)
			return s, err == nil
		}}
	}
	return nil
}

// builtins are text/template's own functions this package implements,
// for the argument types it knows; anything else gives up.
var builtins = map[string]*function{
	"and": {params: []kind{kAny}, variadic: kAny, and: and},
	"or":  {params: []kind{kAny}, variadic: kAny, and: or},
	"not": {params: []kind{kAny}, call: func(a []any) (any, bool) {
		t, ok := isTrue(a[0])
		return !t, ok
	}},
	"len": {params: []kind{kAny}, call: length},
	"eq": {params: []kind{kAny}, variadic: kAny, call: func(a []any) (any, bool) {
		for _, b := range a[1:] {
			c, ok := compare(a[0], b, true)
			if !ok {
				return nil, false
			}
			if c == 0 {
				return true, true
			}
		}
		return false, len(a) > 1
	}},
	"ne": cmp(func(c int) bool { return c != 0 }, true),
	"lt": cmp(func(c int) bool { return c < 0 }, false),
	"le": cmp(func(c int) bool { return c <= 0 }, false),
	"gt": cmp(func(c int) bool { return c > 0 }, false),
	"ge": cmp(func(c int) bool { return c >= 0 }, false),
}

func cmp(test func(int) bool, equality bool) *function {
	return &function{params: []kind{kAny, kAny}, call: func(a []any) (any, bool) {
		c, ok := compare(a[0], a[1], equality)
		return test(c), ok
	}}
}

// compare orders two values of the same basic type, as text/template's
// comparison functions do; it reports false for anything else (mixed
// types, nil, or bools outside eq/ne), where text/template has rules or
// errors of its own.
func compare(a, b any, equality bool) (int, bool) {
	switch x := a.(type) {
	case string:
		if y, ok := b.(string); ok {
			return order(x < y, x == y), true
		}
	case int:
		if y, ok := b.(int); ok {
			return order(x < y, x == y), true
		}
	case float64:
		if y, ok := b.(float64); ok && x == x && y == y {
			return order(x < y, x == y), true
		}
	case bool:
		if y, ok := b.(bool); ok && equality {
			return order(false, x == y), true
		}
	}
	return 0, false
}

func order(less, equal bool) int {
	switch {
	case equal:
		return 0
	case less:
		return -1
	}
	return 1
}

// length is text/template's len for the types of profile data.
func length(a []any) (any, bool) {
	switch x := a[0].(type) {
	case string:
		return len(x), true
	case []any:
		return len(x), true
	case []map[string]any:
		return len(x), true
	case map[string]any:
		return len(x), true
	}
	return nil, false
}

// isTrue is text/template's truth: false for nil and the zero values of
// basic kinds, empty for containers; ok is false where it would fail.
func isTrue(v any) (truth, ok bool) {
	switch x := v.(type) {
	case nil:
		return false, true
	case bool:
		return x, true
	case string:
		return x != "", true
	case int:
		return x != 0, true
	case float64:
		return x != 0, true
	case []any:
		return len(x) > 0, true
	case map[string]any:
		return len(x) > 0, true
	}
	val := reflect.ValueOf(v)
	switch val.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return val.Len() > 0, true
	case reflect.Bool:
		return val.Bool(), true
	case reflect.Complex64, reflect.Complex128:
		return val.Complex() != 0, true
	case reflect.Chan, reflect.Func, reflect.Pointer, reflect.Interface:
		return !val.IsNil(), true
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return val.Int() != 0, true
	case reflect.Float32, reflect.Float64:
		return val.Float() != 0, true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return val.Uint() != 0, true
	case reflect.Struct:
		return true, true
	}
	return false, false
}
