package render

import (
	"context"
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tailor-email/tailor/segment"
)

// boundsWorkspace is a workspace whose subject is one value of the
// profile, written in one write, and whose body is the given template.
func boundsWorkspace(maxBytes, body string) fstest.MapFS {
	return fstest.MapFS{
		"tailor.yaml":                 {Data: []byte("name: t\nfrom: \"T <t@example.com>\"\nnow: \"2026-01-01T00:00:00Z\"\nlimits: {max_bytes: " + maxBytes + "}\n")},
		"templates/layouts/base.html": {Data: []byte("<html><body>{{ template \"content\" . }}</body></html>\n")},
		"templates/mail.html":         {Data: []byte("---\nsubject: \"{{ .Profile.s }}\"\n---\n" + body + "{{ .Slots.main }}\n")},
		"modules/main/plain.html":     {Data: []byte("---\n---\n<p>Hello</p>\n")},
	}
}

// TestMaxBytesHoldsForOneLargeWrite: a part is at most limits.max_bytes
// long, even when one write would take it past: a 1,001-byte subject
// under a 1,000-byte bound fails the recipient, a 1,000-byte one does not.
func TestMaxBytesHoldsForOneLargeWrite(t *testing.T) {
	c := mustLoad(t, boundsWorkspace("1000", "<p>Hi</p>"))
	for _, n := range []int{999, 1000} {
		m, err := c.Render(context.Background(), Request{Email: "mail", Profile: segment.Profile{"s": strings.Repeat("a", n)}})
		if err != nil || len(m.Subject) != n {
			t.Fatalf("a %d-byte subject under a 1000-byte bound: %v", n, err)
		}
	}
	for _, n := range []int{1001, 5000} {
		m, err := c.Render(context.Background(), Request{Email: "mail", Profile: segment.Profile{"s": strings.Repeat("a", n)}})
		if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "subject") {
			t.Errorf("a %d-byte subject under a 1000-byte bound: err = %v, a message: %v", n, err, m != nil)
		}
	}
}

// cancelOnPrint cancels a render's context when the template prints it,
// as a client closing its request in the middle of a render would.
type cancelOnPrint struct{ cancel context.CancelFunc }

func (c cancelOnPrint) String() string {
	c.cancel()
	return "x"
}

// TestCancelStopsALoopFreeRender: a render whose context ends while it
// writes stops with the context's error, although its template has no
// loop or call (no step) for the step budget to look at the context on.
func TestCancelStopsALoopFreeRender(t *testing.T) {
	body := "<p>{{ .Profile.cancel }}</p>" + strings.Repeat("<p>{{ .Profile.s }}</p>", 200)
	c := mustLoad(t, boundsWorkspace("65536", body))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	m, err := c.Render(ctx, Request{Email: "mail", Profile: segment.Profile{"s": "y", "cancel": cancelOnPrint{cancel}}})
	if ctx.Err() == nil {
		t.Fatal("the template did not print the value that cancels")
	}
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v after the context ended mid-render, want context.Canceled (message %v)", err, m != nil)
	}
}
