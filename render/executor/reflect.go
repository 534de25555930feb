package executor

import (
	"errors"
	"fmt"
	"reflect"
)

// reflectField looks up name in v as text/template does for a field
// without arguments: a method of v (called with none), an exported field
// of a struct, a key of a map (missing: the element type's zero).
func reflectField(v any, name string) (any, error) {
	rv := reflect.ValueOf(v)
	if m := rv.MethodByName(name); m.IsValid() && m.Type().NumIn() == 0 {
		fn, err := reflectFunction(name, m)
		if err != nil {
			return nil, err
		}
		out, err := fn.call(nil)
		if err != nil {
			return nil, fmt.Errorf("error calling %s: %w", name, err)
		}
		return out, nil
	}
	typ := rv.Type()
	for rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return nil, fmt.Errorf("nil pointer evaluating %s.%s", typ, name)
		}
		rv = rv.Elem()
	}
	switch rv.Kind() {
	case reflect.Struct:
		if f, ok := rv.Type().FieldByName(name); ok {
			if !f.IsExported() {
				return nil, fmt.Errorf("%s is an unexported field of struct type %s", name, typ)
			}
			return value(rv.FieldByIndex(f.Index)), nil
		}
	case reflect.Map:
		key := reflect.ValueOf(name)
		if key.Type().AssignableTo(rv.Type().Key()) {
			if x := rv.MapIndex(key); x.IsValid() {
				return value(x), nil
			}
			return value(reflect.Zero(rv.Type().Elem())), nil
		}
	}
	return nil, fmt.Errorf("can't evaluate field %s in type %s", name, typ)
}

// method returns the method called name of v, for a call with arguments.
func method(v any, name string) (reflect.Value, error) {
	if v == nil {
		return reflect.Value{}, fmt.Errorf("can't call method %s of a missing value", name)
	}
	rv := reflect.ValueOf(v)
	if m := rv.MethodByName(name); m.IsValid() {
		return m, nil
	}
	for rv.Kind() == reflect.Pointer && !rv.IsNil() {
		rv = rv.Elem()
	}
	switch rv.Kind() {
	case reflect.Struct, reflect.Map:
		return reflect.Value{}, fmt.Errorf("%s is not a method but has arguments", name)
	}
	return reflect.Value{}, fmt.Errorf("can't evaluate field %s in type %T", name, v)
}

// index is the index builtin: index x 1 2 is x[1][2].
func index(item any, keys []any) (any, error) {
	if item == nil {
		return nil, errors.New("index of untyped nil")
	}
	v := reflect.ValueOf(item)
	for _, k := range keys {
		for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
			if v.IsNil() {
				return nil, errors.New("index of nil pointer")
			}
			v = v.Elem()
		}
		switch v.Kind() {
		case reflect.Array, reflect.Slice, reflect.String:
			i, err := indexArg(k, v.Len())
			if err != nil {
				return nil, err
			}
			if i == v.Len() {
				return nil, fmt.Errorf("index out of range: %d", i)
			}
			v = v.Index(i)
		case reflect.Map:
			kv, err := mapKey(k, v.Type().Key())
			if err != nil {
				return nil, err
			}
			if x := v.MapIndex(kv); x.IsValid() {
				v = x
			} else {
				v = reflect.Zero(v.Type().Elem())
			}
		default:
			return nil, fmt.Errorf("can't index item of type %s", v.Type())
		}
	}
	return value(v), nil
}

func mapKey(k any, t reflect.Type) (reflect.Value, error) {
	if k == nil {
		switch t.Kind() {
		case reflect.Interface, reflect.Pointer, reflect.Chan, reflect.Map, reflect.Slice, reflect.Func:
			return reflect.Zero(t), nil
		}
		return reflect.Value{}, fmt.Errorf("value is nil; should be of type %s", t)
	}
	kv := reflect.ValueOf(k)
	if !kv.Type().AssignableTo(t) {
		return reflect.Value{}, fmt.Errorf("value has type %s; should be %s", kv.Type(), t)
	}
	return kv, nil
}

// indexArg is an index of a list or string of length n (n itself only
// for slicing).
func indexArg(k any, n int) (int, error) {
	var x int64
	switch v := reflect.ValueOf(k); v.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		x = v.Int()
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		x = int64(v.Uint())
	case reflect.Invalid:
		return 0, errors.New("cannot index slice/array with nil")
	default:
		return 0, fmt.Errorf("cannot index slice/array with type %s", v.Type())
	}
	if x < 0 || int(x) < 0 || int(x) > n {
		return 0, fmt.Errorf("index out of range: %d", x)
	}
	return int(x), nil
}

// deref follows v's pointers; a nil one is an error, "what of nil
// pointer".
func deref(v reflect.Value, what string) (reflect.Value, error) {
	for v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return v, fmt.Errorf("%s of nil pointer", what)
		}
		v = v.Elem()
	}
	return v, nil
}

// slice is the slice builtin: slice x 1 2 is x[1:2].
func slice(item any, idx []any) (any, error) {
	if item == nil {
		return nil, errors.New("slice of untyped nil")
	}
	v, err := deref(reflect.ValueOf(item), "slice")
	if err != nil {
		return nil, err
	}
	if len(idx) > 3 {
		return nil, fmt.Errorf("too many slice indexes: %d", len(idx))
	}
	limit := 0
	switch v.Kind() {
	case reflect.String:
		if len(idx) == 3 {
			return nil, errors.New("cannot 3-index slice a string")
		}
		limit = v.Len()
	case reflect.Array, reflect.Slice:
		limit = v.Cap()
	default:
		return nil, fmt.Errorf("can't slice item of type %s", v.Type())
	}
	at := [3]int{0, v.Len()}
	for i, k := range idx {
		x, err := indexArg(k, limit)
		if err != nil {
			return nil, err
		}
		at[i] = x
	}
	if at[0] > at[1] {
		return nil, fmt.Errorf("invalid slice index: %d > %d", at[0], at[1])
	}
	if len(idx) < 3 {
		return value(v.Slice(at[0], at[1])), nil
	}
	if at[1] > at[2] {
		return nil, fmt.Errorf("invalid slice index: %d > %d", at[1], at[2])
	}
	return value(v.Slice3(at[0], at[1], at[2])), nil
}
