package serve

import (
	"github.com/tailor-email/tailor/internal/source"
	"github.com/tailor-email/tailor/render"
	"github.com/tailor-email/tailor/schema"
	"github.com/tailor-email/tailor/serve/ingest"
)

// requestSource names the request body in data errors.
const requestSource = "request"

// typeProfile types p, a profile decoded from body at path (its keys and
// indices in the body), by the campaign's schema, or by one inferred from
// p when it has none, as package recipients types what it reads. The
// values that do not fit are left out of p and returned, each at its
// request:line:col in the body (or with no place, when body is nil).
func typeProfile(c *render.Campaign, p map[string]any, body []byte, path []string, src string) []*schema.Error {
	errs := ingest.Type(c, p, src)
	var lines *source.Lines
	for _, e := range errs {
		if body == nil {
			continue
		}
		if lines == nil {
			lines = source.NewLines(string(body))
		}
		off, _ := schema.Locate(body, append(append([]string(nil), path...), e.Path...))
		e.Line, e.Col = lines.LineCol(off)
	}
	return errs
}
