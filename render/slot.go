package render

import (
	htmltemplate "html/template"
	"strings"
	"text/template/parse"

	"github.com/tailor-email/tailor/internal/jsonstr"
	"github.com/tailor-email/tailor/internal/tmpltree"
	"github.com/tailor-email/tailor/render/executor"
)

// lazySlot is a slot's module, rendered where the document prints it
// ({{ .Slots.hero }}), straight into the document's buffers (executor.Inline),
// instead of into a string the document then copies.
type lazySlot struct {
	name string
	p    *part
	d    *Data
	w    *boundedWriter
	text bool // the module's text part, else its HTML
}

func (s *lazySlot) template() (*parse.Tree, templateExec) {
	if s.text {
		return s.p.text.Tree, s.p.text
	}
	return s.p.html.Tree, s.p.html
}

// WriteInline implements executor.Inline: the module runs within the
// render's budget, and its error names the module's file.
func (s *lazySlot) WriteInline(executor.Writer) error {
	tree, _ := s.template()
	err := s.w.progs[tree].Execute(s.w, s.d, &s.w.budget)
	if s.text {
		return s.p.textOrigin.wrap(err)
	}
	return s.p.htmlOrigin.wrap(err)
}

// value renders the module into the value the slot has for text/template;
// an error names the module's file, line and column.
func (s *lazySlot) value() (any, error) {
	if s.text {
		v, err := s.p.textOutput(s.w, s.d)
		return v, s.p.textOrigin.wrap(err)
	}
	v, err := s.p.htmlOutput(s.w, s.d)
	return v, s.p.htmlOrigin.wrap(err)
}

// setSlots sets d.Slots for the document's HTML part, or its text part.
// When the document only prints its slots (email.inlineSlots), each writes
// itself where it is printed: a module rendered at load with its JSON form
// made then (constHTML), any other rendered there (lazySlot). Else every
// slot is rendered now, into its value.
func (w *boundedWriter) setSlots(e *email, picked []*part, d *Data, text bool) error {
	slots, lazy, inline := w.htmlSlots, &w.lazyHTML, e.inlineSlots
	if text {
		slots, lazy, inline = w.textSlots, &w.lazyText, e.inlineTextSlots
	}
	// Modules see no slots, as when they were rendered before the
	// document: a module printing its own slot would otherwise recurse.
	md := &w.moduleData
	*md = *d
	md.Slots = nil
	d.Slots = slots
	*lazy = (*lazy)[:0]
	for k, p := range picked {
		if inline && !p.constant(text) {
			*lazy = append(*lazy, lazySlot{name: e.slots[k], p: p, d: md, w: w, text: text})
		}
	}
	i := 0
	for k, p := range picked {
		switch {
		case inline && !p.constant(text):
			slots[e.slots[k]] = &(*lazy)[i] // the slice no longer grows
			i++
		case inline && !text:
			slots[e.slots[k]] = p.htmlInline
		default:
			v, err := (&lazySlot{p: p, d: md, w: w, text: text}).value()
			if err != nil {
				return err
			}
			slots[e.slots[k]] = v
		}
	}
	return nil
}

// constHTML is a module's HTML rendered at load, with its JSON form, for a
// document that only prints it.
type constHTML struct {
	html       any // as an htmltemplate.HTML, for text/template
	text, json []byte
}

func newConstHTML(h string) *constHTML {
	c := &constHTML{html: htmltemplate.HTML(h), text: []byte(h)}
	if j, ok := jsonstr.AppendContent(nil, h); ok {
		c.json = j
	}
	return c
}

// WriteInline implements executor.Inline.
func (c *constHTML) WriteInline(w executor.Writer) error {
	if tw, ok := w.(executor.TextWriter); ok {
		_, err := tw.WriteText(c.text, c.json)
		return err
	}
	_, err := w.Write(c.text)
	return err
}

// constant reports whether the part's HTML (or text) was rendered at load.
func (p *part) constant(text bool) bool {
	if text {
		return p.textConst != nil
	}
	return p.htmlConst != nil
}

// materialize renders d's lazy slots into values, for the reference path
// (html/template and text/template get every slot as a value), in
// document order.
func (w *boundedWriter) materialize(d *Data) error {
	if w.materializing { // a slot's own template does not print slots
		return nil
	}
	w.materializing = true
	defer func() { w.materializing = false }()
	for name, v := range d.Slots {
		if c, ok := v.(*constHTML); ok {
			d.Slots[name] = c.html
		}
	}
	for _, lazy := range [][]lazySlot{w.lazyHTML, w.lazyText} {
		for i := range lazy {
			s := &lazy[i]
			if d.Slots[s.name] != s {
				continue // another part's, or rendered already
			}
			val, err := s.value()
			if err != nil {
				return err
			}
			d.Slots[s.name] = val
		}
	}
	return nil
}

// slotsOnlyPrinted reports whether every use of .Slots in the trees is a
// print of one slot as it is: {{ .Slots.hero }}, which html/template
// escapes with its htmlescaper, and a text template leaves alone. Only
// then can a slot be rendered where it is printed; a slot tested, passed
// to a function or read through a variable needs its value.
func slotsOnlyPrinted(trees []*parse.Tree) bool {
	ok := true
	for _, tree := range trees {
		tmpltree.Lists(tree, func(l *parse.ListNode) {
			for _, n := range l.Nodes {
				if a, isAction := n.(*parse.ActionNode); isAction && printsSlot(a.Pipe) {
					continue
				}
				if mentionsSlots(n) {
					ok = false
				}
			}
		})
	}
	return ok
}

// printsSlot reports whether p is exactly .Slots.NAME, with only
// html/template's htmlescaper after it, if anything.
func printsSlot(p *parse.PipeNode) bool {
	if len(p.Decl) != 0 || len(p.Cmds) == 0 || len(p.Cmds) > 2 || len(p.Cmds[0].Args) != 1 {
		return false
	}
	if len(p.Cmds) == 2 {
		id, isID := p.Cmds[1].Args[0].(*parse.IdentifierNode)
		if len(p.Cmds[1].Args) != 1 || !isID || id.Ident != "_html_template_htmlescaper" {
			return false
		}
	}
	return isSlotField(p.Cmds[0].Args[0])
}

// isSlotField reports whether n is .Slots.NAME.
func isSlotField(n parse.Node) bool {
	f, ok := n.(*parse.FieldNode)
	return ok && len(f.Ident) == 2 && f.Ident[0] == "Slots"
}

// mentionsSlots reports whether a node's own pipeline (not the lists of
// an if, range or with, which tmpltree.Lists visits) names Slots.
func mentionsSlots(n parse.Node) bool {
	var pipe *parse.PipeNode
	switch n := n.(type) {
	case *parse.ActionNode:
		pipe = n.Pipe
	case *parse.IfNode:
		pipe = n.Pipe
	case *parse.RangeNode:
		pipe = n.Pipe
	case *parse.WithNode:
		pipe = n.Pipe
	case *parse.TemplateNode:
		pipe = n.Pipe
	}
	return pipe != nil && strings.Contains(pipe.String(), "Slots")
}
