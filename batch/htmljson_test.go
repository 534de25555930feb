package batch

import (
	"bytes"
	"context"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/tailor-email/tailor/internal/jsonstr"
	"github.com/tailor-email/tailor/render"
)

// jsonFake renders as fake does; asked for the HTML's JSON form, it
// appends it (marked, so the line shows which form it holds) and leaves
// Message.HTML empty, as the engine does.
type jsonFake struct{ asked atomic.Int64 }

func (f *jsonFake) Render(ctx context.Context, req render.Request) (*render.Message, error) {
	m, err := fake{}.Render(ctx, req)
	if err != nil || req.HTMLJSON == nil {
		return m, err
	}
	f.asked.Add(1)
	*req.HTMLJSON = jsonstr.Append(*req.HTMLJSON, "json form of "+m.HTML)
	m.HTML = ""
	return m, nil
}

// TestJSONLSinksTakeTheHTMLsJSONForm: the JSONL sinks ask the renderer for
// the HTML's JSON form and write it as the html field; the files and eml
// sinks, which need the HTML itself, do not ask.
func TestJSONLSinksTakeTheHTMLsJSONForm(t *testing.T) {
	opts := Options{Emails: []string{"e1"}, Workers: 3, IDOf: idOf}
	var out bytes.Buffer
	stdout := &jsonFake{}
	if _, err := Run(context.Background(), stdout, records(50, nil), opts, JSONL(&out)); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	jsonl := &jsonFake{}
	sink, err := Dir(dir, "jsonl", false)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Run(context.Background(), jsonl, records(50, nil), opts, sink); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		f    *jsonFake
	}{{"JSONL", stdout}, {"Dir jsonl", jsonl}} {
		if n := tt.f.asked.Load(); n != 50 {
			t.Errorf("%s: the renderer was asked for the JSON form %d times, want 50", tt.name, n)
		}
	}
	for i, l := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		if want := `"html":"json form of <p>r00`; !strings.Contains(l, want) {
			t.Fatalf("line %d: %s, want %s", i, l, want)
		}
	}
	for _, format := range []string{"files", "eml"} {
		f := &jsonFake{}
		sink, err := Dir(t.TempDir(), format, false)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Run(context.Background(), f, records(20, nil), opts, sink); err != nil {
			t.Fatal(err)
		}
		if n := f.asked.Load(); n != 0 {
			t.Errorf("%s: the renderer was asked for the JSON form %d times, want 0", format, n)
		}
	}
}
