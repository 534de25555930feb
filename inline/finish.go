package inline

import (
	"cmp"
	"slices"
	"strings"

	"golang.org/x/net/html"
)

// styled is one declaration of an element's final style, and whether it
// came from the element's own style attribute.
type styled struct {
	d      declaration
	inline bool
}

// finish turns the token styles go-premailer left into real ones: it
// swaps the tokens back, resolves var() from the custom properties an
// element inherits in env, and derives the presentational attributes.
// An element go-premailer gave no rule, and one juice never styles (non-
// visual, or implied by the parser), keeps its source attribute verbatim.
func (in *inliner) finish(n *html.Node, env map[string]string) {
	if n.Type == html.ElementNode && (hasAttr(n, "style") || in.styled[n] != nil) {
		env = in.finishElement(n, env)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		in.finish(c, env)
	}
}

// finishElement writes n's final style and returns the custom
// properties its children inherit.
func (in *inliner) finishElement(n *html.Node, env map[string]string) map[string]string {
	in.noteTouched(n)
	ds, ok := in.tok.parse(attr(n, "style"))
	if !ok {
		return env
	}
	final := in.untoken(ds)
	env = customProps(final, env)
	if !in.touched[n] || nonVisual[n.Data] || in.implied[n.Data] || !writeStyle(n, final, env, in.keepImportant) {
		in.restore(n)
	}
	return env
}

// untoken returns the declarations the tokens of a style stand for.
// Adjacent tokens of one block get their declarations back in source
// order.
func (in *inliner) untoken(ds []tokenDecl) []styled {
	var out []styled
	for i := 0; i < len(ds); {
		block := in.tok.values[ds[i].value].block
		type placed struct {
			at int
			s  styled
		}
		var run []placed
		for ; i < len(ds) && in.tok.values[ds[i].value].block == block; i++ {
			c := in.tok.values[ds[i].value]
			for j, d := range c.decls {
				run = append(run, placed{c.at[j], styled{d: d, inline: c.inline}})
			}
		}
		slices.SortStableFunc(run, func(a, b placed) int { return cmp.Compare(a.at, b.at) })
		for _, p := range run {
			out = append(out, p.s)
		}
	}
	return out
}

// restore puts back n's source style attribute, or removes the one
// go-premailer added.
func (in *inliner) restore(n *html.Node) {
	if e := in.styled[n]; e != nil {
		setAttr(n, "style", e.orig)
		return
	}
	n.Attr = slices.DeleteFunc(n.Attr, func(a html.Attribute) bool { return a.Key == "style" && a.Namespace == "" })
}

// writeStyle sets n's style attribute from its final declarations and
// derives the presentational attributes email clients need. Custom
// properties from the stylesheet are left out (their values are used
// by var()). It reports false, writing nothing, when nothing is left.
func writeStyle(n *html.Node, ds []styled, env map[string]string, keepImportant bool) bool {
	var b strings.Builder
	final := make(map[string]string, len(ds))
	for _, s := range ds {
		d := s.d
		if strings.HasPrefix(d.prop, "--") && !s.inline {
			continue
		}
		d.value = singleQuotes(resolveVars(d.value, env, 0))
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(d.text(s.inline || keepImportant))
		final[d.prop] = d.value
	}
	if b.Len() == 0 {
		return false
	}
	setAttr(n, "style", b.String())
	styleToAttrs(n, final)
	return true
}

// singleQuotes turns the double quotes of a value into single quotes, as
// juice does, so the style attribute needs no &#34; (some clients do not
// decode entities in styles). A value holding both kinds is left alone.
func singleQuotes(v string) string {
	if !strings.Contains(v, `"`) || strings.Contains(v, "'") {
		return v
	}
	return strings.ReplaceAll(v, `"`, "'")
}

// attr returns the value of n's attribute key, or "".
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key && a.Namespace == "" {
			return a.Val
		}
	}
	return ""
}

// hasAttr reports whether n has the attribute key.
func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key && a.Namespace == "" {
			return true
		}
	}
	return false
}

// setAttr sets n's attribute key, in place when it exists, else last.
func setAttr(n *html.Node, key, val string) {
	for i, a := range n.Attr {
		if a.Key == key && a.Namespace == "" {
			n.Attr[i].Val = val
			return
		}
	}
	n.Attr = append(n.Attr, html.Attribute{Key: key, Val: val})
}
