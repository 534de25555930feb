package escape

import "strings"

// typedAttrs are the attribute names (letters and digits only) whose value
// html/template would not escape as plain text: URLs, style sheets, and
// the ones it treats as unsafe to set at all. A value printed as an
// attribute's name must not be one of them. Names starting with "on" and
// names containing "src", "uri" or "url" are refused by rule (see
// plainAttrName). The list was found by experiment: every name of up to
// five letters and digits, and every attribute name of HTML we know of,
// printed as an attribute name by html/template (see TestAttrNames).
var typedAttrs = map[string]bool{
	"action": true, "archive": true, "async": true, "background": true, "challenge": true,
	"charset": true, "cite": true, "classid": true, "codebase": true, "content": true,
	"crossorigin": true, "data": true, "defer": true, "enctype": true, "form": true,
	"formaction": true, "formenctype": true, "formmethod": true, "formnovalidate": true,
	"href": true, "icon": true, "keytype": true, "language": true, "longdesc": true,
	"manifest": true, "method": true, "novalidate": true, "pattern": true, "poster": true,
	"profile": true, "rel": true, "sandbox": true, "style": true, "type": true,
	"usemap": true, "value": true, "xmlns": true,
}

// plainAttrs are the names whose value is plain text although the rules
// would refuse them (found by the same experiment).
var plainAttrs = map[string]bool{"srclang": true}

// plainAttrName returns s in lower case when it can be printed as the name
// of an attribute whose value is plain text: a name of ASCII letters and
// digits only, that is in plainAttrs, or is not in typedAttrs, is not an
// event handler ("on...") and does not look like a URL ("...src...",
// "...uri...", "...url...").
func plainAttrName(s string) (string, bool) {
	if s == "" {
		return "", false
	}
	name := strings.ToLower(s)
	for i := 0; i < len(name); i++ {
		if c := name[i]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9') {
			return "", false
		}
	}
	if plainAttrs[name] {
		return name, true
	}
	if typedAttrs[name] || strings.HasPrefix(name, "on") ||
		strings.Contains(name, "src") || strings.Contains(name, "uri") || strings.Contains(name, "url") {
		return "", false
	}
	return name, true
}
