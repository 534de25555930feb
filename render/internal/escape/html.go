package escape

import (
	"strconv"
	"unicode/utf8"
)

// The HTML escapers: text, quoted and unquoted attribute values, RCDATA
// (<title>, <textarea>) and comments.

// entities is what the HTML escapers write for the characters that would
// end or change the text they are in, and for '+', which html/template
// escapes too.
var entities = map[byte]string{
	'"': "&#34;", '&': "&amp;", '\'': "&#39;", '+': "&#43;", '<': "&lt;", '>': "&gt;",
}

var (
	// htmlText escapes text and quoted attribute values: a NUL becomes
	// U+FFFD, as an HTML parser would read it.
	htmlText = newTable(entities, nil).with(map[byte]string{0: "\uFFFD"})
	// htmlContent is htmlText for content already HTML, whose '&'
	// starts an entity that must stay one.
	htmlContent = htmlText.with(map[byte]string{'&': ""})
	// unquoted escapes an unquoted attribute value: also every
	// character that would end it, and the noncharacters.
	unquoted = newTable(entities, unquotedWide).with(map[byte]string{
		0: "&#xfffd;", '\t': "&#9;", '\n': "&#10;", '\v': "&#11;", '\f': "&#12;", '\r': "&#13;",
		' ': "&#32;", '=': "&#61;", '`': "&#96;",
	})
	unquotedContent = unquoted.with(map[byte]string{'&': ""})
)

// unquotedWide escapes, in an unquoted attribute value, the
// noncharacters U+FDD0 to U+FDEF and U+FFF0 to U+FFFF (an invalid byte
// counts as U+FFFD) as hexadecimal references.
func unquotedWide(s string) (string, int) {
	r, n := utf8.DecodeRuneInString(s)
	if 0xfdd0 <= r && r <= 0xfdef || 0xfff0 <= r && r <= 0xffff {
		return "&#x" + strconv.FormatInt(int64(r), 16) + ";", n
	}
	return "", n
}

// htmlEscaper is _html_template_htmlescaper, for text: HTML content is
// printed as it is.
func htmlEscaper(v any) string {
	s, k := textOf(v)
	if k == kindHTML {
		return s
	}
	return htmlText.rewrite(s)
}

// attrEscaper is _html_template_attrescaper, for a quoted attribute
// value: HTML content keeps its text only, without tags or comments.
func attrEscaper(v any) string {
	s, k := textOf(v)
	if k == kindHTML {
		return htmlContent.rewrite(textContent(s))
	}
	return htmlText.rewrite(s)
}

// rcdataEscaper is _html_template_rcdataescaper, for the text of a
// <title> or <textarea>, where tags are text.
func rcdataEscaper(v any) string {
	s, k := textOf(v)
	if k == kindHTML {
		return htmlContent.rewrite(s)
	}
	return htmlText.rewrite(s)
}

// nospaceEscaper is _html_template_nospaceescaper, for an unquoted
// attribute value, which must not be empty.
func nospaceEscaper(v any) string {
	s, k := textOf(v)
	if s == "" {
		return failsafe
	}
	if k == kindHTML {
		return unquotedContent.rewrite(textContent(s))
	}
	return unquoted.rewrite(s)
}

// commentEscaper is _html_template_commentescaper: a value in a comment
// is not printed at all.
func commentEscaper(any) string { return "" }

// htmlNameFilter is _html_template_htmlnamefilter, for an attribute's
// name: HTMLAttr content, or a name of lower-case letters and digits that
// is not one of an attribute whose value would need its own escaping.
func htmlNameFilter(v any) string {
	s, k := textOf(v)
	if k == kindAttr {
		return s
	}
	name, ok := plainAttrName(s)
	if !ok {
		return failsafe
	}
	return name
}
