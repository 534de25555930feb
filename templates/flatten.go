package templates

import (
	"slices"
	"strings"
	"text/template/parse"

	"github.com/tailor-email/tailor/internal/source"
)

// maxDepth bounds partial nesting, so a cycle is an error, not a hang.
const maxDepth = 10

// MaxDocumentBytes bounds an email's document (its layout with the body
// and every partial put in) and each module's body. Gmail clips a message
// at 102 KB; the bound keeps a partial included a thousand times, or
// partials that include each other twice ten deep, from growing without
// end.
const MaxDocumentBytes = 256 << 10

// flattening expands one email into its layout.
type flattening struct {
	s       *Set
	body    []Piece
	content bool // {{ template "content" . }} was expanded
	size    int  // bytes of text so far
}

// flatten expands {{ template "content" . }} in layout to body and every
// {{ template "NAME" . }} to the partial NAME, recursively. A layout that
// never reaches the content is an error: the email's body would vanish.
func (s *Set) flatten(layout, body []Piece, layoutFile string) ([]Piece, error) {
	f := &flattening{s: s, body: body}
	out, err := f.expand(layout, nil)
	if err == nil && !f.content {
		return nil, source.Errorf(layoutFile, 1, 1, "the layout has no {{ template \"content\" . }}: the email's body would not appear")
	}
	return out, err
}

func (f *flattening) expand(pieces []Piece, stack []string) ([]Piece, error) {
	var out []Piece
	for _, p := range pieces {
		name, ok := TemplateCall(p)
		if !ok {
			if f.size += len(p.Text); f.size > MaxDocumentBytes {
				return nil, p.Pos.At(
					"the email's document passes %d bytes here, with its layout and partials put in (%s)",
					MaxDocumentBytes, strings.Join(append([]string{"layout"}, stack...), " -> "))
			}
			out = append(out, p)
			continue
		}
		sub, ok := f.s.partials[name]
		if name == "content" {
			sub, ok, f.content = f.body, true, true
		}
		if !ok {
			return nil, p.Pos.At(
				"template %q not found (want templates/partials/%s.html)", name, name)
		}
		if len(stack) >= maxDepth || slices.Contains(stack, name) {
			return nil, p.Pos.At(
				"partial %q includes itself (%s)", name, strings.Join(append(stack, name), " -> "))
		}
		expanded, err := f.expand(sub, append(stack, name))
		if err != nil {
			return nil, err
		}
		out = append(out, expanded...)
	}
	return out, nil
}

// TemplateCall reports whether the action piece is {{ template "NAME" . }}
// and returns NAME.
func TemplateCall(p Piece) (string, bool) {
	if !p.Action || !strings.Contains(p.Text, "template") {
		return "", false
	}
	tree, ok := parseAction(p.Text)
	if !ok || len(tree.Root.Nodes) != 1 {
		return "", false
	}
	t, ok := tree.Root.Nodes[0].(*parse.TemplateNode)
	if !ok || t.Pipe == nil || len(t.Pipe.Cmds) != 1 || len(t.Pipe.Cmds[0].Args) != 1 {
		return "", false
	}
	if _, dot := t.Pipe.Cmds[0].Args[0].(*parse.DotNode); !dot {
		return "", false
	}
	return t.Name, true
}

// FieldRef reports whether the action piece is exactly {{ .A.B }} with the
// given root field A, and returns B: {{ .Slots.hero }} -> "hero".
func FieldRef(p Piece, root string) (string, bool) {
	if !p.Action || !strings.Contains(p.Text, "."+root+".") {
		return "", false
	}
	tree, ok := parseAction(p.Text)
	if !ok || len(tree.Root.Nodes) != 1 {
		return "", false
	}
	a, ok := tree.Root.Nodes[0].(*parse.ActionNode)
	if !ok || len(a.Pipe.Decl) != 0 || len(a.Pipe.Cmds) != 1 || len(a.Pipe.Cmds[0].Args) != 1 {
		return "", false
	}
	f, ok := a.Pipe.Cmds[0].Args[0].(*parse.FieldNode)
	if !ok || len(f.Ident) != 2 || f.Ident[0] != root {
		return "", false
	}
	return f.Ident[1], true
}

func parseAction(text string) (*parse.Tree, bool) {
	t := parse.New("action")
	t.Mode = parse.SkipFuncCheck
	trees := map[string]*parse.Tree{}
	if _, err := t.Parse(text, "{{", "}}", trees); err != nil {
		return nil, false
	}
	return trees["action"], trees["action"] != nil
}

// Prints reports whether an action piece writes output of its own: a
// value, a slot or a template call, as opposed to control actions (if,
// else, range, with, end, break, continue, define, block), declarations
// and comments.
func Prints(p Piece) bool {
	if !p.Action {
		return false
	}
	inner := strings.TrimSuffix(strings.TrimPrefix(p.Text, "{{"), "}}")
	inner = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(inner, "-"), "-"))
	if strings.HasPrefix(inner, "/*") {
		return false
	}
	word, _, _ := strings.Cut(inner, " ")
	switch word {
	case "if", "else", "end", "range", "with", "break", "continue", "define", "block":
		return false
	}
	if tree, ok := parseAction(p.Text); ok && len(tree.Root.Nodes) == 1 {
		if a, ok := tree.Root.Nodes[0].(*parse.ActionNode); ok && len(a.Pipe.Decl) > 0 {
			return false
		}
	}
	return true
}
