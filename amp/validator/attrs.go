package validator

import (
	"net/url"
	"regexp"
	"slices"
	"strings"

	"golang.org/x/net/html"
)

// checkAttrs checks a tag's attributes against a.spec: unknown attributes,
// values, URLs, inline CSS, and mandatory or co-required attributes.
func (r *run) checkAttrs(a *attempt, attrs []html.Attribute, off int) {
	s := a.spec
	present := &attrSet{attrs: attrs}
	inTemplate := r.hasAncestor("TEMPLATE")
	var refs []*pspec
	for _, at := range attrs {
		p := r.attrSpec(s, at.Key, &refs)
		if strings.Contains(at.Key, "{{") {
			a.add(off, "TEMPLATE_IN_ATTR_NAME", mustacheURL, at.Key, s.desc)
			continue
		}
		if inTemplate && badTemplateValue(a, at, off) {
			continue
		}
		if p == nil {
			if !r.attrAllowedAnyway(s, at.Key) {
				a.add(off, "DISALLOWED_ATTR", s.specURL, at.Key, s.desc)
			}
			continue
		}
		present.add(p.name, at.Key)
		if p.deprecation != "" {
			a.add(off, "DEPRECATED_ATTR", s.specURL, at.Key, s.desc, p.deprecation)
		}
		r.checkAttrValue(a, p, at, present, inTemplate, off)
	}
	if len(a.errs) > 0 {
		return // the official validator stops at bad attributes
	}
	for _, p := range s.mandatoryAttrs {
		if !present.has(p.name) {
			a.add(off, "MANDATORY_ATTR_MISSING", s.specURL, p.name, s.desc)
		}
	}
	for _, set := range s.oneofs {
		if n := countPresent(set, present); n == 0 {
			a.add(off, "MANDATORY_ONEOF_ATTR_MISSING", s.specURL, s.desc, set)
		} else if n > 1 {
			a.add(off, "MUTUALLY_EXCLUSIVE_ATTRS", s.specURL, s.desc, set)
		}
	}
	for _, set := range s.anyofs {
		if countPresent(set, present) == 0 {
			a.add(off, "MANDATORY_ANYOF_ATTR_MISSING", s.specURL, s.desc, set)
		}
	}
}

// attrSpec finds the spec of attribute key in s: its own, an amp-bind
// attribute written data-amp-bind-x, or one a reference point allows
// (*refs caches those of the open elements).
func (r *run) attrSpec(s *pspec, key string, refs *[]*pspec) *pattr {
	p := s.attrs[key]
	if p == nil && strings.HasPrefix(key, "data-amp-bind-") {
		p = s.attrs["["+strings.TrimPrefix(key, "data-amp-bind-")+"]"]
	}
	if p == nil {
		if *refs == nil {
			*refs = r.referencePoints()
		}
		p = refAttr(*refs, key)
	}
	return p
}

// checkAttrValue applies the rules on the value of an allowed attribute
// (p is its spec): its values, URL or inline CSS, disallowed values,
// reserved class names, and the attributes its value requires (present
// are the tag's).
func (r *run) checkAttrValue(a *attempt, p *pattr, at html.Attribute, present *attrSet, inTemplate bool, off int) {
	s := a.spec
	if !(inTemplate && mustacheRe.MatchString(at.Val)) && !r.checkValue(a, p, at, off) {
		return
	}
	if p.disallowedRe != nil && p.disallowedRe.MatchString(at.Val) {
		a.add(off, "INVALID_ATTR_VALUE", s.specURL, at.Key, s.desc, at.Val)
		return
	}
	if at.Key == "class" && internalClassRe.MatchString(at.Val) {
		a.add(off, "INVALID_ATTR_VALUE", disallowedStylesURL, at.Key, s.desc, at.Val)
		return
	}
	if !focusable[s.tagName] {
		checkRequired(a, p, at, present, off)
	}
}

const mustacheURL = componentURL + "amp-mustache"

var partialRe = regexp.MustCompile(`{{\s*>`)

// badTemplateValue reports mustache a template may not put in an attribute
// value: unescaped {{{x}}} and partials {{>x}}.
func badTemplateValue(a *attempt, at html.Attribute, off int) bool {
	switch {
	case strings.Contains(at.Val, "{{{"):
		a.add(off, "UNESCAPED_TEMPLATE_IN_ATTR_VALUE", mustacheURL, at.Key, a.spec.desc, at.Val)
	case partialRe.MatchString(at.Val):
		a.add(off, "TEMPLATE_PARTIAL_IN_ATTR_VALUE", mustacheURL, at.Key, a.spec.desc, at.Val)
	default:
		return false
	}
	return true
}

// internalClassRe finds class names reserved for the AMP runtime.
var internalClassRe = regexp.MustCompile(`(^|\s)i-amphtml-`)

const disallowedStylesURL = "https://amp.dev/documentation/guides-and-tutorials/develop/style_and_layout/style_pages/#disallowed-styles"

// focusable tags take on="tap:..." without role and tabindex, as the
// official validator accepts.
var focusable = map[string]bool{"A": true, "BUTTON": true, "INPUT": true, "SELECT": true, "TEXTAREA": true, "OPTION": true}

// referencePoints returns the reference-point specs that apply inside the
// nearest enclosing element that declares some (amp-selector's options).
func (r *run) referencePoints() []*pspec {
	refs := []*pspec{}
	if r.refPoints == 0 {
		return refs
	}
	for i := len(r.stack) - 1; i >= 0; i-- {
		s := r.stack[i].spec
		if s == nil || len(s.referencePoints) == 0 {
			continue
		}
		for _, name := range s.referencePoints {
			if ref := r.rules.byName[name]; ref != nil {
				refs = append(refs, ref)
			}
		}
		return refs
	}
	return refs
}

// refAttr finds an attribute that a reference point allows.
func refAttr(refs []*pspec, name string) *pattr {
	for _, ref := range refs {
		if p := ref.attrs[name]; p != nil {
			return p
		}
	}
	return nil
}

// attrAllowedAnyway covers attributes no spec lists: data-* attributes
// and the html tag's AMP4EMAIL markers.
func (r *run) attrAllowedAnyway(s *pspec, name string) bool {
	if s.tagName == "HTML" {
		switch name {
		case "⚡4email", "amp4email", "data-css-strict":
			return true
		}
	}
	return strings.HasPrefix(name, "data-") && !s.explicitAttrsOnly && !strings.HasPrefix(name, "data-amp-bind-")
}

// checkValue applies the value rules of p; it reports false after an error.
func (r *run) checkValue(a *attempt, p *pattr, at html.Attribute, off int) bool {
	s := a.spec
	if len(p.values) > 0 || len(p.valuesCasei) > 0 {
		if !slices.Contains(p.values, at.Val) && !containsFold(p.valuesCasei, at.Val) {
			a.add(off, "INVALID_ATTR_VALUE", s.specURL, at.Key, s.desc, at.Val)
			return false
		}
	}
	if p.valueRe != nil && !p.valueRe.MatchString(at.Val) {
		a.add(off, "INVALID_ATTR_VALUE", s.specURL, at.Key, s.desc, at.Val)
		return false
	}
	if p.url != nil && !checkURL(a, p.url, at, off) {
		return false
	}
	if p.valueDocCSS {
		n := len(a.errs)
		r.checkStyleAttr(a, at.Val, off)
		return len(a.errs) == n
	}
	return true
}

// mustacheRe finds a mustache variable, which inside a template makes a
// value unknowable until rendering.
var mustacheRe = regexp.MustCompile(`{{.*}}`)

// scheme returns the scheme a URL starts with (a letter, then letters,
// digits, +, - or ., then ':'), or "" and false.
func scheme(u string) (string, bool) {
	for i := 0; i < len(u); i++ {
		c := u[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		case i > 0 && c == ':':
			return u[:i], true
		default:
			return "", false
		}
	}
	return "", false
}

// checkURL checks one URL value: present, an allowed protocol, and
// absolute where relative URLs are disallowed.
func checkURL(a *attempt, u *urlSpec, at html.Attribute, off int) bool {
	s := a.spec
	v := strings.TrimSpace(at.Val)
	if v == "" {
		if u.allowEmpty {
			return true
		}
		a.add(off, "MISSING_URL", s.specURL, at.Key, s.desc)
		return false
	}
	if name, ok := scheme(v); ok {
		proto := strings.ToLower(name)
		if !slices.Contains(u.protocols, proto) {
			a.add(off, "INVALID_URL_PROTOCOL", s.specURL, at.Key, s.desc, proto)
			return false
		}
		return true
	}
	if !u.allowRelative {
		a.add(off, "DISALLOWED_RELATIVE_URL", s.specURL, at.Key, s.desc, at.Val)
		return false
	}
	return true
}

// checkRequired reports attributes that p's presence (or value) requires.
func checkRequired(a *attempt, p *pattr, at html.Attribute, present *attrSet, off int) {
	s := a.spec
	for _, need := range p.alsoRequires {
		if !present.has(need) {
			a.add(off, "ATTR_REQUIRED_BUT_MISSING", s.specURL, need, s.desc, at.Key)
		}
	}
	if len(p.triggerAlsoRequires) > 0 && (p.triggerRe == nil || p.triggerRe.MatchString(at.Val)) {
		for _, need := range p.triggerAlsoRequires {
			if !present.has(need) {
				a.add(off, "ATTR_REQUIRED_BUT_MISSING", s.specURL, need, s.desc, at.Key)
			}
		}
	}
}

// attrSet answers "does the tag have this attribute?" without a map: a
// tag has few attributes. extra holds the canonical names of attributes
// written under an alternative name.
type attrSet struct {
	attrs []html.Attribute
	extra []string
}

func (p *attrSet) add(canonical, written string) {
	if canonical != written {
		p.extra = append(p.extra, canonical)
	}
}

func (p *attrSet) has(name string) bool {
	return hasAttr(p.attrs, name) || slices.Contains(p.extra, name)
}

// countPresent counts the attributes of a set like "['src', 'srcdoc']"
// that the tag has.
func countPresent(set string, present *attrSet) int {
	n := 0
	for _, name := range strings.Split(strings.Trim(set, "[]"), ",") {
		if present.has(strings.Trim(strings.TrimSpace(name), "'")) {
			n++
		}
	}
	return n
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

var extensionPathRe = regexp.MustCompile(`^/(?:lts/)?v0/(amp-[a-z0-9-]+?)-([0-9]+\.[0-9]+|latest)(?:\.max)?\.m?js$`)

// checkExtensionSrc checks an extension script's src: the AMP CDN, a valid
// extension path, the named extension, and an allowed version.
func (r *run) checkExtensionSrc(a *attempt, attrs []html.Attribute, off int) {
	e := a.spec.extension
	specURL := a.spec.specURL
	if specURL == "" {
		specURL = componentURL + e.name
	}
	for _, at := range attrs {
		if at.Key != "src" {
			continue
		}
		u, err := url.Parse(at.Val)
		if err != nil {
			a.add(off, "INVALID_ATTR_VALUE", specURL, "src", a.spec.desc, at.Val)
			continue
		}
		if u.Scheme != "https" || u.Host != "cdn.ampproject.org" {
			a.add(off, "DISALLOWED_AMP_DOMAIN", "")
		}
		m := extensionPathRe.FindStringSubmatch(u.Path)
		switch {
		case m == nil:
			a.add(off, "INVALID_EXTENSION_PATH", specURL, e.name, u.Path)
		case m[1] != e.name:
			a.add(off, "INVALID_ATTR_VALUE", specURL, "src", a.spec.desc, at.Val)
		case slices.Contains(e.deprecatedVersions, m[2]):
			a.add(off, "WARNING_EXTENSION_DEPRECATED_VERSION", specURL, e.name, m[2])
		case !slices.Contains(e.versions, m[2]):
			a.add(off, "INVALID_EXTENSION_VERSION", specURL, e.name, m[2])
		}
	}
}
