package executor

import (
	"errors"
	"fmt"
	"reflect"
	texttemplate "text/template"
)

// builtin returns text/template's builtin function called name, or nil.
// call is not among them: templates never call functions from data.
func builtin(name string) *function {
	f, ok := builtins[name]
	if !ok {
		return nil
	}
	fn := *f
	fn.name = name
	return &fn
}

var (
	one    = types(nil)
	two    = types(nil, nil)
	anyVar = func(params []reflect.Type, call func([]any) (any, error)) *function {
		return &function{params: params, isVariadic: true, call: call}
	}
)

var builtins = map[string]*function{
	"and": {params: one, isVariadic: true, and: and},
	"or":  {params: one, isVariadic: true, and: or},
	"not": {params: one, call: func(a []any) (any, error) {
		t, ok := isTrue(a[0])
		if !ok {
			return nil, fmt.Errorf("can't use %v as a truth value", a[0])
		}
		return !t, nil
	}},
	"len":   {params: one, call: func(a []any) (any, error) { return length(a[0]) }},
	"index": anyVar(one, func(a []any) (any, error) { return index(a[0], a[1:]) }),
	"slice": anyVar(one, func(a []any) (any, error) { return slice(a[0], a[1:]) }),
	"eq": anyVar(one, func(a []any) (any, error) {
		if len(a) < 2 {
			return nil, errors.New("missing argument for comparison")
		}
		for _, b := range a[1:] {
			if c, err := equal(a[0], b); err != nil || c {
				return c, err
			}
		}
		return false, nil
	}),
	"ne": {params: two, call: func(a []any) (any, error) {
		c, err := equal(a[0], a[1])
		return !c, err
	}},
	"lt":    order(func(c int) bool { return c < 0 }),
	"le":    order(func(c int) bool { return c <= 0 }),
	"gt":    order(func(c int) bool { return c > 0 }),
	"ge":    order(func(c int) bool { return c >= 0 }),
	"print": anyVar(nil, func(a []any) (any, error) { return fmt.Sprint(a...), nil }),
	"printf": {params: types(stringType), isVariadic: true, call: func(a []any) (any, error) {
		return fmt.Sprintf(a[0].(string), a[1:]...), nil
	}},
	"println":  anyVar(nil, func(a []any) (any, error) { return fmt.Sprintln(a...), nil }),
	"html":     anyVar(nil, func(a []any) (any, error) { return texttemplate.HTMLEscaper(a...), nil }),
	"js":       anyVar(nil, func(a []any) (any, error) { return texttemplate.JSEscaper(a...), nil }),
	"urlquery": anyVar(nil, func(a []any) (any, error) { return texttemplate.URLQueryEscaper(a...), nil }),
}

func order(test func(int) bool) *function {
	return &function{params: two, call: func(a []any) (any, error) {
		c, err := less(a[0], a[1])
		if err != nil {
			return nil, err
		}
		return test(c), nil
	}}
}
