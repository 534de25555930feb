package executor

import (
	"errors"
	"fmt"
	"reflect"
)

// basic is a comparable class of values, as text/template's comparisons
// group kinds.
type basic uint8

const (
	noBasic basic = iota
	boolBasic
	complexBasic
	intBasic
	floatBasic
	stringBasic
	uintBasic
)

func basicOf(v reflect.Value) basic {
	switch v.Kind() {
	case reflect.Bool:
		return boolBasic
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return intBasic
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return uintBasic
	case reflect.Float32, reflect.Float64:
		return floatBasic
	case reflect.Complex64, reflect.Complex128:
		return complexBasic
	case reflect.String:
		return stringBasic
	}
	return noBasic
}

var errBadComparison = errors.New("invalid type for comparison")

// equal is eq of two values: text/template's rules, with the common
// cases first.
func equal(a, b any) (bool, error) {
	switch x := a.(type) {
	case string:
		if y, ok := b.(string); ok {
			return x == y, nil
		}
	case int:
		if y, ok := b.(int); ok {
			return x == y, nil
		}
	case float64:
		if y, ok := b.(float64); ok {
			return x == y, nil
		}
	case bool:
		if y, ok := b.(bool); ok {
			return x == y, nil
		}
	}
	return reflectEqual(reflect.ValueOf(a), reflect.ValueOf(b))
}

func reflectEqual(x, y reflect.Value) (bool, error) {
	kx, ky := basicOf(x), basicOf(y)
	if kx != ky {
		switch {
		case kx == intBasic && ky == uintBasic:
			return x.Int() >= 0 && uint64(x.Int()) == y.Uint(), nil
		case kx == uintBasic && ky == intBasic:
			return y.Int() >= 0 && x.Uint() == uint64(y.Int()), nil
		case x.IsValid() && y.IsValid():
			return false, fmt.Errorf("incompatible types for comparison: %v and %v", x.Type(), y.Type())
		}
		return false, nil
	}
	switch kx {
	case boolBasic:
		return x.Bool() == y.Bool(), nil
	case complexBasic:
		return x.Complex() == y.Complex(), nil
	case floatBasic:
		return x.Float() == y.Float(), nil
	case intBasic:
		return x.Int() == y.Int(), nil
	case stringBasic:
		return x.String() == y.String(), nil
	case uintBasic:
		return x.Uint() == y.Uint(), nil
	}
	if x.Kind() != y.Kind() && x.IsValid() && y.IsValid() {
		return false, fmt.Errorf("non-comparable types %v: %v, %v: %v", x, x.Type(), y.Type(), y)
	}
	if isNil(x) || isNil(y) {
		return isNil(x) == isNil(y), nil
	}
	if !y.Type().Comparable() {
		return false, fmt.Errorf("non-comparable type %v: %v", y, y.Type())
	}
	return x.Interface() == y.Interface(), nil
}

func isNil(v reflect.Value) bool {
	if !v.IsValid() {
		return true
	}
	switch v.Kind() {
	case reflect.Chan, reflect.Func, reflect.Interface, reflect.Map, reflect.Pointer, reflect.Slice:
		return v.IsNil()
	}
	return false
}

// less orders two values for lt, le, gt and ge: -1, 0 or 1 (1 too when
// they are unordered, as NaN is, which makes lt and le false as in
// text/template).
func less(a, b any) (int, error) {
	switch x := a.(type) {
	case string:
		if y, ok := b.(string); ok {
			return ordered(x < y, x == y), nil
		}
	case int:
		if y, ok := b.(int); ok {
			return ordered(x < y, x == y), nil
		}
	case float64:
		if y, ok := b.(float64); ok {
			return ordered(x < y, x == y), nil
		}
	}
	return reflectLess(reflect.ValueOf(a), reflect.ValueOf(b))
}

func reflectLess(x, y reflect.Value) (int, error) {
	kx, ky := basicOf(x), basicOf(y)
	if kx == noBasic || ky == noBasic {
		return 0, errBadComparison
	}
	if kx != ky {
		switch {
		case kx == intBasic && ky == uintBasic:
			return ordered(x.Int() < 0 || uint64(x.Int()) < y.Uint(), x.Int() >= 0 && uint64(x.Int()) == y.Uint()), nil
		case kx == uintBasic && ky == intBasic:
			return ordered(y.Int() >= 0 && x.Uint() < uint64(y.Int()), y.Int() >= 0 && x.Uint() == uint64(y.Int())), nil
		}
		return 0, fmt.Errorf("incompatible types for comparison: %v and %v", x.Type(), y.Type())
	}
	switch kx {
	case floatBasic:
		return ordered(x.Float() < y.Float(), x.Float() == y.Float()), nil
	case intBasic:
		return ordered(x.Int() < y.Int(), x.Int() == y.Int()), nil
	case stringBasic:
		return ordered(x.String() < y.String(), x.String() == y.String()), nil
	case uintBasic:
		return ordered(x.Uint() < y.Uint(), x.Uint() == y.Uint()), nil
	}
	return 0, errBadComparison
}

func ordered(lt, eq bool) int {
	switch {
	case eq:
		return 0
	case lt:
		return -1
	}
	return 1
}
