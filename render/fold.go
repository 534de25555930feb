package render

import (
	"strconv"
	"strings"
	texttemplate "text/template"
	"text/template/parse"
)

// pure names the functions whose result depends only on their arguments
// (and the campaign's defaults), so a call with constant arguments can be
// made once at load time instead of once per recipient.
var pure = map[string]bool{
	"link": true, "money": true, "formatDate": true, "truncate": true, "trunc": true,
	"upper": true, "lower": true, "title": true, "trim": true, "replace": true,
}

// foldConstants replaces every call of a pure function with constant
// arguments that starts an action's pipeline, such as
// {{ link "https://shop.example/new" "hero" }}, by its result as a string
// constant. The template still escapes it for its context.
func foldConstants(tree *parse.Tree, funcs map[string]any) {
	if tree == nil {
		return
	}
	var walk func(parse.Node)
	walk = func(n parse.Node) {
		switch n := n.(type) {
		case *parse.ListNode:
			if n != nil {
				for _, c := range n.Nodes {
					walk(c)
				}
			}
		case *parse.ActionNode:
			foldPipe(tree, n.Pipe, funcs)
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
	walk(tree.Root)
}

func foldPipe(_ *parse.Tree, pipe *parse.PipeNode, funcs map[string]any) {
	if pipe == nil || len(pipe.Cmds) == 0 {
		return
	}
	cmd := pipe.Cmds[0]
	id, ok := cmd.Args[0].(*parse.IdentifierNode)
	if !ok || !pure[id.Ident] || len(cmd.Args) < 2 {
		return
	}
	for _, a := range cmd.Args[1:] {
		switch a.(type) {
		case *parse.StringNode, *parse.NumberNode, *parse.BoolNode:
		default:
			return
		}
	}
	t, err := texttemplate.New("fold").Funcs(funcs).Parse("{{" + cmd.String() + "}}")
	if err != nil {
		return
	}
	var b strings.Builder
	if t.Execute(&b, nil) != nil {
		return // the error shows per recipient, with its position
	}
	str := &parse.StringNode{NodeType: parse.NodeString, Pos: cmd.Pos, Quoted: strconv.Quote(b.String()), Text: b.String()}
	pipe.Cmds[0] = &parse.CommandNode{NodeType: parse.NodeCommand, Pos: cmd.Pos, Args: []parse.Node{str}}
}

// precompute runs every constant action of an escaped template once, at
// load time, and puts its output in the tree as text: the escapers
// html/template added to {{ "https://…" }} or {{ "$59.00" }} run once per
// campaign instead of once per recipient, and the output is the one the
// template itself gives, escapers included. exec executes the template
// whose tree is tree; it is called while tree.Root holds just the action.
func precompute(tree *parse.Tree, exec func() (string, error)) {
	if tree == nil {
		return
	}
	root := tree.Root
	var walk func(*parse.ListNode)
	walk = func(l *parse.ListNode) {
		if l == nil {
			return
		}
		for i, n := range l.Nodes {
			switch n := n.(type) {
			case *parse.ActionNode:
				if !constant(n.Pipe) {
					continue
				}
				tree.Root = &parse.ListNode{NodeType: parse.NodeList, Pos: n.Pos, Nodes: []parse.Node{n}}
				out, err := exec()
				tree.Root = root
				if err == nil {
					l.Nodes[i] = &parse.TextNode{NodeType: parse.NodeText, Pos: n.Pos, Text: []byte(out)}
				}
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
		l.Nodes = mergeText(l.Nodes)
	}
	walk(root)
}

// constant reports whether a pipeline depends on nothing but literals and
// pure functions (tailor's, and html/template's escapers).
func constant(p *parse.PipeNode) bool {
	if p == nil || len(p.Decl) != 0 || len(p.Cmds) == 0 {
		return false
	}
	for i, cmd := range p.Cmds {
		args := cmd.Args
		if id, ok := args[0].(*parse.IdentifierNode); ok {
			if !pure[id.Ident] && !strings.HasPrefix(id.Ident, "_html_template_") && id.Ident != "tailorText" {
				return false
			}
			args = args[1:]
		} else if i > 0 || len(args) != 1 {
			return false
		}
		for _, a := range args {
			switch a.(type) {
			case *parse.StringNode, *parse.NumberNode, *parse.BoolNode:
			default:
				return false
			}
		}
	}
	return true
}

// mergeText joins adjacent text nodes, so each run is one write.
func mergeText(nodes []parse.Node) []parse.Node {
	out := nodes[:0]
	for _, n := range nodes {
		t, ok := n.(*parse.TextNode)
		if ok && len(out) > 0 {
			if prev, ok := out[len(out)-1].(*parse.TextNode); ok {
				merged := append(append([]byte{}, prev.Text...), t.Text...)
				out[len(out)-1] = &parse.TextNode{NodeType: parse.NodeText, Pos: prev.Pos, Text: merged}
				continue
			}
		}
		out = append(out, n)
	}
	return out
}
