package escape

import (
	htmltemplate "html/template"
	"strings"
	"testing"
)

// contexts are templates that make html/template call each escaper, with
// the chain of escapers it puts in the action.
var contexts = []struct {
	src   string
	chain []string
}{
	{`<p>{{.}}</p>`, []string{"_html_template_htmlescaper"}},
	{`<p title="{{.}}"></p>`, []string{"_html_template_attrescaper"}},
	{`<title>{{.}}</title>`, []string{"_html_template_rcdataescaper"}},
	{`<a href="{{.}}"></a>`, []string{"_html_template_urlfilter", "_html_template_urlnormalizer", "_html_template_attrescaper"}},
	{`<a href="/s?q={{.}}"></a>`, []string{"_html_template_urlescaper", "_html_template_attrescaper"}},
}

// same checks that the copied escapers give what html/template gives for
// v in every context, or report that they cannot.
func same(t *testing.T, v any) {
	t.Helper()
	for _, c := range contexts {
		tmpl := htmltemplate.Must(htmltemplate.New("t").Parse(c.src))
		var want strings.Builder
		if err := tmpl.Execute(&want, v); err != nil {
			t.Fatalf("%s with %#v: %v", c.src, v, err)
		}
		var cur any = v
		ok := true
		for _, name := range c.chain {
			e := Lookup(name)
			if e == nil {
				t.Fatalf("no escaper %s", name)
			}
			var s string
			if s, ok = e(cur); !ok {
				break
			}
			if str, isStr := cur.(string); isStr && LookupString(name)(str) != s {
				t.Errorf("%s(%q): string form %q, want %q", name, str, LookupString(name)(str), s)
			}
			cur = s
		}
		if !ok {
			continue // the caller falls back to html/template
		}
		open, close, _ := strings.Cut(c.src, "{{.}}")
		got := open + cur.(string) + close
		if got != want.String() {
			t.Errorf("%s with %#v:\n got %q\nwant %q", c.src, v, got, want.String())
		}
	}
}

func TestSameAsHTMLTemplate(t *testing.T) {
	s := "x"
	var nilp *string
	values := []any{
		"", "plain", `<b>"quoted" & 'single'</b>`, "a\x00b", "\ufdd0\ufffe", "caf\xc3", "é ü 😀",
		"javascript:alert(1)", "JavaScript:x", "mailto:a@b.c", "https://x.example/a b?c=d&e=f#g", "/rel/path?x=%zz&y=%41",
		"data:text/html,<x>", "  http://x", "a:b/c", "+ - ' \" ` = < >",
		htmltemplate.HTML("<b>bold</b> &amp;"), htmltemplate.URL("javascript:ok()"), htmltemplate.HTMLAttr(`x="y"`),
		htmltemplate.CSS("color:red"), htmltemplate.JS("a<b"), htmltemplate.JSStr("s"), htmltemplate.Srcset("a.png 1x"),
		nil, 0, 42, -7, 3.5, 1e21, true, false, &s, nilp, []any{"a", 1}, map[string]any{"k": "v"},
	}
	for _, v := range values {
		same(t, v)
	}
}

func FuzzSameAsHTMLTemplate(f *testing.F) {
	for _, s := range []string{"", "<a>", "javascript:x", "https://a.b/c?d=e&f", "%41%zz", "\x00\ufdd0", "é'\"+"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		same(t, s)
		same(t, htmltemplate.HTML(s))
		same(t, htmltemplate.URL(s))
	})
}
