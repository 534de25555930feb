package inline

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// styledElement is one element of a document: its tag and computed style.
type styledElement struct {
	tag   string
	style []decl
}

// decl is one normalized declaration of a style attribute.
type decl struct{ prop, value string }

// compareStyles returns the differences between the per-element computed
// styles of got and want (see the rule at the top of juice_test.go).
func compareStyles(got, want string) []string {
	g, err := styledElements(got)
	if err != nil {
		return []string{"parse output: " + err.Error()}
	}
	w, err := styledElements(want)
	if err != nil {
		return []string{"parse juice output: " + err.Error()}
	}
	var diffs []string
	if len(g) != len(w) {
		diffs = append(diffs, fmt.Sprintf("%d elements, juice has %d", len(g), len(w)))
	}
	for i := 0; i < len(g) && i < len(w); i++ {
		if g[i].tag != w[i].tag {
			diffs = append(diffs, fmt.Sprintf("element %d: <%s>, juice has <%s>", i, g[i].tag, w[i].tag))
			break
		}
		if !sameStyle(g[i].style, w[i].style) {
			diffs = append(diffs, fmt.Sprintf("element %d <%s>: style %q, juice has %q",
				i, g[i].tag, joinDecls(g[i].style), joinDecls(w[i].style)))
		}
	}
	return diffs
}

func styledElements(doc string) ([]styledElement, error) {
	root, err := html.Parse(strings.NewReader(doc))
	if err != nil {
		return nil, err
	}
	var out []styledElement
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if n.Data == "style" {
				return
			}
			style := ""
			for _, a := range n.Attr {
				if a.Key == "style" && a.Namespace == "" {
					style = a.Val
				}
			}
			out = append(out, styledElement{tag: n.Data, style: normalizeStyle(style)})
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return out, nil
}

var (
	spaceRun     = regexp.MustCompile(`\s+`)
	spacePunct   = regexp.MustCompile(`\s*([,()])\s*`)
	trailingBang = regexp.MustCompile(`(?i)\s*!\s*important\s*$`)
)

// normalizeStyle splits a style attribute into normalized declarations,
// each property once, at the place of its last declaration.
func normalizeStyle(style string) []decl {
	var all []decl
	for _, part := range splitDecls(style) {
		prop, value, ok := strings.Cut(part, ":")
		if !ok {
			continue
		}
		prop = strings.ToLower(strings.TrimSpace(prop))
		value = trailingBang.ReplaceAllString(strings.TrimSpace(value), "")
		value = spacePunct.ReplaceAllString(spaceRun.ReplaceAllString(value, " "), "$1")
		if prop != "" {
			all = append(all, decl{prop, value})
		}
	}
	var out []decl
	for i, d := range all {
		last := true
		for _, later := range all[i+1:] {
			if later.prop == d.prop {
				last = false
			}
		}
		if last {
			out = append(out, d)
		}
	}
	return out
}

// splitDecls splits on ";" outside quotes and parentheses.
func splitDecls(s string) []string {
	var parts []string
	depth, quote, start := 0, byte(0), 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '(':
			depth++
		case c == ')':
			depth--
		case c == ';' && depth == 0:
			parts = append(parts, s[start:i])
			start = i + 1
		}
	}
	return append(parts, s[start:])
}

// sameStyle reports whether a and b compute the same style: same
// declarations, and the same relative order for each shorthand and a
// property it covers.
func sameStyle(a, b []decl) bool {
	if len(a) != len(b) {
		return false
	}
	pos := make(map[string]int, len(b))
	for i, d := range b {
		pos[d.prop] = i
	}
	for i, d := range a {
		j, ok := pos[d.prop]
		if !ok || b[j].value != d.value {
			return false
		}
		for k := i + 1; k < len(a); k++ {
			if overlaps(d.prop, a[k].prop) && pos[a[k].prop] < j {
				return false
			}
		}
	}
	return true
}

// overlaps reports whether one property is a shorthand covering the other.
func overlaps(p, q string) bool {
	return strings.HasPrefix(q, p+"-") || strings.HasPrefix(p, q+"-") ||
		(strings.HasPrefix(p, "border-") && strings.HasPrefix(q, "border-") && borderPart(p, q))
}

// borderPart reports whether two border longhands or shorthands overlap,
// such as border-color and border-top-color.
func borderPart(p, q string) bool {
	side := func(s string) (string, string) {
		f := strings.Split(strings.TrimPrefix(s, "border-"), "-")
		switch {
		case len(f) == 1 && (f[0] == "top" || f[0] == "right" || f[0] == "bottom" || f[0] == "left"):
			return f[0], ""
		case len(f) == 1:
			return "", f[0]
		default:
			return f[0], f[len(f)-1]
		}
	}
	ps, pa := side(p)
	qs, qa := side(q)
	return (ps == "" || qs == "" || ps == qs) && (pa == "" || qa == "" || pa == qa)
}

func joinDecls(ds []decl) string {
	parts := make([]string, len(ds))
	for i, d := range ds {
		parts[i] = d.prop + ": " + d.value
	}
	return strings.Join(parts, "; ")
}

// TestSameStyle pins the comparison rule of the juice suite, so that the
// suite cannot pass by comparing too loosely.
func TestSameStyle(t *testing.T) {
	tests := []struct {
		a, b string
		same bool
	}{
		{"color: red; margin: 0", "margin:0;color:red;", true},
		{"color: red !important", "color: red", true},
		{"color: blue; color: red", "color: red", true},
		{"font-family: a , b", "font-family: a,b", true},
		{"padding: 0; padding-top: 5px", "padding-top: 5px; padding: 0", false},
		{"border: 0; border-left-color: red", "border-left-color: red; border: 0", false},
		{"border-radius: 2px; border-color: red", "border-color: red; border-radius: 2px", true},
		{"color: red", "color: blue", false},
		{"color: red", "color: red; margin: 0", false},
		{"background: url('a')", `background: url("a")`, false},
		{"", "", true},
	}
	for _, tt := range tests {
		if got := sameStyle(normalizeStyle(tt.a), normalizeStyle(tt.b)); got != tt.same {
			t.Errorf("sameStyle(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.same)
		}
	}
}

func TestCompareStyles(t *testing.T) {
	if d := compareStyles(`<p style="color: red">x</p><style>p{}</style>`, `<p style="color:red;">x</p>`); len(d) != 0 {
		t.Errorf("equal documents differ: %v", d)
	}
	if d := compareStyles(`<p>x</p><b>y</b>`, `<p>x</p>`); len(d) == 0 {
		t.Error("an extra element went unnoticed")
	}
	if d := compareStyles(`<p>x</p>`, `<div>x</div>`); len(d) == 0 {
		t.Error("a different tag went unnoticed")
	}
}
