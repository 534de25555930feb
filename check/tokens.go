package check

import (
	"strings"
	"text/template/parse"

	"github.com/tailor-email/tailor/internal/tmpltree"
)

// token is a printing action that reads a profile field with no fallback:
// {{ .Profile.first_name }} rather than
// {{ .Profile.first_name | default "there" }}.
type token struct {
	off    int    // of the action in its file
	field  string // dotted path below .Profile, e.g. "address.city"
	action string // the action as written
}

// fallbackFuncs give a missing value a replacement when they appear in a
// token's pipeline.
var fallbackFuncs = map[string]bool{"default": true, "coalesce": true, "or": true}

// scan is what one template source tells the workspace checks.
type scan struct {
	tokens   []token
	segments []string // names read as .Segments.NAME
}

// scanSource parses a template body (front matter blanked) and collects
// its unguarded profile tokens and the segments it reads. Text that does
// not parse gives nothing: the engine reports syntax errors at load time.
func scanSource(body string) scan {
	t := parse.New("x")
	t.Mode = parse.SkipFuncCheck
	trees := map[string]*parse.Tree{}
	if _, err := t.Parse(body, "", "", trees); err != nil {
		return scan{}
	}
	var sc scan
	for _, tree := range trees {
		if tree.Root != nil {
			sc.walk(body, tree.Root, map[string]bool{})
		}
	}
	return sc
}

// walk visits a node; guarded holds the profile fields tested by an
// enclosing if or with.
func (sc *scan) walk(body string, n parse.Node, guarded map[string]bool) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			sc.walk(body, c, guarded)
		}
	case *parse.ActionNode:
		sc.action(body, n, guarded)
	case *parse.IfNode:
		sc.branch(body, &n.BranchNode, guarded)
	case *parse.WithNode:
		sc.branch(body, &n.BranchNode, guarded)
	case *parse.RangeNode:
		sc.branch(body, &n.BranchNode, guarded)
	case *parse.TemplateNode:
		if n.Pipe != nil {
			sc.pipeRefs(n.Pipe)
		}
	}
}

// branch walks an if, with or range: the fields its pipeline reads are
// guarded inside its list, not in its else list.
func (sc *scan) branch(body string, b *parse.BranchNode, guarded map[string]bool) {
	inner := guarded
	if fields := sc.pipeRefs(b.Pipe); len(fields) > 0 {
		inner = make(map[string]bool, len(guarded)+len(fields))
		for k := range guarded {
			inner[k] = true
		}
		for _, f := range fields {
			inner[f] = true
		}
	}
	sc.walk(body, b.List, inner)
	sc.walk(body, b.ElseList, guarded)
}

// action records a printing action's unguarded profile fields.
func (sc *scan) action(body string, a *parse.ActionNode, guarded map[string]bool) {
	fields := sc.pipeRefs(a.Pipe)
	if len(a.Pipe.Decl) > 0 || len(fields) == 0 || hasFallback(a.Pipe) {
		return
	}
	off := int(a.Position())
	start := strings.LastIndex(body[:off], "{{")
	if start < 0 {
		start = off
	}
	text := body[start:]
	if end := strings.Index(text, "}}"); end >= 0 {
		text = text[:end+2]
	}
	for _, f := range fields {
		if !guarded[f] {
			sc.tokens = append(sc.tokens, token{off: start, field: f, action: text})
		}
	}
}

// pipeRefs returns the profile fields a pipeline reads (.Profile.X.Y ->
// "X.Y") and records the segments it reads.
func (sc *scan) pipeRefs(p *parse.PipeNode) []string {
	var fields []string
	tmpltree.PipeNodes(p, func(n parse.Node) {
		f, ok := n.(*parse.FieldNode)
		if !ok || len(f.Ident) < 2 {
			return
		}
		switch f.Ident[0] {
		case "Profile":
			fields = append(fields, strings.Join(f.Ident[1:], "."))
		case "Segments":
			sc.segments = append(sc.segments, f.Ident[1])
		}
	})
	return fields
}

// hasFallback reports whether a pipeline calls a function that replaces a
// missing value (default, coalesce, or).
func hasFallback(p *parse.PipeNode) bool {
	found := false
	tmpltree.PipeNodes(p, func(n parse.Node) {
		if id, ok := n.(*parse.IdentifierNode); ok && fallbackFuncs[id.Ident] {
			found = true
		}
	})
	return found
}

// lacks reports whether a profile has no value at a dotted field path.
func lacks(p map[string]any, field string) bool {
	var v any = p
	for _, k := range strings.Split(field, ".") {
		m, ok := v.(map[string]any)
		if !ok {
			return true
		}
		if v, ok = m[k]; !ok || v == nil {
			return true
		}
	}
	return false
}
