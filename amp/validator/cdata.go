package validator

import (
	"regexp"
	"sync"
)

var (
	cdataReMu sync.Mutex
	cdataRes  = map[string]*regexp.Regexp{}
)

// cdataRegexp compiles (once) a regex from the rules.
func cdataRegexp(expr string, full bool) *regexp.Regexp {
	key := expr
	if full {
		key = "^(" + expr + ")$"
	}
	cdataReMu.Lock()
	defer cdataReMu.Unlock()
	re, ok := cdataRes[key]
	if !ok {
		re = regexp.MustCompile(key)
		cdataRes[key] = re
	}
	return re
}

// checkCdata checks the text of an element whose spec restricts it: size,
// required or forbidden content, and stylesheets.
func (r *run) checkCdata(el *element, text []byte, textOff int) {
	s := el.spec
	c := s.cdata
	if c.maxBytes > 0 && len(text) > c.maxBytes {
		r.addError(el.off, "STYLESHEET_TOO_LONG", s.specURL, s.desc, itoa(len(text)), itoa(c.maxBytes))
	}
	if c.whitespaceOnly && len(trimSpace(text)) > 0 {
		r.addError(el.off, "NON_WHITESPACE_CDATA_ENCOUNTERED", s.specURL, s.desc)
	}
	if c.mandatoryCdata != "" && string(text) != c.mandatoryCdata ||
		c.cdataRegex != "" && !cdataRegexp(c.cdataRegex, true).Match(text) {
		r.addError(el.off, "MANDATORY_CDATA_MISSING_OR_INCORRECT", s.specURL, s.desc)
	}
	for _, d := range c.disallowedRegex {
		if cdataRegexp(d.regex, false).Match(text) {
			r.addError(el.off, "CDATA_VIOLATES_DENYLIST", s.specURL, s.desc, d.message)
		}
	}
	if c.css {
		r.checkStylesheet(s, string(text), textOff)
	}
}

func trimSpace(b []byte) []byte {
	i, j := 0, len(b)
	for i < j && isCSSSpace(b[i]) {
		i++
	}
	for j > i && isCSSSpace(b[j-1]) {
		j--
	}
	return b[i:j]
}
