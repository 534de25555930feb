// Package escape implements html/template's escaping contract: the
// escapers html/template inserts into the pipelines of an escaped template
// (_html_template_htmlescaper, _html_template_urlfilter, ...) and its
// _eval_args_ function, so the render engine can run an escaped template
// without html/template. Each escaper gives, for every value, exactly the
// bytes html/template's escaper of the same name gives; differential tests
// and fuzz targets (see scripts/fuzz-escapers.sh) compare the two on every
// context html/template escapes for, with values of every type and content
// type.
//
// The code is this package's own, written from html/template's documented
// behaviour and from running html/template on inputs. It is built from
// small tables: what each byte becomes in each context (table.go, html.go,
// js.go, css.go, url.go), and a single pass over HTML content to keep its
// text where html/template strips tags (strip.go).
package escape
