package css

import (
	"strings"
	"testing"
)

// kinds returns "Kind:text" for each token, joined by spaces.
func kinds(toks []Token) string {
	var b []string
	for _, t := range toks {
		b = append(b, t.Kind.String()+":"+t.Text)
	}
	return strings.Join(b, " ")
}

func TestTokenize(t *testing.T) {
	tests := []struct{ src, want string }{
		{"a{b:c}", "Ident:a LeftBrace:{ Ident:b Colon:: Ident:c RightBrace:}"},
		{"--x: 1px", "Ident:--x Colon:: Space:  Dimension:1px"},
		{"@media (min-width:1px)", "AtKeyword:@media Space:  LeftParen:( Ident:min-width Colon:: Dimension:1px RightParen:)"},
		{"#fff 50% +.5", "Hash:#fff Space:  Percentage:50% Space:  Number:+.5"},
		{"'a\nb", "BadString:'a Space:\n Ident:b"},
		{"'a\n  b", "BadString:'a Space:\n   Ident:b"},
		{"url(a.png) url( 'b' )", "URL:url(a.png) Space:  URL:url( 'b' )"},
		{`u\72 l(a.png)`, `URL:u\72 l(a.png)`},
		{`u\72 l('a')`, `Function:u\72 l( String:'a' RightParen:)`},
		{`u\72 l(a b)x`, `BadURL:u\72 l(a b) Ident:x`},
		{"/* c */a", "Comment:/* c */ Ident:a"},
		{"<!-- -->", "CDO:<!-- Space:  CDC:-->"},
		{"a!important", "Ident:a Delim:! Ident:important"},
		{"[a~=b]", "LeftBracket:[ Ident:a Match:~= Ident:b RightBracket:]"},
		{"rgb(1,2)", "Function:rgb( Number:1 Comma:, Number:2 RightParen:)"},
		{`\7b x`, `Ident:\7b x`},
		{"a;b", "Ident:a Semicolon:; Ident:b"},
	}
	for _, tt := range tests {
		got := kinds(Tokenize(tt.src))
		if got != tt.want {
			t.Errorf("Tokenize(%q)\n got %s\nwant %s", tt.src, got, tt.want)
		}
	}
}

func TestUnclosedToken(t *testing.T) {
	tests := []struct {
		src  string
		want bool
	}{
		{"/* a */", false}, {"/* a", true}, {"/*/", true}, {"/**/", false},
		{`"a"`, false}, {`"a`, true}, {`"a\"`, true}, {`"a\\"`, false}, {`'`, true},
		{"url(a)", false}, {"url(a", true}, {"a", false},
	}
	for _, tt := range tests {
		toks := Tokenize(tt.src)
		if got := toks[0].Unclosed(); got != tt.want {
			t.Errorf("%q (%s): Unclosed %v, want %v", tt.src, kinds(toks), got, tt.want)
		}
	}
}

func TestValue(t *testing.T) {
	tests := []struct{ src, want string }{
		{`\61 b`, "ab"}, {`a\,b`, "a,b"}, {"@Media", "Media"}, {"#a\\62", "ab"},
		{"rgb(", "rgb"}, {`"x\"y"`, `x"y`}, {"'x", "x"}, {"\"a\\\nb\"", "ab"},
		{"url( a.png )", "a.png"}, {`url("b\61")`, "ba"}, {`url('c'`, "c"},
		{`\0 x`, "\uFFFDx"}, {`\d800`, "\uFFFD"}, {`\110000`, "\uFFFD"}, {`\1F600`, "😀"},
		{"1.5em", "1.5em"},
	}
	for _, tt := range tests {
		toks := Tokenize(tt.src)
		if got := toks[0].Value(); got != tt.want {
			t.Errorf("Value of %q (%s) = %q, want %q", tt.src, kinds(toks), got, tt.want)
		}
	}
}

// FuzzTokenize checks that tokens cover the input end to end, none
// empty, and that the parsers never panic and stay inside it.
func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"a{b:c}", "@media x{a{b:c!important}}", "'a\nb", `u\72 l(a`, "/*", "p{--x:{a};b:c}", "}}{{;", "url(a b", "\x00\\"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		toks := Tokenize(src)
		off := 0
		for _, tok := range toks {
			if tok.Off != off || tok.Text == "" || src[tok.Off:tok.End()] != tok.Text {
				t.Fatalf("token %+v at %d of %q", tok, off, src)
			}
			off = tok.End()
		}
		if off != len(src) {
			t.Fatalf("tokens end at %d of %d", off, len(src))
		}
		for _, r := range Rules(toks) {
			if r.Off < 0 || r.End > len(src) || r.Off >= r.End {
				t.Fatalf("rule %d-%d of %q", r.Off, r.End, src)
			}
			for _, d := range Decls(r.Block) {
				if d.Off < r.Off || d.End > r.End {
					t.Fatalf("item %d-%d outside its rule %d-%d", d.Off, d.End, r.Off, r.End)
				}
			}
		}
		Unclosed(toks)
	})
}
