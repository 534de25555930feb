package render

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"testing/fstest"

	"github.com/tailor-email/tailor/segment"
)

// TestFastBoundsAndErrorsSameAsTextTemplate checks that the fast
// evaluator fails where text/template fails, with the same error: an
// output past the size bound, and a template error with its position.
func TestFastBoundsAndErrorsSameAsTextTemplate(t *testing.T) {
	many := make([]any, 20000)
	for i := range many {
		many[i] = i
	}
	for _, body := range []string{
		"{{ range .Profile.items }}<p>padding padding padding</p>{{ end }}",
		"{{ range .Profile.items }}<p>{{ . }}</p>{{ end }}",
		"<p>{{ len .Profile.missing }}</p>",
		"<p>{{ .Profile.missing.deeper }}</p>",
		"<p>{{ money .Profile.items }}</p>",
	} {
		ws := workspace()
		ws["templates/hello.html"] = &fstest.MapFile{Data: []byte("---\nsubject: Hi\n---\n" + body + "{{ .Slots.hero }}\n")}
		fast := mustLoad(t, ws)
		slow := mustLoad(t, ws)
		DropPrograms(slow)
		if fast.progs.program(fast.email0().doc.html.Tree) == nil {
			t.Errorf("%s: no fast program", body)
		}
		req := Request{Email: "hello", Profile: segment.Profile{"id": "a", "items": many}}
		_, errFast := fast.Render(context.Background(), req)
		_, errSlow := slow.Render(context.Background(), req)
		if errFast == nil || fmt.Sprint(errFast) != fmt.Sprint(errSlow) {
			t.Errorf("%s:\nfast: %v\nslow: %v", body, errFast, errSlow)
		}
		if errors.Is(errSlow, ErrTooLarge) != errors.Is(errFast, ErrTooLarge) {
			t.Errorf("%s: fast %v, slow %v: not the same kind", body, errFast, errSlow)
		}
	}
}

func (c *Campaign) email0() *email { return c.emails[0] }
