package check

import (
	"strings"

	"github.com/tailor-email/tailor/check/caniemail"
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
	sels := splitTopLevel(group, ',')
	var out []selectorPart
	if len(sels) > 1 {
		out = append(out, selectorPart{caniemail.Selector, "grouping", abbrev(group)})
	}
	for _, s := range sels {
		out = append(out, scanSelector(strings.TrimSpace(s))...)
	}
	return out
}

// splitTopLevel splits s on sep outside brackets and parentheses.
func splitTopLevel(s string, sep byte) []string {
	var out []string
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '(' || c == '[':
			depth++
		case c == ')' || c == ']':
			depth--
		case c == sep && depth == 0:
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

type selScan struct {
	s        string
	i        int
	out      []selectorPart
	compound int  // simple selectors in the current compound
	space    bool // whitespace seen since the last simple selector
}

func scanSelector(s string) []selectorPart {
	p := &selScan{s: s}
	p.run()
	return p.out
}

func (p *selScan) add(k caniemail.Kind, name string) {
	p.out = append(p.out, selectorPart{k, name, p.s})
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

func (p *selScan) run() {
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			p.space = true
			p.i++
		case c == '>' || c == '+' || c == '~':
			p.combinator(map[byte]string{'>': "child", '+': "adjacent-sibling", '~': "general-sibling"}[c])
			p.i++
		case c == '.':
			p.i++
			p.ident()
			p.simple("class")
		case c == '#':
			p.i++
			p.ident()
			p.simple("id")
		case c == '[':
			p.skipTo(']')
			p.simple("attribute")
		case c == '*':
			p.i++
			p.simple("universal")
		case c == ':':
			p.pseudo()
		case isIdentByte(c):
			p.ident()
			p.simple("type")
		default:
			p.i++ // '&' (nesting) and anything unknown
		}
	}
}

func (p *selScan) ident() string {
	start := p.i
	for p.i < len(p.s) && (isIdentByte(p.s[p.i]) || p.s[p.i] == '\\') {
		p.i++
	}
	return p.s[start:p.i]
}

func (p *selScan) skipTo(close byte) {
	for p.i < len(p.s) && p.s[p.i] != close {
		p.i++
	}
	p.i++
}

// pseudo reads :name, ::name or :name(args); the arguments of :not(),
// :is(), :where() and :has() are selectors and are scanned too.
func (p *selScan) pseudo() {
	p.i++
	element := p.i < len(p.s) && p.s[p.i] == ':'
	if element {
		p.i++
	}
	name := strings.ToLower(p.ident())
	if p.space && p.compound > 0 {
		p.combinator("descendant")
	}
	p.space = false
	if element || legacyPseudoElements[name] {
		p.add(caniemail.PseudoElement, name)
	} else {
		p.add(caniemail.PseudoClass, name)
	}
	if p.i < len(p.s) && p.s[p.i] == '(' {
		start := p.i + 1
		depth := 0
		for ; p.i < len(p.s); p.i++ {
			if p.s[p.i] == '(' {
				depth++
			} else if p.s[p.i] == ')' {
				if depth--; depth == 0 {
					break
				}
			}
		}
		args := p.s[start:min(p.i, len(p.s))]
		p.i++
		switch name {
		case "not", "is", "where", "has":
			for _, s := range splitTopLevel(args, ',') {
				p.out = append(p.out, scanSelector(strings.TrimSpace(s))...)
			}
		}
	}
}
