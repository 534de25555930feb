package caniemail

import (
	"regexp"
	"slices"
	"strings"
)

// Kind is what a document name is: a CSS property, an HTML element, ...
type Kind int

// The kinds of name the index maps to features.
const (
	Property      Kind = iota // CSS property: "margin-left"
	Declaration               // property:value: "display:flex"
	Function                  // CSS function: "calc", "linear-gradient"
	Unit                      // CSS dimension unit: "px", "%"
	Keyword                   // CSS value keyword: "system-ui", "initial"
	AtRule                    // at-rule without "@": "media"
	MediaFeature              // media feature: "prefers-color-scheme"
	PseudoClass               // without colon: "hover", "nth-child"
	PseudoElement             // without colons: "before"
	Selector                  // selector kind: "class", "child", "attribute" ...
	Element                   // HTML element: "table"
	Attribute                 // HTML attribute: "width"
	InputType                 // element/type: "input/checkbox"
	ImageFormat               // file extension: "png"
	numKinds
)

// Index maps the names a document uses to caniemail features. It is built
// from the slugs, titles and keywords of the data by the rules in
// buildIndex, not by a hand-written table per feature.
type Index struct {
	names [numKinds]map[string]*Feature
}

// Lookup returns the feature for a name of the given kind, or nil. Names
// are matched in lower case.
func (x *Index) Lookup(k Kind, name string) *Feature {
	return x.names[k][strings.ToLower(name)]
}

// Names returns how many names of kind k the index knows.
func (x *Index) Names(k Kind) int { return len(x.names[k]) }

// add records name -> f unless the name is taken: earlier rules (a slug's
// own name) win over later ones (keywords).
func (x *Index) add(k Kind, name string, f *Feature) {
	name = strings.ToLower(strings.TrimSpace(name))
	if name == "" {
		return
	}
	if _, taken := x.names[k][name]; !taken {
		x.names[k][name] = f
	}
}

// Features found by behaviour rather than by name. The check package
// detects these itself; the index maps no name to them.
var specialSlugs = map[string]bool{
	"css-important": true, "css-comments": true, "css-variables": true, "css-nesting": true,
	"html-comments": true, "html-doctype": true, "html-anchor-links": true,
	"html-mailto-links": true, "html-meta-color-scheme": true, "image-base64": true,
	"amp": true, "bimi": true,
}

// IsSpecial reports whether slug is one of the features that the check
// package detects by behaviour (comments, !important, mailto: links ...).
func IsSpecial(slug string) bool { return specialSlugs[slug] }

var (
	reFunc      = regexp.MustCompile(`([a-z-]+)\(\)`)
	reDecl      = regexp.MustCompile(`^([a-z-]+):\s*([a-z-]+)$`)
	reIdent     = regexp.MustCompile(`^-?[a-z][a-z0-9-]*$`)
	reWord      = regexp.MustCompile(`^[a-z][a-z0-9]*$`)
	reTag       = regexp.MustCompile(`<([a-z][a-z0-9]*)>`)
	reAnyTag    = regexp.MustCompile(`<[a-z][a-z0-9]*[ >]`)
	reInputType = regexp.MustCompile(`^<([a-z]+) type="([a-z]+)">`)
	reParen     = regexp.MustCompile(`\((-?[a-z-]+)\)`)
	reNamed     = regexp.MustCompile(`^([a-z][a-z0-9-]*) (element|attribute)$`)
)

func buildIndex(features []*Feature) *Index {
	x := &Index{}
	for k := range x.names {
		x.names[k] = map[string]*Feature{}
	}
	// Three passes: a property whose slug and title both name it exactly
	// (css-inline-size) first, then names taken from slugs and titles, then
	// names taken from keywords, which only fill gaps.
	for _, f := range features {
		if stem := strings.TrimPrefix(f.Slug, "css-"); f.Category == "css" && strings.TrimSpace(f.Title) == stem {
			x.add(Property, stem, f)
		}
	}
	for _, f := range features {
		if !specialSlugs[f.Slug] {
			x.indexByName(f)
		}
	}
	for _, f := range features {
		if !specialSlugs[f.Slug] {
			x.indexByKeyword(f)
		}
	}
	return x
}

// indexByName applies the slug and title conventions of caniemail.
func (x *Index) indexByName(f *Feature) {
	title := strings.TrimSpace(f.Title)
	switch {
	case f.Category == "image":
		x.add(ImageFormat, strings.TrimPrefix(f.Slug, "image-"), f)
	case strings.HasPrefix(f.Slug, "css-at-media-"):
		for _, m := range reParen.FindAllStringSubmatch(title, -1) {
			x.add(MediaFeature, m[1], f)
		}
	case strings.HasPrefix(f.Slug, "css-at-"):
		x.add(AtRule, strings.TrimPrefix(f.Slug, "css-at-"), f)
	case strings.HasPrefix(f.Slug, "css-pseudo-class-"):
		x.add(PseudoClass, strings.TrimPrefix(f.Slug, "css-pseudo-class-"), f)
	case strings.HasPrefix(f.Slug, "css-pseudo-element-"):
		x.add(PseudoElement, strings.TrimPrefix(f.Slug, "css-pseudo-element-"), f)
	case strings.HasPrefix(f.Slug, "css-selector-"):
		x.add(Selector, strings.TrimPrefix(f.Slug, "css-selector-"), f)
	case strings.HasPrefix(f.Slug, "css-unit-") && reFunc.MatchString(title):
		x.addFuncs(title, f)
	case strings.HasPrefix(f.Slug, "css-unit-"):
		// "px unit", "% unit", "initial unit": the title's first word is
		// a dimension unit, or (initial) a keyword.
		u, _, _ := strings.Cut(title, " ")
		x.add(Unit, u, f)
		x.add(Keyword, u, f)
	case strings.HasSuffix(f.Slug, "-attribute"):
		x.add(Attribute, strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(f.Slug, "html-"), "css-"), "-attribute"), f)
	case f.Category == "css":
		x.indexCSS(f, title)
	case f.Category == "html":
		x.indexHTML(f, title)
	}
}

func (x *Index) addFuncs(title string, f *Feature) {
	for _, m := range reFunc.FindAllStringSubmatch(title, -1) {
		x.add(Function, m[1], f)
	}
}

// indexCSS handles css-<name> features: functions ("clamp()"),
// declarations ("display:flex"), lists of properties ("block-size &
// inline-size", "gap, column-gap, row-gap"), lists of value keywords
// ("system-ui, ui-serif, ...") and single properties ("margin",
// "height property", "font shorthand").
func (x *Index) indexCSS(f *Feature, title string) {
	stem := strings.TrimPrefix(f.Slug, "css-")
	if reFunc.MatchString(title) {
		x.addFuncs(title, f)
		return
	}
	if m := reDecl.FindStringSubmatch(title); m != nil {
		x.add(Declaration, m[1]+":"+m[2], f)
		return
	}
	for _, suffix := range []string{" CSS property", " property", " shorthand"} {
		title = strings.TrimSuffix(title, suffix)
	}
	if strings.Contains(title, "&") {
		for _, p := range strings.Split(title, "&") {
			if name := strings.TrimSpace(p); reIdent.MatchString(name) {
				x.add(Property, name, f)
			}
		}
		return
	}
	if list := identList(title); len(list) > 1 {
		// A list of properties names the slug itself or spells it out
		// (left, right, top, bottom); otherwise it lists value keywords.
		kind := Keyword
		if slices.Contains(list, stem) || strings.Join(list, "-") == stem {
			kind = Property
		}
		for _, n := range list {
			x.add(kind, n, f)
		}
		return
	}
	if reIdent.MatchString(title) {
		x.add(Property, title, f)
	}
	x.add(Property, stem, f)
}

// indexHTML handles html-<name> features: '<input type="x"> element',
// "<abbr> element", "<ul>, <ol> and <dl>", "srcset and sizes attributes".
func (x *Index) indexHTML(f *Feature, title string) {
	if m := reInputType.FindStringSubmatch(title); m != nil {
		x.add(InputType, m[1]+"/"+m[2], f)
		return
	}
	if tags := reTag.FindAllStringSubmatch(title, -1); len(tags) > 0 {
		for _, t := range tags {
			x.add(Element, t[1], f)
		}
		return
	}
	if rest, ok := cutSuffix(title, " attribute", " attributes"); ok {
		for _, a := range strings.Split(rest, " and ") {
			x.add(Attribute, a, f)
		}
	}
}

// indexByKeyword fills gaps from keywords: hyphenated property names that
// share the slug's first word (css-border: border-top-color), elements
// listed by features whose title names several tags or none (h1 ... h6,
// article, address), "usemap attribute" / "map element" phrases, and
// other spellings of an image format (jpeg).
func (x *Index) indexByKeyword(f *Feature) {
	stem := strings.TrimPrefix(f.Slug, f.Category+"-")
	first, _, _ := strings.Cut(stem, "-")
	ntags := len(reAnyTag.FindAllString(f.Title, -1))
	_, isAttr := cutSuffix(f.Title, " attribute", " attributes")
	for _, kw := range strings.Split(f.Keywords, ",") {
		kw = strings.ToLower(strings.TrimSpace(kw))
		switch {
		case f.Category == "image" && reWord.MatchString(kw) && strings.HasPrefix(kw, stem[:min(2, len(stem))]):
			// a spelling of the same format: jpeg for jpg, not png for apng
			x.add(ImageFormat, kw, f)
		case f.Category == "css" && strings.Contains(kw, "-") && strings.HasPrefix(kw, first+"-"):
			if x.names[Property][kw] == nil && x.names[Declaration][kw] == nil {
				x.add(Property, kw, f)
			}
		case f.Category == "html" && reNamed.MatchString(kw):
			m := reNamed.FindStringSubmatch(kw)
			if m[2] == "element" {
				x.add(Element, m[1], f)
			} else {
				x.add(Attribute, m[1], f)
			}
		case f.Category == "html" && (ntags > 1 || ntags == 0 && !isAttr) && reWord.MatchString(kw):
			x.add(Element, kw, f)
		}
	}
}

func identList(title string) []string {
	var out []string
	for _, p := range strings.Split(title, ",") {
		p = strings.TrimSpace(p)
		if !reIdent.MatchString(p) {
			return nil
		}
		out = append(out, p)
	}
	return out
}

func cutSuffix(s string, suffixes ...string) (string, bool) {
	for _, suf := range suffixes {
		if r, ok := strings.CutSuffix(s, suf); ok {
			return r, true
		}
	}
	return s, false
}
