package check

import (
	"regexp"
	"strings"
)

var reComment = regexp.MustCompile(`(?s)/\*.*?\*/`)

// decl is one CSS declaration; off is the byte offset of its property in
// the document (for a style="" attribute, the offset of the element).
type decl struct {
	prop, value string
	important   bool
	off         int
}

// rule is a style rule: a selector list and its declarations. media holds
// the preludes of the enclosing conditional at-rules, lower-cased.
type rule struct {
	selectors string
	off       int
	decls     []decl
	media     []string
	nested    bool // the block holds nested rules (CSS nesting)
}

// atRule is one at-rule: its name (no "@", lower-cased) and prelude.
type atRule struct {
	name, prelude string
	off           int
}

// sheet is a parsed style sheet. The parser is deliberately small: it
// splits rules, at-rules and declarations, skips comments and strings,
// and never fails; it is enough to find what the sheet uses.
type sheet struct {
	rules    []rule
	atRules  []atRule
	comments []int // offsets of /* comments */
}

// cssScanner walks CSS text; base is the document offset of src[0].
type cssScanner struct {
	src  string
	i    int
	base int
	sh   *sheet
}

// parseSheet parses the text of a <style> element starting at base.
func parseSheet(src string, base int) *sheet {
	s := &cssScanner{src: src, base: base, sh: &sheet{}}
	s.rules(nil)
	return s.sh
}

// parseDecls parses a style="" attribute; every declaration gets off.
func parseDecls(src string, off int) []decl {
	s := &cssScanner{src: src, sh: &sheet{}}
	ds := s.decls(src)
	for i := range ds {
		ds[i].off = off
	}
	return ds
}

// until scans to the first of stops at nesting depth 0, skipping
// comments, strings and bracketed groups, and returns the text before it
// and the stop byte (0 at the end of input).
func (s *cssScanner) until(stops string) (string, byte) {
	start, depth := s.i, 0
	for s.i < len(s.src) {
		c := s.src[s.i]
		switch {
		case strings.HasPrefix(s.src[s.i:], "/*"):
			s.sh.comments = append(s.sh.comments, s.base+s.i)
			end := strings.Index(s.src[s.i+2:], "*/")
			if end < 0 {
				s.i = len(s.src)
			} else {
				s.i += end + 4
			}
			continue
		case c == '"' || c == '\'':
			s.skipString(c)
			continue
		case c == '(' || c == '[':
			depth++
		case c == ')' || c == ']':
			depth = max(0, depth-1)
		case depth == 0 && strings.IndexByte(stops, c) >= 0:
			text := s.src[start:s.i]
			s.i++
			return text, c
		}
		s.i++
	}
	return s.src[start:], 0
}

func (s *cssScanner) skipString(q byte) {
	s.i++
	for s.i < len(s.src) && s.src[s.i] != q && s.src[s.i] != '\n' {
		if s.src[s.i] == '\\' {
			s.i++
		}
		s.i++
	}
	s.i++
}

// block returns the text up to the '}' that closes the block just opened.
func (s *cssScanner) block() string {
	start, depth := s.i, 1
	for s.i < len(s.src) {
		_, stop := s.until("{}")
		switch stop {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return s.src[start : s.i-1]
			}
		}
	}
	return s.src[start:]
}

// rules parses rules and at-rules until the end of input or a '}' that
// closes the enclosing block.
func (s *cssScanner) rules(media []string) {
	for s.skipSpace(); s.i < len(s.src); s.skipSpace() {
		startOff := s.i
		prelude, stop := s.until("{};")
		lead := len(prelude) - len(strings.TrimLeft(prelude, " \t\r\n"))
		off := s.base + startOff + lead
		prelude = strings.TrimSpace(reComment.ReplaceAllString(prelude, " "))
		switch {
		case stop == '}':
			return
		case strings.HasPrefix(prelude, "@"):
			s.atRule(prelude, off, stop, media)
		case stop == '{':
			bodyStart := s.i
			body := s.block()
			r := rule{selectors: prelude, off: off, media: media, nested: strings.Contains(body, "{")}
			r.decls = (&cssScanner{src: body, base: s.base + bodyStart, sh: s.sh}).decls(body)
			s.sh.rules = append(s.sh.rules, r)
		}
	}
}

// conditionalAtRules hold rules; other at-rules with a block (font-face,
// keyframes, page) hold descriptors or keyframes, which are skipped.
var conditionalAtRules = map[string]bool{"media": true, "supports": true, "container": true, "layer": true, "document": true, "-moz-document": true}

func (s *cssScanner) atRule(prelude string, off int, stop byte, media []string) {
	n := 1
	for n < len(prelude) && isIdentByte(prelude[n]) {
		n++
	}
	name, rest := strings.ToLower(prelude[1:n]), prelude[n:]
	s.sh.atRules = append(s.sh.atRules, atRule{name: name, prelude: strings.TrimSpace(rest), off: off})
	if stop != '{' {
		return
	}
	if conditionalAtRules[name] {
		inner := append(append([]string(nil), media...), strings.ToLower(prelude))
		s.rules(inner)
		return
	}
	s.block()
}

// decls parses "prop: value [!important]; ..." from body, skipping
// nested rules.
func (s *cssScanner) decls(body string) []decl {
	var out []decl
	s.src, s.i = body, 0
	for s.skipSpace(); s.i < len(s.src); s.skipSpace() {
		startOff := s.i
		text, stop := s.until(";{")
		if stop == '{' {
			s.block()
			continue
		}
		prop, value, ok := strings.Cut(text, ":")
		if !ok {
			continue
		}
		lead := len(prop) - len(strings.TrimLeft(prop, " \t\r\n"))
		d := decl{prop: strings.ToLower(strings.TrimSpace(prop)), value: strings.TrimSpace(value), off: s.base + startOff + lead}
		if i := strings.LastIndex(d.value, "!"); i >= 0 && strings.EqualFold(strings.TrimSpace(d.value[i+1:]), "important") {
			d.important = true
			d.value = strings.TrimSpace(d.value[:i])
		}
		if d.prop != "" {
			out = append(out, d)
		}
	}
	return out
}

func isIdentByte(c byte) bool {
	return c == '-' || c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// skipSpace skips white space and comments, recording the comments.
func (s *cssScanner) skipSpace() {
	for s.i < len(s.src) {
		switch {
		case strings.HasPrefix(s.src[s.i:], "/*"):
			s.sh.comments = append(s.sh.comments, s.base+s.i)
			end := strings.Index(s.src[s.i+2:], "*/")
			if end < 0 {
				s.i = len(s.src)
				return
			}
			s.i += end + 4
		case s.src[s.i] == ' ' || s.src[s.i] == '\t' || s.src[s.i] == '\n' || s.src[s.i] == '\r' || s.src[s.i] == '\f':
			s.i++
		default:
			return
		}
	}
}
