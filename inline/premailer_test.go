package inline

import (
	"fmt"
	"strings"
	"testing"

	"github.com/andybalholm/cascadia"
	"github.com/vanng822/go-premailer/premailer"
)

// TestPremailerFaults pins each go-premailer fault that Document handles:
// go-premailer alone gets the case wrong, and Document gets it right. If
// go-premailer is fixed upstream, the first half fails and the handling
// can go.
func TestPremailerFaults(t *testing.T) {
	tests := []struct {
		name, css, body string
		want            string
	}{
		{"specificity: an attribute ranks like a class",
			`.y { color: blue; } [data-x] { color: red; }`, `<p class="y" data-x="">x</p>`,
			`<p class="y" data-x="" style="color: red;">`},
		{"specificity: a pseudo-class ranks like a class",
			`.x { color: blue; } p:first-child { color: red; }`, `<p class="x">x</p>`,
			`<p class="x" style="color: red;">`},
		{"stylesheet !important beats the style attribute",
			`p { color: red !important; }`, `<p style="color: blue">x</p>`,
			`<p style="color: red;">`},
		{"universal selector inlined",
			`* { margin: 0; }`, `<p>x</p>`,
			`<p style="margin: 0;">`},
		{"substring attribute selector inlined",
			`a[href*="shop"] { color: red; }`, `<a href="https://shop.test/">x</a>`,
			`<a href="https://shop.test/" style="color: red;">`},
		{"comma inside a selector",
			`[title="a,b"] { color: red; }`, `<p title="a,b">x</p>`,
			`<p title="a,b" style="color: red;">`},
		{":lang inlined",
			`p:lang(fr) { color: red; }`, `<p lang="fr">x</p>`,
			`<p lang="fr" style="color: red;">`},
		{"values verbatim",
			`p { background: url('a.png') no-repeat; font-family: Georgia,serif; }`, `<p>x</p>`,
			`<p style="background: url('a.png') no-repeat; font-family: Georgia,serif;">`},
		{"fallback declarations kept",
			`p { color: red; color: rgba(255,0,0,.5); }`, `<p>x</p>`,
			`<p style="color: red; color: rgba(255,0,0,.5);">`},
		{"width attribute kept",
			`td { width: 300px; }`, `<table><tr><td width="50%">x</td></tr></table>`,
			`<td width="50%" style="width: 300px;">`},
		{"bgcolor set",
			`td { background-color: #eee; }`, `<table><tr><td>x</td></tr></table>`,
			`<td style="background-color: #eee;" bgcolor="#eee">`},
		{"no !important added to the head CSS",
			`a:hover { color: red; }`, `<a>x</a>`,
			"<style>\na:hover { color: red; }\n</style>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := page(tt.css, tt.body)
			p, err := premailer.NewPremailerFromString(doc, premailer.NewOptions())
			if err != nil {
				t.Fatal(err)
			}
			alone, err := p.Transform()
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(alone, tt.want) {
				t.Errorf("go-premailer alone gets this right now:\n%s", alone)
			}
			got, err := Document(doc)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(got, tt.want) {
				t.Errorf("output lacks\n%s\n--- output:\n%s", tt.want, got)
			}
		})
	}
}

func TestPasses(t *testing.T) {
	tests := []struct {
		name string
		sels []string // in source order
		want string   // passes, strongest first, each weakest rule first
	}{
		{"one pass when go-premailer ranks alike", []string{"p", ".a", "td", ".b a", "#x"},
			"[p td .a .b a #x]"},
		{"a pseudo-class go-premailer ranks too low", []string{".a", "p:first-child"},
			"[p:first-child] [.a]"},
		{"attribute and class of equal specificity", []string{".a", "[b]", ".c"},
			"[[b] .c] [.a]"},
		{"none", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var rules []pending
			for i, s := range tt.sels {
				sel, err := cascadia.Parse(s)
				if err != nil {
					t.Fatal(err)
				}
				rules = append(rules, pending{sel: s, rank: premailerRank(s), spec: sel.Specificity(), order: i})
			}
			var parts []string
			for _, pass := range passes(rules) {
				var sels []string
				for _, r := range pass {
					sels = append(sels, r.sel)
				}
				parts = append(parts, fmt.Sprint(sels))
			}
			if got := strings.Join(parts, " "); got != tt.want {
				t.Errorf("passes = %s, want %s", got, tt.want)
			}
		})
	}
}

// TestManyPasses checks that CSS go-premailer would rank wrong at every
// step still comes out in cascade order, through marker selectors.
func TestManyPasses(t *testing.T) {
	var css, classes strings.Builder
	for i := range 2 * maxPasses {
		fmt.Fprintf(&css, ".c%d { color: c%d; } [data-a%d] { color: a%d; }\n", i, i, i, i)
		fmt.Fprintf(&classes, ` data-a%d=""`, i)
	}
	n := 2*maxPasses - 1
	body := fmt.Sprintf(`<p class="c0 c%d"%s>x</p>`, n, classes.String())
	got, err := Document(page(css.String(), body))
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf(`style="color: a%d;"`, n)
	if !strings.Contains(got, want) || strings.Contains(got, "tailor-inline") {
		t.Errorf("output lacks %s or keeps a marker:\n%s", want, got)
	}
}

func TestPremailerTakes(t *testing.T) {
	tests := []struct {
		sel  string
		want bool
	}{
		{"td.cell", true},
		{".a > b + c ~ d", true},
		{`a[href^="https"]`, true},
		{"p:first-child", true},
		{"*", false},
		{".a *", false},
		{`a[href*="x"]`, false},
		{`[title="a,b"]`, false},
		{"p:lang(en)", false},
		{"input:disabled", false},
		{"a:hover", false},
		{`.sm\:hidden`, false},
	}
	for _, tt := range tests {
		if got := premailerTakes(tt.sel); got != tt.want {
			t.Errorf("premailerTakes(%q) = %v, want %v", tt.sel, got, tt.want)
		}
		if tt.want != premailerInlines(t, tt.sel) {
			t.Errorf("go-premailer itself inlines %q: %v", tt.sel, !tt.want)
		}
	}
}

// premailerInlines reports whether go-premailer alone inlines a rule on
// sel rather than leaving it over in a <style>. Selectors it cannot
// take for a reason of its own (splitting on a comma, an escape the
// CSS tokenizer reads differently) count as not inlined.
func premailerInlines(t *testing.T, sel string) bool {
	t.Helper()
	doc := `<html><head><style>` + sel + ` { color: red }</style></head><body><p>x</p></body></html>`
	p, err := premailer.NewPremailerFromString(doc, premailer.NewOptions())
	if err != nil {
		t.Fatal(err)
	}
	out, err := p.Transform()
	if err != nil {
		t.Fatal(err)
	}
	return !strings.Contains(out, "<style") && !strings.ContainsAny(sel, ",\\")
}

func TestTokens(t *testing.T) {
	var tok tokens
	decls := []declaration{
		{prop: "color", value: "red"},
		{prop: "margin", value: "0"},
		{value: "{{ .Style }}"},
		{prop: "color", value: "rgba(1,2,3,.5)"},
	}
	block := tok.block(decls, true)
	if want := "p0: v0; p1: v1; p2: v2;"; block != want {
		t.Fatalf("block = %q, want %q", block, want)
	}
	for _, style := range []string{block, "p0:v0;p1:v1;p2:v2"} {
		ds, ok := tok.parse(style)
		if !ok || len(ds) != 3 {
			t.Fatalf("parse(%q) = %v, %v", style, ds, ok)
		}
		if c := tok.values[ds[2].value]; len(c.decls) != 2 || c.decls[1].value != "rgba(1,2,3,.5)" || !c.inline {
			t.Errorf("color chain = %+v", c)
		}
		if tok.props[ds[1].prop] != "" {
			t.Errorf("segment got property %q", tok.props[ds[1].prop])
		}
	}
	if again := tok.block([]declaration{{value: "x"}}, false); again != "p3: v3;" {
		t.Errorf("a second segment shares a property: %q", again)
	}
	for _, bad := range []string{"color: red", "p0: v9", "p0 v0", "x0: v0"} {
		if _, ok := tok.parse(bad); ok {
			t.Errorf("parse(%q) accepted", bad)
		}
	}
}
