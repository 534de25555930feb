package render

import (
	"io"
	"sync/atomic"
	"text/template/parse"

	"github.com/tailor-email/tailor/render/internal/fast"
)

// programs holds the campaign's templates compiled for the fast evaluator
// (render/internal/fast), by parse tree: a template the evaluator cannot
// run has none and runs on text/template. It is written once, when the
// workspace loads, and only read afterwards.
type programs map[*parse.Tree]*fast.Program

// gaveUp counts the executions the fast evaluator started and handed
// back to text/template; tests read it to see the evaluator covers the
// example workspace.
var gaveUp atomic.Int64

// compilePrograms compiles every template the campaign executes.
func (c *Campaign) compilePrograms() {
	c.progs = programs{}
	add := func(tree *parse.Tree, funcs map[string]any) {
		if tree != nil {
			c.progs[tree] = fast.Compile(tree, funcs, dataField)
		}
	}
	funcs := memoized(c.funcs)
	ampFuncs := map[string]any{"tailorAMPData": ampData}
	for k, v := range funcs {
		ampFuncs[k] = v
	}
	if c.unsub != nil {
		add(c.unsub.Tree, funcs)
	}
	for _, e := range c.emails {
		add(e.subject.Tree, funcs)
		add(e.preheader.Tree, funcs)
		for _, v := range e.variants {
			add(v.Tree, funcs)
		}
		add(e.doc.html.Tree, funcs)
		add(e.doc.text.Tree, funcs)
		for _, ms := range e.modules {
			for _, p := range ms {
				add(p.html.Tree, funcs)
				add(p.text.Tree, funcs)
			}
		}
		if e.amp == nil {
			continue
		}
		add(e.amp.doc.t.Tree, ampFuncs)
		for _, ms := range e.amp.modules {
			for _, m := range ms {
				add(m.t.Tree, ampFuncs)
			}
		}
	}
}

// program returns the fast program for tree, or nil.
func (p programs) program(tree *parse.Tree) *fast.Program {
	if tree == nil {
		return nil
	}
	return p[tree]
}

// executor is a text/template or html/template template.
type executor interface {
	Execute(w io.Writer, data any) error
}

// dataField gives the fields of *Data to the fast evaluator, as
// text/template finds them: {{ .Profile }}, {{ .Segments }} and so on.
func dataField(v any, name string) (any, bool) {
	d, ok := v.(*Data)
	if !ok || d == nil {
		return nil, false
	}
	switch name {
	case "Profile":
		return d.Profile, true
	case "Segments":
		return d.Segments, true
	case "Scores":
		return d.Scores, true
	case "Tiers":
		return d.Tiers, true
	case "Variants":
		return d.Variants, true
	case "Slots":
		return d.Slots, true
	case "Now":
		return d.Now, true
	case "Locale":
		return d.Locale, true
	case "Subject":
		return d.Subject, true
	case "Preheader":
		return d.Preheader, true
	case "Unsubscribe":
		return d.Unsubscribe, true
	case "Campaign":
		return d.Campaign, true
	}
	return nil, false
}
