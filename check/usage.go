package check

import (
	"path"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/tailor-email/tailor/check/caniemail"
	"github.com/tailor-email/tailor/internal/css"
)

// usage is the first place a document uses a caniemail feature.
type usage struct {
	feature *caniemail.Feature
	off     int
	what    string // what the document wrote, e.g. "display:flex"
}

// usages collects the first use of each feature in the document.
type usages struct {
	data *caniemail.Data
	seen map[string]int // slug -> index in list
	list []usage
}

// add records a use, keeping the one with the lowest offset per feature.
func (u *usages) add(f *caniemail.Feature, off int, what string) {
	if f == nil {
		return
	}
	if i, ok := u.seen[f.Slug]; ok {
		if off < u.list[i].off {
			u.list[i] = usage{f, off, what}
		}
		return
	}
	u.seen[f.Slug] = len(u.list)
	u.list = append(u.list, usage{f, off, what})
}

// name records a use of a name of kind k, if it maps to a feature.
func (u *usages) name(k caniemail.Kind, name string, off int, what string) {
	u.add(u.data.Index().Lookup(k, name), off, what)
}

// special records a use of a feature found by behaviour.
func (u *usages) special(slug string, off int, what string) {
	u.add(u.data.Feature(slug), off, what)
}

// collectUsage finds every feature the document uses: HTML elements and
// attributes, then CSS in <style> elements and style="" attributes.
func collectUsage(d *document, data *caniemail.Data) []usage {
	u := &usages{data: data, seen: map[string]int{}}
	for _, c := range d.comments {
		u.special("html-comments", c.off, "<!--"+abbrev(c.data)+"-->")
	}
	pre, _ := findPreheader(d)
	if pre != nil && hidingLayers(pre) < 2 {
		pre = nil
	}
	d.root.walk(func(n *node) {
		if n.tag != "" && n.tag != "#root" {
			u.element(n, n != pre)
		}
	})
	for _, sh := range d.sheets {
		u.sheet(sh.sheet)
	}
	if strings.EqualFold(strings.TrimSpace(d.doctype), "html") {
		u.special("html-doctype", 0, "<!DOCTYPE html>")
	}
	return u.list
}

// abbrev shortens s to about 40 bytes on one line.
func abbrev(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 40 {
		cut := 37
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		return s[:cut] + "..."
	}
	return s
}

// element records the features of n; withStyle false leaves out its
// inline declarations (those of a preheader hidden in layers).
func (u *usages) element(n *node, withStyle bool) {
	u.name(caniemail.Element, n.tag, n.off, "<"+n.tag+">")
	for _, a := range n.attrs {
		u.name(caniemail.Attribute, a.Key, n.off, a.Key+" attribute")
	}
	if t, ok := n.attr("type"); ok {
		u.name(caniemail.InputType, n.tag+"/"+strings.ToLower(t), n.off, "<"+n.tag+` type="`+t+`">`)
	}
	switch n.tag {
	case "img":
		src, _ := n.attr("src")
		u.image(src, n.off)
	case "a":
		href, _ := n.attr("href")
		switch {
		case len(href) > 1 && href[0] == '#':
			u.special("html-anchor-links", n.off, `href="`+href+`"`)
		case hasScheme(href, "mailto"):
			u.special("html-mailto-links", n.off, `href="mailto:..."`)
		}
	case "meta":
		name, _ := n.attr("name")
		if name = strings.ToLower(name); name == "color-scheme" || name == "supported-color-schemes" {
			u.special("html-meta-color-scheme", n.off, `<meta name="`+name+`">`)
		}
	case "html":
		if _, ok := n.attr("⚡4email"); ok {
			u.special("amp", n.off, "<html ⚡4email>")
		} else if _, ok := n.attr("amp4email"); ok {
			u.special("amp", n.off, "<html amp4email>")
		}
	}
	if withStyle {
		u.decls(n.style)
	}
}

func (u *usages) image(src string, off int) {
	if hasScheme(src, "data") {
		u.special("image-base64", off, "data: URL")
		return
	}
	p := src
	if i := strings.IndexAny(p, "?#"); i >= 0 {
		p = p[:i]
	}
	if ext := strings.TrimPrefix(path.Ext(p), "."); ext != "" {
		u.name(caniemail.ImageFormat, ext, off, "."+strings.ToLower(ext)+" image")
	}
}

func hasScheme(url, scheme string) bool {
	url = strings.TrimSpace(url)
	return len(url) > len(scheme) && strings.EqualFold(url[:len(scheme)], scheme) && url[len(scheme)] == ':'
}

func (u *usages) decls(ds []decl) {
	for _, d := range ds {
		if strings.HasPrefix(d.prop, "--") {
			u.special("css-variables", d.off, d.prop)
			continue
		}
		if d.prop == "height" && strings.EqualFold(strings.TrimSpace(d.value), "auto") {
			// the initial value: a client that ignores height, or reads
			// it as min-height (Yahoo), gets the same layout
			continue
		}
		u.name(caniemail.Property, d.prop, d.off, d.prop)
		first, _, _ := strings.Cut(strings.ToLower(d.value), " ")
		u.name(caniemail.Declaration, d.prop+":"+first, d.off, d.prop+":"+first)
		if d.important {
			u.special("css-important", d.off, d.prop+": ... !important")
		}
		u.value(d.value, d.off)
	}
}

// reKeyword matches the identifiers that can be caniemail keywords.
var reKeyword = regexp.MustCompile(`(?i)^-?[a-z][a-z0-9-]*$`)

// value records the functions, units and keywords of a CSS value, in
// that order.
func (u *usages) value(v string, off int) {
	var units, keywords []string
	for _, t := range css.Tokenize(v) {
		switch t.Kind {
		case css.Function, css.URL, css.BadURL:
			name := "url"
			if t.Kind == css.Function {
				name = strings.ToLower(t.Value())
			}
			if name == "var" {
				u.special("css-variables", off, "var()")
				continue
			}
			u.name(caniemail.Function, name, off, name+"()")
		case css.Dimension, css.Percentage:
			units = append(units, unitOf(t.Text))
		case css.Ident:
			if reKeyword.MatchString(t.Text) {
				keywords = append(keywords, t.Text)
			}
		}
	}
	for _, unit := range units {
		u.name(caniemail.Unit, unit, off, unit+" unit")
	}
	for _, w := range keywords {
		u.name(caniemail.Keyword, w, off, w)
	}
}

// unitOf returns the unit of a dimension or percentage token: what
// follows its number.
func unitOf(dim string) string {
	i := len(dim) - len(strings.TrimLeft(dim, "+-"))
	i += len(dim[i:]) - len(strings.TrimLeft(dim[i:], "0123456789."))
	if rest := dim[i:]; len(rest) > 1 && (rest[0] == 'e' || rest[0] == 'E') {
		exp := strings.TrimLeft(rest[1:], "+-")
		if digits := len(exp) - len(strings.TrimLeft(exp, "0123456789")); digits > 0 {
			i = len(dim) - len(exp) + digits
		}
	}
	return dim[i:]
}

// sheet records the at-rules, media features, selectors and
// declarations of a style sheet.
func (u *usages) sheet(sh *sheet) {
	for _, c := range sh.comments {
		u.special("css-comments", c, "/* comment */")
	}
	for _, a := range sh.atRules {
		u.name(caniemail.AtRule, a.name, a.off, "@"+a.name)
		if a.name == "media" {
			for _, f := range mediaFeatures(a.prelude) {
				u.name(caniemail.MediaFeature, f, a.off, "@media ("+f+")")
			}
		}
	}
	for _, r := range sh.rules {
		for _, s := range selectorParts(r.selectors) {
			u.name(s.kind, s.name, r.off, s.text)
		}
		if r.nested {
			u.special("css-nesting", r.off, "nested rule in "+abbrev(r.selectors))
		}
		u.decls(r.decls)
	}
}

// mediaFeatures returns the media features a prelude tests, without
// min-/max- prefixes: "(max-width: 600px)" gives "width".
func mediaFeatures(prelude string) []string {
	var out []string
	toks := css.Tokenize(prelude)
	for i, t := range toks {
		if t.Kind != css.LeftParen {
			continue
		}
		j := css.SkipSpace(toks, i+1)
		if j == len(toks) || toks[j].Kind != css.Ident || !reKeyword.MatchString(toks[j].Text) {
			continue
		}
		if k := css.SkipSpace(toks, j+1); k == len(toks) || toks[k].Kind != css.Colon && toks[k].Kind != css.RightParen {
			continue
		}
		f := strings.ToLower(toks[j].Text)
		vendor := ""
		if strings.HasPrefix(f, "-") {
			if i := strings.Index(f[1:], "-"); i >= 0 {
				vendor, f = f[:i+2], f[i+2:]
			}
		}
		f = strings.TrimPrefix(strings.TrimPrefix(f, "min-"), "max-")
		out = append(out, vendor+f)
	}
	return out
}
