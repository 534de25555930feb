package events

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"text/template"
	"text/template/parse"

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
		requireValues(x.Tree)
	}
	lookup := func(name string) *parse.Tree {
		if x := t.Lookup(name); x != nil {
			return x.Tree
		}
		return nil
	}
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

// requireValues makes every action of tree that prints fail on a missing
// value: {{ .Event.x }} becomes {{ .Event.x | tailorRequire }}.
func requireValues(tree *parse.Tree) {
	if tree == nil || tree.Root == nil {
		return
	}
	var walk func(l *parse.ListNode)
	walk = func(l *parse.ListNode) {
		if l == nil {
			return
		}
		for _, n := range l.Nodes {
			switch n := n.(type) {
			case *parse.ActionNode:
				if len(n.Pipe.Decl) == 0 {
					id := parse.NewIdentifier("tailorRequire").SetTree(tree).SetPos(n.Pos)
					n.Pipe.Cmds = append(n.Pipe.Cmds, &parse.CommandNode{NodeType: parse.NodeCommand, Pos: n.Pos, Args: []parse.Node{id}})
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

var errMissing = errors.New("missing value")

func require(v any) (any, error) {
	if v == nil {
		return nil, errMissing
	}
	return v, nil
}
