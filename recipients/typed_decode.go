package recipients

import (
	"encoding/json"

	"github.com/tailor-email/tailor/schema"
)

// decodeTyped decodes b, one JSON object, typed by the schema whose
// top-level fields are root, in one pass: each declared member is typed
// as it is read, the objects of object and list<object> fields with their
// own fields, and a field the object lacks gets its default. It gives the
// profile that decodeProfile and then Apply would, without Apply's walk.
// ok is false for anything it does not take (see decodeObject), for a
// value that does not fit, and for a missing one that may not be: the
// caller then decodes and types the record as before, which names each
// problem.
func decodeTyped(b []byte, id string, root *schema.Field) (map[string]any, bool) {
	d := decoder{b: string(b), id: id}
	d.space()
	if !d.next('{') {
		return nil, false
	}
	p, ok := d.typedObject(0, root)
	d.space()
	return p, ok && d.i == len(d.b)
}

// typedObject decodes the members of an object whose '{' is consumed,
// typing those that node declares.
func (d *decoder) typedObject(depth int, node *schema.Field) (map[string]any, bool) {
	m := make(map[string]any)
	var seen uint64 // bit i: node's field i was there
	d.space()
	if d.next('}') {
		return m, node.Complete(m, seen)
	}
	for {
		if !d.typedMember(m, depth, node, &seen) {
			return nil, false
		}
		d.space()
		if d.next('}') {
			return m, node.Complete(m, seen)
		}
		if !d.next(',') {
			return nil, false
		}
	}
}

// typedMember decodes one "key": value of an object into m, typed when
// node declares the key.
func (d *decoder) typedMember(m map[string]any, depth int, node *schema.Field, seen *uint64) bool {
	d.space()
	k, ok := d.string()
	if !ok {
		return false
	}
	d.space()
	if !d.next(':') {
		return false
	}
	d.space()
	id := depth == 0 && d.id != "" && k == d.id
	i, f := node.Child(k)
	if f == nil {
		start := d.i
		v, ok := d.value(depth)
		if _, num := v.(float64); num && id {
			v = json.Number(d.b[start:d.i])
		}
		m[k] = v
		return ok
	}
	if i < 64 {
		*seen |= 1 << i
	}
	v, ok := d.typedValue(depth, f, id)
	if v == nil {
		delete(m, k) // missing: of a repeated key, the last value is the one typed
	} else {
		m[k] = v
	}
	return ok
}

// typedValue decodes and types the value of the declared field f: nil
// when it is missing and to be left out. A number in the ID field (id)
// is typed from its text, as the reader keeps it.
func (d *decoder) typedValue(depth int, f *schema.Field, id bool) (any, bool) {
	if d.i == len(d.b) || depth >= maxDepth {
		return nil, false
	}
	switch t := f.Type; {
	case t.Kind == schema.Object && d.b[d.i] == '{':
		d.i++
		return d.typedObject(depth+1, f)
	case t.Kind == schema.List && t.Elem.Kind == schema.Object && d.b[d.i] == '[':
		d.i++
		return d.typedObjects(depth+1, f)
	}
	start := d.i
	v, ok := d.value(depth)
	if !ok {
		return nil, false
	}
	if _, num := v.(float64); num && id {
		v = json.Number(d.b[start:d.i])
	}
	return f.Fit(v)
}

// typedObjects decodes a list of objects whose '[' is consumed, each
// typed by f's fields; any element that is not an object is left to Apply.
func (d *decoder) typedObjects(depth int, f *schema.Field) ([]any, bool) {
	d.space()
	if d.next(']') {
		return []any{}, true
	}
	a := make([]any, 0, 4)
	for {
		d.space()
		if !d.next('{') || depth >= maxDepth {
			return nil, false
		}
		o, ok := d.typedObject(depth+1, f)
		if !ok {
			return nil, false
		}
		a = append(a, o)
		d.space()
		if d.next(']') {
			return a, true
		}
		if !d.next(',') {
			return nil, false
		}
	}
}
