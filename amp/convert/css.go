package convert

import (
	"strings"

	"github.com/tailor-email/tailor/internal/css"
)

// MaxCSS is the AMP4EMAIL limit on <style amp-custom> plus all style
// attributes, in bytes.
const MaxCSS = 75000

// Stylesheet returns src ready for <style amp-custom>: comments, !important
// and every at-rule but @media (with a query AMP4EMAIL accepts) removed,
// rules whose selectors AMP4EMAIL refuses dropped, and only allowed
// declarations kept. One rule per line.
func Stylesheet(src string) string {
	var b strings.Builder
	writeRules(&b, src, css.Rules(css.Tokenize(src)), "")
	return b.String()
}

// StyleAttr returns the declarations of a style attribute that AMP4EMAIL
// allows, without !important.
func StyleAttr(value string) string {
	return declarations(value, css.Tokenize(value))
}

// writeRules writes the allowed rules of src, each line prefixed with
// indent. Rules without a block (@import, @charset) are dropped.
func writeRules(b *strings.Builder, src string, rules []css.Rule, indent string) {
	for _, r := range rules {
		switch {
		case r.Open < 0:
		case r.At:
			writeAtRule(b, src, r, indent)
		default:
			writeRule(b, src, r, indent)
		}
	}
}

func writeAtRule(b *strings.Builder, src string, r css.Rule, indent string) {
	query := css.StripComments(src, r.Prelude)
	if !strings.EqualFold(r.Name, "media") || !mediaQueryAllowed(r.Prelude) {
		return
	}
	var inner strings.Builder
	writeRules(&inner, src, css.Rules(r.Block), indent+"  ")
	if inner.Len() == 0 {
		return
	}
	b.WriteString(indent + "@media " + strings.Join(strings.Fields(query), " ") + " {\n")
	b.WriteString(inner.String())
	b.WriteString(indent + "}\n")
}

func writeRule(b *strings.Builder, src string, r css.Rule, indent string) {
	var sels []string
	for _, part := range css.Split(r.Prelude, css.Comma) {
		s := strings.Join(strings.Fields(css.StripComments(src, part)), " ")
		if s != "" && selectorAllowed(s, part) {
			sels = append(sels, s)
		}
	}
	decls := declarations(src, r.Block)
	if len(sels) == 0 || decls == "" {
		return
	}
	b.WriteString(indent + strings.Join(sels, ", ") + " { " + decls + " }\n")
}

// declarations keeps the allowed declarations of a block of src,
// "a: b; c: d".
func declarations(src string, block []css.Token) string {
	var kept []string
	for _, d := range css.Decls(block) {
		if d.Name == "" || len(d.Value) == 0 {
			continue
		}
		prop := strings.ToLower(d.Name)
		if !cssProperties[prop] || !valueAllowed(d.Value) {
			continue
		}
		kept = append(kept, prop+": "+css.StripComments(src, d.Value))
	}
	return strings.Join(kept, "; ")
}

// valueAllowed refuses values that load non-https resources, name AMP's
// reserved classes, or hold an !important that is not at their end
// (which makes the declaration invalid).
func valueAllowed(value []css.Token) bool {
	for i, t := range value {
		l := strings.ToLower(t.Text)
		switch {
		case strings.Contains(l, "i-amphtml-") || l == "expression(" || strings.ContainsAny(l, "<>{}") || t.Is(css.Delim, "!"),
			t.Kind == css.BadURL || t.Kind == css.URL && !httpsURL(t.Value()),
			t.Kind == css.Function && strings.EqualFold(t.Value(), "url") && !httpsURL(argOf(value, i)):
			return false
		}
	}
	return true
}

// httpsURL reports whether a URL in CSS loads over https.
func httpsURL(u string) bool {
	return strings.HasPrefix(strings.ToLower(strings.TrimSpace(u)), "https://")
}

// argOf returns the value of the first token in the function at toks[i].
func argOf(toks []css.Token, i int) string {
	if j := css.SkipSpace(toks, i+1); j < len(toks) {
		return toks[j].Value()
	}
	return ""
}

// selectorAllowed reports whether a strict AMP4EMAIL stylesheet may use
// the selector s, whose tokens are toks: only the characters of simple
// selectors, no pseudo-elements, allowlisted pseudo-classes and
// attributes, no universal selector, no AMP-reserved names.
func selectorAllowed(s string, toks []css.Token) bool {
	l := strings.ToLower(s)
	if !selectorChars(s) || strings.Contains(l, "i-amphtml-") || strings.Contains(l, "-amp-") {
		return false
	}
	prev := css.Token{Kind: css.Space} // the start is where a type selector may be
	for i, t := range toks {
		switch t.Kind {
		case css.Comment:
			continue
		case css.Colon:
			if !pseudoClassAllowed(toks, i+1) {
				return false
			}
		case css.LeftBracket:
			j := css.SkipSpace(toks, i+1)
			if j == len(toks) || toks[j].Kind != css.Ident || !cssAttrSelectors[strings.ToLower(toks[j].Text)] {
				return false
			}
		case css.Ident:
			if typePosition(prev) && strings.HasPrefix(strings.ToLower(t.Text), "amp-") {
				return false // an AMP element
			}
		}
		prev = t
	}
	return true
}

// pseudoClassAllowed reports whether the token after a colon, toks[i],
// names an allowed pseudo-class: an identifier, or a function such as
// "not(". A second colon (a pseudo-element) is not.
func pseudoClassAllowed(toks []css.Token, i int) bool {
	if i == len(toks) {
		return false
	}
	switch t := toks[i]; t.Kind {
	case css.Ident:
		return cssPseudoClasses[strings.ToLower(t.Text)]
	case css.Function:
		return cssPseudoClasses[strings.ToLower(strings.TrimSuffix(t.Text, "("))]
	}
	return false
}

// typePosition reports whether an identifier after prev is a type
// selector (an element name): at the start, after a combinator or a comma,
// or first in a function's argument.
func typePosition(prev css.Token) bool {
	switch prev.Kind {
	case css.Space, css.Comma, css.Function, css.LeftParen:
		return true
	case css.Delim:
		return prev.Text == ">" || prev.Text == "+" || prev.Text == "~"
	}
	return false
}

// selectorChars reports whether s holds only ASCII letters, digits and
// the punctuation of simple selectors, attribute selectors and their
// quoted values: no escape, no "*", no "/", nothing beyond ASCII.
func selectorChars(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case strings.IndexByte("_- \t\n\r\f.#>+~:()[],=\"'^$|", c) >= 0:
		default:
			return false
		}
	}
	return true
}

// mediaQueryAllowed accepts a query, given as its tokens, over the media
// types and words (all, screen, only, and, not) and the features, "(name)"
// or "(name: value)", that AMP4EMAIL allows.
func mediaQueryAllowed(toks []css.Token) bool {
	words := 0
	for i := 0; i < len(toks); i++ {
		switch t := toks[i]; t.Kind {
		case css.Space, css.Comment, css.Comma:
		case css.Ident:
			if !cssMediaWords[strings.ToLower(t.Text)] {
				return false
			}
			words++
		case css.LeftParen:
			end, ok := mediaFeature(toks, i)
			if !ok {
				return false
			}
			i, words = end, words+1
		default:
			return false
		}
	}
	return words > 0
}

// mediaFeature checks the feature that toks[open] opens and returns the
// index of its ")": an allowed name, then nothing or a colon and a value
// without parentheses.
func mediaFeature(toks []css.Token, open int) (int, bool) {
	j := css.SkipSpace(toks, open+1)
	if j == len(toks) || toks[j].Kind != css.Ident || !cssMediaFeatures[strings.ToLower(toks[j].Text)] {
		return 0, false
	}
	j = css.SkipSpace(toks, j+1)
	if j < len(toks) && toks[j].Kind == css.Colon {
		for j++; j < len(toks) && toks[j].Kind != css.RightParen; j++ {
			if k := toks[j].Kind; k == css.Function || k == css.LeftParen {
				return 0, false
			}
		}
	}
	if j == len(toks) || toks[j].Kind != css.RightParen {
		return 0, false
	}
	return j, true
}
