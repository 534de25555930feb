package executor

import (
	"fmt"
	"reflect"
)

var (
	stringType = reflect.TypeFor[string]()
	intType    = reflect.TypeFor[int]()
	errorType  = reflect.TypeFor[error]()
)

// newFunction makes a callable of a template function: the signatures
// tailor's own functions use are called directly, any other through
// reflection.
func newFunction(name string, f any, bound Bound) (*function, error) {
	fn := adapt(f)
	if fn == nil {
		var err error
		if fn, err = reflectFunction(name, reflect.ValueOf(f)); err != nil {
			return nil, err
		}
	}
	fn.name, fn.bound = name, bound
	return fn, nil
}

// adapt wraps a function of a signature called often, or returns nil.
func adapt(f any) *function {
	switch f := f.(type) {
	case func(any) any:
		return &function{params: types(nil), call: func(a []any) (any, error) { return f(a[0]), nil }}
	case func(any, any) any:
		return &function{params: types(nil, nil), call: func(a []any) (any, error) { return f(a[0], a[1]), nil }}
	case func(any) string:
		return &function{params: types(nil), call: func(a []any) (any, error) { return f(a[0]), nil }}
	case func(string) string:
		return &function{params: types(stringType), call: func(a []any) (any, error) { return f(a[0].(string)), nil }}
	case func(int, any) string:
		return &function{params: types(intType, nil), call: func(a []any) (any, error) { return f(a[0].(int), a[1]), nil }}
	case func(any, ...string) (string, error):
		return &function{params: types(nil), variadic: stringType, isVariadic: true, call: func(a []any) (any, error) {
			return f(a[0], strs(a[1:])...)
		}}
	case func(any, string, ...string) (string, error):
		return &function{params: types(nil, stringType), variadic: stringType, isVariadic: true, call: func(a []any) (any, error) {
			return f(a[0], a[1].(string), strs(a[2:])...)
		}}
	case func(string, ...string) (string, error):
		return &function{params: types(stringType), variadic: stringType, isVariadic: true, call: func(a []any) (any, error) {
			return f(a[0].(string), strs(a[1:])...)
		}}
	}
	return nil
}

func types(t ...reflect.Type) []reflect.Type { return t }

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

// reflectFunction makes a callable of any function value: one result, or
// a result and an error.
func reflectFunction(name string, fv reflect.Value) (*function, error) {
	if !fv.IsValid() || fv.Kind() != reflect.Func {
		return nil, fmt.Errorf("%s is not a function", name)
	}
	t := fv.Type()
	switch {
	case t.NumOut() == 1:
	case t.NumOut() == 2 && t.Out(1) == errorType:
	default:
		return nil, fmt.Errorf("can't call %s: a template function returns one value, or a value and an error", name)
	}
	fn := &function{name: name, isVariadic: t.IsVariadic()}
	n := t.NumIn()
	if fn.isVariadic {
		n--
		fn.variadic = anyAsNil(t.In(n).Elem())
	}
	for i := 0; i < n; i++ {
		fn.params = append(fn.params, anyAsNil(t.In(i)))
	}
	fn.call = func(args []any) (any, error) { return callReflect(fv, t, args) }
	return fn, nil
}

// anyAsNil gives nil for the empty interface, whose values pass as they are.
func anyAsNil(t reflect.Type) reflect.Type {
	if t.Kind() == reflect.Interface && t.NumMethod() == 0 {
		return nil
	}
	return t
}

// callReflect calls fv with checked arguments.
func callReflect(fv reflect.Value, t reflect.Type, args []any) (any, error) {
	in := make([]reflect.Value, len(args))
	for i, a := range args {
		pt := paramType(t, i)
		if a == nil {
			in[i] = reflect.Zero(pt)
			continue
		}
		in[i] = reflect.ValueOf(a)
	}
	out := fv.Call(in)
	if len(out) == 2 && !out[1].IsNil() {
		return nil, out[1].Interface().(error)
	}
	return value(out[0]), nil
}

func paramType(t reflect.Type, i int) reflect.Type {
	if t.IsVariadic() && i >= t.NumIn()-1 {
		return t.In(t.NumIn() - 1).Elem()
	}
	return t.In(i)
}

// value is the dynamic value of a result: an interface is unwrapped, as
// text/template's pipelines do.
func value(v reflect.Value) any {
	if !v.IsValid() {
		return nil
	}
	if v.Kind() == reflect.Interface {
		if v.IsNil() {
			return nil
		}
		v = v.Elem()
	}
	return v.Interface()
}
