package workspace

import (
	"encoding/json"
	"testing"

	"github.com/tailor-email/tailor/segment"
)

// TestRecipientID: the ID field (its digits for a number), else the
// address trimmed and in lower case, else nothing; both fields as
// tailor.yaml names them.
func TestRecipientID(t *testing.T) {
	c := parse(t, "id_field: uid\nemail_field: mail\n")
	for _, tt := range []struct {
		p    segment.Profile
		want string
	}{
		{segment.Profile{"uid": "c-1", "mail": "x@example.com"}, "c-1"},
		{segment.Profile{"uid": json.Number("9007199254740993")}, "9007199254740993"},
		{segment.Profile{"uid": 1234567.0}, "1234567"},
		{segment.Profile{"uid": 1e300}, "1e+300"},
		{segment.Profile{"uid": true}, "true"},
		{segment.Profile{"mail": "  Ann@Example.COM "}, "ann@example.com"},
		{segment.Profile{"id": "ignored", "email": "ignored@example.com"}, ""},
		{segment.Profile{"uid": nil, "mail": 7}, ""},
	} {
		if got := c.RecipientID(tt.p); got != tt.want {
			t.Errorf("RecipientID(%v) = %q, want %q", tt.p, got, tt.want)
		}
	}
}
