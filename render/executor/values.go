package executor

import (
	"errors"
	"fmt"
	"reflect"
	"strconv"
)

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

// printable returns v as text/template prints it: a missing value is
// "<no value>", a pointer is printed as what it points to (unless it has a
// String or Error method), a function or channel cannot be printed.
func printable(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case int:
		return strconv.Itoa(x), true
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64), true
	case bool:
		return strconv.FormatBool(x), true
	case nil:
		return "<no value>", true
	case fmt.Stringer, error:
		return fmt.Sprint(x), true
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Pointer {
		for rv.Kind() == reflect.Pointer && !rv.IsNil() {
			rv = rv.Elem()
		}
		if rv.Kind() == reflect.Pointer {
			return fmt.Sprint(v), true // fmt prints a nil pointer
		}
		if rv.CanAddr() {
			if p := rv.Addr().Interface(); isStringer(p) {
				return fmt.Sprint(p), true
			}
		}
	}
	switch rv.Kind() {
	case reflect.Chan, reflect.Func:
		return "", false
	}
	return fmt.Sprint(rv.Interface()), true
}

func isStringer(v any) bool {
	switch v.(type) {
	case fmt.Stringer, error:
		return true
	}
	return false
}

// length is len.
func length(v any) (any, error) {
	switch x := v.(type) {
	case string:
		return len(x), nil
	case []any:
		return len(x), nil
	case map[string]any:
		return len(x), nil
	case nil:
		return nil, errors.New("len of nil pointer")
	}
	rv, err := deref(reflect.ValueOf(v), "len")
	if err != nil {
		return nil, err
	}
	switch rv.Kind() {
	case reflect.Array, reflect.Chan, reflect.Map, reflect.Slice, reflect.String:
		return rv.Len(), nil
	}
	return nil, fmt.Errorf("len of type %s", rv.Type())
}

// assign checks that v may be passed for a parameter of type t, as
// text/template's validateType does: a missing value becomes t's zero
// where t can be nil, a pointer is followed once.
func assign(v any, t reflect.Type) (any, error) {
	if v == nil {
		switch t.Kind() {
		case reflect.Chan, reflect.Func, reflect.Interface, reflect.Map, reflect.Pointer, reflect.Slice:
			return nil, nil
		}
		return nil, fmt.Errorf("invalid value; expected %s", t)
	}
	rv := reflect.ValueOf(v)
	if rv.Type().AssignableTo(t) {
		return v, nil
	}
	if rv.Kind() == reflect.Pointer && rv.Type().Elem().AssignableTo(t) {
		if rv.IsNil() {
			return nil, fmt.Errorf("dereference of nil pointer of type %s", t)
		}
		return rv.Elem().Interface(), nil
	}
	return nil, fmt.Errorf("wrong type for value; expected %s; got %s", t, rv.Type())
}

// keyOrder returns how text/template orders map keys of type t when it
// ranges over a map.
func keyOrder(t reflect.Type) (func(a, b reflect.Value) bool, error) {
	switch basicOf(reflect.Zero(t)) {
	case intBasic:
		return func(a, b reflect.Value) bool { return a.Int() < b.Int() }, nil
	case uintBasic:
		return func(a, b reflect.Value) bool { return a.Uint() < b.Uint() }, nil
	case floatBasic:
		return func(a, b reflect.Value) bool { return a.Float() < b.Float() }, nil
	case stringBasic:
		return func(a, b reflect.Value) bool { return a.String() < b.String() }, nil
	case boolBasic:
		return func(a, b reflect.Value) bool { return !a.Bool() && b.Bool() }, nil
	}
	return nil, fmt.Errorf("range over a map with keys of type %s", t)
}
