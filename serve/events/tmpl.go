package events

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"text/template"
	"text/template/parse"

	"github.com/tailor-email/tailor/internal/tmpltree"
	"github.com/tailor-email/tailor/render/executor"
)

// The bounds of one event value's template: a value is a few fields, so a
// template that loops longer than this is a mistake.
const (
	maxSteps   = 10_000
	maxBytes   = 64 << 10
	maxSeconds = 1
)

// tmpl is a merge or append value written as a template, run on tailor's
// executor within the bounds above. Every value it prints must exist: a
// missing one is the event's error, as a misspelt field should be.
type tmpl struct{ prog *executor.Program }

func compileTemplate(where, s string) (tmpl, error) {
	t, err := template.New(where).Parse(s)
	if err != nil {
		return tmpl{}, fmt.Errorf("%s: %w", where, err)
	}
	for _, x := range t.Templates() {
		// every action that prints fails on a missing value:
		// {{ .Event.x }} becomes {{ .Event.x | tailorRequire }}
		tmpltree.PipeOutputs(x.Tree, "tailorRequire")
	}
	lookup := tmpltree.Lookup(t.Lookup, func(x *template.Template) *parse.Tree { return x.Tree })
	prog, err := executor.Compile(t.Tree, lookup, &executor.Config{Funcs: map[string]any{"tailorRequire": require}})
	if err != nil {
		return tmpl{}, fmt.Errorf("%s: %w", where, err)
	}
	return tmpl{prog}, nil
}

func (t tmpl) eval(d data) (any, error) {
	var b strings.Builder
	budget := executor.NewBudget(context.Background(), maxSeconds*1e9, maxSteps, maxBytes)
	if err := t.prog.Execute(&b, d, budget); err != nil {
		return nil, err
	}
	return b.String(), nil
}

var errMissing = errors.New("missing value")

func require(v any) (any, error) {
	if v == nil {
		return nil, errMissing
	}
	return v, nil
}
