package inline

import (
	"slices"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// nonVisual elements never get a style attribute (juice's list).
var nonVisual = map[string]bool{
	"head": true, "title": true, "base": true, "link": true, "style": true,
	"meta": true, "script": true, "noscript": true, "template": true,
}

// inliner carries one parsed document through go-premailer (see
// premailer.go for the order of the passes and why).
type inliner struct {
	root          *html.Node
	implied       map[string]bool
	keepImportant bool

	tok     tokens
	marks   markers
	styled  map[*html.Node]*sourceStyle // elements with a style attribute in the source
	written map[*html.Node]string       // the style attribute as last written here
	touched map[*html.Node]bool         // elements go-premailer gave a rule
}

// sourceStyle is the style attribute an element has in the source.
type sourceStyle struct {
	orig   string        // the attribute, verbatim
	normal []declaration // its declarations without !important
}

// apply inlines rules into the document with go-premailer.
func (in *inliner) apply(rules []rule) error {
	head := findHead(in.root)
	if head == nil || len(rules) == 0 {
		return nil
	}
	ignored := ignoreStyles(in.root)
	defer unignore(ignored)
	in.prepare(in.root)
	important, normal := in.plan(rules)
	doc := goquery.NewDocumentFromNode(in.root)
	for _, pass := range important {
		if err := in.runPass(doc, head, pass); err != nil {
			return err
		}
	}
	in.lowerInline()
	for _, pass := range normal {
		if err := in.runPass(doc, head, pass); err != nil {
			return err
		}
	}
	in.marks.clear()
	in.finish(in.root, nil)
	return nil
}

// plan returns the go-premailer passes of the !important declarations
// and of the normal ones, and sets the markers they need. When there
// would be more than maxPasses, every rule gets a marker: go-premailer
// ranks them all alike, so each phase takes one pass.
func (in *inliner) plan(rules []rule) (important, normal [][]pending) {
	markAll := false
	important, normal = in.pending(rules, markAll)
	if len(important)+len(normal) > maxPasses {
		markAll = true
		important, normal = in.pending(rules, markAll)
	}
	for _, r := range rules {
		if markAll || !premailerTakes(r.text) {
			in.marks.mark(in.root, r, in.implied)
		}
	}
	return important, normal
}

// pending splits each rule into what go-premailer gets in the
// !important passes and in the normal ones; markAll gives it marker
// selectors only.
func (in *inliner) pending(rules []rule, markAll bool) (important, normal [][]pending) {
	var imps, norms []pending
	for _, r := range rules {
		var imp, norm []declaration
		for _, d := range r.decls {
			if d.important {
				imp = append(imp, d)
			} else {
				norm = append(norm, d)
			}
		}
		sel := in.marks.selector(r, markAll)
		p := pending{sel: sel, rank: premailerRank(sel), spec: r.spec, order: r.order}
		if len(imp) > 0 {
			p.decls = imp
			imps = append(imps, p)
		}
		if len(norm) > 0 {
			p.decls = norm
			norms = append(norms, p)
		}
	}
	return passes(imps), passes(norms)
}

// prepare replaces every style attribute by tokens for its !important
// declarations only: go-premailer lets what a style attribute holds win,
// and only those must win over a stylesheet !important. The others are
// kept for lowerInline. The attribute keeps its place among the others.
func (in *inliner) prepare(n *html.Node) {
	if n.Type == html.ElementNode && hasAttr(n, "style") {
		orig := attr(n, "style")
		e := &sourceStyle{orig: orig}
		var imp []declaration
		for _, d := range parseStyleAttr(orig) {
			if d.important {
				imp = append(imp, d)
			} else {
				e.normal = append(e.normal, d)
			}
		}
		in.styled[n] = e
		in.write(n, in.tok.block(imp, true))
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		in.prepare(c)
	}
}

// lowerInline puts the normal declarations of each source style
// attribute under what the element now holds (its own !important ones
// and the stylesheet's), so that they beat only the normal rules to come.
func (in *inliner) lowerInline() {
	for n, e := range in.styled {
		if len(e.normal) == 0 {
			continue
		}
		cur := attr(n, "style")
		in.noteTouched(n)
		held := make(map[int]bool)
		if ds, ok := in.tok.parse(cur); ok {
			for _, d := range ds {
				held[d.prop] = true
			}
		}
		keep := slices.DeleteFunc(slices.Clone(e.normal), func(d declaration) bool {
			k, ok := in.tok.propIx[d.prop]
			return d.prop != "" && ok && held[k]
		})
		s := in.tok.block(keep, true)
		if cur != "" {
			s += " " + cur
		}
		in.write(n, s)
	}
}

// write sets n's style attribute and remembers it.
func (in *inliner) write(n *html.Node, style string) {
	setAttr(n, "style", style)
	in.written[n] = style
}

// noteTouched records whether go-premailer rewrote n's style since it
// was last written here.
func (in *inliner) noteTouched(n *html.Node) {
	if w, ok := in.written[n]; hasAttr(n, "style") && (!ok || attr(n, "style") != w) {
		in.touched[n] = true
	}
}

// hiddenStyle is a <style> element hidden from go-premailer, and the
// data-premailer attribute it had, if any.
type hiddenStyle struct {
	n        *html.Node
	had      bool
	original string
}

// ignoreStyles hides the document's own <style> elements from
// go-premailer (data-premailer="ignore"), which would inline and remove
// them: their CSS reaches it through the passes.
func ignoreStyles(n *html.Node) []hiddenStyle {
	var out []hiddenStyle
	if n.Type == html.ElementNode && n.DataAtom == atom.Style {
		out = append(out, hiddenStyle{n: n, had: hasAttr(n, "data-premailer"), original: attr(n, "data-premailer")})
		setAttr(n, "data-premailer", "ignore")
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		out = append(out, ignoreStyles(c)...)
	}
	return out
}

// unignore undoes ignoreStyles.
func unignore(styles []hiddenStyle) {
	for _, h := range styles {
		if h.had {
			setAttr(h.n, "data-premailer", h.original)
			continue
		}
		h.n.Attr = slices.DeleteFunc(h.n.Attr, func(a html.Attribute) bool { return a.Key == "data-premailer" && a.Namespace == "" })
	}
}
