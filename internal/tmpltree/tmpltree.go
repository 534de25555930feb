package tmpltree

import "text/template/parse"

// Lists calls fn with every list of nodes in the tree: the root, and the
// bodies and else branches of if, range and with, each list before the
// lists inside it. fn may replace nodes of the list it is given.
func Lists(tree *parse.Tree, fn func(*parse.ListNode)) {
	if tree == nil {
		return
	}
	var walk func(*parse.ListNode)
	walk = func(l *parse.ListNode) {
		if l == nil {
			return
		}
		fn(l)
		for _, n := range l.Nodes {
			switch n := n.(type) {
			case *parse.IfNode:
				walk(n.List)
				walk(n.ElseList)
			case *parse.RangeNode:
				walk(n.List)
				walk(n.ElseList)
			case *parse.WithNode:
				walk(n.List)
				walk(n.ElseList)
			}
		}
	}
	walk(tree.Root)
}

// Actions calls fn with every action of the tree and its place: the list
// that holds it and its index there.
func Actions(tree *parse.Tree, fn func(l *parse.ListNode, i int, a *parse.ActionNode)) {
	Lists(tree, func(l *parse.ListNode) {
		for i, n := range l.Nodes {
			if a, ok := n.(*parse.ActionNode); ok {
				fn(l, i, a)
			}
		}
	})
}

// PipeOutputs appends a call of fn to the pipeline of every action that
// prints (not declarations, not if/range/with conditions), as html/template
// does with its escapers: {{ .x }} becomes {{ .x | fn }}. When skip is
// set, actions for which it reports true are left alone.
func PipeOutputs(tree *parse.Tree, fn string, skip ...func(*parse.PipeNode) bool) {
	Actions(tree, func(_ *parse.ListNode, _ int, a *parse.ActionNode) {
		if len(a.Pipe.Decl) == 0 && (len(skip) == 0 || !skip[0](a.Pipe)) {
			AppendCall(tree, a, fn)
		}
	})
}

// PipeNodes calls fn with every argument of the pipeline p's commands,
// and of the pipelines among them ({{ f (g .x) }}), depth first. A nil p
// has none.
func PipeNodes(p *parse.PipeNode, fn func(parse.Node)) {
	if p == nil {
		return
	}
	for _, c := range p.Cmds {
		for _, arg := range c.Args {
			fn(arg)
			if sub, ok := arg.(*parse.PipeNode); ok {
				PipeNodes(sub, fn)
			}
		}
	}
}

// AppendCall ends the pipeline of the action a, of tree, with a call of
// fn: {{ .x }} becomes {{ .x | fn }}.
func AppendCall(tree *parse.Tree, a *parse.ActionNode, fn string) {
	id := parse.NewIdentifier(fn).SetTree(tree).SetPos(a.Pos)
	a.Pipe.Cmds = append(a.Pipe.Cmds, &parse.CommandNode{NodeType: parse.NodeCommand, Pos: a.Pos, Args: []parse.Node{id}})
}

// Lookup returns what the executor resolves {{ template "name" }} with:
// the parse tree of the template called name in a set, nil when the set
// has none. find is the set's Lookup method, and tree reads the Tree field
// of what it finds (text/template's and html/template's Template both have
// one, which no method returns).
func Lookup[T comparable](find func(name string) T, tree func(T) *parse.Tree) func(name string) *parse.Tree {
	return func(name string) *parse.Tree {
		var none T
		if t := find(name); t != none {
			return tree(t)
		}
		return nil
	}
}
