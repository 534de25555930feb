package css

import "strings"

// Rule is one rule of a list of rules: an at-rule, or a qualified rule (a
// style rule, a keyframe).
type Rule struct {
	Off, End int    // the rule as written, from its first token through its ';' or '}'
	At       bool   // an at-rule, named Name
	Name     string // the at-keyword without "@", as written
	// Prelude is what comes before the block or ';': the selector list of
	// a style rule, or what follows the at-keyword. White space and
	// comments at its ends are left out.
	Prelude []Token
	Block   []Token // between the braces; nil when the rule has none
	Open    int     // offset of the '{', -1 when the rule has no block
	Closed  bool    // the block's '}', or the ';' of a rule without a block, was found
}

// Rules reads a list of rules: a stylesheet, or the block of an at-rule
// that holds rules (@media, @supports). It follows CSS Syntax 3's
// "consume a list of rules", with one departure: a ';' ends a qualified
// rule that has no block yet, as it ends an at-rule, where the
// specification reads on into the next rule's selectors (which then never
// match); such a rule comes back with no block and Closed set, for the
// caller to report or skip. White space, comments, CDO and CDC between
// rules are skipped; a '}' with no '{' starts the selectors of the next
// rule, as in the specification.
func Rules(toks []Token) []Rule {
	var rules []Rule
	for i := 0; ; {
		for i < len(toks) && (blank(toks[i].Kind) || toks[i].Kind == CDO || toks[i].Kind == CDC) {
			i++
		}
		if i == len(toks) {
			return rules
		}
		var r Rule
		r, i = rule(toks, i, LeftBrace, Semicolon)
		rules = append(rules, r)
	}
}

// rule reads the rule starting at toks[i], whose prelude ends at the
// first of stops, and returns it with the index past it.
func rule(toks []Token, i int, stops ...Kind) (Rule, int) {
	r := Rule{Off: toks[i].Off, Open: -1}
	start := i
	if toks[i].Kind == AtKeyword {
		r.At, r.Name = true, toks[i].Text[1:]
		start++
	}
	j := Until(toks, start, stops...)
	r.Prelude = Trim(toks[start:j])
	switch {
	case j == len(toks):
		r.End = toks[j-1].End()
		return r, j
	case toks[j].Kind != LeftBrace:
		r.End, r.Closed = toks[j].End(), true
		return r, j + 1
	}
	next, closed := Skip(toks, j)
	r.Open, r.Closed, r.End = toks[j].Off, closed, toks[next-1].End()
	r.Block = toks[j+1 : next]
	if closed {
		r.Block = toks[j+1 : next-1]
	}
	return r, next
}

// Decl is one item of a declaration list: a declaration, a nested rule,
// or a segment that is neither.
type Decl struct {
	Off, End int // the item as written, without white space and comments at its ends, nor its ';'
	// Name is the property as written (escapes and case kept); "" when
	// the item is not a declaration.
	Name string
	// Value is what follows the colon, without !important and without
	// white space and comments at its ends.
	Value     []Token
	Important bool
	Bang      int     // offset of the '!' of !important, -1 without it
	Tokens    []Token // the whole item, trimmed
	Rule      *Rule   // a nested rule or at-rule (CSS nesting, @media in a block)
}

// Decls reads a declaration list: the block of a style rule, or a style
// attribute. It follows CSS Syntax 3's "consume a block's contents": a
// declaration is an identifier, a colon and a value up to ';'; an item
// that starts with an at-keyword, or that meets a '{' before its ';', is a
// nested rule (so "a:hover { ... }" is a rule, as the specification finds
// after trying it as a declaration), except that a custom property
// (--name:) takes blocks into its value. Anything else up to ';' is an
// item with no Name, which browsers drop and a strict reader reports.
func Decls(toks []Token) []Decl {
	n := 1 // items, at most one more than the semicolons (more with nested rules)
	for _, t := range toks {
		if t.Kind == Semicolon {
			n++
		}
	}
	out := make([]Decl, 0, n)
	for i := 0; ; {
		for i < len(toks) && (blank(toks[i].Kind) || toks[i].Kind == Semicolon) {
			i++
		}
		if i == len(toks) {
			return out
		}
		var d Decl
		d, i = item(toks, i)
		out = append(out, d)
	}
}

// item reads the item of a declaration list that starts at toks[i].
func item(toks []Token, i int) (Decl, int) {
	j := Until(toks, i, Semicolon, LeftBrace)
	custom := toks[i].Kind == Ident && strings.HasPrefix(toks[i].Text, "--") && colonAt(toks, i+1) >= 0
	if custom {
		j = Until(toks, i, Semicolon)
	}
	if toks[i].Kind == AtKeyword || j < len(toks) && toks[j].Kind == LeftBrace {
		r, next := rule(toks, i, LeftBrace, Semicolon)
		seg := toks[i:next]
		return Decl{Off: r.Off, End: r.End, Rule: &r, Tokens: seg, Bang: -1}, next
	}
	d := declaration(Trim(toks[i:j]))
	return d, j
}

// declaration reads one declaration from its trimmed tokens.
func declaration(seg []Token) Decl {
	d := Decl{Off: seg[0].Off, End: seg[len(seg)-1].End(), Tokens: seg, Bang: -1}
	c := colonAt(seg, 1)
	if seg[0].Kind != Ident || c < 0 {
		return d
	}
	d.Name = seg[0].Text
	value := Trim(seg[c+1:])
	if n := len(value); n >= 2 && value[n-1].Kind == Ident && strings.EqualFold(value[n-1].Value(), "important") {
		if b := len(Trim(value[:n-1])); b > 0 && value[b-1].Is(Delim, "!") {
			d.Important, d.Bang = true, value[b-1].Off
			value = Trim(value[:b-1])
		}
	}
	d.Value = value
	return d
}

// colonAt returns the index of the colon that follows toks[i-1] after
// white space and comments, or -1.
func colonAt(toks []Token, i int) int {
	i = SkipSpace(toks, i)
	if i < len(toks) && toks[i].Kind == Colon {
		return i
	}
	return -1
}
