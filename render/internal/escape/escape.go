package escape

import (
	"slices"
	"strings"
)

// prefix starts the name of every escaper html/template inserts.
const prefix = "_html_template_"

// escaper is one html/template escaper: for any value, and for a plain
// string (what every escaper after the first in a pipeline is given).
type escaper struct {
	value  func(any) string
	string func(string) string
}

// escapers are the escapers by the name html/template gives them, less
// prefix.
var escapers = map[string]escaper{
	"htmlescaper":      {htmlEscaper, htmlText.rewrite},
	"attrescaper":      {attrEscaper, htmlText.rewrite},
	"rcdataescaper":    {rcdataEscaper, htmlText.rewrite},
	"nospaceescaper":   {nospaceEscaper, nospaceString},
	"commentescaper":   {commentEscaper, func(string) string { return "" }},
	"htmlnamefilter":   {htmlNameFilter, htmlNameString},
	"urlfilter":        {urlFilter, urlFilterString},
	"urlnormalizer":    {urlNormalizer, wholeCoder.code},
	"urlescaper":       {urlEscaper, partCoder.code},
	"srcsetescaper":    {srcsetEscaper, func(s string) string { return srcsetEscaper(s) }},
	"cssescaper":       {cssEscaper, func(s string) string { return cssEscaper(s) }},
	"cssvaluefilter":   {cssValueFilter, func(s string) string { return cssValueFilter(s) }},
	"jsvalescaper":     {jsValEscaper, func(s string) string { return jsValEscaper(s) }},
	"jsstrescaper":     {jsStrEscaper, jsString.rewrite},
	"jstmpllitescaper": {jsTmplLitEscaper, jsTemplate.rewrite},
	"jsregexpescaper":  {jsRegexpEscaper, func(s string) string { return jsRegexpEscaper(s) }},
}

// nospaceString is nospaceEscaper for a plain string.
func nospaceString(s string) string {
	if s == "" {
		return failsafe
	}
	return unquoted.rewrite(s)
}

// htmlNameString is htmlNameFilter for a plain string.
func htmlNameString(s string) string {
	if name, ok := plainAttrName(s); ok {
		return name
	}
	return failsafe
}

// urlFilterString is urlFilter for a plain string.
func urlFilterString(s string) string {
	if safeURL(s) {
		return s
	}
	return "#" + failsafe
}

// Lookup returns the escaper that html/template inserts into escaped
// templates under name (such as "_html_template_htmlescaper"), or nil when
// name is none of them. The function escapes one value of any type
// (strings, numbers, nil, slices, maps, pointers, fmt.Stringers, errors,
// html/template's content types) exactly as html/template's escaper of
// that name does when it is the first escaper of an action's pipeline.
func Lookup(name string) func(v any) string {
	if e, ok := escapers[strings.TrimPrefix(name, prefix)]; ok && strings.HasPrefix(name, prefix) {
		return e.value
	}
	return nil
}

// LookupString is Lookup for a plain string value, without boxing it: the
// case of every escaper after the first in a pipeline. It returns nil when
// name is unknown.
func LookupString(name string) func(s string) string {
	if e, ok := escapers[strings.TrimPrefix(name, prefix)]; ok && strings.HasPrefix(name, prefix) {
		return e.string
	}
	return nil
}

// Names lists, sorted, every escaper name Lookup knows.
func Names() []string {
	names := make([]string, 0, len(escapers))
	for n := range escapers {
		names = append(names, prefix+n)
	}
	slices.Sort(names)
	return names
}
