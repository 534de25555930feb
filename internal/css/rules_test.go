package css

import (
	"fmt"
	"strings"
	"testing"

	_ "github.com/tailor-email/tailor/internal/goldentest" // defines -update: go test ./... -update runs here too
)

// describe renders rules as "[@name]prelude{block}" with the flags that
// differ from a well-formed rule, one per line.
func describe(src string, rules []Rule) string {
	var b strings.Builder
	for _, r := range rules {
		if r.At {
			b.WriteString("@" + r.Name + " ")
		}
		b.WriteString(Text(src, r.Prelude))
		if r.Open >= 0 {
			b.WriteString("{" + Text(src, r.Block) + "}")
		}
		if !r.Closed {
			b.WriteString(" UNCLOSED")
		}
		if src[r.Off:r.End] != strings.TrimSpace(src[r.Off:r.End]) {
			b.WriteString(" UNTRIMMED")
		}
		b.WriteString("\n")
	}
	return b.String()
}

func TestRules(t *testing.T) {
	tests := []struct{ src, want string }{
		{"a { b: c }  d,e{f:g}", "a{ b: c }\nd,e{f:g}\n"},
		{"<!-- /* x */ @import url(a.css); --> p{}", "@import url(a.css)\np{}\n"},
		{"@media screen and (x) { a { b: c } } @font-face{src:url(}.woff)}", "@media screen and (x){ a { b: c } }\n@font-face {src:url(}.woff)}\n"},
		{"a; b {c:d}", "a\nb{c:d}\n"},
		{"a { b: '}' ; c: x(}) }", "a{ b: '}' ; c: x(}) }\n"},
		{"p{} } q{}", "p{}\n} q{}\n"},
		{"a, b", "a, b UNCLOSED\n"},
		{"@import x", "@import x UNCLOSED\n"},
		{"p { a { b: c }", "p{ a { b: c }} UNCLOSED\n"},
		{"p { c: rgb(1 }", "p{ c: rgb(1 }} UNCLOSED\n"},
	}
	for _, tt := range tests {
		if got := describe(tt.src, Rules(Tokenize(tt.src))); got != tt.want {
			t.Errorf("Rules(%q)\n got %q\nwant %q", tt.src, got, tt.want)
		}
	}
}

// describeDecls renders the items of a declaration list, one per line.
func describeDecls(src string, ds []Decl) string {
	var b strings.Builder
	for _, d := range ds {
		switch {
		case d.Rule != nil:
			fmt.Fprintf(&b, "rule %s\n", describe(src, []Rule{*d.Rule})[:len(describe(src, []Rule{*d.Rule}))-1])
		case d.Name == "":
			fmt.Fprintf(&b, "bad %q\n", src[d.Off:d.End])
		default:
			fmt.Fprintf(&b, "%s=%q", d.Name, Text(src, d.Value))
			if d.Important {
				fmt.Fprintf(&b, " !%s", src[d.Bang:d.End])
			}
			b.WriteString("\n")
		}
	}
	return b.String()
}

func TestDecls(t *testing.T) {
	tests := []struct{ src, want string }{
		{"color: red; Margin :0 /* x */ ;;", "color=\"red\"\nMargin=\"0\"\n"},
		{"a: b ! IMPORTANT; c: d!important; e: f !\\69mportant", "a=\"b\" !! IMPORTANT\nc=\"d\" !!important\ne=\"f\" !!\\69mportant\n"},
		{"a: 'x;y' url(a;b) f(;)", "a=\"'x;y' url(a;b) f(;)\"\n"},
		{"--x: { a: b }; y: 1", "--x=\"{ a: b }\"\ny=\"1\"\n"},
		{"a: b; &:hover { c: d } e: f", "a=\"b\"\nrule &:hover{ c: d }\ne=\"f\"\n"},
		{"@media x { a: b } c: d", "rule @media x{ a: b }\nc=\"d\"\n"},
		{"color red; tlr3x; *zoom: 1; : x", "bad \"color red\"\nbad \"tlr3x\"\nbad \"*zoom: 1\"\nbad \": x\"\n"},
		{"a:;b:!important", "a=\"\"\nb=\"\" !!important\n"},
		{`col\6f r: red`, `col\6f r="red"` + "\n"},
	}
	for _, tt := range tests {
		if got := describeDecls(tt.src, Decls(Tokenize(tt.src))); got != tt.want {
			t.Errorf("Decls(%q)\n got %q\nwant %q", tt.src, got, tt.want)
		}
	}
}

func TestUnclosed(t *testing.T) {
	tests := []struct {
		src  string
		want string
	}{
		{"p { a: b }", ""}, {"p { a: b ", "{"}, {"p { a: rgb(1 }", "rgb("}, {"p { a: [x }", "["},
		{"p { a: b } }", ""}, {"p ( ] ) { ", "{"},
	}
	for _, tt := range tests {
		toks := Tokenize(tt.src)
		got := ""
		if i := Unclosed(toks); i >= 0 {
			got = toks[i].Text
		}
		if got != tt.want {
			t.Errorf("Unclosed(%q) = %q, want %q", tt.src, got, tt.want)
		}
	}
}

func TestPos(t *testing.T) {
	text := "ab\ncé😀d\n"
	c := NewCursor(text, Pos{Line: 2, Col: 5})
	want := []struct {
		off int
		at  Pos
	}{{0, Pos{Line: 2, Col: 5}}, {2, Pos{Line: 2, Col: 7}}, {3, Pos{Line: 3, Col: 1}}, {4, Pos{Line: 3, Col: 2}}, {6, Pos{Line: 3, Col: 3}}, {10, Pos{Line: 3, Col: 4}}, {11, Pos{Line: 3, Col: 5}}, {12, Pos{Line: 4, Col: 1}}, {1, Pos{Line: 2, Col: 6}}}
	for _, w := range want {
		if got := c.At(w.off); got != w.at {
			t.Errorf("At(%d) = %v, want %v", w.off, got, w.at)
		}
	}
	if got := (Pos{}).Advance("a\nb"); got != (Pos{}) {
		t.Errorf("unknown place advanced to %v", got)
	}
}

func TestStripComments(t *testing.T) {
	src := " a /* x */ b '/* y */' "
	toks := Trim(Tokenize(src))
	if got := StripComments(src, toks); got != "a  b '/* y */'" {
		t.Errorf("StripComments = %q", got)
	}
	if got := StripComments("1px/**/solid/* x */", Tokenize("1px/**/solid/* x */")); got != "1px solid" {
		t.Errorf("StripComments between tokens = %q", got)
	}
	if got := StripComments("a b", Tokenize("a b")); got != "a b" {
		t.Errorf("StripComments without comments = %q", got)
	}
}

func TestSplit(t *testing.T) {
	src := "a, :is(b, c) [x=','],d,"
	var got []string
	for _, part := range Split(Tokenize(src), Comma) {
		got = append(got, Text(src, part))
	}
	if want := []string{"a", " :is(b, c) [x=',']", "d", ""}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("Split = %q, want %q", got, want)
	}
}

func TestSplitList(t *testing.T) {
	got := SplitList(" a /* x */ , :is(b, c),\n d/**/e ,")
	if want := []string{"a", ":is(b, c)", "d e", ""}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("SplitList = %q, want %q", got, want)
	}
}
