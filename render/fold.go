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
