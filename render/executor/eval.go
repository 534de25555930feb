package executor

import (
	"text/template/parse"
)

// pipeline is a compiled pipeline; decl are the variables it declares (or
// assigns, with assign set).
type pipeline struct {
	at     parse.Node
	cmds   []command
	decl   []string
	assign bool
}

// command is one command of a pipeline: a call of a function (fn set), a
// field or method chain that gets arguments (call set), an operand, or a
// literal.
type command struct {
	at    parse.Node
	fn    *function
	call  *chainCall
	args  []arg
	final bool // the previous command's value is the last argument
	op    operand
	lit   any
}

// arg is a call argument: an operand, or a literal converted at compile
// time (node keeps it unconverted, for methods, whose types show only at
// run time).
type arg struct {
	op   operand
	lit  any
	node parse.Node
}

// operand is a value a command or argument evaluates at run time. It
// reports false, with s.err set, when the execution must stop.
type operand interface {
	eval(s *state, dot any) (any, bool)
}

type (
	dotOp struct{}
	// fieldOp is .A.B.C from dot; varOp is $x.A.B from a variable;
	// chainOp is (pipeline).A.B.
	fieldOp struct {
		at     parse.Node
		idents []string
	}
	varOp struct {
		at     parse.Node
		name   string
		idents []string
	}
	chainOp struct {
		at     parse.Node
		recv   operand
		idents []string
	}
	pipeOp struct{ pipe *pipeline }
	// callOp is a function call or a method chain used as an argument.
	callOp struct{ cmd command }
)

// pipe evaluates a pipeline; each command's value is the next one's final
// argument, as in text/template. Declared variables are pushed (or set).
func (s *state) pipe(p *pipeline, dot any) (any, bool) {
	var v any
	for i := range p.cmds {
		var ok bool
		if v, ok = s.command(&p.cmds[i], dot, v); !ok {
			return nil, false
		}
	}
	for _, name := range p.decl {
		if p.assign {
			if !s.setVar(name, v) {
				return nil, s.failf(p.at, "undefined variable: %s", name) == next
			}
		} else {
			s.vars = append(s.vars, variable{name, v})
		}
	}
	return v, true
}

func (s *state) command(c *command, dot, final any) (any, bool) {
	switch {
	case c.fn != nil:
		return s.callFunc(c, dot, final)
	case c.call != nil:
		return s.callChain(c, dot, final)
	case c.op == nil:
		return c.lit, true
	}
	return c.op.eval(s, dot)
}

func (dotOp) eval(_ *state, dot any) (any, bool) { return dot, true }

func (f *fieldOp) eval(s *state, dot any) (any, bool) { return s.chain(f.at, dot, f.idents) }

func (v *varOp) eval(s *state, _ any) (any, bool) {
	val, ok := s.variable(v.name)
	if !ok {
		return nil, s.failf(v.at, "undefined variable: %s", v.name) == next
	}
	return s.chain(v.at, val, v.idents)
}

func (c *chainOp) eval(s *state, dot any) (any, bool) {
	recv, ok := c.recv.eval(s, dot)
	if !ok {
		return nil, false
	}
	return s.chain(c.at, recv, c.idents)
}

// eval runs a parenthesized pipeline; a variable it declares lives on to
// the end of the enclosing block, as in text/template.
func (p *pipeOp) eval(s *state, dot any) (any, bool) { return s.pipe(p.pipe, dot) }

func (c *callOp) eval(s *state, dot any) (any, bool) { return s.command(&c.cmd, dot, nil) }

// chain evaluates the field chain idents from v. A field of a missing
// value is missing too (text/template fails there; tailor promises that
// missing data prints nothing, at any depth).
func (s *state) chain(at parse.Node, v any, idents []string) (any, bool) {
	for _, name := range idents {
		switch m := v.(type) {
		case nil:
			return nil, true
		case map[string]any:
			v = m[name]
		case map[string]string:
			v = m[name]
		case map[string]bool:
			v = m[name]
		case map[string]int:
			v = m[name]
		case map[string]float64:
			v = m[name]
		default:
			if s.fields != nil {
				if x, ok := s.fields(v, name); ok {
					v = x
					continue
				}
			}
			x, err := reflectField(v, name)
			if err != nil {
				return nil, s.fail(at, err) == next
			}
			v = x
		}
	}
	return v, true
}
