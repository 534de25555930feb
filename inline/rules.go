package inline

import (
	"fmt"
	"strings"

	"github.com/andybalholm/cascadia"

	"github.com/tailor-email/tailor/internal/css"
)

// rule is one selector of a style rule with the rule's declarations: what
// go-premailer is given to inline. order is its place in the source.
type rule struct {
	text  string       // the selector as written
	sel   cascadia.Sel // compiled, to rank it and, if need be, to mark its elements
	spec  cascadia.Specificity
	order int
	decls []declaration
	vars  bool // a kept rule, inlined only for its custom properties
}

// stylesheet is what the inliner makes of a document's CSS: the rules
// go-premailer inlines, and the CSS kept for the head, verbatim and in
// source order, because go-premailer would drop or mangle it.
type stylesheet struct {
	rules []rule   // rules to inline, in source order
	kept  []string // CSS for the one <style> of the head
	first []string // @charset and @import, which must open the head CSS
	order int
}

// add reads one stylesheet, whose text starts at p in the document.
func (s *stylesheet) add(text string, p pos) error {
	items, err := scanSheet(text, p)
	if err != nil {
		return err
	}
	for _, it := range items {
		if err := s.addItem(it, nil); err != nil {
			return err
		}
	}
	return nil
}

// addItem adds one statement. parents are the selectors of the rule it is
// nested in (CSS nesting), nil at the top level.
func (s *stylesheet) addItem(it item, parents []string) error {
	if it.at {
		lower := strings.ToLower(it.prelude)
		if parents == nil && (strings.HasPrefix(lower, "@import") || strings.HasPrefix(lower, "@charset")) {
			s.first = append(s.first, it.raw)
		} else if parents == nil {
			s.kept = append(s.kept, it.raw)
		} else {
			s.kept = append(s.kept, fmt.Sprintf("%s {\n%s {%s}\n}", it.prelude, strings.Join(parents, ", "), it.block))
		}
		return nil
	}
	decls, nested, err := parseBlock(it.block, it.inner)
	if err != nil {
		return err
	}
	sels := selectors(it.prelude, parents)
	var keptSels []string
	for _, sel := range sels {
		if keepSelector(sel) {
			keptSels = append(keptSels, sel)
			s.addVars(sel, decls)
			continue
		}
		compiled, err := cascadia.ParseWithPseudoElement(sel)
		if err != nil || compiled.PseudoElement() != "" {
			keptSels = append(keptSels, sel)
			continue
		}
		s.order++
		s.rules = append(s.rules, rule{text: sel, sel: compiled, spec: compiled.Specificity(), order: s.order, decls: decls})
	}
	s.keep(it, keptSels, len(sels), decls, nested, parents)
	for _, n := range nested {
		if err := s.addItem(n, sels); err != nil {
			return err
		}
	}
	return nil
}

// keep adds to the head CSS the part of a rule whose selectors are kept:
// the rule verbatim when all of it is kept, else the kept selectors with
// the rule's declarations.
func (s *stylesheet) keep(it item, keptSels []string, all int, decls []declaration, nested []item, parents []string) {
	switch {
	case len(keptSels) == 0 || (len(decls) == 0 && len(nested) > 0):
	case len(keptSels) == all && len(nested) == 0 && parents == nil:
		s.kept = append(s.kept, it.raw)
	case len(nested) == 0 && parents == nil:
		s.kept = append(s.kept, strings.Join(keptSels, ",\n")+" {"+it.block+"}")
	default:
		var b strings.Builder
		for _, d := range decls {
			b.WriteString(" " + d.text(true))
		}
		s.kept = append(s.kept, strings.Join(keptSels, ", ")+" {"+b.String()+" }")
	}
}

// headCSS returns the CSS kept for the head, @charset and @import first
// (browsers ignore them after other rules), the rest in source order.
func (s *stylesheet) headCSS() []string {
	return append(s.first[:len(s.first):len(s.first)], s.kept...)
}

// addVars makes a rule of the custom properties of a kept rule, so that
// var() in inlined values can use them (":root { --brand: #e00 }"). A
// rule on a state (:hover) never matches here, which is right: the
// state is not there when the mail opens.
func (s *stylesheet) addVars(sel string, decls []declaration) {
	var vars []declaration
	for _, d := range decls {
		if strings.HasPrefix(d.prop, "--") {
			vars = append(vars, d)
		}
	}
	if len(vars) == 0 {
		return
	}
	compiled, err := cascadia.ParseWithPseudoElement(sel)
	if err != nil || compiled.PseudoElement() != "" {
		return
	}
	s.order++
	s.rules = append(s.rules, rule{text: sel, sel: compiled, spec: compiled.Specificity(), order: s.order, decls: vars, vars: true})
}

// selectors splits a selector list and, for a nested rule, resolves it
// against its parents: "&" stands for the parent, and a selector without
// "&" is a descendant of it.
func selectors(prelude string, parents []string) []string {
	var out []string
	for _, sel := range css.SplitList(prelude) {
		if sel == "" {
			continue
		}
		if parents == nil {
			out = append(out, sel)
			continue
		}
		for _, p := range parents {
			if strings.Contains(sel, "&") {
				out = append(out, strings.ReplaceAll(sel, "&", p))
			} else {
				out = append(out, p+" "+sel)
			}
		}
	}
	return out
}

// clientHacks are selectors that only mean something inside one email
// client (Gmail, Outlook.com, Apple Mail, Yahoo): they target the client's
// own markup, so they stay in the head and are never inlined.
var clientHacks = []string{
	"[data-ogsc]", "[data-ogsb]", "#MessageViewBody", "#MessageWebViewDiv",
	".ExternalClass", "[x-apple-data-detectors", "#outlook", "[owa]",
	"[data-outlook-cycle]", ".yshortcuts", "[class~=\"x_",
}

// statePseudo are the pseudo-classes that depend on the user or on the
// client (a style attribute cannot express them), :root, and the legacy
// single-colon pseudo-elements. A selector that names one, or a name that
// begins with one (:focus-visible, :placeholder-shown), or a vendor's
// (:-webkit-autofill), stays in the head.
var statePseudo = [...]string{
	"hover", "active", "focus", "visited", "link", "any-link", "target", "root", "checked",
	"before", "after", "first-line", "first-letter", "selection", "placeholder",
}

// keepSelector reports whether sel stays in the head instead of being
// inlined: a client hack (clientHacks, and "u + .body" and its
// relatives, for Gmail) or a pseudo-class of state (statePseudo).
func keepSelector(sel string) bool {
	for _, h := range clientHacks {
		if strings.Contains(sel, h) {
			return true
		}
	}
	toks := css.Tokenize(sel)
	if hackStart(toks) {
		return true
	}
	for i, t := range toks {
		if t.Kind == css.Colon && i+1 < len(toks) && statePseudoName(toks[i+1]) {
			return true
		}
	}
	return false
}

// hackStart reports whether a selector starts "u +" or "u ~": the Gmail
// hack "u + .body ..." and its relatives.
func hackStart(toks []css.Token) bool {
	if len(toks) == 0 || toks[0].Kind != css.Ident || toks[0].Text != "u" {
		return false
	}
	i := css.SkipSpace(toks, 1)
	return i < len(toks) && (toks[i].Is(css.Delim, "+") || toks[i].Is(css.Delim, "~"))
}

// statePseudoName reports whether t, the token after a colon, names a
// pseudo-class of statePseudo or a vendor's.
func statePseudoName(t css.Token) bool {
	if t.Kind != css.Ident && t.Kind != css.Function {
		return false
	}
	name := strings.ToLower(t.Text)
	if len(name) > 1 && name[0] == '-' && 'a' <= name[1] && name[1] <= 'z' {
		return true
	}
	for _, p := range statePseudo {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}
