package render

import (
	"context"
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tailor-email/tailor/internal/jsonstr"
	"github.com/tailor-email/tailor/segment"
)

// TestSlotsRenderWherePrinted checks when a slot's module is rendered
// where the document prints it (in the HTML part and in the text part), and that the message is the same as
// text/template's (which gets the slot as a value) in every case: printed
// once, printed twice, tested in an if (where an empty module is false),
// passed to a function, and a module that gives the fast evaluator up.
func TestSlotsRenderWherePrinted(t *testing.T) {
	for _, tc := range []struct {
		name, doc, module string
		inline            bool
	}{
		{"printed", "<p>x</p>{{ .Slots.hero }}", "", true},
		{"printed twice", "{{ .Slots.hero }}<hr>{{ .Slots.hero }}", "", true},
		{"tested", "{{ if .Slots.hero }}<div>{{ .Slots.hero }}</div>{{ else }}<p>none</p>{{ end }}", "", false},
		{"tested, empty module", "{{ if .Slots.hero }}<div>{{ .Slots.hero }}</div>{{ else }}<p>none</p>{{ end }}", "{{ if .Profile.nope }}x{{ end }}", false},
		{"in a function", "<p>{{ .Slots.hero | len }}</p>{{ .Slots.hero }}", "", false},
		{"through a variable", "{{ $h := .Slots.hero }}{{ $h }}{{ .Slots.hero }}", "", false},
		{"module without a fast program", "<p>x</p>{{ .Slots.hero }}", "# {{ $n := .Profile.name }}{{ $n }}", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ws := smallWorkspace()
			ws["templates/hello.html"] = &fstest.MapFile{Data: []byte("---\nsubject: Hi\n---\n" + tc.doc + "\n")}
			if tc.module != "" {
				ws["modules/hero/default.md"] = &fstest.MapFile{Data: []byte("---\n---\n" + tc.module + "\n")}
			}
			fast := mustLoad(t, ws)
			slow := mustLoad(t, ws)
			ReferencePath(slow)
			if e := fast.email0(); e.inlineSlots != tc.inline || e.inlineTextSlots != tc.inline {
				t.Errorf("inlineSlots %v, inlineTextSlots %v, want %v", e.inlineSlots, e.inlineTextSlots, tc.inline)
			}
			// The second recipient gets modules/hero/vip.html, which is
			// rendered at load.
			for _, p := range []segment.Profile{
				{"id": "a", "name": "Zoë", "tags": []any{"a", "b"}},
				{"id": "b", "name": "Max", "spent": 150.0},
			} {
				req := Request{Email: "hello", Profile: p}
				want, err := slow.Render(context.Background(), req)
				if err != nil {
					t.Fatal(err)
				}
				if p["id"] == "b" && !strings.Contains(want.HTML, "big spender") {
					t.Fatalf("the big spender did not get the module rendered at load:\n%s", want.HTML)
				}
				for _, c := range []*Campaign{fast, slow} {
					m, err := c.Render(context.Background(), req)
					if err != nil {
						t.Fatal(err)
					}
					if m.HTML != want.HTML || m.Text != want.Text {
						t.Errorf("%v, fast %v:\n%s\nwant\n%s", p["id"], c == fast, m.HTML, want.HTML)
					}
					var buf []byte
					if _, err := c.Render(context.Background(), Request{Email: req.Email, Profile: p, HTMLJSON: &buf}); err != nil {
						t.Fatal(err)
					}
					if got, w := string(buf), string(jsonstr.Append(nil, want.HTML)); got != w {
						t.Errorf("%v, fast %v, JSON:\n%s\nwant\n%s", p["id"], c == fast, got, w)
					}
				}
			}
		})
	}
}

// TestSlotBoundsInline checks that a slot rendered where it is printed
// counts toward the document's size bound.
func TestSlotBoundsInline(t *testing.T) {
	ws := smallWorkspace()
	ws["tailor.yaml"] = &fstest.MapFile{Data: []byte("name: t\nfrom: \"T <t@example.com>\"\nnow: \"2026-01-01T00:00:00Z\"\nlimits: {timeout: 300ms, max_bytes: 4096}\n")}
	ws["modules/hero/default.md"] = &fstest.MapFile{Data: []byte("---\n---\n{{ range .Profile.items }}<p>padding padding padding {{ . }}</p>{{ end }}\n")}
	c := mustLoad(t, ws)
	if !c.email0().inlineSlots {
		t.Fatal("the slot is not rendered where it is printed")
	}
	items := make([]any, 200)
	for i := range items {
		items[i] = i
	}
	_, err := c.Render(context.Background(), Request{Email: "hello", Profile: segment.Profile{"id": "a", "items": items}})
	if !errors.Is(err, ErrTooLarge) {
		t.Errorf("err = %v, want ErrTooLarge", err)
	}
}

// TestSlotErrorNamesTheModule checks that a module failing where the
// document prints it is reported at the module's file, line and column,
// on the fast path and on text/template.
func TestSlotErrorNamesTheModule(t *testing.T) {
	ws := smallWorkspace()
	ws["modules/hero/default.md"] = &fstest.MapFile{Data: []byte("---\n---\nPrice: {{ money .Profile.price }}\n")}
	fast := mustLoad(t, ws)
	slow := mustLoad(t, ws)
	ReferencePath(slow)
	for _, c := range []*Campaign{fast, slow} {
		_, err := c.Render(context.Background(), Request{Email: "hello", Profile: segment.Profile{"id": "a", "price": "abc"}})
		if err == nil || !strings.HasPrefix(err.Error(), "modules/hero/default.md:3:") {
			t.Errorf("fast %v: err = %v, want it at modules/hero/default.md:3:", c == fast, err)
		}
	}
}

// TestModulePrintingSlotsSeesNone checks that a module printing .Slots
// (its own slot, even) sees none, as when modules were rendered before the
// document, instead of recursing until the stack overflows.
func TestModulePrintingSlotsSeesNone(t *testing.T) {
	ws := smallWorkspace()
	delete(ws, "modules/hero/default.md")
	ws["modules/hero/default.html"] = &fstest.MapFile{Data: []byte("---\n---\n<div>{{ .Slots.hero }}</div>")}
	fast := mustLoad(t, ws)
	slow := mustLoad(t, ws)
	ReferencePath(slow)
	for _, c := range []*Campaign{fast, slow} {
		m, err := c.Render(context.Background(), Request{Email: "hello", Profile: segment.Profile{"id": "a"}})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(m.HTML, "<div></div>") {
			t.Errorf("fast %v: the module's slot is not empty:\n%s", c == fast, m.HTML)
		}
	}
}
