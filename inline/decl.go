package inline

import (
	"regexp"
	"strings"

	"github.com/tailor-email/tailor/internal/css"
)

// declaration is one "property: value" of a rule or a style attribute.
// A segment of a style attribute that is not a declaration (a template
// action, say) is kept verbatim in value with an empty prop.
type declaration struct {
	prop      string // lower-cased, except custom properties (--name)
	value     string // trimmed, without !important
	important bool
}

// text is the declaration as written into a style attribute.
func (d declaration) text(keepImportant bool) string {
	if d.prop == "" {
		return d.value + ";"
	}
	if d.important && keepImportant {
		return d.prop + ": " + d.value + " !important;"
	}
	return d.prop + ": " + d.value + ";"
}

var importantSuffix = regexp.MustCompile(`(?i)\s*!\s*important\s*$`)

// parseBlock splits the block of a rule, which starts at p, into its
// declarations and its nested rules (CSS nesting). A segment without a
// property name and a colon is an error.
func parseBlock(block string, p pos) ([]declaration, []item, error) {
	var decls []declaration
	var nested []item
	cur := css.NewCursor(block, p)
	for _, d := range css.Decls(css.Tokenize(block)) {
		if d.Rule != nil && d.Rule.Open >= 0 {
			it := itemOf(block, *d.Rule, cur)
			it.prelude = strings.TrimSpace(css.StripComments(block, headOf(d)))
			nested = append(nested, it)
			continue
		}
		dc, ok := declarationOf(block, d)
		if ok && dc.prop == "" {
			return nil, nil, errorf(p, block, d.Off, "declaration %q has no property name and colon", dc.value)
		}
		if ok {
			decls = append(decls, dc)
		}
	}
	return decls, nested, nil
}

// headOf returns the tokens of a nested rule before its block.
func headOf(d css.Decl) []css.Token {
	for k, t := range d.Tokens {
		if t.Off == d.Rule.Open {
			return d.Tokens[:k]
		}
	}
	return d.Tokens
}

// parseStyleAttr splits a style attribute into declarations. It never
// fails: a segment that is not a declaration is kept verbatim.
func parseStyleAttr(style string) []declaration {
	var decls []declaration
	for _, d := range css.Decls(css.Tokenize(style)) {
		if dc, ok := declarationOf(style, d); ok {
			decls = append(decls, dc)
		}
	}
	return decls
}

// declarationOf returns the declaration d of src, without comments. ok
// is false for an empty value, which browsers drop. An item that is not a
// declaration comes back verbatim with an empty prop, unless it is a
// name with no white space in it, a colon and a value: inliners keep
// such hacks ("#zoom: 1"), which a browser drops.
func declarationOf(src string, d css.Decl) (declaration, bool) {
	if d.Name == "" {
		return hackDeclaration(src, d.Tokens)
	}
	dc := declaration{prop: d.Name, value: css.StripComments(src, d.Value), important: d.Important}
	if !strings.HasPrefix(d.Name, "--") {
		dc.prop = strings.ToLower(d.Name)
	}
	return dc, dc.value != ""
}

// hackDeclaration reads the tokens of an item that is not a declaration.
func hackDeclaration(src string, toks []css.Token) (declaration, bool) {
	seg := strings.TrimSpace(css.StripComments(src, toks))
	c := css.Until(toks, 0, css.Colon, css.LeftBrace)
	if c == len(toks) || toks[c].Kind != css.Colon {
		return declaration{value: seg}, true
	}
	name := strings.TrimSpace(css.StripComments(src, toks[:c]))
	if name == "" || strings.ContainsAny(name, " \t\r\n\f{}()") {
		return declaration{value: seg}, true
	}
	d := declaration{prop: strings.ToLower(name), value: strings.TrimSpace(css.StripComments(src, toks[c+1:]))}
	if loc := importantSuffix.FindStringIndex(d.value); loc != nil {
		d.value, d.important = d.value[:loc[0]], true
	}
	return d, d.value != ""
}
