package validator

// cssCheckCases are the stylesheet cases found while moving the CSS
// reading to internal/css's tokens; each was first run through the
// official validator, and TestChecksAgreeWithOfficial keeps checking them
// against it, down to each error's position.
var cssCheckCases = []checkCase{
	{"css stray semicolon at the end", emailDoc(`<style amp-custom>.a { color: red } ;</style>`, "x"), false, []string{"CSS_SYNTAX_EOF_IN_PRELUDE_OF_QUALIFIED_RULE"}},
	{"css semicolon inside a selector", emailDoc(`<style amp-custom>.a;.b { color: red } .c { color: red }</style>`, "x"), false, []string{"CSS_SYNTAX_UNPARSED_INPUT_REMAINS_IN_SELECTOR"}},
	{"css stray brace before a rule", emailDoc(`<style amp-custom>.a { color: red } } .b { color: blue } .c { color: red }</style>`, "x"), false, []string{"CSS_SYNTAX_NOT_A_SELECTOR_START"}},
	{"css lone at sign", emailDoc(`<style amp-custom>@ x { color: red } .c { color: red }</style>`, "x"), false, []string{"CSS_SYNTAX_NOT_A_SELECTOR_START"}},
	{"css selector starts", emailDoc(`<style amp-custom>.a, , .b { color: red } > .c { color: red } .d, { color: red } *.e, |f { color: red }</style>`, "x"),
		false, []string{"CSS_SYNTAX_NOT_A_SELECTOR_START", "CSS_SYNTAX_NOT_A_SELECTOR_START", "CSS_SYNTAX_NOT_A_SELECTOR_START"}},
	{"css combinator before the block", emailDoc(`<style amp-custom>.a > { color: red } .b:foo, .c > > .d { color: red }</style>`, "x"), false, []string{"CSS_SYNTAX_MISSING_SELECTOR", "CSS_SYNTAX_MISSING_SELECTOR"}},
	{"css pseudo-class arguments not checked", emailDoc(`<style amp-custom>.i:not(.j:foo), .k:hover { color: red }</style>`, "x"), true, nil},
	{"css url in a string", emailDoc(`<style amp-custom>.a { font-family: "url(http://e.com)" }</style>`, "x"), true, nil},
	{"css escaped at-rule name", emailDoc(`<style amp-custom>@\6d edia screen { .b { color: red } }</style>`, "x"), true, nil},
	{"media query list", emailDoc(`<style amp-custom>@media screen and (max-width: 1px), print and (orientation: portrait) { .c { color: blue } }</style>`, "x"), false, []string{"CSS_SYNTAX_DISALLOWED_MEDIA_TYPE"}},
	{"malformed media queries", emailDoc(`<style amp-custom>@media ( ) { } @media screen and(max-width:1px) { } @media ((min-width:1px)) { } @media (1px) { } @media screen, , print { } @media (min-width: 1px) and { } @media 1px { }</style>`, "x"),
		false, []string{"CSS_SYNTAX_MALFORMED_MEDIA_QUERY", "CSS_SYNTAX_MALFORMED_MEDIA_QUERY", "CSS_SYNTAX_MALFORMED_MEDIA_QUERY", "CSS_SYNTAX_MALFORMED_MEDIA_QUERY", "CSS_SYNTAX_MALFORMED_MEDIA_QUERY", "CSS_SYNTAX_MALFORMED_MEDIA_QUERY", "CSS_SYNTAX_MALFORMED_MEDIA_QUERY"}},
	{"well-formed media queries", emailDoc(`<style amp-custom>@media not all and (monochrome) { } @media screen and (min-width: 1px) and (max-width: 2px) { } @media { .a { color: red } }</style>`, "x"), false, []string{"CSS_SYNTAX_DISALLOWED_MEDIA_FEATURE"}},
	{"css star hack in a style attribute", emailDoc("", `<p style="*zoom: 1">x</p>`), false, []string{"CSS_SYNTAX_INVALID_DECLARATION"}},
}
