package executor

import (
	"reflect"
	"strings"
	"text/template/parse"

	"github.com/tailor-email/tailor/render/internal/escape"
)

// pipe compiles a pipeline, with its declarations.
func (c *compiler) pipe(p *parse.PipeNode) *pipeline {
	out := &pipeline{at: p, assign: p.IsAssign}
	for _, v := range p.Decl {
		out.decl = append(out.decl, v.Ident[0])
	}
	for i, cmd := range p.Cmds {
		out.cmds = append(out.cmds, c.command(cmd, i > 0))
	}
	return out
}

// command compiles one command; final says it gets the previous
// command's value as its last argument.
func (c *compiler) command(cmd *parse.CommandNode, final bool) command {
	switch first := cmd.Args[0].(type) {
	case *parse.IdentifierNode:
		return c.call(cmd, first.Ident, cmd.Args[1:], final)
	case *parse.FieldNode:
		if len(cmd.Args) > 1 || final {
			return c.chainCall(cmd, &chainCall{recv: dotOp{}, idents: first.Ident}, final)
		}
	case *parse.VariableNode:
		if len(first.Ident) > 1 && (len(cmd.Args) > 1 || final) {
			return c.chainCall(cmd, &chainCall{recv: &varOp{at: first, name: first.Ident[0]}, idents: first.Ident[1:]}, final)
		}
	case *parse.ChainNode:
		if len(cmd.Args) > 1 || final {
			recv, lit := c.operand(first.Node, nil)
			if recv == nil {
				recv = &litOp{lit}
			}
			return c.chainCall(cmd, &chainCall{recv: recv, idents: first.Field}, final)
		}
	case *parse.NilNode:
		c.fail(cmd, "nil is not a command")
		return command{}
	}
	if final || len(cmd.Args) != 1 {
		c.fail(cmd, "can't give argument to non-function %s", cmd.Args[0])
		return command{}
	}
	op, lit := c.operand(cmd.Args[0], nil)
	return command{at: cmd, op: op, lit: lit}
}

// chainCall compiles a method call through a chain; its arguments'
// literals are converted when the method's types are known, at run time.
func (c *compiler) chainCall(cmd *parse.CommandNode, call *chainCall, final bool) command {
	out := command{at: cmd, call: call, final: final}
	for _, a := range cmd.Args[1:] {
		op, _ := c.operandOnly(a)
		out.args = append(out.args, arg{op: op, node: a})
	}
	return out
}

// call compiles a function call, checking its arity and literal
// arguments as text/template does when it runs it.
func (c *compiler) call(cmd *parse.CommandNode, name string, args []parse.Node, final bool) command {
	fn := c.function(cmd, name)
	if fn == nil {
		return command{}
	}
	n := len(args)
	if final {
		n++
	}
	if err := arity(fn, n); err != nil && fn.and == 0 {
		c.fail(cmd, "%v", err)
		return command{}
	}
	if fn.and != 0 && n == 0 {
		c.fail(cmd, "wrong number of args for %s: want at least 1 got 0", name)
		return command{}
	}
	out := command{at: cmd, fn: fn, final: final}
	for i, a := range args {
		op, lit := c.operand(a, fn.typeOf(i))
		out.args = append(out.args, arg{op: op, lit: lit, node: a})
	}
	return out
}

// function finds the function called name: the config's, an escaper
// html/template inserted, or a builtin.
func (c *compiler) function(at parse.Node, name string) *function {
	var bound Bound
	if c.cfg != nil {
		bound = c.cfg.Bounds[name]
		if f, ok := c.cfg.Funcs[name]; ok {
			fn, err := newFunction(name, f, bound)
			if err != nil {
				c.fail(at, "%v", err)
			}
			return fn
		}
	}
	if strings.HasPrefix(name, "_html_template_") {
		if e := escape.Lookup(name); e != nil {
			return &function{name: name, params: one, call: func(a []any) (any, error) { return e(a[0]), nil }}
		}
	}
	if name == "_eval_args_" {
		return &function{name: name, isVariadic: true, call: func(a []any) (any, error) { return escape.EvalArgs(a...), nil }}
	}
	if name == "call" {
		c.fail(at, "call is not allowed in tailor templates: a template calls only the functions it is given")
		return nil
	}
	if fn := builtin(name); fn != nil {
		fn.bound = bound
		return fn
	}
	c.fail(at, "function %q not defined", name)
	return nil
}

type litOp struct{ v any }

func (l *litOp) eval(*state, any) (any, bool) { return l.v, true }

// operand compiles n as an argument for a parameter of type t (nil: any).
// A literal is converted now, as text/template converts it when it runs;
// anything else is an operand evaluated per execution.
func (c *compiler) operand(n parse.Node, t reflect.Type) (operand, any) {
	if op, ok := c.operandOnly(n); ok {
		return op, nil
	}
	v, err := literal(n, t)
	if err != nil {
		c.fail(n, "%v", err)
	}
	return nil, v
}

// operandOnly compiles n when it is evaluated at run time; it reports
// false for a literal.
func (c *compiler) operandOnly(n parse.Node) (operand, bool) {
	switch n := n.(type) {
	case *parse.DotNode:
		return dotOp{}, true
	case *parse.FieldNode:
		return &fieldOp{at: n, idents: n.Ident}, true
	case *parse.VariableNode:
		return &varOp{at: n, name: n.Ident[0], idents: n.Ident[1:]}, true
	case *parse.PipeNode:
		return &pipeOp{pipe: c.pipe(n)}, true
	case *parse.IdentifierNode:
		return &callOp{cmd: c.call(&parse.CommandNode{NodeType: parse.NodeCommand, Pos: n.Pos, Args: []parse.Node{n}}, n.Ident, nil, false)}, true
	case *parse.ChainNode:
		if n.Node.Type() == parse.NodeNil {
			c.fail(n, "indirection through explicit nil in %s", n)
			return nil, true
		}
		recv, lit := c.operand(n.Node, nil)
		if recv == nil {
			recv = &litOp{lit}
		}
		return &chainOp{at: n, recv: recv, idents: n.Field}, true
	}
	return nil, false
}
