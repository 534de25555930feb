package validator

import (
	"regexp"
	"slices"
	"strings"
	"sync"
)

// componentURL is where the AMP component docs live.
const componentURL = "https://amp.dev/documentation/components/"

// errorFormats maps an error code to its message format.
var errorFormats = genErrorFormats

// pspec is a tag spec prepared for matching: attribute lookup by name and
// compiled regular expressions.
type pspec struct {
	*tagSpec
	id             int
	desc           string            // name used in messages
	attrs          map[string]*pattr // every allowed attribute, lists included
	mandatoryAttrs []*pattr
	dispatch       *pattr // attribute whose value selects this spec, if any
	oneofs         []string
	anyofs         []string
}

// pattr is an attribute spec with its regular expressions compiled.
type pattr struct {
	*attrSpec
	valueRe      *regexp.Regexp
	disallowedRe *prefiltered
	triggerRe    *regexp.Regexp
}

// rules is the prepared rule set, built once.
type rules struct {
	specs     []*pspec
	byTag     map[string][]*pspec // lower-case tag name -> specs in file order
	byName    map[string]*pspec   // spec name (or tag name) -> spec
	mandatory []*pspec
	exts      map[string]*pspec    // extension name -> its script spec
	compiled  map[*attrSpec]*pattr // shared attribute lists compile once
	upper     map[string]string    // known tag name -> upper case, to spare allocations
}

// tagNames returns a tag name and its upper case, without allocating for
// the tags the rules know.
func (r *rules) tagNames(b []byte) (name, upper string) {
	if u, ok := r.upper[string(b)]; ok {
		return u[len(u)/2:], u[:len(u)/2]
	}
	name = string(b)
	return name, strings.ToUpper(name)
}

var (
	rulesOnce sync.Once
	theRules  *rules
)

// getRules returns the prepared rules, building them on first use.
func getRules() *rules {
	rulesOnce.Do(func() { theRules = buildRules() })
	return theRules
}

func buildRules() *rules {
	r := &rules{byTag: map[string][]*pspec{}, byName: map[string]*pspec{}, exts: map[string]*pspec{}, compiled: map[*attrSpec]*pattr{}, upper: map[string]string{}}
	all := append(append([]tagSpec{}, genTagSpecs...), styleTagSpecs...)
	for i := range all {
		s := &pspec{tagSpec: &all[i], id: i}
		s.desc = describe(s.tagSpec)
		if s.extension != nil && s.cdata == nil {
			s.cdata = &cdataSpec{whitespaceOnly: true} // an extension script has no body
		}
		if s.extension != nil && s.specURL == "" {
			s.specURL = componentURL + s.extension.name
		}
		if s.specURL == "" && len(s.requiresExtension) > 0 {
			s.specURL = componentURL + s.requiresExtension[0]
		}
		r.prepareAttrs(s)
		name := strings.ToLower(s.tagName)
		r.byTag[name] = append(r.byTag[name], s)
		r.upper[name] = s.tagName + name // both halves in one string
		r.specs = append(r.specs, s)
		if s.specName != "" {
			r.byName[s.specName] = s
		} else if _, ok := r.byName[s.tagName]; !ok {
			r.byName[s.tagName] = s
		}
		if s.mandatory {
			r.mandatory = append(r.mandatory, s)
		}
		if s.extension != nil {
			r.exts[s.extension.name] = s
		}
	}
	return r
}

// describe gives the tag name used in messages: the descriptive name, an
// extension script's spec name, or else the lower-case tag name.
func describe(t *tagSpec) string {
	switch {
	case t.descriptiveName != "":
		return t.descriptiveName
	case t.extension != nil && t.specName != "":
		return t.specName
	case t.extension != nil:
		return t.extension.name + " extension script"
	default:
		return strings.ToLower(t.tagName)
	}
}

func (r *rules) prepareAttrs(s *pspec) {
	s.attrs = map[string]*pattr{}
	add := func(list []attrSpec) {
		for i := range list {
			a := &list[i]
			if _, dup := s.attrs[a.name]; dup {
				continue
			}
			p := r.compiled[a]
			if p == nil {
				p = compileAttr(a)
				r.compiled[a] = p
			}
			s.attrs[a.name] = p
			for _, alt := range a.alternativeNames {
				s.attrs[alt] = p
			}
			if a.mandatory {
				s.mandatoryAttrs = append(s.mandatoryAttrs, p)
			}
			if a.dispatchKey != "" && s.dispatch == nil {
				s.dispatch = p
			}
			if a.mandatoryOneof != "" && !slices.Contains(s.oneofs, a.mandatoryOneof) {
				s.oneofs = append(s.oneofs, a.mandatoryOneof)
			}
			if a.mandatoryAnyof != "" && !slices.Contains(s.anyofs, a.mandatoryAnyof) {
				s.anyofs = append(s.anyofs, a.mandatoryAnyof)
			}
		}
	}
	add(s.tagSpec.attrs)
	if s.extension != nil {
		add(extensionAttrs(s.extension))
	}
	for _, l := range s.attrLists {
		add(genAttrLists[l])
	}
	if s.layout != nil {
		add(genAttrLists["$AMP_LAYOUT_ATTRS"])
	}
	if !s.explicitAttrsOnly {
		add(genAttrLists["$GLOBAL_ATTRS"])
	}
}

// extensionAttrs are the attributes every extension script has implicitly:
// custom-element (or custom-template) naming the extension, and src.
func extensionAttrs(e *extensionSpec) []attrSpec {
	key := "custom-element"
	if e.extensionType == "CUSTOM_TEMPLATE" {
		key = "custom-template"
	}
	return []attrSpec{
		{name: key, mandatory: true, values: []string{e.name}, dispatchKey: "NAME_VALUE_DISPATCH"},
		{name: "src"}, // checked by checkExtensionSrc; the official validator does not require it
	}
}

func compileAttr(a *attrSpec) *pattr {
	p := &pattr{attrSpec: a}
	switch {
	case a.valueRegex != "":
		p.valueRe = regexp.MustCompile("^(" + a.valueRegex + ")$")
	case a.valueRegexCasei != "":
		p.valueRe = regexp.MustCompile("(?i)^(" + a.valueRegexCasei + ")$")
	}
	if a.disallowedValueRegex != "" {
		p.disallowedRe = newPrefiltered(a.disallowedValueRegex)
	}
	if a.triggerIfValueRegex != "" {
		p.triggerRe = regexp.MustCompile("^(" + a.triggerIfValueRegex + ")$")
	}
	return p
}
