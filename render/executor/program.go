package executor

import (
	"text/template/parse"
)

// Fields resolves a field of a value that is not a map, such as the
// engine's *Data: {{ .Profile }}. It reports false when v is not of a type
// it knows; the field is then looked up by reflection.
type Fields func(v any, name string) (any, bool)

// A Bound reports an upper bound on the bytes that a call of a function
// with args builds (see templates.Bounds).
type Bound = func(args []any) int64

// Config is what programs may call and read.
type Config struct {
	// Funcs are the functions templates call by name, besides the
	// builtins and html/template's escapers.
	Funcs map[string]any
	// Bounds bound what functions build, by name; a builtin's bound goes
	// by the builtin's name (printf, print ...).
	Bounds map[string]Bound
	// Fields resolves fields of the data's own types.
	Fields Fields
}

// Lookup returns the tree of the template called name in the set a tree
// belongs to, or nil when it has none.
type Lookup func(name string) *parse.Tree

// Program is a template compiled for Execute. It holds no state while
// executing, so it is safe for concurrent use.
type Program struct {
	tree   *parse.Tree
	root   []node
	fields Fields
}

// Compile compiles tree; {{ template }} calls are resolved with lookup
// (nil when the tree calls none). It returns an *Error at the first node
// it cannot run.
func Compile(tree *parse.Tree, lookup Lookup, cfg *Config) (*Program, error) {
	c := &compiler{cfg: cfg, lookup: lookup, progs: map[*parse.Tree]*Program{}}
	return c.program(tree)
}

type compiler struct {
	cfg    *Config
	lookup Lookup
	progs  map[*parse.Tree]*Program // compiled or being compiled, for calls
	tree   *parse.Tree              // the tree being compiled, for errors
	err    error                    // the first error
}

// program compiles tree, once, into the program template calls to it use.
func (c *compiler) program(tree *parse.Tree) (*Program, error) {
	if p, ok := c.progs[tree]; ok {
		return p, nil
	}
	p := &Program{tree: tree}
	if c.cfg != nil {
		p.fields = c.cfg.Fields
	}
	c.progs[tree] = p
	if tree == nil || tree.Root == nil {
		return p, nil
	}
	saved := c.tree
	c.tree = tree
	p.root = c.list(tree.Root)
	c.tree = saved
	if c.err != nil {
		return nil, c.err
	}
	return p, nil
}

// fail records the first error, at n.
func (c *compiler) fail(n parse.Node, format string, args ...any) {
	if c.err == nil {
		c.err = compileError(c.tree, n, format, args...)
	}
}

func (c *compiler) list(l *parse.ListNode) []node {
	if l == nil {
		return nil
	}
	out := make([]node, 0, len(l.Nodes))
	for _, n := range l.Nodes {
		if cn := c.node(n); cn != nil {
			out = append(out, cn)
		}
	}
	return out
}

func (c *compiler) node(n parse.Node) node {
	switch n := n.(type) {
	case *parse.TextNode:
		return newText(n)
	case *parse.CommentNode:
		return nil
	case *parse.ActionNode:
		if len(n.Pipe.Decl) != 0 {
			return &declNode{pipe: c.pipe(n.Pipe)}
		}
		return c.action(n)
	case *parse.IfNode:
		return &ifNode{at: n, pipe: c.pipe(n.Pipe), list: c.list(n.List), elseList: c.list(n.ElseList)}
	case *parse.WithNode:
		return &ifNode{at: n, with: true, pipe: c.pipe(n.Pipe), list: c.list(n.List), elseList: c.list(n.ElseList)}
	case *parse.RangeNode:
		return c.rangeNode(n)
	case *parse.TemplateNode:
		return c.template(n)
	case *parse.BreakNode:
		return breakNode{}
	case *parse.ContinueNode:
		return continueNode{}
	}
	c.fail(n, "%s: not supported in tailor templates", n)
	return nil
}

func (c *compiler) rangeNode(n *parse.RangeNode) node {
	r := &rangeNode{at: n, assign: n.Pipe.IsAssign}
	for _, v := range n.Pipe.Decl {
		r.vars = append(r.vars, v.Ident[0])
	}
	p := *n.Pipe
	p.Decl = nil
	r.pipe = c.pipe(&p)
	r.list = c.list(n.List)
	r.elseList = c.list(n.ElseList)
	return r
}

// template compiles {{ template "name" pipeline }}: the template must
// exist in the set when the workspace loads.
func (c *compiler) template(n *parse.TemplateNode) node {
	var callee *parse.Tree
	if c.lookup != nil {
		callee = c.lookup(n.Name)
	}
	if callee == nil {
		c.fail(n, "template %q not defined", n.Name)
		return nil
	}
	t := &templateNode{at: n, name: n.Name}
	if n.Pipe != nil {
		t.pipe = c.pipe(n.Pipe)
	}
	saved := c.tree
	prog, err := c.program(callee)
	c.tree = saved
	if err != nil {
		return nil
	}
	t.prog = prog
	return t
}
