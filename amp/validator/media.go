package validator

import (
	"strings"

	"github.com/tailor-email/tailor/internal/css"
)

// checkMediaQuery applies the allowlists of media types and features
// (with or without data-css-strict) to the tokens of a media query list
// at base.
func (r *run) checkMediaQuery(s *pspec, q []css.Token, base int) {
	for i := 0; i < len(q); {
		t := q[i]
		switch t.Kind {
		case css.LeftParen, css.Function:
			if t.Kind == css.Function {
				r.checkMediaType(s, t.Value(), base+t.Off)
			}
			j := css.SkipSpace(q, i+1)
			name, off := "", base+t.End()
			if j < len(q) {
				off = base + q[j].Off
				if q[j].Kind == css.Ident {
					name = strings.ToLower(q[j].Value())
				}
			}
			if !cssMediaFeatures[name] {
				r.cssError(off, "CSS_SYNTAX_DISALLOWED_MEDIA_FEATURE", "", s.desc, name)
			}
			i, _ = css.Skip(q, i)
		case css.Ident:
			r.checkMediaType(s, t.Value(), base+t.Off)
			i++
		default:
			i++
		}
	}
}

// checkMediaType checks a word of a media query: a media type or and,
// not, only.
func (r *run) checkMediaType(s *pspec, word string, off int) {
	name := strings.ToLower(word)
	if !cssMediaTypes[name] && name != "and" && name != "not" && name != "only" {
		r.cssError(off, "CSS_SYNTAX_DISALLOWED_MEDIA_TYPE", "", s.desc, name)
	}
}

// mediaQueryListOK reports whether a media query list parses as the
// official validator's parser (Media Queries 3) reads it: queries split
// by commas, each "[only | not] type [and (expr)]*" or "(expr) [and
// (expr)]*", an expression being "(feature[: value])". Range syntax
// ("width >= 600px"), nested or empty parentheses, "and(" and an empty
// query are malformed.
func mediaQueryListOK(list []css.Token) bool {
	if len(css.Trim(list)) == 0 {
		return true
	}
	for _, q := range css.Split(list, css.Comma) {
		if !mediaQueryOK(solid(q)) {
			return false
		}
	}
	return true
}

// mediaQueryOK parses one media query, without white space and comments.
func mediaQueryOK(q []css.Token) bool {
	i := 0
	if i < len(q) && (q[i].Is(css.Ident, "only") || q[i].Is(css.Ident, "not")) {
		i++
	}
	switch {
	case i < len(q) && q[i].Kind == css.Ident:
		i++
	case i == 0 && i < len(q) && q[i].Kind == css.LeftParen:
		if i = mediaExpression(q, i); i < 0 {
			return false
		}
	default:
		return false
	}
	for i < len(q) {
		if !q[i].Is(css.Ident, "and") || i+1 == len(q) || q[i+1].Kind != css.LeftParen {
			return false
		}
		if i = mediaExpression(q, i+1); i < 0 {
			return false
		}
	}
	return true
}

// mediaExpression parses "(feature[: value])" at q[i] and returns the
// index past it, or -1.
func mediaExpression(q []css.Token, i int) int {
	next, closed := css.Skip(q, i)
	if !closed {
		return -1
	}
	in := q[i+1 : next-1]
	if len(in) == 0 || in[0].Kind != css.Ident {
		return -1
	}
	if len(in) > 1 && (in[1].Kind != css.Colon || len(in) == 2) {
		return -1
	}
	return next
}

// solid returns toks without white space and comments.
func solid(toks []css.Token) []css.Token {
	out := make([]css.Token, 0, len(toks))
	for _, t := range toks {
		if t.Kind != css.Space && t.Kind != css.Comment {
			out = append(out, t)
		}
	}
	return out
}
