package shop_test

import (
	"context"
	"maps"
	"strings"
	"testing"

	"github.com/tailor-email/tailor/examples/shop"
	"github.com/tailor-email/tailor/golden"
	"github.com/tailor-email/tailor/inline"
	"github.com/tailor-email/tailor/internal/goldentest"
	"github.com/tailor-email/tailor/recipients"
	"github.com/tailor-email/tailor/render"
	"github.com/tailor-email/tailor/workspace"
)

func load(t testing.TB, opts ...render.Option) *render.Campaign {
	t.Helper()
	c, err := render.Load(shop.FS(), opts...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func fixtures(t testing.TB) []recipients.Record {
	t.Helper()
	recs, err := recipients.Fixtures(shop.FS())
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// TestGoldens renders every email for every fixture and compares each
// part with testdata/golden. Run "go test ./examples/shop -update" to
// accept a change, and review the diff before committing it.
func TestGoldens(t *testing.T) {
	c := load(t)
	cases, files, err := golden.Render(context.Background(), c, shop.FS())
	if err != nil {
		t.Fatal(err)
	}
	cases, err = golden.Compare(".", cases, files, goldentest.Update())
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range cases {
		switch {
		case k.Status == golden.Failed:
			t.Errorf("%s: %v", k.Path, k.Err)
		case k.Status != golden.Same && goldentest.Update():
			t.Logf("%s: %s, updated", k.Path, k.Status)
		case k.Status == golden.Missing:
			t.Errorf("%s: missing (run go test -update)", k.Path)
		case k.Status == golden.Changed:
			t.Errorf("%s differs from its golden:\n%s", k.Path, k.Diff)
		}
	}
}

// TestDecisionMatrix pins the example's decision matrix: which segment
// each fixture lands in and which module fills the hero slot.
func TestDecisionMatrix(t *testing.T) {
	c := load(t)
	want := map[string]struct{ segment, hero string }{
		"c-1001": {"recent_purchaser", "hero/new-arrivals"},
		"c-1002": {"abandoned_cart", "hero/cart"},
		"c-1003": {"loyal", "hero/loyalty"},
		"c-1004": {"high_value", "hero/premium"},
		"c-1005": {"dormant", "hero/winback"},
		"c-1006": {"", "hero/welcome-bold"}, // in no segment: the fallback slot's experiment arm
	}
	for _, r := range fixtures(t) {
		m, err := c.Render(context.Background(), render.Request{Email: "newsletter", Profile: r.Profile})
		if err != nil {
			t.Fatalf("%s: %v", r.Where(), err)
		}
		w, ok := want[m.ID]
		if !ok {
			continue
		}
		if got := m.Modules["hero"]; got != w.hero {
			t.Errorf("%s: hero = %s, want %s (segments %v)", m.ID, got, w.hero, m.Segments)
		}
		if w.segment == "" && len(m.Segments) != 0 {
			t.Errorf("%s: segments %v, want none", m.ID, m.Segments)
		}
		if w.segment != "" && !contains(m.Segments, w.segment) {
			t.Errorf("%s: segments %v, want %s among them", m.ID, m.Segments, w.segment)
		}
	}
}

// TestInlineOnceMatchesNaive proves the engine's promise: inlining CSS
// into the compiled templates once gives the same HTML as rendering each
// recipient and then inlining their document.
func TestInlineOnceMatchesNaive(t *testing.T) {
	engine, naive := load(t), load(t, render.WithoutInlining())
	recs := fixtures(t)
	// Data with every character the two paths could escape differently.
	for i, name := range []string{`O'Brien + Co`, `"Quotes" & <tags>`, "Zoë Ünïcode", `a+b=c's`} {
		p := maps.Clone(recs[i%len(recs)].Profile)
		p["first_name"] = name
		recs = append(recs, recipients.Record{Profile: p, Source: "synthetic", Line: i + 1})
	}
	for _, email := range engine.Emails() {
		for _, r := range recs {
			req := render.Request{Email: email, Profile: r.Profile}
			got, err := engine.Render(context.Background(), req)
			if err != nil {
				t.Fatalf("%s: %v", r.Where(), err)
			}
			n, err := naive.Render(context.Background(), req)
			if err != nil {
				t.Fatalf("%s: %v", r.Where(), err)
			}
			want, err := inline.Document(n.HTML)
			if err != nil {
				t.Fatalf("%s: inlining: %v", r.Where(), err)
			}
			if got.HTML != want {
				t.Errorf("%s %s: inline-once HTML differs from render-then-inline:\n%s", email, got.ID, firstDiff(got.HTML, want))
			}
		}
	}
}

func firstDiff(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	lo := max(i-120, 0)
	return "engine: …" + clip(a[lo:], 240) + "\nnaive:  …" + clip(b[lo:], 240)
}

func clip(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// BenchmarkRender compares, in one run, the engine (CSS inlined once at
// load) with the naive path (render, then inline each recipient's
// document), over the example's fixtures; engine-typed renders the
// fixtures typed by the example's schema.yaml, as tailor render reads
// them (times are times: rules and templates parse nothing).
func BenchmarkRender(b *testing.B) {
	recs := fixtures(b)
	engine := func(recs []recipients.Record) func(b *testing.B) {
		return func(b *testing.B) {
			c := load(b)
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				r := recs[i%len(recs)]
				if _, err := c.Render(context.Background(), render.Request{Email: "newsletter", Profile: r.Profile}); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
	b.Run("engine", engine(recs))
	s, err := workspace.ReadSchema(shop.FS())
	if err != nil {
		b.Fatal(err)
	}
	typed, err := recipients.FixturesWith(shop.FS(), recipients.Options{Schema: s})
	if err != nil {
		b.Fatal(err)
	}
	b.Run("engine-typed", engine(typed))
	b.Run("naive", func(b *testing.B) {
		c := load(b, render.WithoutInlining())
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			r := recs[i%len(recs)]
			m, err := c.Render(context.Background(), render.Request{Email: "newsletter", Profile: r.Profile})
			if err != nil {
				b.Fatal(err)
			}
			if _, err := inline.Document(m.HTML); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestInlinedOutputKeepsEmailCSS checks, on the example's real output, what
// the inliner must keep or add for email clients.
func TestInlinedOutputKeepsEmailCSS(t *testing.T) {
	c := load(t)
	m, err := c.Render(context.Background(), render.Request{Email: "newsletter", Profile: fixtures(t)[1].Profile})
	if err != nil {
		t.Fatal(err)
	}
	head, _, _ := strings.Cut(m.HTML, "</head>")
	for _, want := range []string{
		"@import url(", "@font-face", "@media only screen and (max-width: 599px)",
		"@media (prefers-color-scheme: dark)", "[data-ogsc] .hero h1", "u + .body .wrapper", "#MessageViewBody a",
	} {
		if !strings.Contains(head, want) {
			t.Errorf("the head <style> lost %q", want)
		}
	}
	for _, want := range []string{
		`class="container" width="600"`,          // the width attribute is kept
		`bgcolor="#111827"`,                      // a cell with a background colour gets bgcolor
		`text-decoration: none; color: #ffffff;`, // .button's !important colour beats .hero a
		"<!--[if mso]>\n<v:roundrect",            // Outlook's bulletproof button
	} {
		if !strings.Contains(m.HTML, want) {
			t.Errorf("output lacks %s", want)
		}
	}
}
