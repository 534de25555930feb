package validator

import (
	"strings"

	"github.com/tailor-email/tailor/internal/css"
)

// checkSelectorSyntax reports the first syntax error of a selector list,
// as the official validator's selector parser does, and whether there was
// none. Its tokens are at base in the document; the list ends at the
// document offset end (its '{'). Each
// selector must start with a simple selector (NOT_A_SELECTOR_START, which
// also catches ".a, , .b" and a stray ';' or '}' before a rule), each
// combinator be followed by one (MISSING_SELECTOR, ".a > > .b"), and
// nothing else may stand between them (UNPARSED_INPUT_REMAINS_IN_SELECTOR,
// ".a;.b").
func (r *run) checkSelectorSyntax(s *pspec, sel []css.Token, base, end int) bool {
	const (
		start      = iota // a selector must start here
		combinator        // a compound selector must follow a combinator
		within            // in or after a compound selector
	)
	state := start
	fail := func(off int, code string) bool {
		r.cssError(off, code, "", s.desc)
		return false
	}
	for i := 0; i < len(sel); {
		t := sel[i]
		switch {
		case t.Kind == css.Space || t.Kind == css.Comment:
			i++
			continue
		case simpleSelectorStart(t):
			i = skipSimpleSelector(sel, i)
			state = within
			continue
		case state == start:
			return fail(base+t.Off, "CSS_SYNTAX_NOT_A_SELECTOR_START")
		case state == combinator:
			return fail(base+t.Off, "CSS_SYNTAX_MISSING_SELECTOR")
		case t.Kind == css.Comma:
			state = start
		case t.Kind == css.Delim && strings.Contains(">+~", t.Text):
			state = combinator
		default:
			return fail(base+t.Off, "CSS_SYNTAX_UNPARSED_INPUT_REMAINS_IN_SELECTOR")
		}
		i++
	}
	switch state {
	case start:
		return fail(end, "CSS_SYNTAX_NOT_A_SELECTOR_START")
	case combinator:
		return fail(end, "CSS_SYNTAX_MISSING_SELECTOR")
	}
	return true
}

// simpleSelectorStart reports whether a simple selector can start at t:
// a type, *, a namespace bar, a class, an id, an attribute or a pseudo.
func simpleSelectorStart(t css.Token) bool {
	switch t.Kind {
	case css.Ident, css.Hash, css.LeftBracket, css.Colon:
		return true
	case css.Delim:
		return t.Text == "*" || t.Text == "|" || t.Text == "."
	}
	return false
}

// skipSimpleSelector returns the index past the simple selector at
// sel[i]: a bracket or a function runs to its end, and a pseudo takes its
// colons and name.
func skipSimpleSelector(sel []css.Token, i int) int {
	if sel[i].Kind == css.Colon {
		for i+1 < len(sel) && sel[i+1].Kind == css.Colon {
			i++
		}
		if i+1 < len(sel) && (sel[i+1].Kind == css.Ident || sel[i+1].Kind == css.Function) {
			i++
		}
	}
	next, _ := css.Skip(sel, i)
	return next
}

// checkSelector applies the strict selector allowlists to the tokens of a
// selector list at base: attribute selectors, pseudo-classes and
// pseudo-elements (not inside the arguments of :not() and the like,
// which the official validator does not check either).
func (r *run) checkSelector(s *pspec, sel []css.Token, base int) {
	for i := 0; i < len(sel); i++ {
		switch sel[i].Kind {
		case css.LeftBracket:
			name := ""
			if i+1 < len(sel) && sel[i+1].Kind == css.Ident {
				name = strings.ToLower(sel[i+1].Value())
			}
			if !cssAttrSelectors[name] {
				r.cssError(base+sel[i].Off, "CSS_SYNTAX_DISALLOWED_ATTR_SELECTOR", "", s.desc, name)
			}
			next, _ := css.Skip(sel, i)
			i = next - 1
		case css.Colon:
			start, elem := i, i+1 < len(sel) && sel[i+1].Kind == css.Colon
			if elem {
				i++
			}
			name := ""
			if i+1 < len(sel) && (sel[i+1].Kind == css.Ident || sel[i+1].Kind == css.Function) {
				i++
				name = strings.ToLower(sel[i].Value())
				next, _ := css.Skip(sel, i) // the official validator does not look inside :not()
				i = next - 1
			}
			switch {
			case elem && !cssPseudoElements[name]:
				r.cssError(base+sel[start].Off, "CSS_SYNTAX_DISALLOWED_PSEUDO_ELEMENT", "", s.desc, name)
			case !elem && !cssPseudoClasses[name]:
				r.cssError(base+sel[start].Off, "CSS_SYNTAX_DISALLOWED_PSEUDO_CLASS", "", s.desc, name)
			}
		}
	}
}
