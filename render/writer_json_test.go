package render

import (
	"context"
	"strings"
	"testing"

	"github.com/tailor-email/tailor/internal/jsonstr"
	"github.com/tailor-email/tailor/segment"
)

// TestHTMLJSONOfTemplateTextNotUTF8: text the template itself holds (here
// made at load from a constant, in the document and in a module rendered
// at load) that is not valid UTF-8 has no JSON form: with
// Request.HTMLJSON nothing is appended and Message.HTML holds the part,
// as for a value that is not. The same templates with valid UTF-8 append
// the HTML's JSON form and leave Message.HTML empty.
func TestHTMLJSONOfTemplateTextNotUTF8(t *testing.T) {
	for _, c := range []struct {
		name, body, module string
		valid              bool
	}{
		{"document", `<p>{{ "a\xffb" }}</p>`, "<p>Hello</p>", false},
		{"module", "<p>Hi</p>", `<p>{{ "a\xffb" }}</p>`, false},
		{"document, valid", `<p>{{ "a\xc3\xa9b" }}</p>`, "<p>Hello</p>", true},
		{"module, valid", "<p>Hi</p>", `<p>{{ "a\xc3\xa9b" }}</p>`, true},
	} {
		ws := boundsWorkspace("65536", c.body)
		ws["modules/main/plain.html"].Data = []byte("---\n---\n" + c.module + "\n")
		camp := mustLoad(t, ws)
		req := Request{Email: "mail", Profile: segment.Profile{"s": "subject"}}
		plain, err := camp.Render(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		if want := map[bool]string{false: "a\xffb", true: "aéb"}[c.valid]; !strings.Contains(plain.HTML, want) {
			t.Fatalf("%s: the HTML %q does not hold %q", c.name, plain.HTML, want)
		}
		buf := []byte("before ")
		req.HTMLJSON = &buf
		m, err := camp.Render(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		want, wantHTML := "before ", plain.HTML
		if c.valid {
			want, wantHTML = want+string(jsonstr.Append(nil, plain.HTML)), ""
		}
		if string(buf) != want || m.HTML != wantHTML {
			t.Errorf("%s: with HTMLJSON appended %q (want %q), HTML %q (want %q)", c.name, buf, want, m.HTML, wantHTML)
		}
	}
}
