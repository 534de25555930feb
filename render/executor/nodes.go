package executor

import (
	"fmt"
	"text/template/parse"

	"github.com/tailor-email/tailor/internal/jsonstr"
)

// flow is how a node's execution ended: normally, by {{ break }} or
// {{ continue }} (which the enclosing range takes), or with s.err set.
type flow uint8

const (
	next flow = iota
	brk
	cont
	stop
)

type node interface {
	exec(s *state, dot any) flow
}

type (
	textNode struct {
		at         parse.Node
		text, json []byte
	}
	// actionNode prints its pipeline's value, escaped by first and then
	// each of rest when first is set.
	actionNode struct {
		at     parse.Node
		pipe   *pipeline
		first  func(any) string
		rest   []func(string) string
		inline bool // an Inline value writes itself (see Inline)
	}
	// declNode is an action that declares or assigns variables.
	declNode struct{ pipe *pipeline }
	// ifNode is {{if}}, or {{with}} when with is set (dot becomes the value).
	ifNode struct {
		at             parse.Node
		with           bool
		pipe           *pipeline
		list, elseList []node
	}
	rangeNode struct {
		at             parse.Node
		vars           []string // as declared: [$v] or [$i, $v]
		assign         bool     // = rather than :=
		pipe           *pipeline
		list, elseList []node
	}
	templateNode struct {
		at   parse.Node
		name string
		pipe *pipeline // nil: dot is nil
		prog *Program
	}
	breakNode    struct{}
	continueNode struct{}
)

func newText(at *parse.TextNode) *textNode {
	t := &textNode{at: at, text: at.Text}
	if json, ok := jsonstr.AppendContent(nil, string(at.Text)); ok {
		t.json = json
	}
	return t
}

func (s *state) list(nodes []node, dot any) flow {
	for _, n := range nodes {
		if f := n.exec(s, dot); f != next {
			return f
		}
	}
	return next
}

func (t *textNode) exec(s *state, _ any) flow {
	var err error
	if s.tw != nil {
		_, err = s.tw.WriteText(t.text, t.json)
	} else {
		_, err = s.w.Write(t.text)
	}
	if err != nil {
		return s.fail(t.at, err)
	}
	return next
}

func (a *actionNode) exec(s *state, dot any) flow {
	v, ok := s.pipe(a.pipe, dot)
	if !ok {
		return stop
	}
	if in, isInline := v.(Inline); isInline && a.inline {
		if err := in.WriteInline(s.w); err != nil {
			return s.fail(a.at, err)
		}
		return next
	}
	if a.first == nil {
		return s.print(a.at, v)
	}
	str := a.first(v)
	for _, e := range a.rest {
		str = e(str)
	}
	if _, err := s.w.WriteString(str); err != nil {
		return s.fail(a.at, err)
	}
	return next
}

func (d *declNode) exec(s *state, dot any) flow {
	if _, ok := s.pipe(d.pipe, dot); !ok {
		return stop
	}
	return next
}

func (n *ifNode) exec(s *state, dot any) flow {
	mark := len(s.vars)
	f := n.run(s, dot)
	s.pop(mark)
	return f
}

func (n *ifNode) run(s *state, dot any) flow {
	v, ok := s.pipe(n.pipe, dot)
	if !ok {
		return stop
	}
	truth, ok := isTrue(v)
	if !ok {
		return s.failf(n.at, "if/with can't use %v", v)
	}
	if !truth {
		return s.list(n.elseList, dot)
	}
	if n.with {
		dot = v
	}
	return s.list(n.list, dot)
}

func (t *templateNode) exec(s *state, dot any) flow {
	if err := s.b.spend(); err != nil {
		return s.fail(t.at, err)
	}
	if s.depth >= maxDepth {
		return s.failf(t.at, "template %q: calls nested more than %d deep", t.name, maxDepth)
	}
	var arg any
	if t.pipe != nil {
		v, ok := s.pipe(t.pipe, dot)
		if !ok {
			return stop
		}
		arg = v
	}
	prog, base, mark := s.prog, s.base, len(s.vars)
	s.prog, s.base = t.prog, mark
	s.depth++
	s.vars = append(s.vars, variable{"$", arg})
	f := s.list(t.prog.root, arg)
	s.depth--
	s.pop(mark)
	s.prog, s.base = prog, base
	if f == stop {
		return stop
	}
	return next
}

func (breakNode) exec(*state, any) flow    { return brk }
func (continueNode) exec(*state, any) flow { return cont }

// maxDepth bounds template calls nested in each other, so that recursion
// ends with an error long before it could exhaust the stack.
const maxDepth = 100

// print writes v as text/template prints a value.
func (s *state) print(at parse.Node, v any) flow {
	str, ok := printable(v)
	if !ok {
		return s.failf(at, "can't print %s of type %T", at, v)
	}
	if _, err := s.w.WriteString(str); err != nil {
		return s.fail(at, err)
	}
	return next
}

// failf is fail with a message.
func (s *state) failf(at parse.Node, format string, args ...any) flow {
	return s.fail(at, fmt.Errorf(format, args...))
}
