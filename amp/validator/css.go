package validator

import (
	"strings"

	"github.com/tailor-email/tailor/internal/css"
)

// cssDecl is one "name: value" declaration, or a syntax error where one
// was expected (problem is then an error code). Offsets are in the
// document.
type cssDecl struct {
	name      string      // lower-cased, escapes decoded
	value     []css.Token // trimmed, without !important; token offsets are in the stylesheet or attribute
	text      string      // the value as written
	off       int         // document offset of the name
	important int         // document offset of the "!" of !important, or -1
	problem   string
}

// declarations splits a declaration list (a block body or a style
// attribute), whose tokens are at base in the document, into
// declarations. As in the official validator's parser (CSS Syntax 3
// before nesting), a declaration runs to its ';' whatever blocks it
// holds, and anything that does not start with an identifier is an
// invalid declaration up to the next ';'.
func declarations(src string, toks []css.Token, base int) []cssDecl {
	var out []cssDecl
	for i := 0; ; {
		for i < len(toks) && (toks[i].Kind == css.Space || toks[i].Kind == css.Comment || toks[i].Kind == css.Semicolon) {
			i++
		}
		if i == len(toks) {
			return out
		}
		end := css.Until(toks, i, css.Semicolon)
		out = append(out, declaration(src, toks[i:end], base))
		i = end
	}
}

// declaration reads one declaration from its tokens, up to its ';'.
func declaration(src string, seg []css.Token, base int) cssDecl {
	off := base + seg[0].Off
	if seg[0].Kind != css.Ident {
		return cssDecl{off: off, problem: "CSS_SYNTAX_INVALID_DECLARATION"}
	}
	name := strings.ToLower(seg[0].Value())
	colon := css.SkipSpace(seg, 1)
	if colon == len(seg) || seg[colon].Kind != css.Colon {
		return cssDecl{name: name, off: off, problem: "CSS_SYNTAX_INCOMPLETE_DECLARATION"}
	}
	d := cssDecl{name: name, off: off, important: -1}
	value := css.Trim(seg[colon+1:])
	if n := len(value); n > 0 && value[n-1].Kind == css.Ident && strings.EqualFold(value[n-1].Value(), "important") {
		if b := len(css.Trim(value[:n-1])); b > 0 && value[b-1].Is(css.Delim, "!") {
			d.important = base + value[b-1].Off
			value = css.Trim(value[:b-1])
		}
	}
	d.value, d.text = value, css.Text(src, value)
	return d
}

// cssURL is a url(...) found in a declaration value.
type cssURL struct {
	off int    // document offset of "url("
	url string // the URL, unquoted and unescaped
	bad bool   // not a valid url token (a stray quote, parenthesis or space)
}

// urlsIn finds the url(...) tokens of a declaration value: URL and bad
// URL tokens, and url( written as a function with a string in it. The
// value's tokens are at base in the document.
func urlsIn(value []css.Token, base int) []cssURL {
	var out []cssURL
	for i, t := range value {
		switch {
		case t.Kind == css.URL:
			out = append(out, cssURL{off: base + t.Off, url: t.Value()})
		case t.Kind == css.BadURL:
			out = append(out, cssURL{off: base + t.Off, bad: true})
		case t.Kind == css.Function && strings.EqualFold(t.Value(), "url"):
			u := cssURL{off: base + t.Off, bad: true}
			if j := css.SkipSpace(value, i+1); j < len(value) && value[j].Kind == css.String {
				u = cssURL{off: base + t.Off, url: value[j].Value(), bad: value[j].Unclosed()}
			}
			out = append(out, u)
		}
	}
	return out
}

// urlProblem returns the error code and parameter for a url(...) in CSS:
// only https and relative URLs load in email.
func urlProblem(u cssURL) (code, param string) {
	if u.bad {
		return "CSS_SYNTAX_BAD_URL", ""
	}
	if name, ok := scheme(u.url); ok && !strings.EqualFold(name, "https") {
		return "CSS_SYNTAX_INVALID_URL_PROTOCOL", strings.ToLower(name)
	}
	return "", ""
}

// unterminatedComment returns the index in toks of a comment that never
// ends, or -1.
func unterminatedComment(toks []css.Token) int {
	for i, t := range toks {
		if t.Kind == css.Comment && t.Unclosed() {
			return i
		}
	}
	return -1
}

func isCSSSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' }
