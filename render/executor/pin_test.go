package executor

import (
	htmltemplate "html/template"
	"io"
	"runtime"
	"strings"
	"testing"
	"text/template/parse"

	"github.com/tailor-email/tailor/render/internal/escape"
)

// contexts make html/template insert each of its escapers.
var contexts = []string{
	`<p>{{.}}</p>`, `<p title="{{.}}">`, `<p title={{.}}>`, `<title>{{.}}</title>`, `<textarea>{{.}}</textarea>`,
	`<a href="{{.}}">`, `<a href="/s?q={{.}}">`, `<img srcset="{{.}}">`, `<style>p { color: {{.}} }</style>`,
	`<style>p { content: "{{.}}" }</style>`, `<p style="color: {{.}}">`, `<script>var x = {{.}};</script>`,
	`<script>var x = "{{.}}";</script>`, "<script>var x = `{{.}}`;</script>", `<script>var x = /{{.}}/;</script>`,
	`<p onclick="f({{.}})">`, `<p {{.}}="x">`, `<!-- {{.}} -->`, `<p>{{html .}}</p>`, `<a href="/s?q={{urlquery .}}">`,
}

// TestHTMLTemplatePinned pins what the engine reads of html/template: once
// a template has executed, Template.Tree is the escaped tree, and every
// function html/template puts into it is one this package implements. A
// Go upgrade that changes either fails here, with what changed, rather than
// in a recipient's render.
func TestHTMLTemplatePinned(t *testing.T) {
	seen := map[string]bool{}
	for _, src := range contexts {
		tmpl := htmltemplate.Must(htmltemplate.New("t").Parse(src))
		before := tmpl.Tree
		if err := tmpl.Execute(io.Discard, "x"); err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		if tmpl.Tree == nil || tmpl.Tree != before {
			t.Fatalf("%s: html/template (%s) no longer escapes Template.Tree in place", src, runtime.Version())
		}
		names := inserted(tmpl.Tree)
		if len(names) == 0 {
			t.Errorf("%s: html/template (%s) inserted no escaper into the tree", src, runtime.Version())
		}
		for _, name := range names {
			seen[name] = true
			if escape.Lookup(name) == nil && name != "_eval_args_" {
				t.Errorf("%s: html/template (%s) inserts %s, which render/internal/escape does not implement", src, runtime.Version(), name)
			}
		}
	}
	// Every escaper html/template has today must still be inserted
	// somewhere above: one that disappears means its names changed.
	for _, name := range []string{"attrescaper", "commentescaper", "cssescaper", "cssvaluefilter", "htmlnamefilter",
		"htmlescaper", "jsregexpescaper", "jsstrescaper", "jstmpllitescaper", "jsvalescaper", "nospaceescaper",
		"rcdataescaper", "srcsetescaper", "urlescaper", "urlfilter", "urlnormalizer"} {
		if !seen["_html_template_"+name] {
			t.Errorf("html/template (%s) no longer inserts _html_template_%s in its context", runtime.Version(), name)
		}
	}
}

// inserted lists the functions named _html_template_* or _eval_args_ in
// the tree's pipelines.
func inserted(tree *parse.Tree) []string {
	var out []string
	var walk func(parse.Node)
	walk = func(n parse.Node) {
		switch n := n.(type) {
		case *parse.ListNode:
			for _, c := range n.Nodes {
				walk(c)
			}
		case *parse.ActionNode:
			walk(n.Pipe)
		case *parse.PipeNode:
			for _, c := range n.Cmds {
				for _, a := range c.Args {
					walk(a)
				}
			}
		case *parse.IdentifierNode:
			if strings.HasPrefix(n.Ident, "_html_template_") || n.Ident == "_eval_args_" {
				out = append(out, n.Ident)
			}
		}
	}
	walk(tree.Root)
	return out
}
