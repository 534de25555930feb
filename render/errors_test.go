package render

import (
	"context"
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tailor-email/tailor/segment"
)

// TestErrorsAsReference checks that the executor fails where html/template
// fails, with an error of the same kind that names the workspace file: an
// output past the size bound, and a template error.
func TestErrorsAsReference(t *testing.T) {
	many := make([]any, 20000)
	for i := range many {
		many[i] = i
	}
	for _, tc := range []struct{ body, msg string }{
		{"{{ range .Profile.items }}<p>padding padding padding</p>{{ end }}", "templates/hello.html:4:1: output too large: more than 65536 bytes"},
		{"{{ range .Profile.items }}<p>{{ . }}</p>{{ end }}", "templates/hello.html:4:30: output too large: more than 65536 bytes"},
		{"<p>{{ len .Profile.missing }}</p>", "templates/hello.html:4:4: at <len .Profile.missing>: error calling len: len of nil pointer"},
		{"<p>{{ money .Profile.items }}</p>", "templates/hello.html:4:4: at <money .Profile.items>: error calling money"},
	} {
		ws := smallWorkspace()
		ws["templates/hello.html"] = &fstest.MapFile{Data: []byte("---\nsubject: Hi\n---\n" + tc.body + "{{ .Slots.hero }}\n")}
		exec := mustLoad(t, ws)
		ref := mustLoad(t, ws)
		ReferencePath(ref)
		req := Request{Email: "hello", Profile: segment.Profile{"id": "a", "items": many}}
		_, err := exec.Render(context.Background(), req)
		_, errRef := ref.Render(context.Background(), req)
		if err == nil || errRef == nil || !strings.Contains(err.Error(), tc.msg) {
			t.Errorf("%s:\nexecutor:  %v\nreference: %v\nwant %q", tc.body, err, errRef, tc.msg)
		}
		if errors.Is(errRef, ErrTooLarge) != errors.Is(err, ErrTooLarge) {
			t.Errorf("%s: executor %v, reference %v: not the same kind", tc.body, err, errRef)
		}
	}
}

// TestMissingAtAnyDepth checks tailor's one departure from html/template:
// a field of a missing value is missing too, and prints nothing.
func TestMissingAtAnyDepth(t *testing.T) {
	ws := smallWorkspace()
	ws["templates/hello.html"] = &fstest.MapFile{Data: []byte("---\nsubject: Hi {{ .Profile.a.b.c }}!\n---\n<p>[{{ .Profile.missing.deeper }}]</p>{{ .Slots.hero }}\n")}
	m, err := mustLoad(t, ws).Render(context.Background(), Request{Email: "hello", Profile: segment.Profile{"id": "a"}})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(m.HTML, "<p>[]</p>") || m.Subject != "Hi !" {
		t.Errorf("subject %q, html:\n%s", m.Subject, m.HTML)
	}
}

func (c *Campaign) email0() *email { return c.emails[0] }
