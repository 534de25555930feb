package validator

import (
	"fmt"
	"sort"
	"strings"
	"testing"
)

// emailDoc builds a valid AMP4EMAIL document around extra head and body
// markup. The body starts on line 10.
func emailDoc(head, body string) string {
	return emailDocWith(`<html ⚡4email data-css-strict>`, `<style amp4email-boilerplate>body{visibility:hidden}</style>`, head, body)
}

func emailDocWith(htmlTag, boilerplate, head, body string) string {
	return "<!doctype html>\n" + htmlTag + "\n<head>\n" +
		"<meta charset=\"utf-8\">\n" +
		"<script async src=\"https://cdn.ampproject.org/v0.js\"></script>\n" +
		boilerplate + "\n" + head + "\n</head>\n<body>\n" + body + "\n</body>\n</html>\n"
}

// checkCase is one small document and what the validator must say.
type checkCase struct {
	name  string
	doc   string
	pass  bool
	codes []string // sorted codes of all errors and warnings
}

var checkCases = []checkCase{
	{"minimal document", emailDoc("", "Hello"), true, nil},
	{"amp4email spelling", emailDocWith(`<html amp4email data-css-strict>`, `<style amp4email-boilerplate>body{visibility:hidden}</style>`, "", "Hi"), true, nil},
	{"not an email document", emailDocWith(`<html data-css-strict>`, `<style amp4email-boilerplate>body{visibility:hidden}</style>`, "", "Hi"), false, []string{"MANDATORY_ATTR_MISSING"}},
	{"no data-css-strict is a warning", emailDocWith(`<html ⚡4email>`, `<style amp4email-boilerplate>body{visibility:hidden}</style>`, "", "Hi"), true, []string{"AMP_EMAIL_MISSING_STRICT_CSS_ATTR"}},
	{"missing boilerplate", emailDocWith(`<html ⚡4email data-css-strict>`, "", "", "Hi"), false, []string{"TAG_REQUIRED_BY_MISSING"}},
	{"wrong boilerplate", emailDocWith(`<html ⚡4email data-css-strict>`, `<style amp4email-boilerplate>body{color:red}</style>`, "", "Hi"), false, []string{"MANDATORY_CDATA_MISSING_OR_INCORRECT"}},
	{"missing meta charset", strings.Replace(emailDoc("", "Hi"), "<meta charset=\"utf-8\">\n", "", 1), false, []string{"MANDATORY_TAG_MISSING"}},
	{"missing runtime", strings.Replace(emailDoc("", "Hi"), "<script async src=\"https://cdn.ampproject.org/v0.js\"></script>\n", "", 1), false, []string{"MANDATORY_TAG_MISSING"}},
	{"runtime with nonce", strings.Replace(emailDoc("", "Hi"), "<script async", "<script nonce=\"x\" async", 1), false, []string{"DISALLOWED_ATTR"}},
	{"disallowed tag", emailDoc("", `<iframe src="https://example.com"></iframe>`), false, []string{"DISALLOWED_TAG"}},
	{"custom script", emailDoc("", `<script>alert(1)</script>`), false, []string{"DISALLOWED_SCRIPT_TAG"}},
	{"event handler attribute", emailDoc("", `<div onclick="x()">x</div>`), false, []string{"DISALLOWED_ATTR"}},
	{"data attribute", emailDoc("", `<div data-sku="42">x</div>`), true, nil},
	{"amp-img without src", emailDoc("", `<amp-img width="10" height="10"></amp-img>`), false, []string{"MANDATORY_ATTR_MISSING"}},
	{"amp-img relative src", emailDoc("", `<amp-img src="a.png" width="10" height="10"></amp-img>`), false, []string{"DISALLOWED_RELATIVE_URL"}},
	{"amp-img http src", emailDoc("", `<amp-img src="http://e.com/a.png" width="10" height="10"></amp-img>`), false, []string{"INVALID_URL_PROTOCOL"}},
	{"amp-img without size", emailDoc("", `<amp-img src="https://e.com/a.png"></amp-img>`), false, []string{"MISSING_LAYOUT_ATTRIBUTES"}},
	{"amp-img bad layout", emailDoc("", `<amp-img src="https://e.com/a.png" layout="container"></amp-img>`), false, []string{"SPECIFIED_LAYOUT_INVALID"}},
	{"amp-img responsive", emailDoc("", `<amp-img src="https://e.com/a.png" width="4" height="3" layout="responsive"></amp-img>`), true, nil},
	{"javascript link", emailDoc("", `<a href="javascript:alert(1)">x</a>`), false, []string{"INVALID_URL_PROTOCOL"}},
	{"mailto link", emailDoc("", `<a href="mailto:a@example.com">x</a>`), true, nil},
	{"relative link", emailDoc("", `<a href="/x">x</a>`), false, []string{"DISALLOWED_RELATIVE_URL"}},
	{"password input", emailDoc(`<script async custom-element="amp-form" src="https://cdn.ampproject.org/v0/amp-form-0.1.js"></script>`,
		`<form method="post" action-xhr="https://e.com/s"><input type="password" name="p"></form>`), false, []string{"INVALID_ATTR_VALUE"}},
	{"form with action", emailDoc(`<script async custom-element="amp-form" src="https://cdn.ampproject.org/v0/amp-form-0.1.js"></script>`,
		`<form method="post" action="https://e.com/s"><input type="text" name="p"></form>`), false, []string{"DISALLOWED_ATTR"}},
	{"extension not loaded", emailDoc("", `<amp-carousel width="4" height="3" layout="responsive" type="slides"><div>a</div></amp-carousel>`), false, []string{"MISSING_REQUIRED_EXTENSION"}},
	{"extension loaded and used", emailDoc(`<script async custom-element="amp-carousel" src="https://cdn.ampproject.org/v0/amp-carousel-0.2.js"></script>`,
		`<amp-carousel width="4" height="3" layout="responsive" type="slides"><div>a</div></amp-carousel>`), true, nil},
	{"extension unused", emailDoc(`<script async custom-element="amp-carousel" src="https://cdn.ampproject.org/v0/amp-carousel-0.2.js"></script>`, "Hi"), false, []string{"EXTENSION_UNUSED"}},
	{"extension latest", emailDoc(`<script async custom-element="amp-carousel" src="https://cdn.ampproject.org/v0/amp-carousel-latest.js"></script>`,
		`<amp-carousel width="4" height="3" layout="responsive" type="slides"><div>a</div></amp-carousel>`), false, []string{"INVALID_EXTENSION_VERSION"}},
	{"extension wrong src", emailDoc(`<script async custom-element="amp-carousel" src="https://example.com/amp-carousel-0.2.js"></script>`,
		`<amp-carousel width="4" height="3" layout="responsive" type="slides"><div>a</div></amp-carousel>`), false, []string{"DISALLOWED_AMP_DOMAIN", "INVALID_EXTENSION_PATH"}},
	{"extension named wrong", emailDoc(`<script async custom-element="amp-carousel" src="https://cdn.ampproject.org/v0/amp-list-0.1.js"></script>`,
		`<amp-carousel width="4" height="3" layout="responsive" type="slides"><div>a</div></amp-carousel>`), false, []string{"INVALID_ATTR_VALUE"}},
	{"document too large", emailDoc("", strings.Repeat("<p>filler text</p>\n", 11000)), false, []string{"DOCUMENT_SIZE_LIMIT_EXCEEDED"}},
	{"document just under the limit", emailDoc("", strings.Repeat("a", 200000-len(emailDoc("", "")))), true, nil},
	{"bound attribute", emailDoc(`<script async custom-element="amp-bind" src="https://cdn.ampproject.org/v0/amp-bind-0.1.js"></script>`, `<p [text]="x">a</p>`), true, nil},
	{"bound src", emailDoc("", `<amp-img src="https://e.com/a.png" [src]="x" width="1" height="1"></amp-img>`), false, []string{"DISALLOWED_ATTR"}},
	{"stylesheet", emailDoc(`<style amp-custom>.a { color: red; } @media (max-width: 600px) { .a { margin: 0 } }</style>`, `<p class="a">x</p>`), true, nil},
	{"stylesheet too long", emailDoc(`<style amp-custom>`+strings.Repeat(".a{color:red}", 5800)+`</style>`, "x"), false, []string{"STYLESHEET_TOO_LONG"}},
	{"important", emailDoc(`<style amp-custom>.a { color: red !important; }</style>`, "x"), false, []string{"CSS_SYNTAX_DISALLOWED_IMPORTANT"}},
	{"font-face", emailDoc(`<style amp-custom>@font-face { font-family: x; }</style>`, "x"), false, []string{"CSS_SYNTAX_INVALID_AT_RULE"}},
	{"import", emailDoc(`<style amp-custom>@import url(https://e.com/a.css);</style>`, "x"), false, []string{"CSS_SYNTAX_INVALID_AT_RULE"}},
	{"strict property", emailDoc(`<style amp-custom>.a { animation: x 1s; }</style>`, "x"), false, []string{"CSS_SYNTAX_INVALID_PROPERTY_NOLIST"}},
	{"strict value", emailDoc(`<style amp-custom>.a { z-index: 5000; }</style>`, "x"), false, []string{"CSS_SYNTAX_DISALLOWED_PROPERTY_VALUE"}},
	{"strict selector", emailDoc(`<style amp-custom>a[href] { color: red }</style>`, "x"), false, []string{"CSS_SYNTAX_DISALLOWED_ATTR_SELECTOR"}},
	{"i-amphtml in stylesheet", emailDoc(`<style amp-custom>.i-amphtml-x { color: red }</style>`, "x"), false, []string{"CDATA_VIOLATES_DENYLIST"}},
	{"style attribute", emailDoc("", `<p style="color: red; margin: 0">x</p>`), true, nil},
	{"style attribute strict", emailDoc("", `<p style="animation: x 1s">x</p>`), false, []string{"DISALLOWED_PROPERTY_IN_ATTR_VALUE"}},
	{"style attribute i-amphtml", emailDoc("", `<p style="--i-amphtml-x: 1">x</p>`), false, []string{"DISALLOWED_PROPERTY_IN_ATTR_VALUE"}},
	{"style attribute important", emailDoc("", `<p style="color: red !important">x</p>`), false, []string{"CSS_SYNTAX_DISALLOWED_IMPORTANT"}},
	{"two amp-custom styles", emailDoc(`<style amp-custom>.a{color:red}</style><style amp-custom>.b{color:red}</style>`, "x"), false, []string{"DUPLICATE_UNIQUE_TAG"}},
	{"mustache in template", emailDoc(`<script async custom-element="amp-list" src="https://cdn.ampproject.org/v0/amp-list-0.1.js"></script><script async custom-template="amp-mustache" src="https://cdn.ampproject.org/v0/amp-mustache-0.2.js"></script>`,
		`<amp-list src="https://e.com/a.json" layout="fixed-height" height="100"><template type="amp-mustache"><a href="{{url}}">{{name}}</a></template></amp-list>`), true, nil},
	{"amp-selector options", emailDoc(extScript("amp-selector", "0.1"), `<amp-selector layout="container"><div option="a">A</div><div><p option="b" selected>B</p></div></amp-selector>`), true, nil},
	{"option outside amp-selector", emailDoc("", `<div option="a">A</div>`), false, []string{"DISALLOWED_ATTR"}},
	{"amp-sidebar", emailDoc(extScript("amp-sidebar", "0.1"), `<amp-sidebar id="s" layout="nodisplay" side="left"><p>x</p></amp-sidebar><button on="tap:s.toggle">x</button>`), true, nil},
	{"tap on div needs role and tabindex", emailDoc(extScript("amp-bind", "0.1"), `<div on="tap:AMP.setState({a:1})">x</div>`), false, []string{"ATTR_REQUIRED_BUT_MISSING", "ATTR_REQUIRED_BUT_MISSING"}},
	{"deprecated title", emailDoc("<title>Hi</title>", "x"), true, []string{"DEPRECATED_TAG"}},
	{"deprecated amp-lightbox", emailDoc(extScript("amp-lightbox", "0.1"), `<amp-lightbox id="l" layout="nodisplay"><p>x</p></amp-lightbox>`), true, []string{"DEPRECATED_TAG"}},
	{"form templates", emailDoc(extScript("amp-form", "0.1")+`<script async custom-template="amp-mustache" src="https://cdn.ampproject.org/v0/amp-mustache-0.2.js"></script>`,
		`<form method="post" action-xhr="https://e.com/s"><input type="email" name="e" required><button type="submit">S</button><div submit-success><template type="amp-mustache">Thanks {{name}}</template></div></form>`), true, nil},
	{"internal class name", emailDoc("", `<div class="x-i-amphtml-y">x</div><div class="a i-amphtml-b">y</div>`), false, []string{"INVALID_ATTR_VALUE"}},
	{"pseudo-element", emailDoc(`<style amp-custom>.a::before { color: red }</style>`, "x"), false, []string{"CSS_SYNTAX_DISALLOWED_PSEUDO_ELEMENT"}},
	{"transition values", emailDoc(`<style amp-custom>.a { transition: opacity 1s, color 2s } .b { transition: all 1s } .c { transition: 1s opacity }</style>`, "x"), false, []string{"CSS_SYNTAX_DISALLOWED_PROPERTY_VALUE", "CSS_SYNTAX_DISALLOWED_PROPERTY_VALUE"}},
	{"filter values", emailDoc(`<style amp-custom>.a { filter: blur(2px) grayscale(1) } .b { filter: none }</style>`, "x"), false, []string{"CSS_SYNTAX_DISALLOWED_PROPERTY_VALUE"}},
	{"html comment in stylesheet", emailDoc(`<style amp-custom>/* c */ .a { color: red } <!-- x --></style>`, "x"), false, []string{"CDATA_VIOLATES_DENYLIST", "CSS_SYNTAX_EOF_IN_PRELUDE_OF_QUALIFIED_RULE"}},
	{"no doctype", strings.Replace(emailDoc("", "x"), "<!doctype html>\n", "", 1), false, []string{"MANDATORY_TAG_MISSING", "WRONG_PARENT_TAG"}},
	{"upper-case markup", emailDoc("", `<DIV CLASS="a">x</DIV><A HREF="https://e.com">y</A>`), true, nil},
	{"escaped javascript URL", emailDoc("", `<a href="jav&#x61;script:alert(1)">y</a><a href=" javascript:x">z</a>`), false, []string{"INVALID_URL_PROTOCOL", "INVALID_URL_PROTOCOL"}},
	{"hostile text", emailDoc("", `<p>&lt;/style&gt; {{ x }} [src]= &lt;amp-script&gt; javascript:alert(1)</p>`), true, nil},
	{"css missing colon", emailDoc(`<style amp-custom>.a { color red }</style>`, "x"), false, []string{"CSS_SYNTAX_INCOMPLETE_DECLARATION"}},
	{"css nested rule", emailDoc(`<style amp-custom>.a { .b { color: red } }</style>`, "x"), false, []string{"CSS_SYNTAX_INVALID_DECLARATION"}},
	{"css stray semicolon", emailDoc(`<style amp-custom>; .a { color: red }</style>`, "x"), false, []string{"CSS_SYNTAX_NOT_A_SELECTOR_START"}},
	{"css stray brace", emailDoc(`<style amp-custom>.a { color: red } }</style>`, "x"), false, []string{"CSS_SYNTAX_EOF_IN_PRELUDE_OF_QUALIFIED_RULE"}},
	{"css missing selector", emailDoc(`<style amp-custom>.a > > .b { color: red }</style>`, "x"), false, []string{"CSS_SYNTAX_MISSING_SELECTOR"}},
	{"css escaped selector", emailDoc(`<style amp-custom>.a\:b { color: red }</style>`, "x"), true, nil},
	{"css urls", emailDoc(`<style amp-custom>.a { background: url(https://e.com/a.png) } .b { background: url(a.png) }</style>`, "x"), true, nil},
	{"css http url", emailDoc(`<style amp-custom>.a { background: url(http://e.com/a.png) }</style>`, "x"), false, []string{"CSS_SYNTAX_INVALID_URL_PROTOCOL"}},
	{"css javascript url", emailDoc(`<style amp-custom>.a { background: url(javascript:alert(1)) }</style>`, "x"), false, []string{"CSS_SYNTAX_BAD_URL"}},
	{"style attribute http url", emailDoc("", `<div style="background: url(http://e.com/a.png)">x</div>`), false, []string{"CSS_SYNTAX_INVALID_URL_PROTOCOL"}},
	{"style attribute junk", emailDoc("", `<div style="color red; ;;">x</div>`), false, []string{"CSS_SYNTAX_INCOMPLETE_DECLARATION"}},
	{"text in head", emailDoc("hello", "x"), false, []string{"DISALLOWED_MANUFACTURED_BODY"}},
	{"body tag in head", emailDoc("<p>x</p>", "x"), false, []string{"DISALLOWED_MANUFACTURED_BODY"}},
	{"media types", emailDoc(`<style amp-custom>@media print { .a { color: red } } @media only screen and (max-width: 600px) { .a { color: red } }</style>`, "x"), false, []string{"CSS_SYNTAX_DISALLOWED_MEDIA_TYPE"}},
	{"media range syntax", emailDoc(`<style amp-custom>@media (width >= 600px) { .a { color: red } }</style>`, "x"), false, []string{"CSS_SYNTAX_MALFORMED_MEDIA_QUERY"}},
	{"media feature without strict", emailDocWith(`<html ⚡4email>`, `<style amp4email-boilerplate>body{visibility:hidden}</style>`, `<style amp-custom>@media (prefers-color-scheme: dark) { .a { color: red } } .a { animation: x 1s }</style>`, "x"), false, []string{"AMP_EMAIL_MISSING_STRICT_CSS_ATTR", "CSS_SYNTAX_DISALLOWED_MEDIA_FEATURE"}},
	{"properties email refuses", emailDoc(`<style amp-custom>.a { place-content: center; offset-path: none; scroll-margin: 0 } .b { aspect-ratio: 1 }</style>`, "x"), false, []string{"CSS_SYNTAX_INVALID_PROPERTY_NOLIST", "CSS_SYNTAX_INVALID_PROPERTY_NOLIST", "CSS_SYNTAX_INVALID_PROPERTY_NOLIST"}},
	{"css escaped url", emailDoc(`<style amp-custom>.a { background: u\72 l(http://evil.com) }</style>`, "x"), false, []string{"CSS_SYNTAX_INVALID_URL_PROTOCOL"}},
	{"css escaped important", emailDoc(`<style amp-custom>.a { color: red !\69mportant }</style>`, "x"), false, []string{"CSS_SYNTAX_DISALLOWED_IMPORTANT"}},
	{"css escaped property", emailDoc(`<style amp-custom>.a { \63 olor: red } .b { \61 nimation: x 1s }</style>`, "x"), false, []string{"CSS_SYNTAX_INVALID_PROPERTY_NOLIST"}},
	{"css unterminated comment", emailDoc(`<style amp-custom>.a{color:red}/* x</style>`, "x"), false, []string{"CSS_SYNTAX_EOF_IN_PRELUDE_OF_QUALIFIED_RULE", "CSS_SYNTAX_UNTERMINATED_COMMENT"}},
	{"css unterminated comment in block", emailDoc(`<style amp-custom>.a{color:red; /* x</style>`, "x"), false, []string{"CSS_SYNTAX_INCOMPLETE_DECLARATION", "CSS_SYNTAX_UNTERMINATED_COMMENT"}},
	{"unescaped mustache in a template attribute", emailDoc(extScript("amp-list", "0.1")+`<script async custom-template="amp-mustache" src="https://cdn.ampproject.org/v0/amp-mustache-0.2.js"></script>`,
		`<amp-list src="https://e.com/a.json" layout="fixed-height" height="100"><template type="amp-mustache"><p title="{{{x}}}">y</p><p title="{{>x}}">z</p></template></amp-list>`), false, []string{"TEMPLATE_PARTIAL_IN_ATTR_VALUE", "UNESCAPED_TEMPLATE_IN_ATTR_VALUE"}},
	{"mustache attribute name", emailDoc("", `<div {{x}}="1">x</div>`), false, []string{"TEMPLATE_IN_ATTR_NAME"}},
	{"implied head and body", "<!doctype html>\n<html ⚡4email data-css-strict>\n<meta charset=\"utf-8\">\n<script async src=\"https://cdn.ampproject.org/v0.js\"></script>\n<style amp4email-boilerplate>body{visibility:hidden}</style>\nHello\n</html>\n", false, []string{"DISALLOWED_MANUFACTURED_BODY"}},
	{"second body tag", emailDoc("", `</body><body>x`), true, nil},
	{"text after the body", strings.Replace(emailDoc("", "x"), "</body>", "</body>more", 1), true, nil},
	{"markup inside noscript", emailDoc("", `<noscript><img src="https://e.com/a.png"></noscript>`), false, []string{"DISALLOWED_TAG", "DISALLOWED_TAG"}},
	{"text in an extension script", emailDoc(`<script async custom-element="amp-bind" src="https://cdn.ampproject.org/v0/amp-bind-0.1.js">x</script>`, `<p [text]="a">b</p>`), false, []string{"NON_WHITESPACE_CDATA_ENCOUNTERED"}},
	{"repeated html tag", strings.Replace(emailDoc("", "x"), "data-css-strict>", "data-css-strict><html ⚡4email onload=\"x()\">", 1), false, []string{"DISALLOWED_ATTR"}},
	{"css selector errors without strict", emailDocWith(`<html ⚡4email>`, `<style amp4email-boilerplate>body{visibility:hidden}</style>`, `<style amp-custom>; .a > > .b { color: red }</style>`, "x"), true, []string{"AMP_EMAIL_MISSING_STRICT_CSS_ATTR"}},
	{"data-amp-bind attribute", emailDoc(extScript("amp-bind", "0.1"), `<p data-amp-bind-text="x">y</p>`), true, nil},
}

func extScript(name, version string) string {
	return `<script async custom-element="` + name + `" src="https://cdn.ampproject.org/v0/` + name + "-" + version + `.js"></script>`
}

// allowlistCase declares every allowlisted CSS property, in the stylesheet
// and in style attributes; none may be refused. (The properties with
// restricted values have cases of their own.)
func allowlistCase() checkCase {
	var names []string
	for p := range cssProperties {
		if _, restricted := cssValueDisallowed(p, "inherit"); !restricted {
			names = append(names, p)
		}
	}
	sort.Strings(names)
	var css, body strings.Builder
	for i, p := range names {
		fmt.Fprintf(&css, ".a%d { %s: inherit }\n", i, p)
		fmt.Fprintf(&body, "<b style=\"%s: inherit\"></b>\n", p)
	}
	return checkCase{"every allowlisted property", emailDoc("<style amp-custom>"+css.String()+"</style>", body.String()), true, nil}
}

// allCases are the table cases plus the generated ones.
func allCases() []checkCase {
	cases := append(checkCases[:len(checkCases):len(checkCases)], cssCheckCases...)
	return append(cases, allowlistCase())
}

func codesOf(res Result) []string {
	var out []string
	for _, e := range res.Errors {
		out = append(out, e.Code)
	}
	sort.Strings(out)
	return out
}

// TestChecks runs one small document per rule.
func TestChecks(t *testing.T) {
	for _, c := range allCases() {
		t.Run(c.name, func(t *testing.T) {
			res := Validate([]byte(c.doc))
			got := codesOf(res)
			if res.Pass != c.pass || fmt.Sprint(got) != fmt.Sprint(c.codes) {
				t.Errorf("got pass=%v codes=%v, want pass=%v codes=%v\n%s", res.Pass, got, c.pass, c.codes, errorLines(res))
			}
		})
	}
}
