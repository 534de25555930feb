package render

import (
	"context"
	"errors"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/tailor-email/tailor/internal/jsonstr"
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

// testWriter is a bounded writer of a render whose budget has ctx, with
// room for any test's output.
func testWriter(ctx context.Context) *boundedWriter {
	w := &boundedWriter{max: 1 << 20}
	w.budget.Reset(ctx, 0, 1000, 0)
	return w
}

// writeKind makes the i-th write of a test with each of the writer's three
// ways of writing in turn.
func writeKind(w *boundedWriter, i int) error {
	var err error
	switch i % 3 {
	case 0:
		_, err = w.Write([]byte("<p>"))
	case 1:
		_, err = w.WriteString("x")
	default:
		json, _ := jsonstr.AppendContent(nil, "</p>")
		_, err = w.WriteText([]byte("</p>"), json)
	}
	return err
}

// TestWriterFailsTheFirstWriteOfAnEndedRender: a render whose context has
// ended or whose deadline has passed before it writes fails its first
// write, whichever way it writes, with the context's error or ErrTimeout.
func TestWriterFailsTheFirstWriteOfAnEndedRender(t *testing.T) {
	canceled, cancel := context.WithCancel(context.Background())
	cancel()
	past, cancelPast := context.WithDeadline(context.Background(), time.Now().Add(-time.Hour))
	defer cancelPast()
	for _, c := range []struct {
		name string
		ctx  context.Context
		want error
	}{{"canceled", canceled, context.Canceled}, {"past its deadline", past, ErrTimeout}} {
		for kind := range 3 {
			w := testWriter(c.ctx)
			if err := writeKind(w, kind); !errors.Is(err, c.want) {
				t.Errorf("%s: the first write (kind %d): err = %v, want %v", c.name, kind, err, c.want)
			}
			if len(w.buf) != 0 {
				t.Errorf("%s: the failed write wrote %q", c.name, w.buf)
			}
		}
	}
}

// TestWriterStopsWithinClockEveryWrites: whenever the render's context
// ends, at most clockEvery-1 writes after it succeed and the next fails
// with the context's error: the render stops within a bounded amount of
// output, a template without loops or calls included.
func TestWriterStopsWithinClockEveryWrites(t *testing.T) {
	for before := 1; before <= 3*clockEvery; before++ {
		ctx, cancel := context.WithCancel(context.Background())
		w := testWriter(ctx)
		for i := range before {
			if err := writeKind(w, i); err != nil {
				t.Fatalf("write %d of a live render: %v", i+1, err)
			}
		}
		cancel()
		after := 0
		var err error
		for after < clockEvery && err == nil {
			err = writeKind(w, before+after)
			after++
		}
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("canceled after %d writes: the %d writes after it gave %v, want context.Canceled by the last", before, after, err)
		}
	}
}
