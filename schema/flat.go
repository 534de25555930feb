package schema

import (
	"errors"
	"slices"
	"strconv"
	"strings"
)

// unflatten nests the dotted columns of a flat row whose first step is a
// declared object or list (see ApplyFlat), and takes out blank cells.
// Each cell is typed as it is placed, so that a bad one is reported at its
// own column; the walk that follows sees what it placed as typed.
func (s *Schema) unflatten(p map[string]any, w *walker) {
	var dotted []string
	for k, v := range p {
		switch {
		case missing(v):
			delete(p, k)
		case strings.IndexByte(k, '.') > 0:
			if f := s.byName[k[:strings.IndexByte(k, '.')]]; f != nil && (f.Type.Kind == List || f.Type.Kind == Object) {
				dotted = append(dotted, k)
			}
		}
	}
	if len(dotted) == 0 {
		return
	}
	slices.Sort(dotted)
	for _, k := range dotted {
		v := p[k]
		delete(p, k)
		w.key = k
		s.place(p, strings.Split(k, "."), v, w)
	}
	for k, v := range p {
		p[k] = finish(v)
	}
}

// sparse is a list being built from indexed columns.
type sparse map[int]any

// place puts the cell v of the column whose steps are steps into the
// profile p, typed by the schema as far as it declares the steps.
func (s *Schema) place(p map[string]any, steps []string, v any, w *walker) {
	var f *Field // the field of the step being placed; nil past the schema
	children := s.root.children
	var t Type
	var cur any = p
	for i, step := range steps {
		last := i == len(steps)-1
		switch c := cur.(type) {
		case map[string]any:
			f = fieldIn(children, step)
			if f != nil {
				t, children = f.Type, f.children
			} else {
				children = nil
			}
			if last {
				c[step] = w.leaf(f, t, v, steps)
				return
			}
			if f != nil && t.Kind != List && t.Kind != Object {
				w.problem(steps, v, errIndex)
				return
			}
			cur = child(c, step, f != nil && t.Kind == List)
		case sparse:
			n, err := strconv.Atoi(step)
			if err != nil || n < 0 || n > maxIndex || f == nil || t.Elem == nil {
				w.problem(steps, v, errIndex)
				return
			}
			t = *t.Elem
			if last {
				c[n] = w.leaf(f, t, v, steps)
				return
			}
			if _, ok := c[n]; !ok {
				c[n] = newContainer(t.Kind == List)
			}
			cur = c[n]
		default: // a step under a value that is neither an object nor a list
			w.problem(steps, v, errIndex)
			return
		}
	}
}

// errIndex is the error of a column whose steps do not follow the
// schema's lists and objects.
var errIndex = errors.New("the column does not fit the schema: a list's elements are its field, a dot and an index from 0 to 10000 (cart.0.price), an object's fields are its field, a dot and a name")

// maxIndex bounds the index of a flat source's list column.
const maxIndex = 10_000

// fieldIn finds the field of a step among declared children.
func fieldIn(children []*Field, step string) *Field {
	for _, f := range children {
		if f.leaf == step {
			return f
		}
	}
	return nil
}

// child returns the container under key, making it when new.
func child(m map[string]any, key string, list bool) any {
	if c, ok := m[key]; ok {
		return c
	}
	c := newContainer(list)
	m[key] = c
	return c
}

func newContainer(list bool) any {
	if list {
		return sparse{}
	}
	return map[string]any{}
}

// leaf types one cell as it is placed: a bad one is reported here, at its
// column, and marked dropped for the walk.
func (w *walker) leaf(f *Field, t Type, v any, steps []string) any {
	if f == nil {
		return v // not declared: kept as read
	}
	y, ok := w.value(f, t, v, steps)
	if !ok {
		return dropped{}
	}
	return y
}

// finish turns the lists built from indexed columns into lists, in index
// order; an index no column gave is a gap the walk leaves out.
func finish(v any) any {
	switch x := v.(type) {
	case sparse:
		idx := make([]int, 0, len(x))
		for i := range x {
			idx = append(idx, i)
		}
		slices.Sort(idx)
		out := make([]any, idx[len(idx)-1]+1)
		for i := range out {
			out[i] = dropped{}
		}
		for _, i := range idx {
			out[i] = finish(x[i])
		}
		return out
	case map[string]any:
		for k, e := range x {
			x[k] = finish(e)
		}
	}
	return v
}
