package source

import (
	"reflect"
)

// store holds the merged recipients compactly: one slice of values per
// recipient, indexed by field, rather than a map each.
type store struct {
	fieldIx    map[string]int
	fields     []string
	index      map[string]int32 // normalized key -> recipient
	recs       []record
	mostRecent bool
}

// record is one recipient being merged.
type record struct {
	key  string
	vals []any   // by field index; nil is unset
	ts   []int64 // most_recent: the timestamp each value came with
	seen int32   // 1 + index of the last input that gave a row for it
}

// newStore returns an empty store.
func newStore(mostRecent bool) *store {
	return &store{fieldIx: map[string]int{}, index: map[string]int32{}, mostRecent: mostRecent}
}

// field returns the index of a field name, adding it when new.
func (s *store) field(name string) int {
	if i, ok := s.fieldIx[name]; ok {
		return i
	}
	s.fieldIx[name] = len(s.fields)
	s.fields = append(s.fields, name)
	return len(s.fields) - 1
}

// upsert returns the recipient for key, creating it when new, and whether
// the given input already gave it a row (a duplicate).
func (s *store) upsert(key string, input int) (*record, bool) {
	i, ok := s.index[key]
	if !ok {
		i = int32(len(s.recs))
		s.index[key] = i
		s.recs = append(s.recs, record{key: key})
	}
	r := &s.recs[i]
	dup := r.seen == int32(input+1)
	r.seen = int32(input + 1)
	return r, dup
}

// set merges one value into a recipient. It reports a conflict (the
// field already had a different value) and whether the new value won.
func (s *store) set(r *record, f int, v any, ts int64) (conflict, won bool) {
	if f >= len(r.vals) {
		r.vals = append(r.vals, make([]any, f+1-len(r.vals))...)
		if s.mostRecent {
			r.ts = append(r.ts, make([]int64, f+1-len(r.ts))...)
		}
	}
	old := r.vals[f]
	switch {
	case old == nil:
		won = true
	case equal(old, v):
		if s.mostRecent && ts > r.ts[f] {
			r.ts[f] = ts
		}
		return false, false
	default:
		conflict = true
		won = s.mostRecent && ts > r.ts[f]
	}
	if won {
		r.vals[f] = v
		if s.mostRecent {
			r.ts[f] = ts
		}
	}
	return conflict, won
}

// equal compares two profile values.
func equal(a, b any) bool {
	switch x := a.(type) {
	case string:
		y, ok := b.(string)
		return ok && x == y
	case float64:
		y, ok := b.(float64)
		return ok && x == y
	case bool:
		y, ok := b.(bool)
		return ok && x == y
	}
	return reflect.DeepEqual(a, b)
}
