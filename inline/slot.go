package inline

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// A document with slots (an email and the places its modules go) is
// inlined once per module in each slot, so that selectors reaching
// across the slot apply. Slots makes that cost the module's size rather
// than the document's: when the document's CSS selects elements by what
// they are and what their ancestors are only (no sibling combinator, no
// pseudo-class), a fragment in a slot gets the same styles in a document
// that keeps only the head and the slot's ancestors, and Slots.Inline
// inlines that one. Whatever could make the two differ is checked, and
// then Slots.Inline reports false and the whole document must be inlined.

// Slots are the slots of one document, prepared for Slots.Inline.
type Slots struct {
	opts     []Option
	rules    int // the rules Document inlines, as checkWork counts them
	elements int // the document's elements
	selected int // the elements the rules select in it, summed
	// first holds the attribute order of each formatting element's
	// attributes as first written (see attrOrders), and where.
	first map[string]firstOrder
	slots map[string]*Slot
}

type firstOrder struct {
	off   int
	attrs []html.Attribute
}

// Slot is one slot of a document: its fragments can be inlined without
// the rest of the document.
type Slot struct {
	s      *Slots
	prefix string // the head, and the start tags of the slot's ancestors
	// bodyEnd is where the body's start tag ends in prefix; below names
	// the ancestors below the body, outermost first.
	bodyEnd int
	below   []string
	off     int // the slot's offset in the document
	body    int // where the body's start tag is in the document
	chain   map[int]bool
}

// NewSlots prepares the slots of doc, each marked by a comment (markers:
// each verbatim as doc has it, once), for Inline; opts are Document's.
// A document or slot where a fragment could be styled differently
// without the rest of the document has no Slot (see Slots.Slot).
func NewSlots(doc string, markers []string, opts ...Option) (*Slots, error) {
	s := &Slots{opts: opts, slots: map[string]*Slot{}}
	root, err := html.Parse(strings.NewReader(doc))
	if err != nil {
		return nil, fmt.Errorf("parse HTML: %w", err)
	}
	if ok, err := s.ancestral(root); err != nil || !ok {
		return s, err
	}
	scan := scanSlots(doc, markers)
	s.first = scan.first
	if scan.body < 0 || scan.form {
		return s, nil
	}
	for _, m := range markers {
		at, ok := scan.at[m]
		if !ok {
			continue
		}
		sl := &Slot{s: s, off: at.off, body: scan.body, chain: map[int]bool{}}
		var b strings.Builder
		b.WriteString(doc[:scan.body])
		for _, t := range at.stack {
			if t.off >= scan.body {
				b.WriteString(t.raw)
				sl.chain[t.off] = true
				if t.off == scan.body {
					sl.bodyEnd = b.Len()
				} else {
					sl.below = append(sl.below, t.name)
				}
			}
		}
		sl.prefix = b.String()
		if sameChain(root, m, sl.prefix) && sameWritten(scan.written, sl.prefix) {
			s.slots[m] = sl
		}
	}
	return s, nil
}

// Slot returns the slot marked by marker, or nil when its fragments must
// be inlined in the whole document: the document's CSS has a selector
// that looks at siblings or state (+, ~, a pseudo-class but :root), a
// <style> outside the head or a <form>, no <body> start tag, end tags
// that close what they did not open before the slot, or a slot whose
// ancestors the short document would not give back the same.
func (s *Slots) Slot(marker string) *Slot { return s.slots[marker] }

// Fragment is a fragment checked for a slot (Slot.Check).
type Fragment struct {
	slot     *Slot
	text     string
	starts   int  // its start tags
	balanced bool // every start tag is closed, in order, and nothing else
	tbody    bool // it writes a <tbody>
	orders   map[string][]html.Attribute
}

// Check reads a fragment for the slot, for Slots.Inline, and reports false when it cannot be
// inlined apart from the document: it holds a <style>, <html>, <head>,
// <body> or <form>, a formatting element whose attributes the document
// has in another order before the slot, or the whole document with it
// would pass Document's bounds.
func (sl *Slot) Check(fragment string) (Fragment, bool) {
	f := Fragment{slot: sl, text: fragment, balanced: true, orders: map[string][]html.Attribute{}}
	var open []string
	z := html.NewTokenizer(strings.NewReader(fragment))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if z.Err() != io.EOF {
				return f, false
			}
			break
		}
		name, hasAttr := z.TagName()
		n := string(name)
		switch tt {
		case html.EndTagToken:
			if len(open) == 0 || open[len(open)-1] != n {
				f.balanced = false
			} else {
				open = open[:len(open)-1]
			}
			continue
		case html.StartTagToken, html.SelfClosingTagToken:
		default:
			continue
		}
		f.starts++
		if tt == html.StartTagToken && !voidElements[n] {
			open = append(open, n)
		}
		switch a := atom.Lookup(name); a {
		case atom.Style, atom.Html, atom.Head, atom.Body, atom.Form:
			// a <style> adds CSS to the whole document, <html> and
			// <body> add attributes to the document's, and a <form>
			// changes how later forms parse
			return f, false
		case atom.Tbody:
			f.tbody = true
		default:
			if formatting[a] && hasAttr && !sl.sameOrder(z, f.orders) {
				return f, false
			}
		}
	}
	f.balanced = f.balanced && len(open) == 0
	s := sl.s
	return f, s.rules <= MaxRules && s.rules*(s.elements+f.bound()) <= MaxTests && s.selected+s.rules*f.bound() <= MaxSelected
}

// Tbody reports whether the fragment writes a <tbody>: fragments go
// together only with others that do the same (see Slots.Inline).
func (f Fragment) Tbody() bool { return f.tbody }

// bound bounds the elements of the fragment, those the parser adds too.
func (f Fragment) bound() int { return 2*f.starts + 3 }

// Inline inlines the CSS of the document into fragments, each as if it
// stood in its slot alone: it returns a document holding the head and,
// for each fragment in turn, a copy of its slot's ancestors with the
// fragment in it, inlined. Each fragment's elements, and its ancestors,
// have the styles Document gives them in the whole document, since the
// document's rules select by element and ancestors only. Several
// fragments go together only if each is balanced (it closes what it
// opens), all write a <tbody> or none does (the parser's own are styled
// only in a document that writes none), and no two write a formatting
// element's attributes in different orders; else, or past Document's
// bounds, Inline reports false and the caller inlines them apart.
func (s *Slots) Inline(fragments ...Fragment) (string, bool, error) {
	if len(fragments) == 0 {
		return "", false, nil
	}
	var b strings.Builder
	b.WriteString(fragments[0].slot.prefix[:fragments[0].slot.bodyEnd]) // the same for every slot
	seen := map[string][]html.Attribute{}
	for _, f := range fragments {
		if f.slot.s != s || len(fragments) > 1 && (!f.balanced || f.tbody != fragments[0].tbody || !compatible(seen, f.orders)) {
			return "", false, nil
		}
		sl := f.slot
		b.WriteString(sl.prefix[sl.bodyEnd:])
		b.WriteString(f.text)
		if len(fragments) > 1 {
			for k := len(sl.below) - 1; k >= 0; k-- {
				b.WriteString("</" + sl.below[k] + ">")
			}
			b.WriteString("<p>-</p>") // its word writes out what waits for one
		}
	}
	out, err := Document(b.String(), s.opts...)
	if errors.Is(err, ErrTooMuch) {
		return "", false, nil
	}
	return out, err == nil, err
}

// compatible adds a fragment's attribute orders to seen, and reports
// whether none differs from one seen.
func compatible(seen, orders map[string][]html.Attribute) bool {
	for k, attrs := range orders {
		if o, ok := seen[k]; ok && !slices.Equal(o, attrs) {
			return false
		}
		seen[k] = attrs
	}
	return true
}

// sameOrder reads a formatting element's attributes, which the inliner
// puts back in the order they were first written in, into orders, and
// reports whether they are first written in the same order in the short
// document as in the whole one.
func (sl *Slot) sameOrder(z *html.Tokenizer, orders map[string][]html.Attribute) bool {
	attrs, key, ok := tagAttrs(z)
	if !ok {
		return true
	}
	if _, seen := orders[key]; !seen {
		orders[key] = attrs
	}
	f, seen := sl.s.first[key]
	if !seen || f.off >= sl.off || f.off < sl.body || sl.chain[f.off] {
		return true // first written in the fragment, or in both documents
	}
	return slices.Equal(f.attrs, attrs)
}

// ancestral reads the document's CSS as Document does and reports
// whether every rule it inlines selects by element and ancestors only,
// every <style> it inlines is in the head, and the work it counts.
func (s *Slots) ancestral(root *html.Node) (bool, error) {
	var c config
	for _, o := range s.opts {
		o(&c)
	}
	var sheet stylesheet
	for _, n := range styleElements(root) {
		if !underHead(n) {
			return false, nil
		}
		if err := sheet.add(nodeText(n), pos{}); err != nil {
			return false, nil // Document reports it
		}
	}
	for _, e := range c.extra {
		if err := sheet.add(e.text, pos{}); err != nil {
			return false, nil
		}
	}
	for _, r := range sheet.rules {
		if !ancestralSelector(r.text) {
			return false, nil
		}
	}
	s.rules, s.elements = len(sheet.rules), countElements(root)
	for _, r := range sheet.rules {
		s.selected += len(cascadia.QueryAll(root, r.sel))
	}
	return true, nil
}

func underHead(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && p.DataAtom == atom.Head {
			return true
		}
	}
	return false
}

// ancestralSelector reports whether sel matches an element by the
// element and its ancestors only: names, classes, ids, attributes, "*",
// descendant and child combinators, and :root.
func ancestralSelector(sel string) bool {
	sel = strings.ReplaceAll(sel, ":root", "")
	var quote byte
	inAttr := false
	for i := 0; i < len(sel); i++ {
		c := sel[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			} else if c == '\\' {
				return false
			}
		case inAttr:
			switch c {
			case '"', '\'':
				quote = c
			case ']':
				inAttr = false
			}
		case c == '[':
			inAttr = true
		case c == '+', c == '~', c == ':', c == '|', c == '\\', c == '(', c == ')', c == ',', c == '&':
			return false
		}
	}
	return !inAttr && quote == 0
}
