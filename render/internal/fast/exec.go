package fast

import (
	"sort"
	"strconv"
	"sync"
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
// say, then need not be made into a string first. ok is false when the
// program should give up, as Execute's is.
type Inline interface {
	WriteInline(w Writer) (ok bool, err error)
}

type node interface {
	exec(s *state, dot any) bool
}

type (
	textNode struct{ text, json []byte }
	// actionNode prints its pipeline's value, escaped by first and then
	// each of rest when first is set.
	actionNode struct {
		pipe   *pipeline
		first  func(any) string
		rest   []func(string) string
		inline bool // an Inline value writes itself (see Inline)
	}
	// ifNode is {{if}}, or {{with}} when with is set (dot becomes the value).
	ifNode struct {
		with           bool
		pipe           *pipeline
		list, elseList []node
	}
	rangeNode struct {
		vars           []string // as declared: [$v] or [$i, $v]
		pipe           *pipeline
		list, elseList []node
	}
)

type variable struct {
	name string
	val  any
}

// state is one execution's variables and argument scratch space.
type state struct {
	w      Writer
	tw     TextWriter // w, when it is one
	fields Fields
	vars   []variable
	args   []any
	werr   error // the writer's error, which ends the execution
}

var states = sync.Pool{New: func() any { return &state{vars: make([]variable, 0, 8), args: make([]any, 0, 16)} }}

// Execute runs the program with dot as data, writing to w. It returns
// false, having perhaps written part of the output, when text/template
// might give a different result or an error: the caller then discards the
// output and executes the template with text/template. A panic in a
// function counts as false too. When a write fails, it returns false and
// the writer's error, which is what text/template returns for it (its
// writes up to there are the same).
func (p *Program) Execute(w Writer, dot any) (ok bool, err error) {
	s := states.Get().(*state)
	s.w, s.fields = w, p.fields
	s.tw, _ = w.(TextWriter)
	s.vars = append(s.vars[:0], variable{"$", dot})
	defer func() {
		if recover() != nil {
			ok = false
		}
		if s.werr != nil {
			ok, err = false, s.werr
		}
		// Calls and ranges clear what they push; a panic may skip that.
		if ok {
			s.vars[0] = variable{}
		} else {
			clear(s.vars[:cap(s.vars)])
			clear(s.args[:cap(s.args)])
		}
		s.w, s.tw, s.vars, s.args, s.werr = nil, nil, s.vars[:0], s.args[:0], nil
		states.Put(s)
	}()
	return s.list(p.root, dot), nil
}

func (s *state) list(nodes []node, dot any) bool {
	for _, n := range nodes {
		if !n.exec(s, dot) {
			return false
		}
	}
	return true
}

func (t *textNode) exec(s *state, _ any) bool {
	if s.tw != nil {
		_, s.werr = s.tw.WriteText(t.text, t.json)
	} else {
		_, s.werr = s.w.Write(t.text)
	}
	return s.werr == nil
}

func (a *actionNode) exec(s *state, dot any) bool {
	v, ok := s.pipe(a.pipe, dot)
	if !ok {
		return false
	}
	if in, isInline := v.(Inline); isInline && a.inline {
		ok, s.werr = in.WriteInline(s.w)
		return ok && s.werr == nil
	}
	if a.first == nil {
		return s.print(v)
	}
	str := a.first(v)
	for _, e := range a.rest {
		str = e(str)
	}
	_, s.werr = s.w.WriteString(str)
	return s.werr == nil
}

// print writes v as text/template's printValue does, for the types whose
// fmt.Fprint form is known here.
func (s *state) print(v any) bool {
	var err error
	switch x := v.(type) {
	case string:
		_, err = s.w.WriteString(x)
	case int:
		_, err = s.w.WriteString(strconv.Itoa(x))
	case float64:
		_, err = s.w.WriteString(strconv.FormatFloat(x, 'g', -1, 64))
	case bool:
		_, err = s.w.WriteString(strconv.FormatBool(x))
	default:
		return false
	}
	s.werr = err
	return err == nil
}

func (n *ifNode) exec(s *state, dot any) bool {
	v, ok := s.pipe(n.pipe, dot)
	if !ok {
		return false
	}
	truth, ok := isTrue(v)
	if !ok {
		return false
	}
	if !truth {
		return s.list(n.elseList, dot)
	}
	if n.with {
		dot = v
	}
	return s.list(n.list, dot)
}

func (r *rangeNode) exec(s *state, dot any) bool {
	v, ok := s.pipe(r.pipe, dot)
	if !ok {
		return false
	}
	mark := len(s.vars)
	defer func() { clear(s.vars[mark:]); s.vars = s.vars[:mark] }()
	switch x := v.(type) {
	case nil:
	case []any:
		for i, e := range x {
			if !r.iteration(s, i, e) {
				return false
			}
		}
		if len(x) > 0 {
			return true
		}
	case []map[string]any:
		for i, e := range x {
			if !r.iteration(s, i, e) {
				return false
			}
		}
		if len(x) > 0 {
			return true
		}
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if !r.iteration(s, k, x[k]) {
				return false
			}
		}
		if len(x) > 0 {
			return true
		}
	default:
		return false
	}
	return s.list(r.elseList, dot)
}

// iteration runs the body once, with $v (or $i, $v) set as text/template
// sets them: one variable is the element, two are the index and element.
func (r *rangeNode) iteration(s *state, index, elem any) bool {
	mark := len(s.vars)
	switch len(r.vars) {
	case 1:
		s.vars = append(s.vars, variable{r.vars[0], elem})
	case 2:
		s.vars = append(s.vars, variable{r.vars[0], index}, variable{r.vars[1], elem})
	}
	ok := s.list(r.list, elem)
	clear(s.vars[mark:])
	s.vars = s.vars[:mark]
	return ok
}

// variable returns the innermost variable called name.
func (s *state) variable(name string) (any, bool) {
	for i := len(s.vars) - 1; i >= 0; i-- {
		if s.vars[i].name == name {
			return s.vars[i].val, true
		}
	}
	return nil, false
}
