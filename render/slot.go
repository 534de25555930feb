package render

import (
	htmltemplate "html/template"
	"strings"
	"text/template/parse"

	"github.com/tailor-email/tailor/render/internal/fast"
)

// lazySlot is a slot's module in the HTML part, rendered where the
// document prints it ({{ .Slots.hero }}), straight into the document's
// buffers (fast.Inline), instead of into a string the document then
// copies.
type lazySlot struct {
	p *part
	d *Data
	w *boundedWriter
}

// WriteInline implements fast.Inline.
func (s *lazySlot) WriteInline(fast.Writer) (bool, error) {
	prog := s.w.progs.program(s.p.html.Tree)
	if prog == nil {
		return false, nil
	}
	return prog.Execute(s.w, s.d)
}

// lazySlots sets d.Slots for the HTML part: the modules made at load as
// they are, the others to render where the document prints them, when it
// only prints them (email.inlineSlots), else rendered now.
func (w *boundedWriter) lazySlots(e *email, picked []*part, d *Data) error {
	d.Slots = w.htmlSlots
	if !e.inlineSlots {
		for k, p := range picked {
			h, err := p.htmlOutput(w, d)
			if err != nil {
				return p.htmlOrigin.wrap(err)
			}
			w.htmlSlots[e.slots[k]] = h
		}
		return nil
	}
	w.lazy = w.lazy[:0]
	for _, p := range picked {
		if p.htmlConst == nil {
			w.lazy = append(w.lazy, lazySlot{p: p, d: d, w: w})
		}
	}
	i := 0
	for k, p := range picked {
		if p.htmlConst != nil {
			if w.keepJSON && p.htmlConstJSON != nil {
				w.keepSlot(string(p.htmlConst.(htmltemplate.HTML)), p.htmlConstJSON, true)
			}
			w.htmlSlots[e.slots[k]] = p.htmlConst
			continue
		}
		w.htmlSlots[e.slots[k]] = &w.lazy[i]
		i++
	}
	return nil
}

// materialize renders d's lazy slots into strings, for text/template,
// which prints them as values.
func (w *boundedWriter) materialize(d *Data) error {
	if w.materializing { // a slot's own template does not print slots
		return nil
	}
	w.materializing = true
	defer func() { w.materializing = false }()
	for name, v := range d.Slots {
		s, ok := v.(*lazySlot)
		if !ok {
			continue
		}
		h, err := w.exec(s.p.html.Tree, s.p.html, d)
		if err != nil {
			return s.p.htmlOrigin.wrap(err)
		}
		d.Slots[name] = htmltemplate.HTML(h)
	}
	return nil
}

// slotsOnlyPrinted reports whether every use of .Slots in the HTML
// templates t is a print of one slot as HTML ({{ .Slots.hero }}, which
// html/template escapes with its htmlescaper): only then can a slot be
// rendered where it is printed. A slot tested, passed to a function or
// read through a variable needs its value.
func slotsOnlyPrinted(t *htmltemplate.Template) bool {
	ok := true
	for _, tt := range t.Templates() {
		eachList(tt.Tree, func(l *parse.ListNode) {
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

// printsSlot reports whether p is exactly .Slots.NAME | _html_template_htmlescaper.
func printsSlot(p *parse.PipeNode) bool {
	if len(p.Decl) != 0 || len(p.Cmds) != 2 || len(p.Cmds[0].Args) != 1 || len(p.Cmds[1].Args) != 1 {
		return false
	}
	f, ok := p.Cmds[0].Args[0].(*parse.FieldNode)
	id, isID := p.Cmds[1].Args[0].(*parse.IdentifierNode)
	return ok && len(f.Ident) == 2 && f.Ident[0] == "Slots" && isID && id.Ident == "_html_template_htmlescaper"
}

// mentionsSlots reports whether a node's own pipeline (not the lists of
// an if, range or with, which eachList visits) names Slots.
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
