package executor

import (
	"reflect"
	"sort"
)

func (r *rangeNode) exec(s *state, dot any) flow {
	mark := len(s.vars)
	f := r.run(s, dot)
	s.pop(mark)
	if f == stop {
		return stop
	}
	return next
}

// run ranges over the pipeline's value: a list, a map in key order, or
// the integers 0 to n-1. An empty one (or a missing value) runs the else
// branch. Each iteration spends a step.
func (r *rangeNode) run(s *state, dot any) flow {
	v, ok := s.pipe(r.pipe, dot)
	if !ok {
		return stop
	}
	mark := len(s.vars)
	if !r.assign {
		// The variables live through the loop; each iteration sets them.
		for range r.vars {
			s.vars = append(s.vars, variable{})
		}
		for i, name := range r.vars {
			s.vars[mark+i].name = name
		}
	}
	n, f := r.each(s, v, mark)
	if f == stop {
		return stop
	}
	if n == 0 {
		return s.list(r.elseList, dot)
	}
	return next
}

// each runs the body for every element of v and returns how many ran.
func (r *rangeNode) each(s *state, v any, mark int) (int, flow) {
	switch x := v.(type) {
	case nil:
		return 0, next
	case []any:
		for i, e := range x {
			if f := r.iteration(s, mark, i, e); f != next {
				return i + 1, f
			}
		}
		return len(x), next
	case []map[string]any:
		for i, e := range x {
			if f := r.iteration(s, mark, i, e); f != next {
				return i + 1, f
			}
		}
		return len(x), next
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for i, k := range keys {
			if f := r.iteration(s, mark, k, x[k]); f != next {
				return i + 1, f
			}
		}
		return len(x), next
	case int:
		return r.count(s, mark, int64(x))
	}
	return r.reflectEach(s, reflect.ValueOf(v), mark)
}

// count ranges over 0 to n-1, as range over an integer does.
func (r *rangeNode) count(s *state, mark int, n int64) (int, flow) {
	if len(r.vars) > 1 {
		return 0, s.failf(r.at, "can't use %d to iterate over more than one variable", n)
	}
	ran := 0
	for i := int64(0); i < n; i++ {
		ran++
		if f := r.iteration(s, mark, nil, int(i)); f != next {
			return ran, f
		}
	}
	return ran, next
}

// reflectEach ranges over the other lists, maps and integers.
func (r *rangeNode) reflectEach(s *state, v reflect.Value, mark int) (int, flow) {
	switch v.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return r.count(s, mark, v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return r.count(s, mark, int64(min(v.Uint(), 1<<62)))
	case reflect.Array, reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			if f := r.iteration(s, mark, i, v.Index(i).Interface()); f != next {
				return i + 1, f
			}
		}
		return v.Len(), next
	case reflect.Map:
		keys, err := sortedKeys(v)
		if err != nil {
			return 0, s.fail(r.at, err)
		}
		for i, k := range keys {
			if f := r.iteration(s, mark, k.Interface(), v.MapIndex(k).Interface()); f != next {
				return i + 1, f
			}
		}
		return len(keys), next
	case reflect.Pointer:
		if v.IsNil() {
			return 0, next
		}
		return r.reflectEach(s, v.Elem(), mark)
	}
	return 0, s.failf(r.at, "range can't iterate over %v", v)
}

// iteration runs the body once, with the variables set as text/template
// sets them: one variable is the element, two are the index (or key) and
// the element. It takes the body's break and continue.
func (r *rangeNode) iteration(s *state, mark int, index, elem any) flow {
	if err := s.b.spend(); err != nil {
		return s.fail(r.at, err)
	}
	r.setVars(s, mark, index, elem)
	inner := len(s.vars)
	f := s.list(r.list, elem)
	s.pop(inner)
	switch f {
	case brk, stop:
		return f
	}
	return next
}

func (r *rangeNode) setVars(s *state, mark int, index, elem any) {
	switch {
	case len(r.vars) == 0:
	case r.assign && len(r.vars) == 1:
		s.setVar(r.vars[0], elem) // the parser allows = only to a variable in scope
	case r.assign:
		s.setVar(r.vars[0], index)
		s.setVar(r.vars[1], elem)
	case len(r.vars) == 1:
		s.vars[mark].val = elem
	default:
		s.vars[mark].val, s.vars[mark+1].val = index, elem
	}
}

// sortedKeys orders a map's keys as text/template does for the kinds of
// keys template data has: numbers by value, strings and the rest by their
// printed form.
func sortedKeys(v reflect.Value) ([]reflect.Value, error) {
	keys := v.MapKeys()
	less, err := keyOrder(v.Type().Key())
	if err != nil {
		return nil, err
	}
	sort.Slice(keys, func(i, j int) bool { return less(keys[i], keys[j]) })
	return keys, nil
}
