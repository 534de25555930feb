package convert

import (
	"regexp"
	"strings"
)

// MaxCSS is the AMP4EMAIL limit on <style amp-custom> plus all style
// attributes, in bytes.
const MaxCSS = 75000

// Stylesheet returns src ready for <style amp-custom>: comments, !important
// and every at-rule but @media (with a query AMP4EMAIL accepts) removed,
// rules whose selectors AMP4EMAIL refuses dropped, and only allowed
// declarations kept. One rule per line.
func Stylesheet(src string) string {
	var b strings.Builder
	writeRules(&b, stripComments(src), "")
	return b.String()
}

// StyleAttr returns the declarations of a style attribute that AMP4EMAIL
// allows, without !important.
func StyleAttr(value string) string {
	return declarations(value)
}

var commentRE = regexp.MustCompile(`(?s)/\*.*?\*/`)

func stripComments(s string) string {
	s = commentRE.ReplaceAllString(s, "")
	if i := strings.Index(s, "/*"); i >= 0 { // unterminated
		s = s[:i]
	}
	return strings.NewReplacer("<!--", "", "-->", "").Replace(s)
}

// writeRules writes the allowed rules of css, a list of rules and
// at-rules, each line prefixed with indent.
func writeRules(b *strings.Builder, css, indent string) {
	for {
		css = strings.TrimLeft(css, " \t\r\n\f;")
		if css == "" {
			return
		}
		open := indexOutsideStrings(css, "{;")
		if open < 0 {
			return
		}
		prelude := strings.TrimSpace(css[:open])
		if css[open] == ';' { // @import, @charset...: dropped
			css = css[open+1:]
			continue
		}
		end := matchBrace(css, open)
		body := css[open+1 : end]
		css = css[min(end+1, len(css)):]
		if strings.HasPrefix(prelude, "@") {
			writeAtRule(b, prelude, body, indent)
			continue
		}
		writeRule(b, prelude, body, indent)
	}
}

func writeAtRule(b *strings.Builder, prelude, body, indent string) {
	name, query, _ := strings.Cut(prelude, " ")
	if !strings.EqualFold(name, "@media") || !mediaQueryAllowed(query) {
		return
	}
	var inner strings.Builder
	writeRules(&inner, body, indent+"  ")
	if inner.Len() == 0 {
		return
	}
	b.WriteString(indent + "@media " + strings.Join(strings.Fields(query), " ") + " {\n")
	b.WriteString(inner.String())
	b.WriteString(indent + "}\n")
}

func writeRule(b *strings.Builder, prelude, body, indent string) {
	var sels []string
	for _, s := range strings.Split(prelude, ",") {
		s = strings.Join(strings.Fields(s), " ")
		if s != "" && selectorAllowed(s) {
			sels = append(sels, s)
		}
	}
	decls := declarations(body)
	if len(sels) == 0 || decls == "" {
		return
	}
	b.WriteString(indent + strings.Join(sels, ", ") + " { " + decls + " }\n")
}

// declarations keeps the allowed declarations of a block, "a: b; c: d".
func declarations(body string) string {
	var kept []string
	for _, d := range splitDecls(body) {
		prop, val, ok := strings.Cut(d, ":")
		if !ok {
			continue
		}
		prop = strings.ToLower(strings.TrimSpace(prop))
		val = strings.TrimSpace(importantRE.ReplaceAllString(val, ""))
		if val == "" || !cssProperties[prop] || !valueAllowed(val) {
			continue
		}
		kept = append(kept, prop+": "+val)
	}
	return strings.Join(kept, "; ")
}

var importantRE = regexp.MustCompile(`(?i)\s*!\s*important`)

// valueAllowed refuses values that load non-https resources or name
// AMP's reserved classes.
func valueAllowed(v string) bool {
	l := strings.ToLower(v)
	if strings.Contains(l, "i-amphtml-") || strings.Contains(l, "expression(") || strings.ContainsAny(l, "<>{}") {
		return false
	}
	for _, m := range urlRE.FindAllStringSubmatch(l, -1) {
		if !strings.HasPrefix(strings.Trim(m[1], `'" `), "https://") {
			return false
		}
	}
	return true
}

var urlRE = regexp.MustCompile(`url\(\s*([^)]*)\)`)

func splitDecls(body string) []string {
	var out []string
	for {
		i := indexOutsideStrings(body, ";")
		if i < 0 {
			return append(out, body)
		}
		out = append(out, body[:i])
		body = body[i+1:]
	}
}

var (
	pseudoRE   = regexp.MustCompile(`::?([a-zA-Z-]+)`)
	attrSelRE  = regexp.MustCompile(`\[\s*([a-zA-Z_-]+)`)
	selectorOK = regexp.MustCompile(`^[a-zA-Z0-9_\-\s.#>+~:()\[\]="'^$|]+$`)
)

// selectorAllowed reports whether a strict AMP4EMAIL stylesheet may use
// the selector: no pseudo-elements, allowlisted pseudo-classes and
// attributes, no universal selector, no AMP-reserved names.
func selectorAllowed(s string) bool {
	l := strings.ToLower(s)
	if !selectorOK.MatchString(s) || strings.Contains(l, "::") || strings.Contains(l, "i-amphtml-") ||
		strings.Contains(l, "-amp-") || strings.HasPrefix(l, "amp-") || strings.Contains(l, " amp-") {
		return false
	}
	for _, m := range pseudoRE.FindAllStringSubmatch(l, -1) {
		if !cssPseudoClasses[m[1]] {
			return false
		}
	}
	for _, m := range attrSelRE.FindAllStringSubmatch(l, -1) {
		if !cssAttrSelectors[m[1]] {
			return false
		}
	}
	return true
}

var mediaFeatureRE = regexp.MustCompile(`\(\s*([a-zA-Z-]+)\s*(?::[^)]*)?\)`)

// mediaQueryAllowed accepts queries over the media types and features
// AMP4EMAIL allows.
func mediaQueryAllowed(q string) bool {
	rest := mediaFeatureRE.ReplaceAllStringFunc(q, func(f string) string {
		m := mediaFeatureRE.FindStringSubmatch(f)
		if cssMediaFeatures[strings.ToLower(m[1])] {
			return " "
		}
		return " ! "
	})
	for _, w := range strings.FieldsFunc(rest, func(r rune) bool { return r == ' ' || r == ',' || r == '\n' || r == '\t' }) {
		if !cssMediaWords[strings.ToLower(w)] {
			return false
		}
	}
	return strings.TrimSpace(q) != ""
}

// indexOutsideStrings returns the index of the first byte of any in s that
// is not inside a quoted string or parentheses, or -1.
func indexOutsideStrings(s, any string) int {
	var quote byte
	depth := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == '\\' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '(':
			depth++
		case c == ')' && depth > 0:
			depth--
		case depth == 0 && strings.IndexByte(any, c) >= 0:
			return i
		}
	}
	return -1
}

// matchBrace returns the index of the } closing the { at open, or len(s).
func matchBrace(s string, open int) int {
	depth := 0
	for i := open; i < len(s); i++ {
		j := indexOutsideStrings(s[i:], "{}")
		if j < 0 {
			return len(s)
		}
		i += j
		if s[i] == '{' {
			depth++
		} else if depth--; depth == 0 {
			return i
		}
	}
	return len(s)
}
