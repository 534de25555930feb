package render

import (
	"errors"
	"reflect"
	"strings"
	"text/template/parse"

	"github.com/tailor-email/tailor/internal/tmpltree"
)

// The passes over compiled templates' parse trees, as html/template does
// its escaping: each rewrites the tree once at load time so that each
// recipient's execution does less, or checks what execution cannot.

// printsString returns a test for text actions that end in a call of a
// function returning a string, such as default, link or money, or that
// print a slot (always a string): they cannot print "<no value>", so they
// need no tailorText.
func printsString(funcs map[string]any) func(*parse.PipeNode) bool {
	return func(p *parse.PipeNode) bool {
		if len(p.Cmds) == 1 && len(p.Cmds[0].Args) == 1 && isSlotField(p.Cmds[0].Args[0]) {
			return true
		}
		last := p.Cmds[len(p.Cmds)-1]
		id, ok := last.Args[0].(*parse.IdentifierNode)
		if !ok {
			return false
		}
		t := reflect.TypeOf(funcs[id.Ident])
		return t != nil && t.Kind() == reflect.Func && t.NumOut() >= 1 && t.Out(0).Kind() == reflect.String
	}
}

// inlineRaw replaces each escaped {{tailorRaw N}} action with the comment
// text itself, once html/template has escaped the template: its escaper
// passes template.HTML through unchanged, so the output is the same, and
// each recipient saves the function calls.
func inlineRaw(tree *parse.Tree, raw []string) {
	tmpltree.Actions(tree, func(l *parse.ListNode, i int, a *parse.ActionNode) {
		if k, ok := rawCall(a); ok {
			l.Nodes[i] = &parse.TextNode{NodeType: parse.NodeText, Pos: a.Pos, Text: []byte(raw[k])}
		}
	})
}

// rawCall reports whether a is {{tailorRaw N | _html_template_htmlescaper}}.
func rawCall(a *parse.ActionNode) (int, bool) {
	cmds := a.Pipe.Cmds
	if len(a.Pipe.Decl) != 0 || len(cmds) != 2 || len(cmds[0].Args) != 2 || len(cmds[1].Args) != 1 {
		return 0, false
	}
	fn, ok1 := cmds[0].Args[0].(*parse.IdentifierNode)
	num, ok2 := cmds[0].Args[1].(*parse.NumberNode)
	esc, ok3 := cmds[1].Args[0].(*parse.IdentifierNode)
	if !ok1 || !ok2 || !ok3 || fn.Ident != "tailorRaw" || esc.Ident != "_html_template_htmlescaper" || !num.IsInt {
		return 0, false
	}
	return int(num.Int64), true
}

// pure names the functions whose result depends only on their arguments
// (and the campaign's defaults), so a call with constant arguments can be
// made once at load time instead of once per recipient.
var pure = map[string]bool{
	"link": true, "money": true, "formatDate": true, "truncate": true, "trunc": true,
	"upper": true, "lower": true, "title": true, "trim": true, "replace": true,
}

// precompute runs every constant action of a template once, at load
// time, and puts its output in the tree as text: the escapers html/template
// added to {{ "https://…" }} or {{ money 59 }} run once per campaign
// instead of once per recipient, and the output is the one the template
// itself gives, escapers included. run executes a tree (called while
// tree.Root holds just the action) within the load's bounds. An action
// that fails is left for each recipient to fail with, but one that runs
// out of a bound fails the load, at its place.
func precompute(tree *parse.Tree, run func(*parse.Tree) (string, error)) error {
	if tree == nil || tree.Root == nil {
		return nil
	}
	root := tree.Root
	var err error
	tmpltree.Lists(tree, func(l *parse.ListNode) {
		for i, n := range l.Nodes {
			a, ok := n.(*parse.ActionNode)
			if !ok || !constant(a.Pipe) || err != nil {
				continue
			}
			tree.Root = &parse.ListNode{NodeType: parse.NodeList, Pos: a.Pos, Nodes: []parse.Node{a}}
			out, runErr := run(tree)
			tree.Root = root
			switch {
			case runErr == nil:
				l.Nodes[i] = &parse.TextNode{NodeType: parse.NodeText, Pos: a.Pos, Text: []byte(out)}
			case errors.Is(runErr, ErrSteps) || errors.Is(runErr, ErrTimeout) || errors.Is(runErr, ErrTooLarge):
				err = runErr
			}
		}
		l.Nodes = mergeText(l.Nodes)
	})
	return err
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
			if !pure[id.Ident] && !strings.HasPrefix(id.Ident, "_html_template_") && id.Ident != "tailorText" && id.Ident != "tailorURL" {
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
