package render_test

import (
	"strings"
	"testing"

	_ "github.com/tailor-email/tailor/internal/goldentest" // defines -update: go test ./... -update runs here too
	"github.com/tailor-email/tailor/segment"
)

// TestAMPMustacheFromDataIsDropped: a module whose braces meet around a
// recipient's value writes amp-mustache syntax only when the value is
// empty: {{name}} or a lone {{ that no template wrote. That recipient's
// AMP part is left out with the reason, and the HTML part still goes;
// a recipient with a value keeps the AMP part.
func TestAMPMustacheFromDataIsDropped(t *testing.T) {
	tests := []struct {
		name, body, reason string
	}{
		{"a tag", "<p>{ {{- .Profile.first_name -}} {name}}</p>", `amp-mustache syntax no template wrote: "{{name}}"`},
		{"an unmatched {{", "<p>{ {{- .Profile.first_name -}} {</p>", "unmatched {{"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := ampWorkspace(map[string]string{"modules/main/glue.html": "---\nwhen: kind == \"glue\"\n---\n" + tt.body})
			m := renderMail(t, fsys, segment.Profile{"kind": "glue"})
			if m.AMP != "" || !strings.Contains(m.AMPDropped, tt.reason) {
				t.Errorf("AMP part kept or dropped for another reason (%q):\n%s", m.AMPDropped, m.AMP)
			}
			if !strings.Contains(m.HTML, "{") {
				t.Errorf("the HTML part lacks the module:\n%s", m.HTML)
			}
			m = renderMail(t, fsys, segment.Profile{"kind": "glue", "first_name": "Ana"})
			if m.AMPDropped != "" || !strings.Contains(m.AMP, "{Ana{") {
				t.Errorf("with a first name the AMP part is dropped (%q) or lacks it:\n%s", m.AMPDropped, m.AMP)
			}
		})
	}
}
