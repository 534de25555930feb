package source

import (
	"strings"

	"github.com/tailor-email/tailor/schema"
)

// inputSchema is the part of the workspace's schema one profiles input
// is read with: each declared field under the name of its column (the
// input's fields: rename), every field optional and without a default,
// since an input gives only some of a profile's fields (the merged
// profile is held to the whole schema). A field the input types itself
// (types:) is left to it. Nil when nothing applies.
func inputSchema(s *schema.Schema, in Input) *schema.Schema {
	if s == nil {
		return nil
	}
	var fields []*schema.Field
	for _, f := range s.Fields {
		top, rest, _ := strings.Cut(f.Name, ".")
		if _, own := in.Types[top]; own {
			continue
		}
		col := top
		if c, ok := in.Fields[top]; ok {
			col = c
		}
		if strings.Contains(col, ".") && col != top {
			continue // a renamed column with a dot would nest
		}
		if rest != "" {
			col += "." + rest
		}
		fields = append(fields, &schema.Field{Name: col, Type: f.Type, Optional: true})
	}
	view, err := schema.New(fields)
	if err != nil || len(fields) == 0 {
		return nil
	}
	return view
}

// rename names a data error by its profile field rather than by the
// input's column (fields: renames), and returns its issue.
func (pl *profileLoader) rename(e *schema.Error, key string) Issue {
	col, rest, dotted := strings.Cut(e.Field, ".")
	if field := pl.fieldOf(col); field != col {
		e.Field, e.Key = field, field
		if dotted {
			e.Field += "." + rest
		}
		if len(e.Path) > 0 {
			e.Path[0] = field
		}
	}
	return Issue{Kind: BadValue, Source: e.Source, Line: e.Line, Col: e.Col, Key: key, Field: e.Field, Msg: e.Err.Error()}
}
