package serve

import (
	"encoding/json"

	"github.com/tailor-email/tailor/recipients"
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
// one and the body takes it.
func decodeQuick(body []byte, req any) bool {
	q, ok := req.(quickRequest)
	if !ok {
		return false
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
