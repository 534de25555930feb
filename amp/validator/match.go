package validator

import (
	"maps"
	"slices"
	"strings"

	"golang.org/x/net/html"
)

// attempt is the outcome of checking a tag against one spec.
type attempt struct {
	spec *pspec
	errs []pendingError
}

// pendingError is an error not yet committed: a tag is checked against
// several specs and only the best attempt's errors are reported.
type pendingError struct {
	off    int
	code   string
	url    string
	params []string
}

func (a *attempt) add(off int, code, url string, params ...string) {
	a.errs = append(a.errs, pendingError{off: off, code: code, url: url, params: params})
}

func (a *attempt) specificity() int {
	m := -1
	for _, e := range a.errs {
		if s := genErrorSpecificity[e.code]; s > m {
			m = s
		}
	}
	return m
}

// betterThan prefers the attempt whose worst error is more specific (the
// spec came closer to matching), then the one with fewer errors.
func (a *attempt) betterThan(b *attempt) bool {
	if sa, sb := a.specificity(), b.specificity(); sa != sb {
		return sa > sb
	}
	return len(a.errs) < len(b.errs)
}

// matchTag finds the spec a tag satisfies, reports the errors of the best
// attempt when none does, and returns the spec used (nil if none) and
// whether the tag passed it.
func (r *run) matchTag(name string, attrs []html.Attribute, off int) (*pspec, bool) {
	specs := r.rules.byTag[name]
	if len(specs) == 0 {
		r.disallowedTag(name, off)
		return nil, false
	}
	if d := r.dispatch(specs, attrs); len(d) > 0 {
		return r.bestOf(d, attrs, off)
	}
	var plain []*pspec
	for _, s := range specs {
		if s.dispatch == nil {
			plain = append(plain, s)
		}
	}
	if len(plain) == 0 {
		if name == "script" {
			r.addError(off, "DISALLOWED_SCRIPT_TAG", genScriptSpecURL)
		} else {
			r.addError(off, "GENERAL_DISALLOWED_TAG", "", name)
		}
		return nil, false
	}
	return r.bestOf(plain, attrs, off)
}

func (r *run) disallowedTag(name string, off int) {
	if name == "script" {
		r.addError(off, "DISALLOWED_SCRIPT_TAG", genScriptSpecURL)
		return
	}
	r.addError(off, "DISALLOWED_TAG", "", name)
}

// dispatch returns the specs selected by a dispatch attribute of the tag:
// the first attribute (in tag order) whose name, value and parent select
// some spec.
func (r *run) dispatch(specs []*pspec, attrs []html.Attribute) []*pspec {
	parent := ""
	if p := r.parent(); p != nil {
		parent = strings.ToUpper(p.name)
	}
	for _, a := range attrs {
		var out []*pspec
		for _, s := range specs {
			if d := s.dispatch; d != nil && d.name == a.Key && dispatchMatches(s, d, a.Val, parent) {
				out = append(out, s)
			}
		}
		if len(out) > 0 {
			return out
		}
	}
	return nil
}

func dispatchMatches(s *pspec, d *pattr, val, parent string) bool {
	switch d.dispatchKey {
	case "NAME_DISPATCH":
		return true
	case "NAME_VALUE_PARENT_DISPATCH":
		if s.mandatoryParent != parent {
			return false
		}
	}
	if len(d.values) == 0 && len(d.valuesCasei) == 0 {
		return true
	}
	for _, v := range d.values {
		if v == val {
			return true
		}
	}
	for _, v := range d.valuesCasei {
		if strings.EqualFold(v, val) {
			return true
		}
	}
	return false
}

// bestOf checks the tag against each spec, keeps the first that passes or
// else the attempt with the most specific errors, and reports its errors.
// It returns the spec and whether the tag passed it.
func (r *run) bestOf(specs []*pspec, attrs []html.Attribute, off int) (*pspec, bool) {
	var best attempt
	misplaced := true // every spec tried so far failed on the tag's place
	for i, s := range specs {
		a := attempt{spec: s}
		placed := r.checkTag(&a, attrs, off)
		if len(a.errs) == 0 {
			r.tag.onlyPlace = misplaced
			return s, true
		}
		misplaced = misplaced && !placed
		if i == 0 || a.betterThan(&best) {
			best = a
		}
	}
	for _, e := range best.errs {
		r.addError(e.off, e.code, e.url, e.params...)
	}
	return best.spec, false
}

// checkTag runs every per-tag rule of a.spec: attributes, layout, parent
// and ancestors. It reports whether the tag is in a place the spec allows
// (whatever its attributes).
func (r *run) checkTag(a *attempt, attrs []html.Attribute, off int) bool {
	s := a.spec
	r.checkParent(a, off)
	r.checkAncestors(a, off)
	if len(a.errs) > 0 {
		return false // misplaced: the attributes do not matter
	}
	r.checkAttrs(a, attrs, off)
	if s.layout != nil {
		checkLayout(a, attrs, off)
	}
	if s.extension != nil {
		r.checkExtensionSrc(a, attrs, off)
	}
	return true
}

func (r *run) checkParent(a *attempt, off int) {
	s := a.spec
	if s.mandatoryParent == "" {
		return
	}
	p := r.parent()
	if s.mandatoryParent == "$ROOT" {
		if p != nil {
			a.add(off, "WRONG_PARENT_TAG", s.specURL, strings.ToLower(s.tagName), p.name, "$root")
		}
		return
	}
	pname := "$root"
	if p != nil {
		if p.names[0] == s.mandatoryParent || p.names[1] == s.mandatoryParent {
			return
		}
		pname = p.name
	}
	if s.mandatoryParent == "!DOCTYPE" && p == nil && r.sawDoctype {
		return
	}
	a.add(off, "WRONG_PARENT_TAG", s.specURL, s.desc, pname, strings.ToLower(s.mandatoryParent))
}

func (r *run) hasAncestor(name string) bool { return r.ancestors[name] > 0 }

func (r *run) checkAncestors(a *attempt, off int) {
	s := a.spec
	if s.mandatoryAncestor != "" && !r.hasAncestor(s.mandatoryAncestor) {
		if s.ancestorHint != "" {
			a.add(off, "MANDATORY_TAG_ANCESTOR_WITH_HINT", s.specURL, s.desc, strings.ToLower(s.mandatoryAncestor), strings.ToLower(s.ancestorHint))
		} else {
			a.add(off, "MANDATORY_TAG_ANCESTOR", s.specURL, s.desc, strings.ToLower(s.mandatoryAncestor))
		}
	}
	for _, d := range s.disallowedAncestors {
		if r.hasAncestor(d) {
			a.add(off, "DISALLOWED_TAG_ANCESTOR", s.specURL, strings.ToLower(s.tagName), strings.ToLower(d))
			return
		}
	}
}

// recordMatch notes what a matched tag means for the document: unique and
// mandatory tags seen, conditions satisfied, extensions loaded and used.
func (r *run) recordMatch(s *pspec, attrs []html.Attribute, off int) {
	if s.deprecation != "" {
		r.addError(off, "DEPRECATED_TAG", s.deprecationURL, s.desc, s.deprecation)
	}
	if s.unique && r.seen[s] {
		r.addError(off, "DUPLICATE_UNIQUE_TAG", s.specURL, s.desc)
	}
	r.seen[s] = true
	for _, c := range s.satisfies {
		r.conds[c] = true
	}
	if len(s.requires) > 0 {
		r.matched = append(r.matched, matchedTag{spec: s, off: off})
	}
	if s.extension != nil {
		if _, dup := r.loaded[s.extension.name]; !dup {
			r.loaded[s.extension.name] = off
		}
	}
	for _, e := range s.requiresExtension {
		r.needExt = append(r.needExt, extNeed{ext: e, tag: strings.ToLower(s.tagName), off: off, url: s.specURL})
	}
	for _, at := range attrs {
		if p := s.attrs[at.Key]; p != nil {
			for _, e := range p.requiresExtension {
				r.needExt = append(r.needExt, extNeed{ext: e, tag: strings.ToLower(s.tagName), off: off, url: s.specURL})
			}
		}
	}
}

// checkHTMLTag checks the attributes only the html tag of an AMP4EMAIL
// document carries.
func (r *run) checkHTMLTag(attrs []html.Attribute, off int) {
	email := false
	for _, a := range attrs {
		switch a.Key {
		case "⚡4email", "amp4email":
			email = true
		case "data-css-strict":
			r.strict = true
		}
	}
	const url = "https://amp.dev/documentation/guides-and-tutorials/learn/spec/amphtml/#required-markup"
	if !email {
		r.addError(off, "MANDATORY_ATTR_MISSING", url, "⚡4email", "html")
		return
	}
	if !r.strict {
		r.addError(off, "AMP_EMAIL_MISSING_STRICT_CSS_ATTR", "https://github.com/ampproject/amphtml/issues/32587")
	}
}

// endChecks runs the document-level rules once every tag has been seen.
func (r *run) endChecks() {
	for _, s := range r.rules.mandatory {
		if !r.seen[s] {
			r.addError(r.endOff, "MANDATORY_TAG_MISSING", s.specURL, s.desc)
		}
	}
	for _, m := range r.matched {
		for _, c := range m.spec.requires {
			if !r.conds[c] {
				r.addError(r.endOff, "TAG_REQUIRED_BY_MISSING", m.spec.specURL, c, m.spec.desc)
			}
		}
	}
	for _, n := range r.needExt {
		r.used[n.ext] = true
		if _, ok := r.loaded[n.ext]; !ok {
			r.addError(n.off, "MISSING_REQUIRED_EXTENSION", n.url, n.tag, n.ext)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(r.loaded)) {
		s := r.rules.exts[name]
		if r.used[name] || s.extension.requiresUsage == "EXEMPTED" || s.extension.requiresUsage == "NONE" {
			continue
		}
		r.addError(r.endOff, "EXTENSION_UNUSED", "", name)
	}
}
