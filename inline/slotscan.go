package inline

import (
	"errors"
	"slices"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// slotScan is what one pass of the tokenizer over a document learns for
// its slots.
type slotScan struct {
	body    int               // offset of the <body> start tag, -1 without one
	form    bool              // a <form> start tag
	written map[string]bool   // the impliable elements written (see protect)
	at      map[string]slotAt // by marker, where the slot is and its open tags
	first   map[string]firstOrder
}

// slotAt is a slot's place and the start tags open there, outermost
// first.
type slotAt struct {
	off   int
	stack []openTag
}

type openTag struct {
	name string
	raw  string
	off  int
}

// voidElements have no end tag and hold nothing.
var voidElements = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true,
	"input": true, "link": true, "meta": true, "param": true, "source": true, "track": true, "wbr": true,
	"keygen": true, "basefont": true, "bgsound": true, "frame": true,
}

// scanSlots reads doc's tokens, keeping the open start tags. Once an end
// tag closes something other than the last tag open (the parser would
// close or move elements on its own), the open tags are not known, and
// the slots after it are left out.
func scanSlots(doc string, markers []string) slotScan {
	want := map[string]bool{}
	for _, m := range markers {
		want[m] = true
	}
	sc := slotScan{body: -1, written: map[string]bool{}, at: map[string]slotAt{}, first: map[string]firstOrder{}}
	z := html.NewTokenizer(strings.NewReader(doc))
	var stack []openTag
	off, broken := 0, false
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return sc
		}
		raw := string(z.Raw())
		name, hasAttr := z.TagName()
		switch tt {
		case html.CommentToken:
			if want[raw] && !broken {
				sc.at[raw] = slotAt{off: off, stack: slices.Clone(stack)}
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			n := string(name)
			sc.written[n] = true
			if n == "body" && sc.body < 0 {
				sc.body = off
			}
			sc.form = sc.form || n == "form"
			if formatting[atom.Lookup(name)] && hasAttr {
				sc.record(z, off)
			}
			if tt == html.StartTagToken && !voidElements[n] {
				stack = append(stack, openTag{name: n, raw: raw, off: off})
			}
		case html.EndTagToken:
			if len(stack) > 0 && stack[len(stack)-1].name == string(name) {
				stack = stack[:len(stack)-1]
			} else {
				broken = true
			}
		}
		off += len(raw)
	}
}

// record notes a formatting element's attribute order if its attributes
// were not seen before.
func (sc *slotScan) record(z *html.Tokenizer, off int) {
	attrs, key, ok := tagAttrs(z)
	if !ok {
		return
	}
	if _, seen := sc.first[key]; !seen {
		sc.first[key] = firstOrder{off: off, attrs: attrs}
	}
}

// sameWritten reports whether the short document writes the same
// impliable elements as the whole one, so that the parser implies the
// same ones (see protect).
func sameWritten(written map[string]bool, prefix string) bool {
	short := protect(prefix).implied
	for _, name := range impliable {
		if short[name] == written[name] {
			return false
		}
	}
	return true
}

// errNoSlot is the slot comment missing from a parse.
var errNoSlot = errors.New("slot not found")

// sameChain reports whether the slot marked by marker in the parsed
// document has the ancestors that the short document prefix gives it.
func sameChain(root *html.Node, marker, prefix string) bool {
	want, err := chainOf(root, strings.TrimSuffix(strings.TrimPrefix(marker, "<!--"), "-->"))
	if err != nil {
		return false
	}
	const probe = "tailor-slot-probe"
	short, err := html.Parse(strings.NewReader(prefix + "<!--" + probe + "-->"))
	if err != nil {
		return false
	}
	got, err := chainOf(short, probe)
	return err == nil && slices.EqualFunc(want, got, sameElement)
}

// chainOf returns the ancestors of the first comment holding data.
func chainOf(root *html.Node, data string) ([]*html.Node, error) {
	var found *html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && found == nil; c = c.NextSibling {
			if c.Type == html.CommentNode && c.Data == data {
				found = c
				return
			}
			walk(c)
		}
	}
	walk(root)
	if found == nil {
		return nil, errNoSlot
	}
	var chain []*html.Node
	for p := found.Parent; p != nil && p.Type == html.ElementNode; p = p.Parent {
		chain = append(chain, p)
	}
	return chain, nil
}

func sameElement(a, b *html.Node) bool {
	return a.Data == b.Data && a.Namespace == b.Namespace && slices.Equal(a.Attr, b.Attr)
}
