package render

import (
	"errors"
	htmltemplate "html/template"
	"testing"
	"testing/fstest"

	"github.com/tailor-email/tailor/internal/source"
)

// TestEscapeErrorsNameTheAction loads emails that html/template refuses
// to escape and requires the error to name the workspace file:line:col of
// the action its node is (the {{if}} whose branches disagree, the action
// in an ambiguous URL), read from the error's fields: not the end of the
// layout, where an error that names no place goes.
func TestEscapeErrorsNameTheAction(t *testing.T) {
	for _, tc := range []struct{ name, body, want string }{
		{"branches that end in different contexts",
			"<p>x</p>\n<p>{{ if .Profile.vip }}<a title=\"{{ end }}\">y</a></p>",
			"templates/hello.html:5:4: {{if}} branches end in different contexts"},
		{"an action in an ambiguous URL",
			"<p>x</p>\n<a href=\"{{ .Profile.url }}/x{{ range .Profile.xs }}?{{ end }}{{ .Profile.q }}\">a</a>",
			"templates/hello.html:5:63: {{.Profile.q}} appears in an ambiguous context within a URL"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ws := smallWorkspace()
			ws["templates/hello.html"] = &fstest.MapFile{Data: []byte("---\nsubject: Hi\n---\n" + tc.body + "{{ .Slots.hero }}\n")}
			_, err := Load(ws)
			var se *source.Error
			var te *htmltemplate.Error
			if !errors.As(err, &se) || !errors.As(err, &te) {
				t.Fatalf("err = %v, want a *source.Error wrapping html/template's *Error", err)
			}
			if got := se.Error(); len(got) < len(tc.want) || got[:len(tc.want)] != tc.want {
				t.Fatalf("err = %s\nwant it to start %s", got, tc.want)
			}
		})
	}
}
