package escape

import "strings"

// Escaper escapes one value as the html/template escaper of the same name
// does, or reports false when it cannot (the caller then runs
// html/template itself).
type Escaper func(v any) (string, bool)

// escapers maps the names html/template gives its escapers in an escaped
// template's pipelines to their copies.
var escapers = map[string]Escaper{
	"_html_template_htmlescaper": func(v any) (string, bool) {
		if s, ok := v.(string); ok {
			return htmlReplacer(s, htmlReplacementTable, true), true
		}
		return htmlEscaper(v), true
	},
	"_html_template_attrescaper": func(v any) (string, bool) {
		if s, ok := v.(string); ok {
			return htmlReplacer(s, htmlReplacementTable, true), true
		}
		return attrEscaper(v)
	},
	"_html_template_rcdataescaper": func(v any) (string, bool) { return rcdataEscaper(v), true },
	"_html_template_urlfilter": func(v any) (string, bool) {
		if s, ok := v.(string); ok {
			if !isSafeURL(s) {
				return "#" + filterFailsafe, true
			}
			return s, true
		}
		return urlFilter(v), true
	},
	"_html_template_urlnormalizer": func(v any) (string, bool) { return urlNormalizer(v), true },
	"_html_template_urlescaper":    func(v any) (string, bool) { return urlEscaper(v), true },
}

// Lookup returns the copy of the html/template escaper called name in
// escaped templates (such as "_html_template_htmlescaper"), or nil when
// this package has none.
func Lookup(name string) Escaper { return escapers[name] }

// stringEscapers are the escapers for a plain string value: what each
// escaper of escapers gives for a string, the case of every escaper after
// the first in an action's pipeline.
var stringEscapers = map[string]func(string) string{
	"_html_template_htmlescaper":   func(s string) string { return htmlReplacer(s, htmlReplacementTable, true) },
	"_html_template_attrescaper":   func(s string) string { return htmlReplacer(s, htmlReplacementTable, true) },
	"_html_template_rcdataescaper": func(s string) string { return htmlReplacer(s, htmlReplacementTable, true) },
	"_html_template_urlfilter": func(s string) string {
		if !isSafeURL(s) {
			return "#" + filterFailsafe
		}
		return s
	},
	"_html_template_urlnormalizer": func(s string) string { return processString(s, true) },
	"_html_template_urlescaper":    func(s string) string { return processString(s, false) },
}

// processString is urlProcessor for a plain string.
func processString(s string, norm bool) string {
	var b strings.Builder
	if processURLOnto(s, norm, &b) {
		return b.String()
	}
	return s
}

// LookupString returns what the escaper called name gives for a plain
// string, without boxing it, or nil when this package has no copy of it.
func LookupString(name string) func(string) string { return stringEscapers[name] }
