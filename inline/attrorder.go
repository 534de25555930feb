package inline

import (
	"cmp"
	"slices"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The HTML parser sorts the attributes of formatting elements (a, b, font,
// span is not one) to compare them. Template masks are attributes whose
// order matters (tlr-1="" class="x" tlr-2="" is an {{if}} around class),
// so the source order is recorded and put back.

// formatting are the elements whose attributes the parser sorts.
var formatting = map[atom.Atom]bool{
	atom.A: true, atom.B: true, atom.Big: true, atom.Code: true, atom.Em: true,
	atom.Font: true, atom.I: true, atom.Nobr: true, atom.S: true, atom.Small: true,
	atom.Strike: true, atom.Strong: true, atom.Tt: true, atom.U: true,
}

// attrOrders maps a sorted attribute list to the order of the source.
type attrOrders map[string][]html.Attribute

// record notes the attribute order of a start tag the tokenizer z has
// just read, when the parser would sort it.
func (o attrOrders) record(name []byte, z *html.Tokenizer, hasAttr bool) {
	if !hasAttr || !formatting[atom.Lookup(name)] {
		return
	}
	attrs, key, ok := tagAttrs(z)
	if !ok {
		return
	}
	if _, seen := o[key]; !seen {
		o[key] = attrs
	}
}

// restore puts back the source order of the attributes of every
// formatting element under n.
func (o attrOrders) restore(n *html.Node) {
	if len(o) == 0 {
		return
	}
	if n.Type == html.ElementNode && formatting[n.DataAtom] && len(n.Attr) > 1 {
		if src, ok := o[sortedKey(slices.Clone(n.Attr))]; ok {
			n.Attr = slices.Clone(src)
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		o.restore(c)
	}
}

// tagAttrs reads the attributes of the start tag that z has just read, in
// the order written, and the key their set shares with every other order
// of it (sortedKey); ok is false for fewer than two, which have one order.
func tagAttrs(z *html.Tokenizer) (attrs []html.Attribute, key string, ok bool) {
	for more := true; more; {
		var k, v []byte
		k, v, more = z.TagAttr()
		attrs = append(attrs, html.Attribute{Key: string(k), Val: string(v)})
	}
	if len(attrs) < 2 {
		return nil, "", false
	}
	return attrs, sortedKey(slices.Clone(attrs)), true
}

// sortedKey is a key that two lists of the same attributes share.
func sortedKey(attrs []html.Attribute) string {
	slices.SortFunc(attrs, func(a, b html.Attribute) int {
		return cmp.Or(cmp.Compare(a.Namespace, b.Namespace), cmp.Compare(a.Key, b.Key), cmp.Compare(a.Val, b.Val))
	})
	var b strings.Builder
	for _, a := range attrs {
		b.WriteString(a.Namespace + "\x00" + a.Key + "\x00" + a.Val + "\x01")
	}
	return b.String()
}
