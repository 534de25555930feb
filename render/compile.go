package render

import (
	"errors"
	"fmt"
	htmltemplate "html/template"
	"io"
	"reflect"
	"strconv"
	"strings"
	"sync/atomic"
	texttemplate "text/template"
	"text/template/parse"
	"time"

	"github.com/tailor-email/tailor/internal/source"
	"github.com/tailor-email/tailor/render/inline"
	"github.com/tailor-email/tailor/render/text"
	"github.com/tailor-email/tailor/templates"
)

// part is one compiled document (an email body, or a module in its slot)
// with its HTML and text templates.
type part struct {
	html *htmltemplate.Template
	text *texttemplate.Template
	// origins maps positions in the compiled sources back to the files.
	htmlOrigin, textOrigin *origin
	// htmlSize and textSize remember the last output's size, so the next
	// recipient's buffer is allocated once at about the right size.
	htmlSize, textSize atomic.Int64
}

const (
	slotBegin = "<!--tlr:begin-->"
	slotEnd   = "<!--tlr:end-->"
)

// compiler turns flattened template pieces into parts, inlining the CSS
// into the masked document unless naive is set.
type compiler struct {
	funcs map[string]any
	naive bool   // skip inlining: the "render, then inline" reference path
	css   string // styles/*.css, put in the head of every document
}

// compileDoc compiles a whole email document.
func (c *compiler) compileDoc(name string, pieces []templates.Piece) (*part, error) {
	masked, err := c.mask(pieces)
	if err != nil {
		return nil, err
	}
	doc, inlined, err := c.inline(masked, pieces)
	if err != nil {
		return nil, err
	}
	return c.build(name, doc, c.text(inlined, pieces), pieces, allActions(pieces))
}

// compileSlot compiles the pieces of a module as they sit in the slot of
// the email document, so selectors that reach across the slot apply.
func (c *compiler) compileSlot(name string, doc []templates.Piece, slot int, module []templates.Piece) (*part, error) {
	pieces := make([]templates.Piece, 0, len(doc)+len(module)+2)
	pieces = append(pieces, doc[:slot]...)
	pieces = append(pieces, templates.Piece{Text: slotBegin})
	first := len(pieces)
	pieces = append(pieces, module...)
	last := len(pieces)
	pieces = append(pieces, templates.Piece{Text: slotEnd})
	pieces = append(pieces, doc[slot+1:]...)
	masked, err := c.mask(pieces)
	if err != nil {
		return nil, err
	}
	full, inlined, err := c.inline(masked, pieces)
	if err != nil {
		return nil, err
	}
	html, ok1 := between(full, slotBegin, slotEnd)
	txt, ok2 := between(c.text(inlined, pieces), slotBegin, slotEnd)
	if !ok1 || !ok2 {
		return nil, posError(doc[slot].Pos, "the slot's content was moved by the HTML parser: put the slot action between block elements, not inside a <table> row")
	}
	want := map[int]bool{}
	for i := first; i < last; i++ {
		if pieces[i].Action {
			want[i] = true
		}
	}
	return c.build(name, html, strings.Trim(txt, "\n"), pieces, want)
}

// text converts a masked document to text. Mask comments of actions that
// print something get a line of their own; control actions ({{if}},
// {{range}}, {{end}}) lead the line they guard.
func (c *compiler) text(doc string, pieces []templates.Piece) string {
	return text.Convert(doc, text.Options{OwnLine: func(mask string) bool {
		n, err := strconv.Atoi(strings.TrimPrefix(mask, "tlr:"))
		return err == nil && n < len(pieces) && templates.Prints(pieces[n])
	}})
}

func between(s, begin, end string) (string, bool) {
	_, after, ok := strings.Cut(s, begin)
	if !ok {
		return "", false
	}
	inside, _, ok := strings.Cut(after, end)
	return inside, ok
}

func (c *compiler) mask(pieces []templates.Piece) (string, error) {
	ip := make([]inline.Piece, len(pieces))
	for i, p := range pieces {
		ip[i] = inline.Piece{Text: p.Text, Action: p.Action}
	}
	masked, err := inline.Mask(ip)
	var me *inline.MaskError
	if errors.As(err, &me) {
		return "", posError(pieces[me.Piece].Pos, "%s", me.Msg)
	}
	return masked, err
}

// inline returns the document for the HTML part and the inlined document
// the text part is made from: the same, except on the naive path, whose
// HTML is inlined per recipient, but whose text, like the engine's, comes
// from the inlined document (inline styles decide what is hidden).
func (c *compiler) inline(masked string, pieces []templates.Piece) (html, inlined string, err error) {
	inlined, err = inline.Document(masked)
	if err != nil {
		return "", "", posError(pieces[0].Pos, "inlining CSS: %v", err)
	}
	if c.naive {
		return masked, inlined, nil
	}
	return inlined, inlined, nil
}

// build restores the actions into the inlined HTML and its text rendering
// and parses both. want lists the actions that must survive into the HTML.
func (c *compiler) build(name, html, txt string, pieces []templates.Piece, want map[int]bool) (*part, error) {
	ip := make([]inline.Piece, len(pieces))
	for i, p := range pieces {
		ip[i] = inline.Piece{Text: p.Text, Action: p.Action}
	}
	rh, err := inline.Unmask(html, ip, true)
	if err != nil {
		return nil, err
	}
	if err := checkKept(rh, pieces, want); err != nil {
		return nil, err
	}
	rt, err := inline.Unmask(txt, ip, false)
	if err != nil {
		return nil, err
	}
	p := &part{htmlOrigin: newOrigin(rh, pieces), textOrigin: newOrigin(rt, pieces)}
	raw := rh.Raw
	p.html, err = htmltemplate.New(name).Option("missingkey=zero").Funcs(c.funcs).
		Funcs(htmltemplate.FuncMap{"tailorRaw": func(i int) htmltemplate.HTML { return htmltemplate.HTML(raw[i]) }}).
		Parse(rh.Src)
	if err != nil {
		return nil, p.htmlOrigin.wrap(err)
	}
	for _, t := range p.html.Templates() {
		foldConstants(t.Tree, c.funcs)
	}
	if err := checkRanges(p.html.Tree, p.htmlOrigin); err != nil {
		return nil, err
	}
	if err := escapeNow(p.html); err != nil {
		return nil, p.htmlOrigin.wrap(err)
	}
	for _, t := range p.html.Templates() {
		inlineRaw(t.Tree, raw)
	}
	precompute(p.html.Tree, func() (string, error) {
		var b strings.Builder
		err := p.html.Execute(&b, nil)
		return b.String(), err
	})
	p.text, err = parseText(name, rt.Src, c.funcs)
	if err != nil {
		return nil, p.textOrigin.wrap(err)
	}
	for _, t := range p.text.Templates() {
		foldConstants(t.Tree, c.funcs)
	}
	precompute(p.text.Tree, func() (string, error) {
		var b strings.Builder
		err := p.text.Execute(&b, nil)
		return b.String(), err
	})
	return p, nil
}

// inlineRaw replaces each escaped {{tailorRaw N}} action with the
// comment text itself, once html/template has escaped the template: its
// escaper passes template.HTML through unchanged, so the output is the
// same, and each recipient saves the function calls.
func inlineRaw(tree *parse.Tree, raw []string) {
	if tree == nil {
		return
	}
	var walk func(*parse.ListNode)
	walk = func(l *parse.ListNode) {
		if l == nil {
			return
		}
		for i, n := range l.Nodes {
			switch n := n.(type) {
			case *parse.ActionNode:
				if k, ok := rawCall(n); ok {
					l.Nodes[i] = &parse.TextNode{NodeType: parse.NodeText, Pos: n.Pos, Text: []byte(raw[k])}
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
	}
	walk(tree.Root)
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

// escapeNow makes html/template escape the template now, so a context
// error is a load error rather than every recipient's. Escaping happens at
// the start of the first Execute; this one stops at the first write, and
// its data (an int) stops the first field access.
func escapeNow(t *htmltemplate.Template) error {
	done := make(chan error, 1)
	go func() {
		defer func() { recover() }()
		done <- t.Execute(failWriter{}, 0)
	}()
	select {
	case err := <-done:
		var te *htmltemplate.Error
		if errors.As(err, &te) {
			return err
		}
		return nil
	case <-time.After(5 * time.Second):
		return fmt.Errorf("template %s: never writes and never ends", t.Name())
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, io.ErrShortWrite }

// maxRangeLiteral bounds {{ range N }} over a constant: a loop that long
// is a mistake in an email, and would only hit the render time bound.
const maxRangeLiteral = 100000

// checkRanges rejects {{ range N }} with a constant N over maxRangeLiteral.
func checkRanges(tree *parse.Tree, o *origin) error {
	var err error
	var walk func(parse.Node)
	walk = func(n parse.Node) {
		switch n := n.(type) {
		case *parse.ListNode:
			if n != nil {
				for _, c := range n.Nodes {
					walk(c)
				}
			}
		case *parse.RangeNode:
			if msg := unboundedRange(n.Pipe); msg != "" && err == nil {
				line, _ := tree.ErrorContext(n)
				err = o.wrap(fmt.Errorf("template: %s: %s", line, msg))
			}
			walk(n.List)
			walk(n.ElseList)
		case *parse.IfNode:
			walk(n.List)
			walk(n.ElseList)
		case *parse.WithNode:
			walk(n.List)
			walk(n.ElseList)
		}
	}
	if tree != nil {
		walk(tree.Root)
	}
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

// checkKept fails when the inliner lost an action it was given.
func checkKept(r *inline.Restored, pieces []templates.Piece, want map[int]bool) error {
	got := map[int]bool{}
	for _, s := range r.Spans {
		got[s.Piece] = true
	}
	for i := range pieces {
		if want[i] && !got[i] {
			return posError(pieces[i].Pos, "the CSS inliner dropped this action (inside a style attribute?): move it out")
		}
	}
	return nil
}

func allActions(pieces []templates.Piece) map[int]bool {
	m := map[int]bool{}
	for i, p := range pieces {
		if p.Action {
			m[i] = true
		}
	}
	return m
}

// parseText parses a text/template whose output actions never print
// "<no value>": each gets a final tailorText command that turns a missing
// value into "".
func parseText(name, src string, funcs map[string]any) (*texttemplate.Template, error) {
	t, err := texttemplate.New(name).Option("missingkey=zero").Funcs(funcs).Parse(src)
	if err != nil {
		return nil, err
	}
	for _, tt := range t.Templates() {
		if tt.Tree != nil {
			pipeOutputs(tt.Tree, tt.Tree.Root, "tailorText", mayBeMissing(funcs))
		}
	}
	return t, nil
}

// pipeOutputs appends a call of fn to the pipeline of every action under n
// that prints (not declarations, not if/range/with conditions), as
// html/template does with its escapers: {{ .x }} becomes {{ .x | fn }}.
//
// When skip is set, actions for which it reports true are left alone.
func pipeOutputs(tree *parse.Tree, n parse.Node, fn string, skip ...func(*parse.PipeNode) bool) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			pipeOutputs(tree, c, fn, skip...)
		}
	case *parse.ActionNode:
		if len(n.Pipe.Decl) == 0 && (len(skip) == 0 || !skip[0](n.Pipe)) {
			id := parse.NewIdentifier(fn).SetTree(tree).SetPos(n.Pos)
			n.Pipe.Cmds = append(n.Pipe.Cmds, &parse.CommandNode{NodeType: parse.NodeCommand, Pos: n.Pos, Args: []parse.Node{id}})
		}
	case *parse.IfNode:
		pipeOutputs(tree, n.List, fn, skip...)
		pipeOutputs(tree, n.ElseList, fn, skip...)
	case *parse.RangeNode:
		pipeOutputs(tree, n.List, fn, skip...)
		pipeOutputs(tree, n.ElseList, fn, skip...)
	case *parse.WithNode:
		pipeOutputs(tree, n.List, fn, skip...)
		pipeOutputs(tree, n.ElseList, fn, skip...)
	}
}

// mayBeMissing returns a test for text actions that cannot print
// "<no value>": those that end in a call of a function returning a string,
// such as default, link or money, need no tailorText.
func mayBeMissing(funcs map[string]any) func(*parse.PipeNode) bool {
	return func(p *parse.PipeNode) bool {
		last := p.Cmds[len(p.Cmds)-1]
		id, ok := last.Args[0].(*parse.IdentifierNode)
		if !ok {
			return false
		}
		f, ok := funcs[id.Ident]
		if !ok {
			return false
		}
		t := reflect.TypeOf(f)
		return t.Kind() == reflect.Func && t.NumOut() >= 1 && t.Out(0).Kind() == reflect.String
	}
}

func posError(p templates.Pos, format string, args ...any) error {
	return source.Errorf(p.File, p.Line, p.Col, format, args...)
}
