package check

import (
	"strings"

	"github.com/tailor-email/tailor/internal/css"
)

// decl is one CSS declaration; off is the byte offset of its property in
// the document (for a style="" attribute, the offset of the element).
type decl struct {
	prop, value string
	important   bool
	off         int
}

// rule is a style rule: a selector list and its declarations. media holds
// the preludes of the enclosing conditional at-rules, lower-cased.
type rule struct {
	selectors string
	off       int
	decls     []decl
	media     []string
	nested    bool // the block holds nested rules (CSS nesting)
}

// atRule is one at-rule: its name (no "@", lower-cased) and prelude.
type atRule struct {
	name, prelude string
	off           int
}

// sheet is a parsed style sheet: its rules, at-rules and the offsets of
// its comments. Parsing never fails; it is enough to find what the sheet
// uses.
type sheet struct {
	rules    []rule
	atRules  []atRule
	comments []int // offsets of /* comments */
}

// parseSheet parses the text of a <style> element starting at base.
func parseSheet(src string, base int) *sheet {
	toks := css.Tokenize(src)
	sh := &sheet{}
	for _, t := range toks {
		if t.Kind == css.Comment {
			sh.comments = append(sh.comments, base+t.Off)
		}
	}
	sh.add(src, base, css.Rules(toks), nil)
	return sh
}

// conditionalAtRules hold rules; other at-rules with a block (font-face,
// keyframes, page) hold descriptors or keyframes, which are skipped.
var conditionalAtRules = map[string]bool{"media": true, "supports": true, "container": true, "layer": true, "document": true, "-moz-document": true}

// add adds rules, nested in conditional at-rules whose preludes are media.
func (sh *sheet) add(src string, base int, rules []css.Rule, media []string) {
	for _, r := range rules {
		prelude := css.StripComments(src, r.Prelude)
		if r.At {
			name := strings.ToLower(r.Name)
			sh.atRules = append(sh.atRules, atRule{name: name, prelude: prelude, off: base + r.Off})
			if r.Open >= 0 && conditionalAtRules[name] {
				inner := append(append([]string(nil), media...), strings.ToLower(strings.TrimSpace("@"+r.Name+" "+prelude)))
				sh.add(src, base, css.Rules(r.Block), inner)
			}
			continue
		}
		if r.Open < 0 {
			continue
		}
		sr := rule{selectors: prelude, off: base + r.Off, media: media}
		for _, d := range css.Decls(r.Block) {
			sr.nested = sr.nested || d.Rule != nil
			if dc, ok := declOf(src, base+d.Off, d); ok {
				sr.decls = append(sr.decls, dc)
			}
		}
		sh.rules = append(sh.rules, sr)
	}
}

// parseDecls parses a style="" attribute; every declaration gets off.
func parseDecls(src string, off int) []decl {
	var out []decl
	for _, d := range css.Decls(css.Tokenize(src)) {
		if dc, ok := declOf(src, off, d); ok {
			out = append(out, dc)
		}
	}
	return out
}

// declOf returns the declaration d at off, if it is one.
func declOf(src string, off int, d css.Decl) (decl, bool) {
	if d.Name == "" {
		return decl{}, false
	}
	return decl{prop: strings.ToLower(d.Name), value: css.Text(src, d.Value), important: d.Important, off: off}, true
}
