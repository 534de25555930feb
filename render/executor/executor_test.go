package executor

import (
	"context"
	"errors"
	"fmt"
	htmltemplate "html/template"
	"strings"
	"testing"
	texttemplate "text/template"
	"text/template/parse"
	"time"

	_ "github.com/tailor-email/tailor/internal/goldentest" // defines -update: go test ./... -update runs here too
)

// funcs are functions of each signature the executor calls directly, and
// some it calls through reflection.
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
	"rep":    strings.Repeat,
	"add":    func(a, b int) int { return a + b },
	"addf":   func(a, b float64) float64 { return a + b },
	"fails":  func() (string, error) { return "", errors.New("it failed") },
	"panics": func() string { panic("boom") },
	"list":   func(v ...any) []any { return v },
	"strs":   func(v ...string) []string { return v },
	"imap":   func() map[int]string { return map[int]string{3: "c", 1: "a", 2: "b"} },
	"date":   func() time.Time { return time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC) },
	"ptr":    func(s string) *string { return &s },
	"stringer": func() fmt.Stringer {
		return time.Duration(90) * time.Second
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
	"u":    uint(7), "i64": int64(-2), "strs": []string{"x", "y"},
}

// sources are templates to run on the executor and on text/template: the
// whole language, and calls that fail.
var sources = []string{
	`plain text`, `{{.name}}`, `{{.missing}}`, `{{.missing | txt}}`, `{{.n}} {{.f}} {{.big}} {{.yes}}`,
	`{{if .name}}y{{else}}n{{end}}`, `{{if .empty}}y{{else if .n}}n{{end}}`, `{{if .missing}}y{{else}}n{{end}}`,
	`{{with .dict}}{{.a}}-{{.c}}{{else}}none{{end}}`, `{{with .missing}}x{{else with .name}}{{.}}{{end}}`,
	`{{range .list}}[{{.}}]{{end}}`, `{{range $i, $v := .list}}{{$i}}={{$v | txt}};{{end}}`,
	`{{range $k, $v := .dict}}{{$k}}:{{$v}} {{end}}`, `{{range .maps}}{{.k}}{{end}}`, `{{range $m := .maps}}{{$m.k}}{{$.n}}{{end}}`,
	`{{range .missing}}x{{else}}empty{{end}}`, `{{range .list}}{{.k}}{{end}}`, `{{.nil.x}}`,
	`{{eq .n 3}} {{eq .name "x" "O'Brien <b>"}} {{ne .n 2}} {{lt .n 4}} {{le .f 2.5}} {{gt .name "A"}} {{ge 1 2}}`,
	`{{eq .n 3.0}}`, `{{eq .yes true}}`, `{{lt .yes false}}`, `{{len .list}} {{len .name}} {{len .dict}} {{len .maps}}`,
	`{{len .missing}}`, `{{not .empty}} {{and .n .name}} {{or .empty .missing "z"}} {{and .empty .n}}`,
	`{{.name | dflt "there"}} {{.empty | dflt "there"}} {{.missing | dflt 0}}`, `{{.name | upper}}`, `{{.n | upper}}`,
	`{{trunc 3 .name}} {{.name | trunc 2}}`, `{{trunc .n .name}}`, `{{join "a" "b" "c"}} {{join .name}}`, `{{join .n}}`,
	`{{(len .list) | txt}}`, `{{$.name}}`, `{{.flags.on}} {{.flags.off}}`, `{{.dict}}`, `{{.}}`, `{{"lit"}} {{1.5}} {{7}} {{true}}`,
	`{{.name.x}}`, `{{.list.x}}`,
	// Everything that once fell back to text/template.
	`{{define "x"}}x{{.}}{{end}}{{template "x"}}{{template "x" .n}}`, `{{$x := 1}}{{$x}}{{$x = 2}}{{$x}}`,
	`{{range $i := .list}}{{$i = 2}}{{$i}}{{end}}`, `{{$v := 0}}{{range $v = .list}}{{end}}{{$v}}`,
	`{{printf "%d-%s-%v" 1 "a" .list}}`, `{{print 1 2 "a" "b" .nil}}`, `{{println .n .name}}`,
	`{{index .list 0}} {{index .dict "b"}} {{index .list 1 "k"}} {{index .strs 1}}`, `{{index .list 9}}`, `{{index .list 4}}`,
	`{{slice .name 1 3}} {{slice .strs 1}} {{slice .list 0 2 3}}`, `{{slice .name 3 1}}`,
	`{{range .list}}{{if eq . "a"}}{{continue}}{{end}}{{if not .}}{{break}}{{end}}[{{.}}]{{end}}`,
	`{{.name | .n}}`, `{{nil | txt}}`, `{{txt nil}}`, `{{trunc "3" .name}}`, `{{upper 1}}`, `{{1i}}`, `{{'a'}}`, `{{0x10}}`,
	`{{(.dict).a}}`, `{{with $x := .n}}{{$x}}{{end}}`, `{{if $x := .name}}{{$x}}{{end}}`, `{{range 4}}{{.}}{{end}}`,
	`{{range $i := 3}}{{$i}}{{end}}`, `{{range $i, $v := 3}}{{end}}`, `{{range 0}}x{{else}}none{{end}}`, `{{range -2}}x{{end}}`,
	`{{range .u}}{{.}}{{end}}`, `{{range $k, $v := imap}}{{$k}}{{$v}}{{end}}`, `{{range .strs}}{{.}}{{end}}`,
	`{{add 1 2}} {{add .n 1}} {{addf 1.5 2.0}}`, `{{add .f 1}}`, `{{addf 1 2}}`, `{{fails}}`, `{{panics}}`,
	`{{rep "ab" 3}}`, `{{list 1 "a" .nil}}`, `{{len (list 1 2)}}`, `{{date.Year}} {{(date).Month}} {{date.Format "2006-01-02"}}`,
	`{{$d := date}}{{$d.Format "Jan 2"}} {{$d.AddDate 0 1 0 | txt}}`, `{{ptr "x"}}`, `{{stringer}}`,
	`{{eq .u 7}} {{eq .i64 -2}} {{lt .i64 .u}} {{eq .nil .missing}} {{eq .list .list}}`, `{{eq .dict 1}}`,
	`{{lt 1 2.0}}`, `{{eq "a"}}`, `{{ne .nil 1}}`, `{{not}}`, `{{and 0 (fails)}}`, `{{or 1 (fails)}}`,
	`{{html "<a>"}} {{js "'x'"}} {{urlquery "a b&c"}}`, `{{.f | printf "%.1f"}}`, `{{"a" | printf "%s-%s" "b"}}`,
	`{{block "b" .n}}[{{.}}]{{end}}`, `{{$x := "o"}}{{with .dict}}{{$x}}{{$x := "i"}}{{$x}}{{end}}{{$x}}`,
	`{{define "v"}}{{$}}{{end}}{{$y := 1}}{{template "v" .name}}`, `{{.yes.x}}`, `{{.n.x}}`, `{{.name.Len}}`,
	`{{date.Nope}}`, `{{date.Year 1}}`, `{{.dict.a 1}}`, `{{$.dict.a}}`, `{{(list 1 2).x}}`,
}

func TestSameAsTextTemplate(t *testing.T) {
	for _, src := range sources {
		tt, err := texttemplate.New("t").Option("missingkey=zero").Funcs(funcs).Parse(src)
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		lookup := func(name string) *parse.Tree {
			if x := tt.Lookup(name); x != nil {
				return x.Tree
			}
			return nil
		}
		check(t, src, tt.Tree, lookup, func(b *strings.Builder) error { return tt.Execute(b, data) })
	}
}

// TestSameAsHTMLTemplate runs escaped templates: each escaper in its
// context, with data that needs escaping or filtering.
func TestSameAsHTMLTemplate(t *testing.T) {
	for _, src := range []string{
		`<p title="{{.name}}">{{.name}} {{.html}} {{.n}} {{.missing}}</p>`, `<title>{{.name}}{{.html}}</title>`,
		`<a href="{{.url}}">x</a><a href="{{.link}}">y</a><a href="/s?q={{.name}}&r={{.n}}">z</a>`,
		`{{range .list}}<b>{{.}}</b>{{end}}`, `{{define "x"}}<i>{{.}}</i>{{end}}<p>{{template "x" .name}}</p>`,
		`<p>{{html .name}}</p>`, `<a href="/s?q={{urlquery .name}}">q</a>`, `<p>{{printf "%s!" .name}}</p>`,
	} {
		ht := htmltemplate.Must(htmltemplate.New("t").Option("missingkey=zero").Funcs(funcs).Parse(src))
		var b strings.Builder
		if err := ht.Execute(&b, data); err != nil {
			t.Fatal(err)
		}
		lookup := func(name string) *parse.Tree {
			if x := ht.Lookup(name); x != nil {
				return x.Tree
			}
			return nil
		}
		check(t, src, ht.Tree, lookup, func(b *strings.Builder) error { return ht.Execute(b, data) })
	}
}

var cfg = &Config{Funcs: funcs}

// check runs src on both and wants the same output, or both failing. The
// one difference tailor chose: a field of a missing value is missing, not
// a nil pointer error.
func check(t *testing.T, src string, tree *parse.Tree, lookup Lookup, exec func(*strings.Builder) error) {
	t.Helper()
	var want strings.Builder
	wantErr := exec(&want)
	p, err := Compile(tree, lookup, cfg)
	if err != nil {
		if wantErr == nil {
			t.Errorf("%s: refused (%v), text/template gives %q", src, err, want.String())
		}
		return
	}
	var got strings.Builder
	err = p.Execute(&got, data, NewBudget(context.Background(), time.Second, 1000, 1<<20))
	switch {
	case err != nil && wantErr == nil:
		t.Errorf("%s: %v; text/template gives %q", src, err, want.String())
	case err == nil && wantErr != nil && !strings.Contains(wantErr.Error(), "nil pointer evaluating interface {}"):
		t.Errorf("%s: gave %q; text/template fails: %v", src, got.String(), wantErr)
	case err == nil && wantErr == nil && got.String() != want.String():
		t.Errorf("%s:\n got %q\nwant %q", src, got.String(), want.String())
	}
}

// TestRefusedAtLoad lists templates the executor refuses when it
// compiles them, with the place and the reason.
func TestRefusedAtLoad(t *testing.T) {
	for src, want := range map[string]string{
		`{{template "nope"}}`:      `t:1:11: template "nope" not defined`,
		"x\n  {{call .f}}":         `t:2:4: call is not allowed`,
		`{{trunc "3" .name}}`:      `t:1:8: expected integer; found "3"`,
		`{{upper 1}}`:              `t:1:8: expected string; found 1`,
		`{{upper "a" "b"}}`:        `t:1:2: wrong number of args for upper: want 1 got 2`,
		`{{"a" | upper "b"}}`:      `wrong number of args for upper: want 1 got 2`,
		`{{trunc}}`:                `wrong number of args for trunc: want 2 got 0`,
		`{{join}}`:                 `want at least 1 got 0`,
		`{{nil}}`:                  `nil is not a command`,
		`{{"a" "b"}}`:              `can't give argument to non-function`,
		`{{18446744073709551615}}`: `overflows int`,
		`{{eq}}`:                   `wrong number of args for eq: want at least 1 got 0`,
		`{{define "a"}}{{template "b"}}{{end}}{{template "a"}}`: `template "b" not defined`,
	} {
		tt, err := texttemplate.New("t").Funcs(funcs).Funcs(texttemplate.FuncMap{"f": func() int { return 1 }}).Parse(src)
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		lookup := func(name string) *parse.Tree {
			if x := tt.Lookup(name); x != nil {
				return x.Tree
			}
			return nil
		}
		_, err = Compile(tt.Tree, lookup, cfg)
		var e *Error
		if !errors.As(err, &e) || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want an *Error with %q", src, err, want)
		}
	}
}
