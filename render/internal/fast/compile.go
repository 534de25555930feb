package fast

import (
	"strings"
	"text/template/parse"

	"github.com/tailor-email/tailor/internal/jsonstr"
	"github.com/tailor-email/tailor/render/internal/escape"
)

// Fields resolves a field of a value that is neither a map nor nil, such
// as the engine's *Data: {{ .Profile }}. It reports false when v has no
// field name; the template then runs on text/template.
type Fields func(v any, name string) (any, bool)

// Program is a template tree compiled for Execute. It holds no state of
// its own while executing, so it is safe for concurrent use.
type Program struct {
	root   []node
	fields Fields
}

// Compile compiles tree, whose functions are funcs (escaper names are
// html/template's own), for a template with option missingkey=zero. It
// returns nil when the tree uses anything this package does not support.
func Compile(tree *parse.Tree, funcs map[string]any, fields Fields) *Program {
	if tree == nil || tree.Root == nil {
		return nil
	}
	c := compiler{funcs: funcs}
	root := c.list(tree.Root)
	if c.bad {
		return nil
	}
	return &Program{root: root, fields: fields}
}

type compiler struct {
	funcs map[string]any
	bad   bool
}

func (c *compiler) list(l *parse.ListNode) []node {
	if l == nil {
		return nil
	}
	out := make([]node, 0, len(l.Nodes))
	for _, n := range l.Nodes {
		out = append(out, c.node(n))
	}
	return out
}

func (c *compiler) node(n parse.Node) node {
	switch n := n.(type) {
	case *parse.TextNode:
		t := &textNode{text: n.Text}
		if json, ok := jsonstr.AppendContent(nil, string(n.Text)); ok {
			t.json = json
		}
		return t
	case *parse.ActionNode:
		if len(n.Pipe.Decl) != 0 {
			break
		}
		return c.action(n.Pipe)
	case *parse.IfNode:
		if len(n.Pipe.Decl) != 0 {
			break
		}
		return &ifNode{pipe: c.pipe(n.Pipe), list: c.list(n.List), elseList: c.list(n.ElseList)}
	case *parse.WithNode:
		if len(n.Pipe.Decl) != 0 {
			break
		}
		return &ifNode{with: true, pipe: c.pipe(n.Pipe), list: c.list(n.List), elseList: c.list(n.ElseList)}
	case *parse.RangeNode:
		r := &rangeNode{list: c.list(n.List), elseList: c.list(n.ElseList)}
		if n.Pipe.IsAssign || len(n.Pipe.Decl) > 2 {
			break
		}
		for _, v := range n.Pipe.Decl {
			r.vars = append(r.vars, v.Ident[0])
		}
		p := *n.Pipe
		p.Decl = nil
		r.pipe = c.pipe(&p)
		return r
	}
	c.bad = true
	return nil
}

// pipe compiles a pipeline without declarations.
func (c *compiler) pipe(p *parse.PipeNode) *pipeline {
	if p == nil || len(p.Decl) != 0 || len(p.Cmds) == 0 {
		c.bad = true
		return nil
	}
	out := &pipeline{}
	for i, cmd := range p.Cmds {
		out.cmds = append(out.cmds, c.command(cmd, i > 0))
	}
	return out
}

// command compiles one command; final says it gets the previous
// command's value as its last argument.
func (c *compiler) command(cmd *parse.CommandNode, final bool) command {
	if id, ok := cmd.Args[0].(*parse.IdentifierNode); ok {
		return c.call(id.Ident, cmd.Args[1:], final)
	}
	if final || len(cmd.Args) != 1 {
		c.bad = true // text/template: "can't give argument to non-function"
		return command{}
	}
	op, lit, ok := c.operand(cmd.Args[0], kAny)
	if !ok {
		c.bad = true
	}
	return command{op: op, lit: lit, isLit: op == nil}
}

// call compiles a function call, checking its arity as text/template does.
func (c *compiler) call(name string, args []parse.Node, final bool) command {
	fn := c.function(name)
	n := len(args)
	if final {
		n++
	}
	if fn == nil || n < len(fn.params) || (fn.variadic == kNone && n != len(fn.params)) || (fn.and != 0 && n == 0) {
		c.bad = true
		return command{}
	}
	cmd := command{fn: fn, final: final}
	for i, a := range args {
		op, lit, ok := c.operand(a, fn.kindOf(i))
		if !ok {
			c.bad = true
		}
		cmd.args = append(cmd.args, arg{op: op, lit: lit})
	}
	return cmd
}

func (c *compiler) function(name string) *function {
	if f, ok := c.funcs[name]; ok {
		return adapt(f)
	}
	if strings.HasPrefix(name, "_html_template_") {
		if e := escape.Lookup(name); e != nil {
			return &function{params: []kind{kAny}, call: func(a []any) (any, bool) { return e(a[0]), true }}
		}
		return nil
	}
	return builtins[name]
}

// action compiles an output action. The escapers html/template put at the
// end of its pipeline run on the value as strings, without boxing each
// result as the pipeline would.
func (c *compiler) action(p *parse.PipeNode) node {
	k := len(p.Cmds)
	for k > 1 && c.escaper(p.Cmds[k-1]) != "" {
		k--
	}
	a := &actionNode{}
	if k == 1 && len(p.Cmds) == 1 {
		_, call := p.Cmds[0].Args[0].(*parse.IdentifierNode)
		a.inline = !call // a value printed as it is
	}
	if k < len(p.Cmds) {
		a.first = escape.Lookup(c.escaper(p.Cmds[k]))
		a.inline = c.escaper(p.Cmds[k]) == "_html_template_htmlescaper" && k+1 == len(p.Cmds)
		for _, cmd := range p.Cmds[k+1:] {
			a.rest = append(a.rest, escape.LookupString(c.escaper(cmd)))
		}
		q := *p
		q.Cmds = p.Cmds[:k]
		p = &q
	}
	a.pipe = c.pipe(p)
	return a
}

// escaper returns the name of the html/template escaper cmd calls with
// nothing but the previous value, or "".
func (c *compiler) escaper(cmd *parse.CommandNode) string {
	id, ok := cmd.Args[0].(*parse.IdentifierNode)
	if !ok || len(cmd.Args) != 1 || escape.Lookup(id.Ident) == nil {
		return ""
	}
	if _, shadowed := c.funcs[id.Ident]; shadowed {
		return ""
	}
	return id.Ident
}
