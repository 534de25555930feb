package render

import (
	"fmt"
	"net/url"
	"strings"
	texttemplate "text/template"
	"text/template/parse"

	"github.com/tailor-email/tailor/internal/tmpltree"
)

// parseUnsubscribe parses tailor.yaml's unsubscribe template so that what
// its actions print is escaped for its place in the URL: in the query or
// the fragment (after "?" or "#") with url.QueryEscape, so an ID `a b"c`
// prints a+b%22c; in the path with url.PathEscape; at the start (a whole
// URL from the profile) only the bytes no URL may hold are escaped.
// The place is that of the template's text before the action. The
// escaping functions join funcs, which the executor then knows.
func parseUnsubscribe(src string, funcs map[string]any) (*texttemplate.Template, error) {
	for name, f := range urlEscapers {
		funcs[name] = f
	}
	t, err := parseText("tailor.yaml:unsubscribe", src, funcs)
	if err != nil {
		return nil, err
	}
	for _, tt := range t.Templates() {
		if tt.Tree == nil {
			continue
		}
		var before strings.Builder
		if tt != t { // a {{ define }}d template: its place is unknown
			before.WriteString("?")
		}
		escapeOutputs(tt.Tree, tt.Tree.Root, &before)
	}
	return t, nil
}

// urlEscapers print a value escaped for a place in a URL.
var urlEscapers = map[string]any{
	"tailorQueryEscape": func(v any) string { return url.QueryEscape(printed(v)) },
	"tailorPathEscape":  func(v any) string { return url.PathEscape(printed(v)) },
	"tailorURLEscape":   func(v any) string { return escapeURLBytes(printed(v)) },
}

// printed is a value as a template prints it.
func printed(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	return fmt.Sprint(v)
}

// escapeOutputs ends each output action under n with the escaper for its
// place; before holds the template's text up to n.
func escapeOutputs(tree *parse.Tree, n parse.Node, before *strings.Builder) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n != nil {
			for _, c := range n.Nodes {
				escapeOutputs(tree, c, before)
			}
		}
	case *parse.TextNode:
		before.Write(n.Text)
	case *parse.ActionNode:
		if len(n.Pipe.Decl) == 0 {
			tmpltree.AppendCall(tree, n, escaperAt(before.String()))
		}
	case *parse.IfNode:
		escapeOutputs(tree, n.List, before)
		escapeOutputs(tree, n.ElseList, before)
	case *parse.RangeNode:
		escapeOutputs(tree, n.List, before)
		escapeOutputs(tree, n.ElseList, before)
	case *parse.WithNode:
		escapeOutputs(tree, n.List, before)
		escapeOutputs(tree, n.ElseList, before)
	}
}

// escaperAt names the escaper for an action that follows the text before.
func escaperAt(before string) string {
	if strings.ContainsAny(before, "?#") {
		return "tailorQueryEscape"
	}
	rest := strings.TrimSpace(before)
	if i := strings.Index(rest, "://"); i >= 0 {
		rest = rest[i+3:] // the authority, then the path
		if strings.Contains(rest, "/") {
			return "tailorPathEscape"
		}
		return "tailorURLEscape"
	}
	if rest != "" {
		return "tailorPathEscape" // after a scheme such as mailto:, or in a relative path
	}
	return "tailorURLEscape"
}

// escapeURLBytes percent-encodes the bytes that no part of a URL may hold
// as they are (controls, space, quotes, <>\^`{|}, non-ASCII), leaving the
// URL's own syntax and its escapes alone.
func escapeURLBytes(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte("\"'<>\\^`{|}", c) >= 0 {
			fmt.Fprintf(&b, "%%%02X", c)
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}
