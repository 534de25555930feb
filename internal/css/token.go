package css

import (
	"strings"

	"github.com/tdewolff/parse/v2"
	tcss "github.com/tdewolff/parse/v2/css"
)

// Kind is the type of a token, as CSS Syntax 3 names them, plus Comment,
// which the specification drops while tokenizing and this package keeps
// so that callers can find, keep or skip comments.
type Kind uint8

// The kinds of token.
const (
	Invalid      Kind = iota
	Ident             // color, --brand, \61 b
	Function          // rgb( and any "name("
	AtKeyword         // @media
	Hash              // #fff, #main
	String            // "a" or 'a'; a string that meets the end of input is not closed (Token.Unclosed)
	BadString         // a string cut by a newline, which is not part of it
	URL               // url(a.png), and url("a.png") as one token
	BadURL            // url(a b)
	Delim             // any other single character: ! . > + * & ...
	Number            // 5, -1.5, +.5
	Percentage        // 50%
	Dimension         // 10px, 1.5em
	UnicodeRange      // U+0025-00FF
	Match             // ~= |= ^= $= *=
	Column            // ||
	Space             // white space
	CDO               // <!--
	CDC               // -->
	Colon             // :
	Semicolon         // ;
	Comma             // ,
	LeftBracket       // [
	RightBracket      // ]
	LeftParen         // (
	RightParen        // )
	LeftBrace         // {
	RightBrace        // }
	Comment           // /* ... */; one that meets the end of input is not closed
)

// Token is one token of CSS source.
type Token struct {
	Kind Kind
	Text string // as written in the source
	Off  int    // byte offset of Text in the source
}

// End returns the offset just past the token.
func (t Token) End() int { return t.Off + len(t.Text) }

// Is reports whether the token is of kind k and its text is text, in any
// ASCII case.
func (t Token) Is(k Kind, text string) bool {
	return t.Kind == k && strings.EqualFold(t.Text, text)
}

// Unclosed reports whether a string, comment or URL meets the end of the
// input before its closing quote, */ or parenthesis. CSS Syntax 3 accepts
// it; a strict reader reports it.
func (t Token) Unclosed() bool {
	switch t.Kind {
	case Comment:
		return len(t.Text) < 4 || !strings.HasSuffix(t.Text, "*/")
	case String:
		return len(t.Text) < 2 || t.Text[len(t.Text)-1] != t.Text[0] || escapedEnd(t.Text[:len(t.Text)-1])
	case URL:
		return !strings.HasSuffix(t.Text, ")")
	}
	return false
}

// escapedEnd reports whether the last byte after s would be escaped: s
// ends with an odd number of backslashes.
func escapedEnd(s string) bool {
	n := len(s) - len(strings.TrimRight(s, `\`))
	return n%2 == 1
}

// Tokenize splits src into tokens following CSS Syntax 3; their texts,
// put end to end, are src. It never fails: what cannot be a token is a
// Delim, and an unclosed string, comment or block is a parse error for
// the caller to report, not the tokenizer.
//
// It corrects the lexer where it departs from the specification in a way
// that would show: a bad string does not take the newline that ends it,
// a custom property name (--x) is an Ident, and an escaped url function
// such as u\72 l(x) is a URL token. It keeps one departure that callers
// rely on: url("a.png") is one URL token rather than a function and a
// string (Token.Value unquotes it).
func Tokenize(src string) []Token {
	buf := make([]byte, len(src), len(src)+1)
	copy(buf, src)
	toks := make([]Token, 0, len(src)/3+1)
	l := tcss.NewLexer(parse.NewInputBytes(buf))
	off := 0
	for off < len(src) {
		tt, data := l.Next()
		if tt == tcss.ErrorToken { // the lexer only stops at the end; never loop
			toks = push(src, toks, Token{Kind: Delim, Text: src[off:], Off: off})
			break
		}
		t := Token{Kind: kindOf(tt), Text: src[off : off+len(data)], Off: off}
		off = t.End()
		switch {
		case t.Kind == BadString && strings.ContainsRune("\n\r\f", rune(t.Text[len(t.Text)-1])):
			toks = push(src, toks, Token{Kind: BadString, Text: t.Text[:len(t.Text)-1], Off: t.Off})
			t = Token{Kind: Space, Text: t.Text[len(t.Text)-1:], Off: off - 1}
		case t.Kind == Function && escapedURL(t.Text, src[off:]):
			t = urlToken(src, t.Off, off)
			off = t.End()
			l = tcss.NewLexer(parse.NewInputBytes(buf[off:]))
		}
		toks = push(src, toks, t)
	}
	return toks
}

// push appends t, merging it into a white space token before it (which
// only happens after a bad string gave back its newline).
func push(src string, toks []Token, t Token) []Token {
	if n := len(toks); n > 0 && t.Kind == Space && toks[n-1].Kind == Space {
		toks[n-1].Text = src[toks[n-1].Off:t.End()]
		return toks
	}
	return append(toks, t)
}

// kindOf maps the lexer's token types to Kind.
func kindOf(tt tcss.TokenType) Kind {
	switch tt {
	case tcss.IdentToken, tcss.CustomPropertyNameToken:
		return Ident
	case tcss.FunctionToken:
		return Function
	case tcss.AtKeywordToken:
		return AtKeyword
	case tcss.HashToken:
		return Hash
	case tcss.StringToken:
		return String
	case tcss.BadStringToken:
		return BadString
	case tcss.URLToken:
		return URL
	case tcss.BadURLToken:
		return BadURL
	case tcss.NumberToken:
		return Number
	case tcss.PercentageToken:
		return Percentage
	case tcss.DimensionToken:
		return Dimension
	case tcss.UnicodeRangeToken:
		return UnicodeRange
	case tcss.IncludeMatchToken, tcss.DashMatchToken, tcss.PrefixMatchToken, tcss.SuffixMatchToken, tcss.SubstringMatchToken:
		return Match
	case tcss.ColumnToken:
		return Column
	case tcss.WhitespaceToken:
		return Space
	case tcss.CDOToken:
		return CDO
	case tcss.CDCToken:
		return CDC
	case tcss.ColonToken:
		return Colon
	case tcss.SemicolonToken:
		return Semicolon
	case tcss.CommaToken:
		return Comma
	case tcss.CommentToken:
		return Comment
	}
	return bracketKind(tt)
}

// bracketKind maps the lexer's bracket token types; anything else is a
// Delim.
func bracketKind(tt tcss.TokenType) Kind {
	switch tt {
	case tcss.LeftBracketToken:
		return LeftBracket
	case tcss.RightBracketToken:
		return RightBracket
	case tcss.LeftParenthesisToken:
		return LeftParen
	case tcss.RightParenthesisToken:
		return RightParen
	case tcss.LeftBraceToken:
		return LeftBrace
	case tcss.RightBraceToken:
		return RightBrace
	}
	return Delim
}
