package audience

import (
	"io"

	"github.com/tailor-email/tailor/schema"
)

// FieldsSection audits the recipients' profiles field by field against
// the schema they were typed by (schema.Audit): present, missing and
// invalid counts, values, and the first data errors of each field.
type FieldsSection struct{ audit *schema.Audit }

// Fields returns an empty FieldsSection. The schema is the first
// recipient's (a source's schema, given or inferred, is the same for all
// its recipients).
func Fields() *FieldsSection { return &FieldsSection{} }

// Add implements Section.
func (f *FieldsSection) Add(r Recipient) {
	if f.audit == nil {
		f.audit = schema.NewAudit(r.Schema)
	}
	f.audit.Add(r.Profile, r.DataErrors)
}

// Write implements Section.
func (f *FieldsSection) Write(w io.Writer) error {
	if f.audit == nil {
		return nil
	}
	return f.audit.Write(w)
}

// Errors is the number of data errors the recipients had.
func (f *FieldsSection) Errors() int {
	if f.audit == nil {
		return 0
	}
	return f.audit.Errors()
}
