package serve

import (
	"encoding/json"

	"github.com/tailor-email/tailor/recipients"
	"github.com/tailor-email/tailor/schema"
)

// quickRequest is a request body that takes its fields from a decoded
// JSON object (recipients.DecodeObject), the fast path of decodeFor. It
// reports false, and is left as it was, unless every key is one of its
// fields, spelled as its json tag, with a value of the field's type:
// decodeStrict then decodes the body, which gives the same request, or
// the error.
type quickRequest interface {
	fromObject(m map[string]any) bool
}

// decodeQuick decodes body into req through the fast path, when req has
// one and the body takes it. With root, the top-level fields of the
// workspace's schema, a single render's profile is typed in the same pass
// when it fits (recipients.DecodeMemberTyped), as tailor render types what
// it reads, and req.typed says so; else it is typed later (typeProfile).
func decodeQuick(body []byte, req any, root *schema.Field) bool {
	q, ok := req.(quickRequest)
	if !ok {
		return false
	}
	if r, single := req.(*RenderRequest); single && root != nil {
		if m, ok := recipients.DecodeMemberTyped(body, "profile", root); ok && r.fromObject(m) {
			r.typed = true
			return true
		}
	}
	m, ok := recipients.DecodeObject(body)
	return ok && q.fromObject(m)
}

func (r *RenderRequest) fromObject(m map[string]any) bool {
	var q RenderRequest
	for k, v := range m {
		var ok bool
		switch k {
		case "template":
			q.Template, ok = v.(string)
		case "profile":
			q.Profile, ok = v.(map[string]any)
		case "now":
			q.Now, ok = v.(string)
		case "format":
			q.Format, ok = v.(string)
		case "record":
			q.Record, ok = v.(bool)
		}
		if !ok {
			return false
		}
	}
	*r = q
	return true
}

func (r *BatchRequest) fromObject(m map[string]any) bool {
	var q BatchRequest
	for k, v := range m {
		var ok bool
		switch k {
		case "template":
			q.Template, ok = v.(string)
		case "profiles":
			if q.decoded, ok = v.([]any); ok {
				// counted and ranged over as decodeStrict's are
				q.Profiles = make([]json.RawMessage, len(q.decoded))
			}
		case "now":
			q.Now, ok = v.(string)
		case "record":
			q.Record, ok = v.(bool)
		}
		if !ok {
			return false
		}
	}
	*r = q
	return true
}
