package validator

import (
	"strings"
)

const emailCSSURL = "https://amp.dev/documentation/guides-and-tutorials/email/learn/email-spec/amp-email-css"

// checkStylesheet checks the text of <style amp-custom>: allowed at-rules,
// no !important, and under data-css-strict the allowed selectors,
// properties, values and media queries.
func (r *run) checkStylesheet(s *pspec, text string, base int) {
	r.cssLine, r.cssCol = r.lines.pos(base)
	if i := unterminatedComment(text); i >= 0 {
		r.unterminatedComment(s, text, base, i)
	}
	c := &cssScanner{src: text, base: base}
	r.checkRules(s, c)
}

// unterminatedComment reports a comment that runs to the end of the
// stylesheet at i, where the official tokenizer puts it (one byte
// earlier), and the error the parser then meets at the end.
func (r *run) unterminatedComment(s *pspec, text string, base, i int) {
	r.cssError(base+max(i-1, 0), "CSS_SYNTAX_UNTERMINATED_COMMENT", "", s.desc)
	end := base + len(text) - 1
	if strings.Count(text[:i], "{") > strings.Count(text[:i], "}") {
		r.cssError(end, "CSS_SYNTAX_INCOMPLETE_DECLARATION", "", s.desc)
	} else {
		r.cssError(end, "CSS_SYNTAX_EOF_IN_PRELUDE_OF_QUALIFIED_RULE", "", s.desc)
	}
}

// cssError reports an error inside the stylesheet being checked.
func (r *run) cssError(off int, code, specURL string, params ...string) {
	r.addCSSError(off, code, specURL, params...)
}

func (r *run) checkRules(s *pspec, c *cssScanner) {
	for {
		c.skipSpace()
		if c.eof() {
			return
		}
		// CDO and CDC tokens are ignored at the top level.
		if rest := c.src[c.pos:]; strings.HasPrefix(rest, "<!--") {
			c.pos += 4
			continue
		} else if strings.HasPrefix(rest, "-->") {
			c.pos += 3
			continue
		}
		switch c.src[c.pos] {
		case '@':
			r.checkAtRule(s, c)
		case ';':
			if r.strict { // only strict mode parses selectors
				r.cssError(c.off(), "CSS_SYNTAX_NOT_A_SELECTOR_START", "", s.desc)
			}
			c.pos++
		default:
			r.checkQualifiedRule(s, c)
		}
	}
}

func (r *run) checkAtRule(s *pspec, c *cssScanner) {
	off := c.off()
	c.pos++
	name := strings.ToLower(c.ident())
	preludeOff := c.off()
	prelude := c.until("{;")
	if name != "media" {
		r.cssError(off, "CSS_SYNTAX_INVALID_AT_RULE", "", s.desc, name)
	} else if strings.ContainsAny(prelude, "<>=") {
		r.cssError(off, "CSS_SYNTAX_MALFORMED_MEDIA_QUERY", "", s.desc) // range syntax
	} else {
		r.checkMediaQuery(s, prelude, preludeOff)
	}
	if c.eof() {
		return
	}
	if c.src[c.pos] == ';' {
		c.pos++
		return
	}
	body, inner := c.block()
	if name == "media" {
		r.checkRules(s, &cssScanner{src: body, base: c.base + inner})
	}
}

func (r *run) checkQualifiedRule(s *pspec, c *cssScanner) {
	selOff := c.off()
	sel := c.until("{")
	if c.eof() {
		r.cssError(selOff, "CSS_SYNTAX_EOF_IN_PRELUDE_OF_QUALIFIED_RULE", "", s.desc)
		return
	}
	if r.strict { // only strict mode parses selectors
		r.checkSelectorSyntax(s, sel, selOff)
		r.checkSelector(s, sel, selOff)
	}
	body, inner := c.block()
	for _, d := range declarations(body, c.base+inner) {
		r.checkDecl(s, d)
	}
}

// checkDecl checks one declaration of the stylesheet.
func (r *run) checkDecl(s *pspec, d cssDecl) {
	if d.problem != "" {
		r.cssError(d.off, d.problem, "", s.desc)
		return
	}
	for _, u := range urlsIn(d.value, d.valueOff) {
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
	if bad, ok := cssValueDisallowed(d.name, d.value); ok {
		r.cssError(d.off, "CSS_SYNTAX_DISALLOWED_PROPERTY_VALUE", emailCSSURL, s.desc, d.name, bad)
	}
}

// checkStyleAttr checks an inline style attribute against the same
// property and value rules, reporting at the tag.
func (r *run) checkStyleAttr(a *attempt, value string, off int) {
	if unterminatedComment(value) >= 0 {
		a.add(off, "CSS_SYNTAX_UNTERMINATED_COMMENT", "", a.spec.desc)
	}
	for _, d := range declarations(value, 0) {
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
			if bad, ok := cssValueDisallowed(d.name, d.value); ok {
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

// checkSelectorSyntax finds a combinator or comma with no selector after
// it (".a > > .b", ".a, , .b").
func (r *run) checkSelectorSyntax(s *pspec, sel string, base int) {
	expect := true // a compound selector must come next
	for i := 0; i < len(sel); i++ {
		switch b := sel[i]; {
		case b == '\\':
			i++
			expect = false
		case isCSSSpace(b):
		case b == '>' || b == '+' || b == '~' || b == ',':
			if expect {
				r.cssError(base+i, "CSS_SYNTAX_MISSING_SELECTOR", "", s.desc)
				return
			}
			expect = true
		case b == '[' || b == '(':
			depth, close := 0, byte(']')
			if b == '(' {
				close = ')'
			}
			for ; i < len(sel); i++ {
				if sel[i] == b {
					depth++
				} else if sel[i] == close {
					if depth--; depth == 0 {
						break
					}
				}
			}
			expect = false
		default:
			expect = false
		}
	}
}

// checkSelector applies the strict selector allowlists: attribute
// selectors, pseudo-classes and pseudo-elements.
func (r *run) checkSelector(s *pspec, sel string, base int) {
	for i := 0; i < len(sel); i++ {
		switch sel[i] {
		case '\\':
			i++ // an escaped character is part of a name
		case '[':
			j := i + 1
			for j < len(sel) && isIdentByte(sel[j]) {
				j++
			}
			if name := strings.ToLower(sel[i+1 : j]); !cssAttrSelectors[name] {
				r.cssError(base+i, "CSS_SYNTAX_DISALLOWED_ATTR_SELECTOR", "", s.desc, name)
			}
			for i < len(sel) && sel[i] != ']' {
				i++
			}
		case ':':
			start, elem := i, false
			if i+1 < len(sel) && sel[i+1] == ':' {
				elem = true
				i++
			}
			j := i + 1
			for j < len(sel) && isIdentByte(sel[j]) {
				j++
			}
			name := strings.ToLower(sel[i+1 : j])
			switch {
			case elem && !cssPseudoElements[name]:
				r.cssError(base+start, "CSS_SYNTAX_DISALLOWED_PSEUDO_ELEMENT", "", s.desc, name)
			case !elem && !cssPseudoClasses[name]:
				r.cssError(base+start, "CSS_SYNTAX_DISALLOWED_PSEUDO_CLASS", "", s.desc, name)
			}
			i = j - 1
		}
	}
}

// checkMediaQuery applies the allowlists of media types and features
// (with or without data-css-strict).
func (r *run) checkMediaQuery(s *pspec, q string, base int) {
	c := &cssScanner{src: q, base: base}
	for {
		c.skipSpace()
		if c.eof() {
			return
		}
		switch b := c.src[c.pos]; {
		case b == '(':
			c.pos++
			c.skipSpace()
			off := c.off()
			name := strings.ToLower(c.ident())
			if !cssMediaFeatures[name] {
				r.cssError(off, "CSS_SYNTAX_DISALLOWED_MEDIA_FEATURE", "", s.desc, name)
			}
			c.until(")")
			c.pos++
		case isIdentByte(b):
			off := c.off()
			name := strings.ToLower(c.ident())
			if !cssMediaTypes[name] && name != "and" && name != "not" && name != "only" {
				r.cssError(off, "CSS_SYNTAX_DISALLOWED_MEDIA_TYPE", "", s.desc, name)
			}
		default:
			c.pos++
		}
	}
}
