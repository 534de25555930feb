package recipients

import "github.com/tailor-email/tailor/schema"

// DecodeMemberTyped is DecodeObject for a document whose top-level member
// named member is a profile (the render API's {"profile": {…}}): that
// member's object is decoded typed by the schema whose top-level fields
// are root, in the same pass, as a JSONL record read with a schema is. It
// gives what DecodeObject and then schema.Apply on the member would. ok
// is false for anything DecodeObject does not take and for a profile that
// does not fit the schema (see decodeTyped): the caller then decodes with
// DecodeObject and Apply, which names each problem.
func DecodeMemberTyped(b []byte, member string, root *schema.Field) (map[string]any, bool) {
	d := decoder{b: string(b)} // one copy: every string is a part of it
	d.space()
	if !d.next('{') {
		return nil, false
	}
	m := make(map[string]any)
	d.space()
	if d.next('}') {
		d.space()
		return m, d.i == len(d.b)
	}
	for {
		d.space()
		k, ok := d.string()
		if !ok {
			return nil, false
		}
		d.space()
		if !d.next(':') {
			return nil, false
		}
		d.space()
		var v any
		if k == member && d.next('{') {
			v, ok = d.typedObject(1, root)
		} else {
			v, ok = d.value(0)
		}
		if !ok {
			return nil, false
		}
		m[k] = v
		d.space()
		if d.next('}') {
			d.space()
			return m, d.i == len(d.b)
		}
		if !d.next(',') {
			return nil, false
		}
	}
}
