package check

import (
	"strings"

	"github.com/tailor-email/tailor/check/caniemail"
	"github.com/tailor-email/tailor/internal/css"
)

// selectorPart is one thing a selector uses: a selector kind ("class",
// "child", "chaining" ...), a pseudo-class or a pseudo-element.
type selectorPart struct {
	kind caniemail.Kind
	name string
	text string // the selector it was found in
}

// legacyPseudoElements may be written with one colon.
var legacyPseudoElements = map[string]bool{"before": true, "after": true, "first-line": true, "first-letter": true}

// selectorParts lists what a selector list uses, by caniemail's selector
// kinds: type, class, id, attribute, universal, the four combinators,
// chaining (a compound of two or more simple selectors) and grouping.
func selectorParts(group string) []selectorPart {
	sels := css.Split(css.Tokenize(group), css.Comma)
	var out []selectorPart
	if len(sels) > 1 {
		out = append(out, selectorPart{caniemail.Selector, "grouping", abbrev(group)})
	}
	for _, s := range sels {
		out = append(out, scanSelector(group, css.Trim(s))...)
	}
	return out
}

type selScan struct {
	src      string // the selector list
	text     string // the selector being scanned
	out      []selectorPart
	compound int  // simple selectors in the current compound
	space    bool // whitespace seen since the last simple selector
}

// scanSelector lists what the selector of src made of toks uses.
func scanSelector(src string, toks []css.Token) []selectorPart {
	p := &selScan{src: src, text: css.Text(src, toks)}
	p.run(toks)
	return p.out
}

func (p *selScan) add(k caniemail.Kind, name string) {
	p.out = append(p.out, selectorPart{k, name, p.text})
}

func (p *selScan) simple(kind string) {
	if p.space && p.compound > 0 {
		p.combinator("descendant")
	}
	p.space = false
	p.compound++
	if p.compound == 2 {
		p.add(caniemail.Selector, "chaining")
	}
	if kind != "" {
		p.add(caniemail.Selector, kind)
	}
}

func (p *selScan) combinator(kind string) {
	p.add(caniemail.Selector, kind)
	p.compound, p.space = 0, false
}

// combinators names the combinator delimiters.
var combinators = map[string]string{">": "child", "+": "adjacent-sibling", "~": "general-sibling"}

func (p *selScan) run(toks []css.Token) {
	for i := 0; i < len(toks); {
		t := toks[i]
		i++
		switch {
		case t.Kind == css.Space || t.Kind == css.Comment:
			p.space = true
		case t.Kind == css.Delim && combinators[t.Text] != "":
			p.combinator(combinators[t.Text])
		case t.Is(css.Delim, "."):
			if i < len(toks) && toks[i].Kind == css.Ident {
				i++
			}
			p.simple("class")
		case t.Kind == css.Hash:
			p.simple("id")
		case t.Kind == css.LeftBracket:
			i, _ = css.Skip(toks, i-1)
			p.simple("attribute")
		case t.Is(css.Delim, "*"):
			p.simple("universal")
		case t.Kind == css.Colon:
			i = p.pseudo(toks, i)
		case t.Kind == css.Ident:
			p.simple("type")
		}
		// '&' (nesting) and anything unknown are passed over.
	}
}

// pseudo reads :name, ::name or :name(args) from toks[i], just past the
// first colon, and returns the index past it; the arguments of :not(),
// :is(), :where() and :has() are selectors and are scanned too.
func (p *selScan) pseudo(toks []css.Token, i int) int {
	element := i < len(toks) && toks[i].Kind == css.Colon
	if element {
		i++
	}
	name, fn := "", false
	if i < len(toks) && (toks[i].Kind == css.Ident || toks[i].Kind == css.Function) {
		name, fn = strings.ToLower(toks[i].Value()), toks[i].Kind == css.Function
		i++
	}
	if p.space && p.compound > 0 {
		p.combinator("descendant")
	}
	p.space = false
	if element || legacyPseudoElements[name] {
		p.add(caniemail.PseudoElement, name)
	} else {
		p.add(caniemail.PseudoClass, name)
	}
	if !fn {
		return i
	}
	next, closed := css.Skip(toks, i-1)
	args := toks[i : next-boolInt(closed)]
	switch name {
	case "not", "is", "where", "has":
		for _, s := range css.Split(args, css.Comma) {
			p.out = append(p.out, scanSelector(p.src, css.Trim(s))...)
		}
	}
	return next
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
