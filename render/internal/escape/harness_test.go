package escape

import (
	htmltemplate "html/template"
	"io"
	"net/url"
	"strings"
	"testing"
	texttemplate "text/template"
	"text/template/parse"
)

// A context is a template with one or more {{.}} actions, escaped by
// html/template, and the same template as this package runs it: the text
// of html/template's escaped tree, and in each action the chain of
// functions html/template put there, run with this package's escapers.
type context struct {
	src   string
	tmpl  *htmltemplate.Template
	parts []part
}

// A part of an escaped template is text, or an action printing the value.
type part struct {
	text     string
	action   bool
	evalArgs bool     // the value goes through _eval_args_ first
	chain    []string // the functions the value is piped to
}

// Contexts by group, as the fuzz targets take them. Each context must make
// html/template print every {{.}} through escapers only.
var (
	htmlContexts = []string{
		`<p>{{.}}</p>`, `<p title="{{.}}">`, `<p title='{{.}}'>`, `<p title={{.}}>`, `<p title={{.}}x>`,
		`<title>{{.}}</title>`, `<textarea>{{.}}</textarea>`, `<!-- {{.}} -->`, `<p {{.}}=x>`, `<p {{.}}>`,
		`<p title="{{.}}" {{.}}="y">`, `<iframe srcdoc="{{.}}">`, `<script type="text/template">{{.}}</script>`,
		`<p>{{html .}}</p>`, `<p title="{{html .}}">`, `<a href="/s?q={{urlquery .}}">`, `<p {{.}}="{{.}}">`,
		`<p {{.}}={{.}}>`, `<textarea title="{{.}}">{{.}}</textarea>`,
	}
	urlContexts = []string{
		`<a href="{{.}}">`, `<a href='{{.}}'>`, `<a href={{.}}>`, `<a href="/x/{{.}}">`, `<a href="/s?q={{.}}">`,
		`<a href="/s#{{.}}">`, `<a href="{{.}}{{.}}">`, `<a href="x{{.}}">`, `<img srcset="{{.}}">`, `<img srcset={{.}}>`,
		`<img srcset="a.png 1x, {{.}}">`, `<p data-url="{{.}}">`, `<svg><a xlink:href="{{.}}"></a></svg>`,
		`<style>p { background: url({{.}}) }</style>`, `<style>p { background: url("/x?{{.}}") }</style>`,
		`<p style="background: url({{.}})">`, `<p style="background: url('/x/{{.}}')">`,
		`<a href="{{.}}?q={{.}}#{{.}}">`, `<a href="javascript:{{.}}">`, `<form action={{.}}>`, `<a href="?{{.}}">`,
	}
	cssContexts = []string{
		`<style>p { color: {{.}} }</style>`, `<style>p { content: "{{.}}" }</style>`, `<style>p { content: '{{.}}' }</style>`,
		`<style>/* {{.}} */</style>`, `<p style="color: {{.}}">`, `<p style="content: '{{.}}'">`, `<p style=color:{{.}}>`,
		`<p style='font-family: "{{.}}"'>`, `<style>p { width: {{.}}px }</style>`, `<p style="{{.}}">`,
		`<style>@import "{{.}}";</style>`, `<style>a[href="{{.}}"] {}</style>`,
	}
	jsContexts = []string{
		`<script>var x = {{.}};</script>`, `<script>var x = "{{.}}";</script>`, `<script>var x = '{{.}}';</script>`,
		"<script>var x = `{{.}}`;</script>", `<script>var x = /{{.}}/;</script>`, `<script>var x = {{.}}/2;</script>`,
		"<script>var x = `a${ {{.}} }`;</script>", `<script>/* {{.}} */</script>`, "<script>// {{.}}\n</script>",
		`<p onclick="f({{.}})">`, `<p onclick="f('{{.}}')">`, `<p onclick='f("{{.}}")'>`, "<p onclick=\"f(`{{.}}`)\">",
		`<p onclick="f(/{{.}}/)">`, `<p onclick=f({{.}})>`, `<script type="application/ld+json">{{.}}</script>`,
		`<script type="application/json">{"a": "{{.}}"}</script>`, `<p on{{.}}="{{.}}">`, `<script>var a = [{{.}}]</script>`,
		`<script>if (a) /{{.}}/.test(b)</script>`,
	}
)

// newContexts escapes each template with html/template and reads its
// escaped tree.
func newContexts(t testing.TB, srcs ...[]string) []*context {
	t.Helper()
	var cs []*context
	for _, group := range srcs {
		for _, src := range group {
			cs = append(cs, newContext(t, src))
		}
	}
	return cs
}

func newContext(t testing.TB, src string) *context {
	t.Helper()
	tmpl := htmltemplate.Must(htmltemplate.New("t").Parse(src))
	if err := tmpl.Execute(io.Discard, "x"); err != nil { // escapes tmpl.Tree
		t.Fatalf("%s: %v", src, err)
	}
	c := &context{src: src, tmpl: tmpl}
	for _, n := range tmpl.Tree.Root.Nodes {
		switch n := n.(type) {
		case *parse.TextNode:
			c.parts = append(c.parts, part{text: string(n.Text)})
		case *parse.ActionNode:
			c.parts = append(c.parts, actionPart(t, src, n.Pipe))
		default:
			t.Fatalf("%s: escaped into a %T node", src, n)
		}
	}
	return c
}

// actionPart reads the pipeline html/template made of {{.}}: the value,
// maybe through _eval_args_, then a function name per command.
func actionPart(t testing.TB, src string, p *parse.PipeNode) part {
	t.Helper()
	first := p.Cmds[0].Args
	pt := part{action: true}
	if id, ok := first[0].(*parse.IdentifierNode); ok && id.Ident == "_eval_args_" {
		pt.evalArgs, first = true, first[1:]
	}
	if _, ok := first[0].(*parse.DotNode); len(p.Decl) != 0 || len(first) != 1 || !ok {
		t.Fatalf("%s: unexpected pipeline %s", src, p)
	}
	for _, cmd := range p.Cmds[1:] {
		id, ok := cmd.Args[0].(*parse.IdentifierNode)
		if !ok || len(cmd.Args) != 1 {
			t.Fatalf("%s: unexpected command %s", src, cmd)
		}
		pt.chain = append(pt.chain, id.Ident)
	}
	return pt
}

// want is html/template's output for v.
func (c *context) want(v any) (string, error) {
	var b strings.Builder
	err := c.tmpl.Execute(&b, v)
	return b.String(), err
}

// got is this package's output for v. It also checks that each escaper
// given a plain string gives the same from Lookup and from LookupString.
func (c *context) got(t testing.TB, v any) string {
	t.Helper()
	var b strings.Builder
	for _, p := range c.parts {
		if !p.action {
			b.WriteString(p.text)
			continue
		}
		b.WriteString(runChain(t, p, v))
	}
	return b.String()
}

// runChain runs one action's chain on v.
func runChain(t testing.TB, p part, v any) string {
	t.Helper()
	cur := v
	if p.evalArgs {
		cur = EvalArgs(v)
	}
	for _, name := range p.chain {
		cur = call(t, name, cur)
	}
	s, ok := cur.(string)
	if !ok {
		t.Fatalf("chain %v printed no string", p.chain)
	}
	return s
}

// call calls one function of an escaped pipeline: one of this package's
// escapers, or text/template's html or urlquery.
func call(t testing.TB, name string, v any) string {
	t.Helper()
	switch name {
	case "html":
		return texttemplate.HTMLEscapeString(v.(string))
	case "urlquery":
		return url.QueryEscape(v.(string))
	}
	e := Lookup(name)
	if e == nil {
		t.Fatalf("Lookup(%q) = nil", name)
	}
	out := e(v)
	if s, ok := v.(string); ok {
		if alt := LookupString(name)(s); alt != out {
			t.Errorf("%s(%q): LookupString gives %q, Lookup %q", name, s, alt, out)
		}
	}
	return out
}

// check compares this package's output for v with html/template's.
func (c *context) check(t testing.TB, v any) {
	t.Helper()
	want, err := c.want(v)
	if err != nil {
		t.Fatalf("%s with %#v: html/template: %v", c.src, v, err)
	}
	if got := c.got(t, v); got != want {
		t.Errorf("%s with %T %#v:\n got %q\nwant %q", c.src, v, v, got, want)
	}
}
