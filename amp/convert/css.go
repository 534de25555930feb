package convert

import (
	"regexp"
	"strings"

	"github.com/tailor-email/tailor/internal/css"
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
	writeRules(&b, src, css.Rules(css.Tokenize(src)), "")
	return b.String()
}

// StyleAttr returns the declarations of a style attribute that AMP4EMAIL
// allows, without !important.
func StyleAttr(value string) string {
	return declarations(value, css.Tokenize(value))
}

// writeRules writes the allowed rules of src, each line prefixed with
// indent. Rules without a block (@import, @charset) are dropped.
func writeRules(b *strings.Builder, src string, rules []css.Rule, indent string) {
	for _, r := range rules {
		switch {
		case r.Open < 0:
		case r.At:
			writeAtRule(b, src, r, indent)
		default:
			writeRule(b, src, r, indent)
		}
	}
}

func writeAtRule(b *strings.Builder, src string, r css.Rule, indent string) {
	query := css.StripComments(src, r.Prelude)
	if !strings.EqualFold(r.Name, "media") || !mediaQueryAllowed(query) {
		return
	}
	var inner strings.Builder
	writeRules(&inner, src, css.Rules(r.Block), indent+"  ")
	if inner.Len() == 0 {
		return
	}
	b.WriteString(indent + "@media " + strings.Join(strings.Fields(query), " ") + " {\n")
	b.WriteString(inner.String())
	b.WriteString(indent + "}\n")
}

func writeRule(b *strings.Builder, src string, r css.Rule, indent string) {
	var sels []string
	for _, part := range css.Split(r.Prelude, css.Comma) {
		s := strings.Join(strings.Fields(css.StripComments(src, part)), " ")
		if s != "" && selectorAllowed(s) {
			sels = append(sels, s)
		}
	}
	decls := declarations(src, r.Block)
	if len(sels) == 0 || decls == "" {
		return
	}
	b.WriteString(indent + strings.Join(sels, ", ") + " { " + decls + " }\n")
}

// declarations keeps the allowed declarations of a block of src,
// "a: b; c: d".
func declarations(src string, block []css.Token) string {
	var kept []string
	for _, d := range css.Decls(block) {
		if d.Name == "" || len(d.Value) == 0 {
			continue
		}
		prop := strings.ToLower(d.Name)
		if !cssProperties[prop] || !valueAllowed(d.Value) {
			continue
		}
		kept = append(kept, prop+": "+css.StripComments(src, d.Value))
	}
	return strings.Join(kept, "; ")
}

// valueAllowed refuses values that load non-https resources, name AMP's
// reserved classes, or hold an !important that is not at their end
// (which makes the declaration invalid).
func valueAllowed(value []css.Token) bool {
	for i, t := range value {
		l := strings.ToLower(t.Text)
		switch {
		case strings.Contains(l, "i-amphtml-") || l == "expression(" || strings.ContainsAny(l, "<>{}") || t.Is(css.Delim, "!"),
			t.Kind == css.BadURL || t.Kind == css.URL && !httpsURL(t.Value()),
			t.Kind == css.Function && strings.EqualFold(t.Value(), "url") && !httpsURL(argOf(value, i)):
			return false
		}
	}
	return true
}

// httpsURL reports whether a URL in CSS loads over https.
func httpsURL(u string) bool {
	return strings.HasPrefix(strings.ToLower(strings.TrimSpace(u)), "https://")
}

// argOf returns the value of the first token in the function at toks[i].
func argOf(toks []css.Token, i int) string {
	if j := css.SkipSpace(toks, i+1); j < len(toks) {
		return toks[j].Value()
	}
	return ""
}

var (
	pseudoRE  = regexp.MustCompile(`::?([a-zA-Z-]+)`)
	attrSelRE = regexp.MustCompile(`\[\s*([a-zA-Z_-]+)`)
	// ampElementRE finds an amp- element name in a selector.
	ampElementRE = regexp.MustCompile(`(^|[\s,(>+~])amp-`)
	selectorOK   = regexp.MustCompile(`^[a-zA-Z0-9_\-\s.#>+~:()\[\],="'^$|]+$`)
)

// selectorAllowed reports whether a strict AMP4EMAIL stylesheet may use
// the selector: no pseudo-elements, allowlisted pseudo-classes and
// attributes, no universal selector, no AMP-reserved names.
func selectorAllowed(s string) bool {
	l := strings.ToLower(s)
	if !selectorOK.MatchString(s) || strings.Contains(l, "::") || strings.Contains(l, "i-amphtml-") ||
		strings.Contains(l, "-amp-") || ampElementRE.MatchString(l) {
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
