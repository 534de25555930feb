package render

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	texttemplate "text/template"
	"text/template/parse"
)

// The passes over compiled templates' parse trees, as html/template does
// its escaping: each rewrites the tree once at load time so that each
// recipient's execution does less, or checks what execution cannot.

// eachList calls fn with every list of nodes in the tree: the root, and
// the bodies and else branches of if, range and with. fn may replace nodes
// of the list it is given.
func eachList(tree *parse.Tree, fn func(*parse.ListNode)) {
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

// eachAction calls fn with every action of the tree and its place.
func eachAction(tree *parse.Tree, fn func(l *parse.ListNode, i int, a *parse.ActionNode)) {
	eachList(tree, func(l *parse.ListNode) {
		for i, n := range l.Nodes {
			if a, ok := n.(*parse.ActionNode); ok {
				fn(l, i, a)
			}
		}
	})
}

// pipeOutputs appends a call of fn to the pipeline of every action that
// prints (not declarations, not if/range/with conditions), as html/template
// does with its escapers: {{ .x }} becomes {{ .x | fn }}. When skip is
// set, actions for which it reports true are left alone.
func pipeOutputs(tree *parse.Tree, fn string, skip ...func(*parse.PipeNode) bool) {
	eachAction(tree, func(_ *parse.ListNode, _ int, a *parse.ActionNode) {
		if len(a.Pipe.Decl) == 0 && (len(skip) == 0 || !skip[0](a.Pipe)) {
			id := parse.NewIdentifier(fn).SetTree(tree).SetPos(a.Pos)
			a.Pipe.Cmds = append(a.Pipe.Cmds, &parse.CommandNode{NodeType: parse.NodeCommand, Pos: a.Pos, Args: []parse.Node{id}})
		}
	})
}

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
	eachAction(tree, func(l *parse.ListNode, i int, a *parse.ActionNode) {
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

// maxRangeLiteral bounds {{ range N }} over a constant: a loop that long
// is a mistake in an email, and would only hit the render time bound.
const maxRangeLiteral = 100000

// checkRanges rejects ranges that could loop without bound (see
// unboundedRange), at the first one's place.
func checkRanges(tree *parse.Tree, o *origin) error {
	var err error
	eachList(tree, func(l *parse.ListNode) {
		for _, n := range l.Nodes {
			r, ok := n.(*parse.RangeNode)
			if !ok || err != nil {
				continue
			}
			if msg := unboundedRange(r.Pipe); msg != "" {
				line, _ := tree.ErrorContext(r)
				err = o.wrap(fmt.Errorf("template: %s: %s", line, msg))
			}
		}
	})
	return err
}

// countFuncs return a number a template could make arbitrarily large.
var countFuncs = map[string]bool{"int": true, "int64": true, "atoi": true, "add": true, "add1": true,
	"sub": true, "mul": true, "div": true, "mod": true, "max": true, "min": true}

// unboundedRange says why a range could loop without bound, or "". A
// range over the profile's lists is bounded by the data; a range over a
// number the template computes is not, and a loop that never writes would
// escape the time bound, which the output writer enforces.
func unboundedRange(pipe *parse.PipeNode) string {
	for pipe != nil && len(pipe.Cmds) == 1 && len(pipe.Cmds[0].Args) > 0 {
		switch a := pipe.Cmds[0].Args[0].(type) {
		case *parse.NumberNode:
			if a.IsInt && a.Int64 > maxRangeLiteral {
				return fmt.Sprintf("range over %d: loops longer than %d are not allowed", a.Int64, maxRangeLiteral)
			}
			return ""
		case *parse.IdentifierNode:
			if countFuncs[a.Ident] {
				return "range over a number computed with " + a.Ident + ": range over a list from the profile, or a constant"
			}
			return ""
		case *parse.PipeNode:
			pipe = a
		default:
			return ""
		}
	}
	return ""
}

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
	eachAction(tree, func(_ *parse.ListNode, _ int, a *parse.ActionNode) { foldPipe(a.Pipe, funcs) })
}

func foldPipe(pipe *parse.PipeNode, funcs map[string]any) {
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
	eachList(tree, func(l *parse.ListNode) {
		for i, n := range l.Nodes {
			a, ok := n.(*parse.ActionNode)
			if !ok || !constant(a.Pipe) {
				continue
			}
			tree.Root = &parse.ListNode{NodeType: parse.NodeList, Pos: a.Pos, Nodes: []parse.Node{a}}
			out, err := exec()
			tree.Root = root
			if err == nil {
				l.Nodes[i] = &parse.TextNode{NodeType: parse.NodeText, Pos: a.Pos, Text: []byte(out)}
			}
		}
		l.Nodes = mergeText(l.Nodes)
	})
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
