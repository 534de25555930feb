package escape

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
