package validator

import (
	"strconv"
	"strings"

	"github.com/tailor-email/tailor/internal/css"
)

// The official rules keep the <style> tags and the CSS policy of AMP4EMAIL in
// validator-css.protoascii, which the peers folder does not carry. This file
// states them by hand from the AMP for Email specification
// (https://amp.dev/documentation/guides-and-tutorials/email/learn/email-spec/amp-email-css
// and .../amp-email-format): the boilerplate and amp-custom style tags, the
// 75,000-byte stylesheet limit, and the data-css-strict allowlists.

const boilerplateURL = "https://amp.dev/documentation/guides-and-tutorials/learn/email-spec/amp-email-format/?format=email#required-markup"

// styleTagSpecs are the two <style> tags an AMP4EMAIL document may have.
var styleTagSpecs = []tagSpec{
	{
		tagName:         "STYLE",
		specName:        "head > style[amp4email-boilerplate]",
		descriptiveName: "head > style[amp4email-boilerplate]",
		unique:          true, // required through the runtime's requires_condition
		mandatoryParent: "HEAD",
		attrs: []attrSpec{
			{name: "amp4email-boilerplate", mandatory: true, values: []string{""}, dispatchKey: "NAME_DISPATCH"},
		},
		specURL:   boilerplateURL,
		cdata:     &cdataSpec{cdataRegex: `\s*body\s*{\s*visibility:\s*hidden;?\s*}\s*`},
		satisfies: []string{"style[amp-boilerplate]"},
	},
	{
		tagName:         "STYLE",
		specName:        "style amp-custom",
		descriptiveName: "style amp-custom",
		unique:          true,
		mandatoryParent: "HEAD",
		attrs: []attrSpec{
			{name: "amp-custom", mandatory: true, values: []string{""}}, // not a dispatch key: a bare <style> is tried as amp-custom
		},
		specURL: emailCSSURL,
		cdata: &cdataSpec{
			maxBytes: 75000,
			css:      true,
			disallowedRegex: []cdataRegex{
				{regex: `<!--`, message: "html comments"},
				{regex: `(^|\W)i-amphtml-`, message: "CSS i-amphtml- name prefix"},
			},
		},
	},
}

// cssProperties is the data-css-strict property allowlist.
var cssProperties = setOf(`-moz-appearance -webkit-appearance -webkit-tap-highlight-color
align-content align-items align-self appearance aspect-ratio azimuth
background background-attachment background-blend-mode background-clip background-color
background-image background-origin background-position background-repeat background-size
border border-bottom border-bottom-color border-bottom-left-radius border-bottom-right-radius
border-bottom-style border-bottom-width border-collapse border-color border-left
border-left-color border-left-style border-left-width border-radius border-right
border-right-color border-right-style border-right-width border-spacing border-style
border-top border-top-color border-top-left-radius border-top-right-radius border-top-style
border-top-width border-width bottom box-shadow box-sizing break-after break-before
break-inside caption-side caret-color clear color color-adjust column-count column-fill
column-gap column-rule column-rule-color column-rule-style column-rule-width column-span
column-width columns counter-increment counter-reset cursor direction display elevation
empty-cells filter flex flex-basis flex-direction flex-flow flex-grow flex-shrink flex-wrap
float font font-family font-feature-settings font-kerning font-size font-size-adjust
font-stretch font-style font-synthesis font-variant font-variant-alternates font-variant-caps
font-variant-east-asian font-variant-ligatures font-variant-numeric font-variation-settings font-weight gap grid
grid-area grid-auto-columns grid-auto-flow grid-auto-rows grid-column grid-column-end
 grid-column-start  grid-row grid-row-end  grid-row-start
grid-template grid-template-areas grid-template-columns grid-template-rows height hyphens
image-orientation image-resolution inline-size isolation justify-content justify-items
justify-self left letter-spacing line-break line-height list-style 
list-style-position list-style-type margin margin-bottom margin-left margin-right margin-top
max-height max-width min-height min-width mix-blend-mode object-fit object-position 
 offset-distance   opacity order outline outline-color
outline-offset outline-style outline-width overflow overflow-wrap overflow-x overflow-y
padding padding-bottom padding-left padding-right padding-top pause perspective perspective-origin pause-after pause-before
pitch pitch-range place-items   position quotes resize
richness right row-gap  speak speak-header speak-numeral speak-punctuation
speech-rate stress  table-layout text-align text-align-last text-combine-upright
text-decoration text-decoration-color text-decoration-line text-decoration-skip
text-decoration-style text-emphasis text-emphasis-color text-emphasis-position
text-emphasis-style text-indent text-justify text-orientation text-overflow text-shadow
text-transform text-underline-position top transform transform-box transform-origin transform-style
transition transition-delay transition-duration transition-property
transition-timing-function unicode-bidi vertical-align visibility voice-family 
white-space width word-break word-spacing word-wrap writing-mode z-index`)

// cssAttrSelectors are the attributes a strict selector may test.
var cssAttrSelectors = setOf(`active alt autocomplete autoexpand checked class controls dir
disabled expanded fallback fetch-error height hidden id items layout name noloading
novalidate open option overflow placeholder readonly required role scrollable selected side
sizes submit-error submit-success submitting title type value width`)

// cssPseudoClasses and cssPseudoElements are the strict pseudo allowlists.
var (
	cssPseudoClasses = setOf(`active checked default disabled empty enabled first-child
first-of-type focus focus-within hover in-range indeterminate invalid last-child
last-of-type not nth-child nth-last-child nth-last-of-type nth-of-type only-child
only-of-type optional out-of-range read-only read-write required valid`)
	cssPseudoElements = setOf(``) // none: ::before, ::after, ::placeholder... are all refused
)

// cssMediaTypes and cssMediaFeatures are the strict media query allowlists.
var (
	cssMediaTypes    = setOf(`all screen`)
	cssMediaFeatures = setOf(`device-width hover max-device-width max-resolution max-width
min-device-width min-resolution min-width orientation pointer resolution width`)
)

// Properties whose values email restricts. Like the official validator,
// only the value's first token is judged.
var (
	cssTransitionable = setOf(`opacity transform visibility offset-distance`)
	cssCursors        = setOf(`auto default none context-menu help pointer progress wait cell
crosshair text vertical-text alias copy move no-drop not-allowed grab grabbing all-scroll
col-resize row-resize n-resize e-resize s-resize w-resize ne-resize nw-resize se-resize
sw-resize ew-resize ns-resize nesw-resize nwse-resize zoom-in zoom-out initial`)
	cssVisibility = setOf(`visible hidden initial`)
)

func setOf(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// cssPropertyAllowed reports whether a property is in the strict
// allowlist. Custom properties (--x) are not.
func cssPropertyAllowed(name string) bool {
	return cssProperties[name]
}

// cssValueDisallowed checks the properties whose values email restricts.
// It returns the offending value (the first token when it is an
// identifier, else "") and true when the value is disallowed.
func cssValueDisallowed(name, value string) (string, bool) {
	switch name {
	case "z-index", "cursor", "visibility", "transition", "transition-property", "filter":
	default:
		return "", false
	}
	kind, tok := firstCSSToken(value)
	switch name {
	case "z-index":
		n, err := strconv.Atoi(strings.TrimPrefix(tok, "+"))
		if kind != tokNumber || err != nil || n < -100 || n > 100 {
			return tok, true
		}
	case "cursor":
		return identIn(kind, tok, cssCursors)
	case "visibility":
		return identIn(kind, tok, cssVisibility)
	case "transition", "transition-property":
		return identIn(kind, tok, cssTransitionable)
	case "filter":
		if kind != tokFunction {
			return identOrEmpty(kind, tok), true
		}
	}
	return "", false
}

// identIn allows a value whose first token is an identifier in allowed.
func identIn(kind tokenKind, tok string, allowed map[string]bool) (string, bool) {
	if kind == tokIdent && allowed[strings.ToLower(tok)] {
		return "", false
	}
	return identOrEmpty(kind, tok), true
}

func identOrEmpty(kind tokenKind, tok string) string {
	if kind == tokIdent {
		return tok
	}
	return ""
}

// tokenKind is the kind of a value's first CSS token.
type tokenKind int

const (
	tokOther tokenKind = iota
	tokIdent
	tokFunction
	tokNumber
)

// firstCSSToken returns the kind and text of a value's first token (an
// identifier's or function's name with escapes decoded).
func firstCSSToken(v string) (tokenKind, string) {
	toks := css.Trim(css.Tokenize(v))
	if len(toks) == 0 {
		return tokOther, ""
	}
	switch t := toks[0]; t.Kind {
	case css.Number, css.Dimension, css.Percentage:
		return tokNumber, t.Text
	case css.Ident:
		return tokIdent, t.Value()
	case css.Function:
		return tokFunction, t.Value()
	}
	return tokOther, ""
}
