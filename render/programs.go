package render

import (
	"fmt"
	htmltemplate "html/template"
	"io"
	texttemplate "text/template"
	"text/template/parse"

	"github.com/tailor-email/tailor/internal/source"
	"github.com/tailor-email/tailor/internal/tmpltree"
	"github.com/tailor-email/tailor/render/executor"
	"github.com/tailor-email/tailor/templates"
)

// programs holds the campaign's templates compiled for the executor
// (render/executor), by parse tree. It is written once, when the
// workspace loads, and only read afterwards.
type programs map[*parse.Tree]*executor.Program

// programSet compiles the campaign's templates, each with the template
// set its {{ template }} calls resolve in.
type programSet struct {
	progs programs
	cfg   *executor.Config
}

func newProgramSet(funcs map[string]any, bounds map[string]templates.Bound) *programSet {
	return &programSet{progs: programs{}, cfg: &executor.Config{
		Funcs: funcs, Bounds: bounds, Fields: dataField,
	}}
}

// html compiles an html/template template that has been escaped; wrap
// gives its errors their workspace position.
func (s *programSet) html(t *htmltemplate.Template, wrap func(error) error) error {
	if t == nil || t.Tree == nil {
		return nil
	}
	return s.add(t.Tree, tmpltree.Lookup(t.Lookup, htmlTree), wrap)
}

// text compiles a text/template template.
func (s *programSet) text(t *texttemplate.Template, wrap func(error) error) error {
	if t == nil || t.Tree == nil {
		return nil
	}
	return s.add(t.Tree, tmpltree.Lookup(t.Lookup, textTree), wrap)
}

func htmlTree(t *htmltemplate.Template) *parse.Tree { return t.Tree }

func textTree(t *texttemplate.Template) *parse.Tree { return t.Tree }

func (s *programSet) add(tree *parse.Tree, lookup executor.Lookup, wrap func(error) error) error {
	p, err := executor.Compile(tree, lookup, s.cfg)
	if err != nil {
		return wrap(err)
	}
	s.progs[tree] = p
	return nil
}

// templateExec is a text/template or html/template template: what the
// reference path executes (see boundedWriter.reference).
type templateExec interface {
	Execute(w io.Writer, data any) error
}

// dataField gives the fields of *Data to the executor, without
// reflection: {{ .Profile }}, {{ .Segments }} and so on.
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
	case "Predictions":
		return d.Predictions, true
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

// compilePrograms compiles every template the campaign executes. A
// template the executor cannot run fails the load, at its place. Then
// the AMP parts, which can run now, are validated (proveAMP).
func (c *Campaign) compilePrograms() error {
	funcs := memoized(c.funcs)
	set := newProgramSet(funcs, c.funcBounds())
	ampFuncs := map[string]any{"tailorAMPData": ampData}
	for k, v := range funcs {
		ampFuncs[k] = v
	}
	amp := newProgramSet(ampFuncs, c.funcBounds())
	amp.progs = set.progs
	c.progs = set.progs
	if err := set.text(c.unsub, func(err error) error { return fmt.Errorf("tailor.yaml: unsubscribe: %w", err) }); err != nil {
		return err
	}
	for _, e := range c.emails {
		if err := set.email(e); err != nil {
			return err
		}
		if e.amp == nil {
			continue
		}
		if err := amp.html(e.amp.doc.t, e.amp.doc.origin.wrap); err != nil {
			return err
		}
		for _, ms := range e.amp.modules {
			for _, m := range ms {
				if err := amp.html(m.t, m.origin.wrap); err != nil {
					return err
				}
			}
		}
	}
	c.proveAMP()
	return nil
}

// email compiles an email's headers, document and modules.
func (s *programSet) email(e *email) error {
	at := func(p source.Pos, what string) func(error) error {
		return func(err error) error { return posError(p, "%s: %v", what, err) }
	}
	if err := s.text(e.subject, at(e.src.Subject.Pos, "subject")); err != nil {
		return err
	}
	if err := s.text(e.preheader, at(e.src.Preheader.Pos, "preheader")); err != nil {
		return err
	}
	for v, t := range e.variants {
		if err := s.text(t, at(e.src.SubjectTest.Variants[v].Pos, "subject_test variant "+v)); err != nil {
			return err
		}
	}
	parts := []*part{e.doc}
	for _, ms := range e.modules {
		for _, p := range ms {
			parts = append(parts, p)
		}
	}
	for _, p := range parts {
		if err := s.html(p.html, p.htmlOrigin.wrap); err != nil {
			return err
		}
		if err := s.text(p.text, p.textOrigin.wrap); err != nil {
			return err
		}
	}
	return nil
}
