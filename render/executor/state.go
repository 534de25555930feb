package executor

import (
	"errors"
	"fmt"
	"sync"
	"text/template/parse"
)

// Writer is where Execute writes: the engine's bounded buffer.
type Writer interface {
	Write(p []byte) (int, error)
	WriteString(s string) (int, error)
}

// A TextWriter is a Writer that also takes the template's text with its
// JSON form: the content jsonstr.AppendContent gives for it, or nil when
// the text is not valid UTF-8. Execute writes every text through
// WriteText when w is one.
type TextWriter interface {
	Writer
	WriteText(text, json []byte) (int, error)
}

// An Inline value writes itself where an action prints it as it is: as
// HTML that html/template leaves alone (its htmlescaper and nothing after
// it), or in a text template with no function after it. A rendered module,
// say, then need not be made into a string first.
type Inline interface {
	WriteInline(w Writer) error
}

type variable struct {
	name string
	val  any
}

// state is one execution's variables and argument scratch space.
type state struct {
	w      Writer
	tw     TextWriter // w, when it is one
	b      *Budget
	prog   *Program // the program running, for errors
	fields Fields
	vars   []variable
	base   int // the current template's first variable
	args   []any
	depth  int   // template calls
	err    error // why the execution stopped
	// calling is the function last called, at callingAt: the one that
	// panicked, when one does.
	calling   *function
	callingAt parse.Node
}

var states = sync.Pool{New: func() any { return &state{vars: make([]variable, 0, 8), args: make([]any, 0, 16)} }}

// Execute runs the program with dot as data, writing to w, within budget
// b. It returns an *Error naming the line and column where the execution
// stopped: a function failed or panicked, a write failed (the writer's
// error is wrapped), or the budget ran out (ErrSteps, ErrTimeout,
// ErrTooLarge are wrapped). An error that is already an *Error, from a
// nested program an Inline value ran, is returned as it is.
func (p *Program) Execute(w Writer, dot any, b *Budget) (err error) {
	s := states.Get().(*state)
	s.w, s.b, s.prog, s.fields = w, b, p, p.fields
	s.tw, _ = w.(TextWriter)
	s.vars = append(s.vars[:0], variable{"$", dot})
	defer func() {
		if r := recover(); r != nil {
			err = s.panicked(r)
		}
		if s.err != nil && err == nil {
			err = s.err
		}
		if err == nil {
			s.vars[0] = variable{} // calls and ranges clear what they push
		} else {
			clear(s.vars[:cap(s.vars)]) // a failure may skip that
			clear(s.args[:cap(s.args)])
		}
		s.w, s.tw, s.b, s.prog, s.fields, s.err, s.calling, s.callingAt = nil, nil, nil, nil, nil, nil, nil, nil
		s.vars, s.args, s.base, s.depth = s.vars[:0], s.args[:0], 0, 0
		states.Put(s)
	}()
	s.list(p.root, dot)
	return nil
}

// fail ends the execution with err at node at. An *Error keeps its own
// place; an error with no node (a text's write) has none.
func (s *state) fail(at parse.Node, err error) flow {
	if s.err != nil {
		return stop
	}
	var done *Error
	if at == nil || errors.As(err, &done) {
		s.err = err
	} else {
		s.err = errorAt(s.prog.tree, at, err)
	}
	return stop
}

func nameOf(t *parse.Tree) string {
	if t == nil {
		return ""
	}
	return t.ParseName
}

// variable returns the innermost variable called name of the current
// template. The parser lets a variable declared in an if's body be named
// in its else branch, where it does not exist: ok is false there.
func (s *state) variable(name string) (v any, ok bool) {
	for i := len(s.vars) - 1; i >= s.base; i-- {
		if s.vars[i].name == name {
			return s.vars[i].val, true
		}
	}
	return nil, false
}

// setVar assigns to the innermost variable called name; ok as for variable.
func (s *state) setVar(name string, v any) (ok bool) {
	for i := len(s.vars) - 1; i >= s.base; i-- {
		if s.vars[i].name == name {
			s.vars[i].val = v
			return true
		}
	}
	return false
}

// pop drops the variables declared since mark.
func (s *state) pop(mark int) {
	if len(s.vars) > mark {
		clear(s.vars[mark:])
		s.vars = s.vars[:mark]
	}
}

// panicked is the error a panic becomes: a function's (the last one
// called; the executor itself does not panic), at the call.
func (s *state) panicked(r any) error {
	if s.calling == nil {
		return fmt.Errorf("template %s panicked: %v", nameOf(s.prog.tree), r)
	}
	err, ok := r.(error)
	if !ok {
		err = fmt.Errorf("%v", r)
	}
	at := s.callingAt
	return errorAt(s.prog.tree, at, fmt.Errorf("at <%s>: error calling %s: panic: %w", at, s.calling.name, err))
}
