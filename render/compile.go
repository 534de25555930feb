package render

import (
	"context"
	"errors"
	"fmt"
	htmltemplate "html/template"
	"io"
	"strconv"
	"strings"
	"sync/atomic"
	texttemplate "text/template"
	"text/template/parse"
	"time"

	"github.com/tailor-email/tailor/inline"
	"github.com/tailor-email/tailor/internal/source"
	"github.com/tailor-email/tailor/internal/tmpltree"
	"github.com/tailor-email/tailor/render/executor"
	"github.com/tailor-email/tailor/templates"
	"github.com/tailor-email/tailor/text"
	"github.com/tailor-email/tailor/workspace"
)

// part is one compiled document (an email body, or a module in its slot)
// with its HTML and text templates.
type part struct {
	html *htmltemplate.Template
	text *texttemplate.Template
	// origins maps positions in the compiled sources back to the files.
	htmlOrigin, textOrigin *origin
	// htmlConst and textConst hold the output of a template that is all
	// text once constants are folded (as an htmltemplate.HTML and a
	// string), so a module with nothing per recipient is rendered at load.
	htmlConst, textConst any
	htmlInline           *constHTML // htmlConst, for a document that only prints it
}

const (
	slotBegin = "<!--tlr:begin-->"
	slotEnd   = "<!--tlr:end-->"
)

// compiler turns flattened template pieces into parts, inlining the CSS
// into the masked document unless naive is set.
type compiler struct {
	funcs  map[string]any
	naive  bool   // skip inlining: the "render, then inline" reference path
	css    string // styles/*.css, put in the head of every document
	limits loadLimits
	bounds map[string]executor.Bound // what the functions build, for constants (templates.Bounds)
	// wholeDocument inlines every module in the whole document, as a
	// test compares with compileInSlot.
	wholeDocument bool
	inSlot        atomic.Int64 // modules compiled without the whole document
}

// loadLimits bound what a template runs at load time: the bounds of a
// recipient's render.
type loadLimits struct {
	workspace.Limits
	timeout time.Duration
}

// compileDoc compiles a whole email document and, unless the compiler
// inlines whole documents only, what the modules of the slots at slotAt
// (indexes in pieces) compile in without the rest of it (see docSlots).
func (c *compiler) compileDoc(name string, pieces []templates.Piece, slotAt []int) (*part, *docSlots, error) {
	states := map[string]*text.State{}
	for _, k := range slotAt {
		states[maskOf(k)] = nil
	}
	masked, doc, txt, err := c.inline(pieces, func(mask string, s *text.State) {
		if _, ok := states[mask]; ok {
			st := *s
			states[mask] = &st
		}
	})
	if err != nil {
		return nil, nil, err
	}
	p, err := c.build(name, doc, txt, pieces, allActions(pieces))
	if err != nil || c.wholeDocument || len(slotAt) == 0 {
		return p, nil, err
	}
	return p, c.docSlots(masked, states), nil
}

// compileSlot compiles the pieces of a module as they sit in the slot of
// the email document, so selectors that reach across the slot apply, in
// the whole document (compileInSlot does without it where it can).
func (c *compiler) compileSlot(name string, doc []templates.Piece, slot int, module []templates.Piece) (*part, error) {
	pieces, first, last := slotPieces(doc, slot, module, len(doc))
	_, full, fullText, err := c.inline(pieces, nil)
	if err != nil {
		return nil, err
	}
	html, ok1 := between(full, slotBegin, slotEnd)
	txt, ok2 := between(fullText, slotBegin, slotEnd)
	if !ok1 || !ok2 {
		return nil, posError(doc[slot].Pos, "the slot's content was moved by the HTML parser: put the slot action between block elements, not inside a <table> row")
	}
	return c.build(name, html, strings.Trim(txt, "\n"), pieces, actionsIn(pieces, first, last))
}

// slotPieces are the pieces of the document with the module in the
// slot at index slot, between the slot markers, up to index upTo of the
// document (len(doc): all of it), and the module's first and end index.
// Before the slot they are doc's only when the whole document is kept;
// else zero pieces hold the places.
func slotPieces(doc []templates.Piece, slot int, module []templates.Piece, upTo int) (pieces []templates.Piece, first, last int) {
	pieces = make([]templates.Piece, 0, slot+len(module)+2+max(upTo-slot-1, 0))
	if upTo > slot {
		pieces = append(pieces, doc[:slot]...)
	} else {
		pieces = pieces[:slot]
	}
	pieces = append(pieces, templates.Piece{Text: slotBegin})
	first = len(pieces)
	pieces = append(pieces, module...)
	last = len(pieces)
	pieces = append(pieces, templates.Piece{Text: slotEnd})
	if upTo > slot {
		pieces = append(pieces, doc[slot+1:upTo]...)
	}
	return pieces, first, last
}

// actionsIn lists the actions of pieces[first:last].
func actionsIn(pieces []templates.Piece, first, last int) map[int]bool {
	want := map[int]bool{}
	for i := first; i < last; i++ {
		if pieces[i].Action {
			want[i] = true
		}
	}
	return want
}

// text converts a masked document to text. Mask comments of actions that
// print something get a line of their own; control actions ({{if}},
// {{range}}, {{end}}) lead the line they guard. atMask, when set, sees
// the conversion's state at each mask (see text.Options.AtMask).
func (c *compiler) text(doc string, pieces []templates.Piece, atMask func(string, *text.State)) string {
	return text.Convert(doc, text.Options{OwnLine: func(mask string) bool {
		n, err := strconv.Atoi(strings.TrimPrefix(mask, "tlr:"))
		return err == nil && n < len(pieces) && templates.Prints(pieces[n])
	}, AtMask: atMask, URLKey: func(href string) string { return actionSource(href, pieces) }})
}

// actionSource returns s with each token of an action ("tlr12x", see
// inline.Mask) replaced by the action's source, so that two hrefs that
// print the same url through the same action read the same.
func actionSource(s string, pieces []templates.Piece) string {
	var b strings.Builder
	for {
		i := strings.Index(s, "tlr")
		if i < 0 {
			break
		}
		j := i + 3
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		n, err := strconv.Atoi(s[i+3 : j])
		if err != nil || j >= len(s) || s[j] != 'x' || n >= len(pieces) {
			b.WriteString(s[:i+3])
			s = s[i+3:]
			continue
		}
		b.WriteString(s[:i])
		b.WriteString(pieces[n].Text)
		s = s[j+1:]
	}
	b.WriteString(s)
	return b.String()
}

func between(s, begin, end string) (string, bool) {
	_, after, ok := strings.Cut(s, begin)
	if !ok {
		return "", false
	}
	inside, _, ok := strings.Cut(after, end)
	return inside, ok
}

// inlinePieces are pieces as package inline takes them.
func inlinePieces(pieces []templates.Piece) []inline.Piece {
	ip := make([]inline.Piece, len(pieces))
	for i, p := range pieces {
		ip[i] = inline.Piece{Text: p.Text, Action: p.Action}
	}
	return ip
}

// mask masks the pieces' actions (see inline.Mask).
func (c *compiler) mask(pieces []templates.Piece) (string, error) {
	masked, err := inline.Mask(inlinePieces(pieces))
	var me *inline.MaskError
	if errors.As(err, &me) {
		return "", posError(pieces[me.Piece].Pos, "%s", me.Msg)
	}
	return masked, err
}

// inline masks the pieces' actions and inlines the CSS of the document
// they make. It returns the masked document; the document for the HTML
// part, inlined except on the naive path (whose HTML is inlined per
// recipient); and the text part, which always comes from the inlined
// document (inline styles decide what is hidden), converted with atMask.
func (c *compiler) inline(pieces []templates.Piece, atMask func(string, *text.State)) (masked, html, txt string, err error) {
	if masked, err = c.mask(pieces); err != nil {
		return "", "", "", err
	}
	inlined, err := inline.Document(masked)
	if err != nil {
		return "", "", "", posError(pieces[0].Pos, "inlining CSS: %v", err)
	}
	html = inlined
	if c.naive {
		html = masked
	}
	return masked, html, c.text(inlined, pieces, atMask), nil
}

// build restores the actions into the inlined HTML and its text rendering
// and parses both. want lists the actions that must survive into the HTML.
func (c *compiler) build(name, html, txt string, pieces []templates.Piece, want map[int]bool) (*part, error) {
	ip := inlinePieces(pieces)
	rh, err := inline.Unmask(html, ip, true)
	if err != nil {
		return nil, unmaskError(err, pieces)
	}
	if err := checkKept(rh, pieces, want); err != nil {
		return nil, err
	}
	rt, err := inline.Unmask(txt, ip, false)
	if err != nil {
		return nil, unmaskError(err, pieces)
	}
	p := &part{htmlOrigin: newOrigin(rh, pieces), textOrigin: newOrigin(rt, pieces)}
	raw := rh.Raw
	p.html, err = htmltemplate.New(name).Option("missingkey=zero").Funcs(c.funcs).
		Funcs(htmltemplate.FuncMap{"tailorRaw": func(i int) htmltemplate.HTML { return htmltemplate.HTML(raw[i]) }}).
		Parse(rh.Src)
	if err != nil {
		return nil, p.htmlOrigin.wrap(err)
	}
	if err := escapeNow(p.html); err != nil {
		return nil, p.htmlOrigin.wrap(err)
	}
	for _, t := range p.html.Templates() {
		inlineRaw(t.Tree, raw)
	}
	if err := precompute(p.html.Tree, c.runConstant); err != nil {
		return nil, p.htmlOrigin.wrap(err)
	}
	p.text, err = parseText(name, rt.Src, c.funcs)
	if err != nil {
		return nil, p.textOrigin.wrap(err)
	}
	dropUnsafeURLs(p.text, html, rt.Spans)
	if err := precompute(p.text.Tree, c.runConstant); err != nil {
		return nil, p.textOrigin.wrap(err)
	}
	if h, ok := constOutput(p.html.Tree); ok {
		p.htmlConst = htmltemplate.HTML(h)
		p.htmlInline = newConstHTML(h)
	}
	if t, ok := constOutput(p.text.Tree); ok {
		p.textConst = t
	}
	return p, nil
}

// constOutput returns the output of a tree that is only text.
func constOutput(t *parse.Tree) (string, bool) {
	if t == nil || t.Root == nil {
		return "", false
	}
	var b strings.Builder
	for _, n := range t.Root.Nodes {
		text, ok := n.(*parse.TextNode)
		if !ok {
			return "", false
		}
		b.Write(text.Text)
	}
	return b.String(), true
}

// escapeNow makes html/template escape the template now, so a context
// error is a load error rather than every recipient's. html/template
// escapes a template when it first executes it; an action put first in the
// template, whose function fails at once, ends that execution before
// anything of the template runs, and is taken out again afterwards.
func escapeNow(t *htmltemplate.Template) error {
	if t.Tree == nil || t.Tree.Root == nil {
		return nil
	}
	root := t.Tree.Root
	id := parse.NewIdentifier("tailorStop").SetTree(t.Tree).SetPos(root.Pos)
	cmd := &parse.CommandNode{NodeType: parse.NodeCommand, Pos: root.Pos, Args: []parse.Node{id}}
	pipe := &parse.PipeNode{NodeType: parse.NodePipe, Pos: root.Pos, Cmds: []*parse.CommandNode{cmd}}
	stop := &parse.ActionNode{NodeType: parse.NodeAction, Pos: root.Pos, Pipe: pipe}
	root.Nodes = append([]parse.Node{stop}, root.Nodes...)
	t.Funcs(htmltemplate.FuncMap{"tailorStop": func() (string, error) { return "", errStopped }})
	err := t.Execute(io.Discard, nil)
	if len(root.Nodes) > 0 && root.Nodes[0] == stop {
		root.Nodes = root.Nodes[1:]
	}
	var te *htmltemplate.Error
	if errors.As(err, &te) {
		return err
	}
	if err != nil && !errors.Is(err, errStopped) {
		return fmt.Errorf("escaping %s: %w", t.Name(), err)
	}
	return nil
}

var errStopped = errors.New("stopped after escaping")

// runConstant executes a tree of constant actions at load time, under the
// workspace's bounds, and returns its output.
func (c *compiler) runConstant(tree *parse.Tree) (string, error) {
	prog, err := executor.Compile(tree, nil, &executor.Config{Funcs: c.funcs, Bounds: c.bounds})
	if err != nil {
		return "", err
	}
	var b strings.Builder
	lim := c.limits
	err = prog.Execute(&b, nil, executor.NewBudget(context.Background(), lim.timeout, lim.MaxSteps, lim.MaxBytes))
	return b.String(), err
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
			tmpltree.PipeOutputs(tt.Tree, "tailorText", printsString(funcs))
			stripTextControls(tt.Tree)
		}
	}
	return t, nil
}

// stripTextControls removes control characters from a text template's
// text, once, at load; the values it prints lose theirs as they are
// written (boundedWriter.plain).
func stripTextControls(tree *parse.Tree) {
	tmpltree.Lists(tree, func(l *parse.ListNode) {
		for _, n := range l.Nodes {
			if t, ok := n.(*parse.TextNode); ok {
				t.Text = []byte(text.StripControls(string(t.Text)))
			}
		}
	})
}

func posError(p source.Pos, format string, args ...any) error {
	return source.Errorf(p.File, p.Line, p.Col, format, args...)
}
