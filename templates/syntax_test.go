package templates

import (
	"errors"
	"testing"
	"testing/fstest"

	"github.com/tailor-email/tailor/internal/source"
)

// TestSyntaxErrorsNameTheBrokenAction loads an email whose body has one
// syntax error and requires the error to name file:line:col of the "{{"
// of the broken action, not of the first action on its line: the front
// matter takes lines 1 to 3, so the body starts on line 4.
func TestSyntaxErrorsNameTheBrokenAction(t *testing.T) {
	for _, tc := range []struct{ name, body, want string }{
		{"an unknown function after a good action",
			"<p>{{ .Profile.name }} and {{ .Profile.city | shout }}</p>\n",
			`templates/hello.html:4:28: function "shout" not defined`},
		{"an {{end}} too many, after a whole block",
			"<p>\n{{ if .Profile.vip }}VIP{{ end }} {{ end }}\n</p>\n",
			"templates/hello.html:5:35: unexpected {{end}}"},
		{"an action left open",
			"<p>{{ .Profile.name }} {{ .Profile.city </p>\n",
			`templates/hello.html:4:24: unexpected "<" in operand`},
		{"a string holding }} before the broken action",
			"<p>{{ \"}}\" }} {{ .Profile.name }} {{ break }}</p>\n",
			"templates/hello.html:4:35: {{break}} outside {{range}}"},
		{"columns count runes",
			"<p>é{{ .Profile.name }}—{{ .Profile.city \"x }}</p>\n",
			"templates/hello.html:4:25: unterminated quoted string"},
		{"an error on the action's last line",
			"<p>{{ .Profile.name }}\n{{ .Profile.city\n}}·{{ .Profile.zip) }}</p>\n",
			"templates/hello.html:6:4: unexpected right paren"},
		{"a block left open: the end of the file",
			"{{ if .Profile.vip }}\n<p>VIP</p>\n",
			"templates/hello.html:6:1: unexpected EOF"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ws := set()
			ws["templates/hello.html"] = &fstest.MapFile{Data: []byte("---\nsubject: Hi\n---\n" + tc.body)}
			_, err := Load(ws, Funcs(Defaults{}), 0)
			if err == nil || err.Error() != tc.want {
				t.Fatalf("err = %v\nwant %s", err, tc.want)
			}
			var se *source.Error
			if !errors.As(err, &se) || se.Err == nil {
				t.Fatalf("err = %#v, want a *source.Error wrapping the parser's", err)
			}
		})
	}
}
