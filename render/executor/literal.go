package executor

import (
	"fmt"
	"reflect"
	"strings"
	"text/template/parse"
)

// literal converts a literal argument for a parameter of type t (nil:
// any), as text/template does: a number takes the parameter's kind, or
// for any, the kind its syntax says.
func literal(n parse.Node, t reflect.Type) (any, error) {
	if _, isNil := n.(*parse.NilNode); isNil {
		if t == nil || canBeNil(t) {
			return nil, nil
		}
		return nil, fmt.Errorf("cannot assign nil to %s", t)
	}
	if t == nil {
		return ideal(n)
	}
	switch t.Kind() {
	case reflect.Bool:
		if b, ok := n.(*parse.BoolNode); ok {
			return reflect.ValueOf(b.True).Convert(t).Interface(), nil
		}
		return nil, fmt.Errorf("expected bool; found %s", n)
	case reflect.String:
		if s, ok := n.(*parse.StringNode); ok {
			return reflect.ValueOf(s.Text).Convert(t).Interface(), nil
		}
		return nil, fmt.Errorf("expected string; found %s", n)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if num, ok := n.(*parse.NumberNode); ok && num.IsInt {
			v := reflect.New(t).Elem()
			v.SetInt(num.Int64)
			return v.Interface(), nil
		}
		return nil, fmt.Errorf("expected integer; found %s", n)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		if num, ok := n.(*parse.NumberNode); ok && num.IsUint {
			v := reflect.New(t).Elem()
			v.SetUint(num.Uint64)
			return v.Interface(), nil
		}
		return nil, fmt.Errorf("expected unsigned integer; found %s", n)
	case reflect.Float32, reflect.Float64:
		if num, ok := n.(*parse.NumberNode); ok && num.IsFloat {
			v := reflect.New(t).Elem()
			v.SetFloat(num.Float64)
			return v.Interface(), nil
		}
		return nil, fmt.Errorf("expected float; found %s", n)
	case reflect.Complex64, reflect.Complex128:
		if num, ok := n.(*parse.NumberNode); ok && num.IsComplex {
			v := reflect.New(t).Elem()
			v.SetComplex(num.Complex128)
			return v.Interface(), nil
		}
		return nil, fmt.Errorf("expected complex; found %s", n)
	case reflect.Interface:
		if t.NumMethod() == 0 {
			return ideal(n)
		}
	}
	return nil, fmt.Errorf("can't handle %s for arg of type %s", n, t)
}

// ideal is a literal where any value will do: its syntax gives its type.
func ideal(n parse.Node) (any, error) {
	switch n := n.(type) {
	case *parse.BoolNode:
		return n.True, nil
	case *parse.StringNode:
		return n.Text, nil
	case *parse.NumberNode:
		return number(n)
	}
	return nil, fmt.Errorf("can't evaluate %s", n)
}

// number is text/template's idealConstant: complex, float when it is
// written as one, else int.
func number(n *parse.NumberNode) (any, error) {
	text := n.Text
	hexInt := len(text) > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X') && !strings.ContainsAny(text, "pP")
	runeInt := len(text) > 0 && text[0] == '\''
	switch {
	case n.IsComplex:
		return n.Complex128, nil
	case n.IsFloat && !hexInt && !runeInt && strings.ContainsAny(text, ".eEpP"):
		return n.Float64, nil
	case n.IsInt:
		i := int(n.Int64)
		if int64(i) != n.Int64 {
			return nil, fmt.Errorf("%s overflows int", text)
		}
		return i, nil
	case n.IsUint:
		return nil, fmt.Errorf("%s overflows int", text)
	}
	return nil, nil
}

func canBeNil(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Chan, reflect.Func, reflect.Interface, reflect.Map, reflect.Pointer, reflect.Slice:
		return true
	}
	return false
}
