package serve

import (
	"github.com/tailor-email/tailor/internal/source"
	"github.com/tailor-email/tailor/render"
	"github.com/tailor-email/tailor/schema"
)

// requestSource names the request body in data errors.
const requestSource = "request"

// typeProfile types p, a profile decoded from body at path (its keys and
// indices in the body), by the campaign's schema, or by one inferred from
// p when it has none, as package recipients types what it reads. The
// values that do not fit are left out of p and returned, each at its
// request:line:col in the body (or with no place, when body is nil).
func typeProfile(c *render.Campaign, p map[string]any, body []byte, path []string, src string) []*schema.Error {
	s := c.Schema
	if s == nil {
		in := &schema.Inferrer{IDField: c.Config.IDField, AllOptional: true}
		in.Add(p, nil, false, src)
		got, err := in.Infer()
		if err != nil {
			return nil
		}
		s = got.Schema
	}
	errs := s.Apply(p)
	var lines *source.Lines
	for _, e := range errs {
		e.Source = src
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
