package executor

import (
	"fmt"
	"reflect"
	"text/template/parse"
)

// function is a callable with text/template's argument rules: params are
// the fixed parameters' types, variadic the type of each of the rest
// (nil when not variadic); a nil type takes any value as it is. call gets
// the checked arguments.
type function struct {
	name       string
	params     []reflect.Type
	variadic   reflect.Type
	isVariadic bool
	and        int // and or or: the builtins that short-circuit
	call       func(args []any) (any, error)
	bound      Bound
}

const (
	and = 1
	or  = 2
)

// typeOf returns the type of parameter i.
func (f *function) typeOf(i int) reflect.Type {
	if i < len(f.params) {
		return f.params[i]
	}
	return f.variadic
}

// callFunc evaluates the arguments onto the scratch stack, spends a step,
// checks the function's bound and calls it.
func (s *state) callFunc(c *command, dot, final any) (any, bool) {
	if c.fn.and != 0 {
		return s.andOr(c, dot, final)
	}
	base := len(s.args)
	v, ok := s.callArgs(c, dot, final, base)
	clear(s.args[base:])
	s.args = s.args[:base]
	return v, ok
}

// callArgs evaluates the arguments onto the scratch stack from base, and
// calls the function with them.
func (s *state) callArgs(c *command, dot, final any, base int) (any, bool) {
	for i := range c.args {
		a := &c.args[i]
		v := a.lit
		if a.op != nil {
			var ok bool
			if v, ok = a.op.eval(s, dot); !ok {
				return nil, false
			}
			if v, ok = s.accept(c.at, v, c.fn.typeOf(i)); !ok {
				return nil, false
			}
		}
		s.args = append(s.args, v)
	}
	if c.final {
		v, ok := s.accept(c.at, final, c.fn.typeOf(len(c.args)))
		if !ok {
			return nil, false
		}
		s.args = append(s.args, v)
	}
	return s.invoke(c.at, c.fn, s.args[base:])
}

// invoke spends the call's step, checks its bound and calls it. A panic
// in the function is recovered by Execute, which names the call s.calling.
func (s *state) invoke(at parse.Node, fn *function, args []any) (any, bool) {
	if err := s.b.spend(); err != nil {
		return nil, s.fail(at, err) == next
	}
	if fn.bound != nil {
		if err := s.b.build(fn.name, fn.bound(args)); err != nil {
			return nil, s.fail(at, err) == next
		}
	}
	s.calling, s.callingAt = fn, at
	v, err := fn.call(args)
	if err != nil {
		return nil, s.fail(at, fmt.Errorf("at <%s>: error calling %s: %w", at, fn.name, err)) == next
	}
	return v, true
}

// accept checks a run-time value against a parameter's type, as
// text/template's validateType does.
func (s *state) accept(at parse.Node, v any, t reflect.Type) (any, bool) {
	if t == nil {
		return v, true
	}
	switch t {
	case stringType:
		if _, ok := v.(string); ok {
			return v, true
		}
	case intType:
		if _, ok := v.(int); ok {
			return v, true
		}
	}
	x, err := assign(v, t)
	if err != nil {
		return nil, s.fail(at, err) == next
	}
	return x, true
}

// andOr evaluates and/or as text/template does: arguments in order, each
// only if needed, giving the first false (and) or true (or) one, or the last.
func (s *state) andOr(c *command, dot, final any) (any, bool) {
	if err := s.b.spend(); err != nil {
		return nil, s.fail(c.at, err) == next
	}
	var v any
	n := len(c.args)
	for i := 0; i <= n; i++ {
		switch {
		case i < n && c.args[i].op == nil:
			v = c.args[i].lit
		case i < n:
			var ok bool
			if v, ok = c.args[i].op.eval(s, dot); !ok {
				return nil, false
			}
		case c.final:
			v = final
		default:
			return v, true
		}
		truth, ok := isTrue(v)
		if !ok {
			return nil, s.failf(c.at, "error calling %s: can't use %v as a truth value", c.fn.name, v) == next
		}
		if truth == (c.fn.and == or) {
			return v, true
		}
	}
	return v, true
}

// chainCall is a method called through a chain with arguments:
// {{ .Now.Format "2006" }}, {{ $t.AddDate 0 1 0 }}, or {{ x | .Method }}.
type chainCall struct {
	recv   operand // the receiver chain's start: dot, a variable, a pipeline
	idents []string
}

// callChain evaluates the receiver up to the last name, then calls the
// method of that name with the arguments.
func (s *state) callChain(c *command, dot, final any) (any, bool) {
	recv, ok := c.call.recv.eval(s, dot)
	if !ok {
		return nil, false
	}
	n := len(c.call.idents)
	if recv, ok = s.chain(c.at, recv, c.call.idents[:n-1]); !ok {
		return nil, false
	}
	name := c.call.idents[n-1]
	m, err := method(recv, name)
	if err != nil {
		return nil, s.fail(c.at, err) == next
	}
	fn, err := reflectFunction(name, m)
	if err != nil {
		return nil, s.fail(c.at, err) == next
	}
	args := make([]any, 0, len(c.args)+1)
	for i, a := range c.args {
		v, ok := s.methodArg(c.at, dot, a, fn.typeOf(i))
		if !ok {
			return nil, false
		}
		args = append(args, v)
	}
	if c.final {
		v, ok := s.accept(c.at, final, fn.typeOf(len(c.args)))
		if !ok {
			return nil, false
		}
		args = append(args, v)
	}
	if err := arity(fn, len(args)); err != nil {
		return nil, s.fail(c.at, err) == next
	}
	return s.invoke(c.at, fn, args)
}

// methodArg evaluates an argument for a parameter whose type shows only
// at run time.
func (s *state) methodArg(at parse.Node, dot any, a arg, t reflect.Type) (any, bool) {
	if a.op == nil {
		v, err := literal(a.node, t)
		if err != nil {
			return nil, s.fail(at, err) == next
		}
		return v, true
	}
	v, ok := a.op.eval(s, dot)
	if !ok {
		return nil, false
	}
	return s.accept(at, v, t)
}

// arity checks a call's argument count as text/template does.
func arity(fn *function, n int) error {
	switch {
	case fn.isVariadic && n < len(fn.params):
		return fmt.Errorf("wrong number of args for %s: want at least %d got %d", fn.name, len(fn.params), n)
	case !fn.isVariadic && n != len(fn.params):
		return fmt.Errorf("wrong number of args for %s: want %d got %d", fn.name, len(fn.params), n)
	}
	return nil
}
