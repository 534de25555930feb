package fast

import (
	htmltemplate "html/template"
	"strings"
	"testing"
	texttemplate "text/template"
	"text/template/parse"
)

// funcs are functions of each signature the evaluator knows.
var funcs = map[string]any{
	"dflt": func(d, v any) any {
		if v == nil || v == "" {
			return d
		}
		return v
	},
	"txt":   func(v any) any { return v },
	"upper": strings.ToUpper,
	"trunc": func(n int, v any) string { s, _ := v.(string); return s[:min(n, len(s))] },
	"join": func(a string, more ...string) (string, error) {
		return a + strings.Join(more, "+"), nil
	},
}

var data = map[string]any{
	"name": "O'Brien <b>", "empty": "", "n": 3, "f": 2.5, "big": 1e21, "yes": true, "nil": nil,
	"list":  []any{"a", map[string]any{"k": "v"}, nil, 2},
	"maps":  []map[string]any{{"k": "one"}, {"k": "two"}},
	"dict":  map[string]any{"b": 2, "a": 1, "c": "three"},
	"flags": map[string]bool{"on": true},
	"url":   "javascript:alert(1)", "link": "https://x.example/a b?q=1&r=<2>",
	"html": htmltemplate.HTML("<i>x</i>"),
}

// sources are templates to run on both evaluators. Some make
// text/template fail, or print what Execute does not know: Execute must
// then give up, never differ.
var sources = []string{
	`plain text`, `{{.name}}`, `{{.missing}}`, `{{.missing | txt}}`, `{{.n}} {{.f}} {{.big}} {{.yes}}`,
	`{{if .name}}y{{else}}n{{end}}`, `{{if .empty}}y{{else if .n}}n{{end}}`, `{{if .missing}}y{{else}}n{{end}}`,
	`{{with .dict}}{{.a}}-{{.c}}{{else}}none{{end}}`, `{{with .missing}}x{{else with .name}}{{.}}{{end}}`,
	`{{range .list}}[{{.}}]{{end}}`, `{{range $i, $v := .list}}{{$i}}={{$v | txt}};{{end}}`,
	`{{range $k, $v := .dict}}{{$k}}:{{$v}} {{end}}`, `{{range .maps}}{{.k}}{{end}}`, `{{range $m := .maps}}{{$m.k}}{{$.n}}{{end}}`,
	`{{range .missing}}x{{else}}empty{{end}}`, `{{range .list}}{{.k}}{{end}}`, `{{.nil.x}}`, `{{.missing.x}}`,
	`{{eq .n 3}} {{eq .name "x" "O'Brien <b>"}} {{ne .n 2}} {{lt .n 4}} {{le .f 2.5}} {{gt .name "A"}} {{ge 1 2}}`,
	`{{eq .n 3.0}}`, `{{eq .yes true}}`, `{{lt .yes false}}`, `{{len .list}} {{len .name}} {{len .dict}} {{len .maps}}`,
	`{{len .missing}}`, `{{not .empty}} {{and .n .name}} {{or .empty .missing "z"}} {{and .empty .n}}`,
	`{{.name | dflt "there"}} {{.empty | dflt "there"}} {{.missing | dflt 0}}`, `{{.name | upper}}`, `{{.n | upper}}`,
	`{{trunc 3 .name}} {{.name | trunc 2}}`, `{{trunc .n .name}}`, `{{join "a" "b" "c"}} {{join .name}}`, `{{join .n}}`,
	`{{(len .list) | txt}}`, `{{$.name}}`, `{{.flags.on}} {{.flags.off}}`, `{{.dict}}`, `{{.}}`, `{{"lit"}} {{1.5}} {{7}} {{true}}`,
	`{{.name.x}}`, `{{.list.x}}`,
}

func TestSameAsTextTemplate(t *testing.T) {
	for _, src := range sources {
		tt := texttemplate.Must(texttemplate.New("t").Option("missingkey=zero").Funcs(funcs).Parse(src))
		check(t, src, tt.Tree, func(b *strings.Builder) error { return tt.Execute(b, data) })
	}
}

// TestSameAsHTMLTemplate runs escaped templates: each escaper in its
// context, with data that needs escaping or filtering.
func TestSameAsHTMLTemplate(t *testing.T) {
	for _, src := range []string{
		`<p title="{{.name}}">{{.name}} {{.html}} {{.n}} {{.missing}}</p>`, `<title>{{.name}}{{.html}}</title>`,
		`<a href="{{.url}}">x</a><a href="{{.link}}">y</a><a href="/s?q={{.name}}&r={{.n}}">z</a>`,
		`<p title="{{.html}}"></p>`, `{{range .list}}<b>{{.}}</b>{{end}}`,
	} {
		ht := htmltemplate.Must(htmltemplate.New("t").Option("missingkey=zero").Funcs(funcs).Parse(src))
		var b strings.Builder
		if err := ht.Execute(&b, data); err != nil {
			t.Fatal(err)
		}
		check(t, src, ht.Tree, func(b *strings.Builder) error { return ht.Execute(b, data) })
	}
}

func check(t *testing.T, src string, tree *parse.Tree, exec func(*strings.Builder) error) {
	t.Helper()
	var want strings.Builder
	err := exec(&want)
	p := Compile(tree, funcs, nil)
	if p == nil {
		t.Errorf("%s: not compiled", src)
		return
	}
	var got strings.Builder
	ok, _ := p.Execute(&got, data)
	switch {
	case ok && err != nil:
		t.Errorf("%s: ran, but text/template fails: %v", src, err)
	case ok && got.String() != want.String():
		t.Errorf("%s:\n got %q\nwant %q", src, got.String(), want.String())
	case !ok && err == nil:
		t.Logf("%s: gave up (text/template gives %q)", src, want.String())
	}
}

// TestUnsupportedNotCompiled lists templates Compile must leave to
// text/template.
func TestUnsupportedNotCompiled(t *testing.T) {
	for _, src := range []string{
		`{{define "x"}}x{{end}}{{template "x"}}`, `{{$x := 1}}{{$x}}`, `{{range $i := .list}}{{$i = 2}}{{end}}`,
		`{{printf "%d" 1}}`, `{{index .list 0}}`, `{{range .list}}{{break}}{{end}}`, `{{.name | .n}}`,
		`{{nil | txt}}`, `{{trunc "3" .name}}`, `{{upper 1}}`, `{{1i}}`, `{{'a'}}`, `{{0x10}}`, `{{txt}}`, `{{eq}}`,
		`{{(.dict).a}}`, `{{with $x := .n}}{{end}}`,
	} {
		tt, err := texttemplate.New("t").Funcs(funcs).Parse(src)
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		if Compile(tt.Tree, funcs, nil) != nil {
			t.Errorf("%s: compiled, want nil", src)
		}
	}
}

// FuzzSameAsHTMLTemplate executes escaped templates with a fuzzed value in
// every context, on both evaluators.
func FuzzSameAsHTMLTemplate(f *testing.F) {
	for _, s := range []string{"", "x", "<b>'\"&", "javascript:x", "https://a.b/?q=1&r=%zz", "\x00\ufdd0"} {
		f.Add(s)
	}
	tmpl := htmltemplate.Must(htmltemplate.New("t").Option("missingkey=zero").Funcs(funcs).Parse(
		`<title>{{.v}}</title><p title="{{.v}}">{{.v | dflt "none"}}</p><a href="{{.v}}">{{.v | upper}}</a>` +
			`<a href="/s?q={{.v}}">{{if eq .v "x"}}x{{else}}{{len .v}}{{end}}</a>`))
	f.Fuzz(func(t *testing.T, s string) {
		d := map[string]any{"v": s}
		var want strings.Builder
		err := tmpl.Execute(&want, d)
		p := Compile(tmpl.Tree, funcs, nil)
		if p == nil {
			t.Fatal("not compiled")
		}
		var got strings.Builder
		ok, _ := p.Execute(&got, d)
		if !ok {
			t.Fatalf("%q: gave up (text/template: %v)", s, err)
		}
		if err != nil || got.String() != want.String() {
			t.Fatalf("%q:\n got %q\nwant %q (%v)", s, got.String(), want.String(), err)
		}
	})
}
