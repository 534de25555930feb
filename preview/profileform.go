package preview

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/tailor-email/tailor/render"
	"github.com/tailor-email/tailor/schema"
	"github.com/tailor-email/tailor/segment"
)

// formField is one input of the profile form: a top-level field of the
// schema with a single value (text, number, yes/no, date or time).
type formField struct {
	Name, Type, Description string
	Value                   string
	Bool                    bool // shown as a yes / no / not set choice
	Required                bool
	Input                   string // the input's type attribute
}

// profileForm lists the schema's single-valued top-level fields with the
// profile's values, and the names of the fields left to the JSON editor.
func profileForm(c *render.Campaign, p segment.Profile) (fields []formField, rest []string) {
	if c.Schema == nil {
		return nil, nil
	}
	for _, f := range c.Schema.Fields {
		if strings.Contains(f.Name, ".") {
			continue
		}
		k := f.Type.Kind
		if k == schema.List || k == schema.Object {
			rest = append(rest, f.Name)
			continue
		}
		ff := formField{Name: f.Name, Type: f.Type.String(), Description: f.Description, Required: !f.Optional,
			Bool: k == schema.Bool, Input: "text", Value: formValue(p[f.Name])}
		switch k {
		case schema.Int, schema.Float, schema.Decimal:
			ff.Input = "number"
		case schema.String:
			if f.Name == c.Config.EmailField {
				ff.Input = "email"
			}
		}
		fields = append(fields, ff)
	}
	return fields, rest
}

// formValue writes a profile value as an input shows it.
func formValue(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case time.Time:
		return v.Format(time.RFC3339)
	case bool:
		return strconv.FormatBool(v)
	default:
		b, _ := json.Marshal(v)
		return strings.Trim(string(b), `"`)
	}
}

// formEdit applies the profile form: each of the form's fields replaces
// the profile's value (an empty one removes it), the fields the form does
// not show are kept, and the result is read and typed as a JSON edit.
func (s *Server) formEdit(w http.ResponseWriter, r *http.Request) {
	t, ok := s.postTarget(w, r)
	if !ok {
		return
	}
	c := t.b.Campaign
	fields, _ := profileForm(c, t.profile)
	p := maps.Clone(t.profile)
	for _, f := range fields {
		v := strings.TrimSpace(r.PostForm.Get("f:" + f.Name))
		switch {
		case v == "":
			delete(p, f.Name)
		case f.Input == "number":
			if _, err := strconv.ParseFloat(v, 64); err != nil {
				s.editFailed(w, r, t, http.StatusBadRequest, fmt.Errorf("%s: want a number, got %s", f.Name, strconvQuote(v)))
				return
			}
			p[f.Name] = json.Number(v)
		case f.Bool:
			p[f.Name] = v == "true"
		default:
			p[f.Name] = v
		}
	}
	src, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		s.editFailed(w, r, t, http.StatusBadRequest, fmt.Errorf("profile form: %w", err))
		return
	}
	r.PostForm.Set("profile", string(src))
	d, err := parseProfile(c, string(src))
	if err != nil {
		s.editFailed(w, r, t, http.StatusBadRequest, err)
		return
	}
	http.Redirect(w, r, t.fix.url(t.email, s.drafts.put(d)), http.StatusSeeOther)
}

// variantChange says how a profile's experiment variants change when its
// ID changes from old to id: "" when they do not.
func variantChange(c *render.Campaign, old, id string) string {
	var diff []string
	for _, x := range c.Config.Experiments {
		if a, b := x.Assign(old), x.Assign(id); a != b {
			diff = append(diff, fmt.Sprintf("%s is %s (was %s)", x.Name, b, a))
		}
	}
	return strings.Join(diff, ", ")
}

// savedNotice is the message after saving a fixture: where it went, and
// whether its experiment variants are the draft's.
func savedNotice(c *render.Campaign, file, from, id string) string {
	msg := "Saved as " + file + " with ID " + id + "."
	if from == "" || from == id {
		return msg + " Its experiment variants are the draft's."
	}
	if d := variantChange(c, from, id); d != "" {
		return msg + " Experiment variants follow the ID, so this fixture's differ from the draft's (" + from + "): " + d + "."
	}
	return msg + " Its experiment variants are the same as the draft's (" + from + ")."
}
