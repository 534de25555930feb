package convert

import "strings"

// The allowlists below are a conservative subset of the AMP4EMAIL rules
// (../shared/peers/amp4email-validator/rules): what email HTML commonly
// uses and AMP4EMAIL accepts. Anything else is removed; the engine
// validates every recipient's AMP part, so a gap here drops a part, it
// never lets an invalid one out.

func words(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// keepTags are body elements kept as they are (their attributes filtered).
var keepTags = words(`a abbr address article aside b bdi bdo blockquote br caption cite code
col colgroup dd del dfn div dl dt em figcaption figure footer h1 h2 h3 h4 h5 h6 header hr i
ins kbd li main mark nav ol p pre q rp rt ruby s samp section small span strong sub sup
table tbody td tfoot th thead time tr u ul var wbr`)

// renameTags are legacy elements AMP4EMAIL refuses, replaced by a neutral one.
var renameTags = map[string]string{"center": "div", "font": "span", "big": "span", "tt": "code", "strike": "s"}

// silentDrops are removed with their content: they mean nothing in an
// email body (scripts never run, the head is rebuilt).
var silentDrops = words(`script noscript template title meta link base style head`)

// lossyDrops are removed with their content, which the recipient would
// have seen: converting them loses content, so it is a Problem.
var lossyDrops = words(`iframe frame frameset object embed applet video audio canvas svg math
form input select textarea button map area picture source`)

// globalAttrs are allowed on every kept element.
var globalAttrs = words(`class id style dir lang title role hidden tabindex`)

// tagAttrs are the per-element attributes kept.
var tagAttrs = map[string]map[string]bool{
	"a":          words(`href target`),
	"table":      words(`width height border cellpadding cellspacing align bgcolor summary`),
	"td":         words(`width height align valign bgcolor colspan rowspan headers abbr scope`),
	"th":         words(`width height align valign bgcolor colspan rowspan headers abbr scope`),
	"tr":         words(`align valign bgcolor height`),
	"tbody":      words(`align valign`),
	"thead":      words(`align valign`),
	"tfoot":      words(`align valign`),
	"col":        words(`span width align valign`),
	"colgroup":   words(`span width align valign`),
	"ol":         words(`start type reversed`),
	"ul":         words(`type`),
	"li":         words(`value`),
	"time":       words(`datetime`),
	"blockquote": words(`cite`),
	"q":          words(`cite`),
	"del":        words(`cite datetime`),
	"ins":        words(`cite datetime`),
	"p":          words(`align`),
	"div":        words(`align`),
	"h1":         words(`align`), "h2": words(`align`), "h3": words(`align`),
	"h4": words(`align`), "h5": words(`align`), "h6": words(`align`),
	"amp-img": words(`src srcset sizes alt width height layout attribution`),
}

// urlAttrs hold URLs whose protocol is checked.
var urlAttrs = words(`href src cite`)

// allowedSchemes are the URL protocols AMP4EMAIL accepts in links; images
// take https only.
var (
	linkSchemes  = words(`http https mailto tel`)
	imageSchemes = words(`https`)
)

// cssProperties is the subset of the data-css-strict property allowlist
// that email styles use. (transition, cursor and visibility take only some
// values in AMP4EMAIL, and are left out.)
var cssProperties = words(`align-content align-items align-self background background-color
background-image background-position background-repeat background-size border border-bottom
border-bottom-color border-bottom-left-radius border-bottom-right-radius border-bottom-style
border-bottom-width border-collapse border-color border-left border-left-color border-left-style
border-left-width border-radius border-right border-right-color border-right-style
border-right-width border-spacing border-style border-top border-top-color border-top-left-radius
border-top-right-radius border-top-style border-top-width border-width bottom box-shadow
box-sizing caption-side clear color direction display empty-cells flex flex-basis flex-direction
flex-flow flex-grow flex-shrink flex-wrap float font font-family font-size font-style
font-variant font-weight gap height justify-content left letter-spacing line-height list-style
list-style-position list-style-type margin margin-bottom margin-left margin-right margin-top
max-height max-width min-height min-width object-fit object-position opacity order outline
outline-color outline-offset outline-style outline-width overflow overflow-wrap overflow-x
overflow-y padding padding-bottom padding-left padding-right padding-top right table-layout
text-align text-decoration text-decoration-color text-decoration-line text-decoration-style
text-indent text-overflow text-shadow text-transform top vertical-align white-space width
word-break word-spacing word-wrap z-index`)

// cssPseudoClasses and cssAttrSelectors are what a strict selector may use.
var (
	cssPseudoClasses = words(`active checked default disabled empty enabled first-child
first-of-type focus focus-within hover last-child last-of-type not nth-child nth-last-child
nth-last-of-type nth-of-type only-child only-of-type`)
	cssAttrSelectors = words(`alt class dir height hidden id layout name role title type value width`)
	cssMediaFeatures = words(`device-width max-device-width max-width min-device-width min-width
orientation width hover pointer resolution min-resolution max-resolution`)
	cssMediaWords = words(`all screen only and not`)
)
