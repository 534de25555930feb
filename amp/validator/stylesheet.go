package validator

import (
	"strings"

	"github.com/tailor-email/tailor/internal/css"
)

const emailCSSURL = "https://amp.dev/documentation/guides-and-tutorials/email/learn/email-spec/amp-email-css"

// checkStylesheet checks the text of <style amp-custom>: allowed at-rules,
// no !important, and under data-css-strict the allowed selectors,
// properties, values and media queries.
func (r *run) checkStylesheet(s *pspec, text string, base int) {
	r.cssLine, r.cssCol = r.lines.pos(base)
	toks := css.Tokenize(text)
	if i := unterminatedComment(toks); i >= 0 {
		r.unterminatedComment(s, text, base, toks[:i])
	}
	r.checkRules(s, &sheetScan{src: text, toks: toks, base: base})
}

// unterminatedComment reports a comment that runs to the end of the
// stylesheet after the tokens before, where the official tokenizer puts
// it (one byte earlier), and the error the parser then meets at the end.
func (r *run) unterminatedComment(s *pspec, text string, base int, before []css.Token) {
	i := len(text)
	if len(before) > 0 {
		i = before[len(before)-1].End()
	}
	r.cssError(base+max(i-1, 0), "CSS_SYNTAX_UNTERMINATED_COMMENT", "", s.desc)
	end := base + len(text) - 1
	if css.Unclosed(before) >= 0 {
		r.cssError(end, "CSS_SYNTAX_INCOMPLETE_DECLARATION", "", s.desc)
	} else {
		r.cssError(end, "CSS_SYNTAX_EOF_IN_PRELUDE_OF_QUALIFIED_RULE", "", s.desc)
	}
}

// cssError reports an error inside the stylesheet being checked.
func (r *run) cssError(off int, code, specURL string, params ...string) {
	r.addCSSError(off, code, specURL, params...)
}

// sheetScan is a list of rules being checked: tokens of src, which is at
// base in the document.
type sheetScan struct {
	src  string
	toks []css.Token
	base int
}

// off returns the document offset of token i.
func (c *sheetScan) off(i int) int { return c.base + c.toks[i].Off }

func (r *run) checkRules(s *pspec, c *sheetScan) {
	for i := 0; ; {
		for i < len(c.toks) && (c.toks[i].Kind == css.Space || c.toks[i].Kind == css.Comment ||
			c.toks[i].Kind == css.CDO || c.toks[i].Kind == css.CDC) { // CDO and CDC are ignored at the top level
			i++
		}
		if i == len(c.toks) {
			return
		}
		if c.toks[i].Kind == css.AtKeyword {
			i = r.checkAtRule(s, c, i)
		} else {
			// Anything else starts a qualified rule, a stray ';' or '}'
			// too (CSS Syntax 3): its selector then fails to parse.
			i = r.checkQualifiedRule(s, c, i)
		}
	}
}

// checkAtRule checks the at-rule at token i and returns the index past it.
func (r *run) checkAtRule(s *pspec, c *sheetScan, i int) int {
	name := strings.ToLower(c.toks[i].Value())
	end := css.Until(c.toks, i+1, css.LeftBrace, css.Semicolon)
	prelude := c.toks[i+1 : end]
	switch {
	case name != "media":
		r.cssError(c.off(i), "CSS_SYNTAX_INVALID_AT_RULE", "", s.desc, name)
	case !mediaQueryListOK(prelude):
		r.cssError(c.off(i), "CSS_SYNTAX_MALFORMED_MEDIA_QUERY", "", s.desc)
	default:
		r.checkMediaQuery(s, prelude, c.base)
	}
	if end == len(c.toks) {
		return end
	}
	if c.toks[end].Kind == css.Semicolon {
		return end + 1
	}
	next, closed := css.Skip(c.toks, end)
	if name == "media" {
		r.checkRules(s, &sheetScan{src: c.src, toks: blockOf(c.toks, end, next, closed), base: c.base})
	}
	return next
}

// blockOf returns the tokens inside the block that opens at toks[open]
// and ends before next.
func blockOf(toks []css.Token, open, next int, closed bool) []css.Token {
	if closed {
		return toks[open+1 : next-1]
	}
	return toks[open+1 : next]
}

// checkQualifiedRule checks the style rule at token i and returns the
// index past it.
func (r *run) checkQualifiedRule(s *pspec, c *sheetScan, i int) int {
	open := css.Until(c.toks, i, css.LeftBrace)
	if open == len(c.toks) {
		r.cssError(c.off(i), "CSS_SYNTAX_EOF_IN_PRELUDE_OF_QUALIFIED_RULE", "", s.desc)
		return open
	}
	if r.strict && r.checkSelectorSyntax(s, c.toks[i:open], c.base, c.off(open)) { // only strict mode parses selectors
		r.checkSelector(s, c.toks[i:open], c.base)
	}
	next, closed := css.Skip(c.toks, open)
	for _, d := range declarations(c.src, blockOf(c.toks, open, next, closed), c.base) {
		r.checkDecl(s, d, c.base)
	}
	return next
}

// checkDecl checks one declaration of the stylesheet, whose tokens are at
// base in the document.
func (r *run) checkDecl(s *pspec, d cssDecl, base int) {
	if d.problem != "" {
		r.cssError(d.off, d.problem, "", s.desc)
		return
	}
	for _, u := range urlsIn(d.value, base) {
		if code, param := urlProblem(u); code != "" {
			r.cssError(u.off, code, emailCSSURLFor(code), s.desc, param)
		}
	}
	if d.important >= 0 {
		r.cssError(d.important, "CSS_SYNTAX_DISALLOWED_IMPORTANT", genStylesSpecURL)
	}
	if !r.strict {
		return
	}
	if !cssPropertyAllowed(d.name) {
		r.cssError(d.off, "CSS_SYNTAX_INVALID_PROPERTY_NOLIST", emailCSSURL, s.desc, d.name)
		return
	}
	if bad, ok := cssValueDisallowed(d.name, d.text); ok {
		r.cssError(d.off, "CSS_SYNTAX_DISALLOWED_PROPERTY_VALUE", emailCSSURL, s.desc, d.name, bad)
	}
}

// checkStyleAttr checks an inline style attribute against the same
// property and value rules, reporting at the tag.
func (r *run) checkStyleAttr(a *attempt, value string, off int) {
	toks := css.Tokenize(value)
	if unterminatedComment(toks) >= 0 {
		a.add(off, "CSS_SYNTAX_UNTERMINATED_COMMENT", "", a.spec.desc)
	}
	for _, d := range declarations(value, toks, 0) {
		if d.problem != "" {
			a.add(off, d.problem, "", a.spec.desc)
			continue
		}
		for _, u := range urlsIn(d.value, 0) {
			if code, param := urlProblem(u); code != "" {
				a.add(off, code, "", a.spec.desc, param)
			}
		}
		switch {
		case strings.Contains(d.name, "i-amphtml-"):
			a.add(off, "DISALLOWED_PROPERTY_IN_ATTR_VALUE", genStylesSpecURL, d.name, "style", a.spec.desc)
		case d.important >= 0:
			a.add(off, "CSS_SYNTAX_DISALLOWED_IMPORTANT", genStylesSpecURL)
		case !r.strict:
		case !cssPropertyAllowed(d.name):
			a.add(off, "DISALLOWED_PROPERTY_IN_ATTR_VALUE", genStylesSpecURL, d.name, "style", a.spec.desc)
		default:
			if bad, ok := cssValueDisallowed(d.name, d.text); ok {
				a.add(off, "CSS_SYNTAX_DISALLOWED_PROPERTY_VALUE", genStylesSpecURL, a.spec.desc, d.name, bad)
			}
		}
	}
}

// emailCSSURLFor gives the spec URL the official validator attaches to a
// CSS error in the stylesheet.
func emailCSSURLFor(code string) string {
	if code == "CSS_SYNTAX_INVALID_URL_PROTOCOL" {
		return emailCSSURL
	}
	return ""
}
