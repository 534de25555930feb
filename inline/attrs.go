package inline

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
)

// dimensionElements get width and height attributes from their style,
// as juice's applyWidthAttributes and applyHeightAttributes do.
var dimensionElements = map[string]bool{"table": true, "td": true, "th": true, "img": true}

// tableElements get bgcolor, background, align and valign from their
// style, as juice's applyAttributesTableElements does.
var tableElements = map[string]bool{
	"table": true, "th": true, "tr": true, "td": true, "caption": true,
	"colgroup": true, "col": true, "thead": true, "tbody": true, "tfoot": true,
}

// styleToAttr maps a CSS property to the attribute old clients read.
var styleToAttr = []struct{ prop, attr string }{
	{"background-color", "bgcolor"},
	{"background-image", "background"},
	{"text-align", "align"},
	{"vertical-align", "valign"},
}

var (
	pxValue    = regexp.MustCompile(`^(\d+(?:\.\d+)?)px$`)
	pctValue   = regexp.MustCompile(`^\d+(?:\.\d+)?%$`)
	urlValue   = regexp.MustCompile(`^url\(\s*['"]?([^'")]*)['"]?\s*\)$`)
	colorValue = regexp.MustCompile(`^(#[0-9a-fA-F]{3,8}|(?:rgba?|hsla?)\([^()]*\)|[a-zA-Z]+)$`)
)

// notColors are single words a background may hold that are not colors.
var notColors = map[string]bool{
	"none": true, "inherit": true, "initial": true, "unset": true, "revert": true,
	"transparent": true, "currentcolor": true,
}

// styleToAttrs adds the presentational attributes derived from the final
// style of n. An attribute that n already has is never changed.
func styleToAttrs(n *html.Node, final map[string]string) {
	if dimensionElements[n.Data] {
		for _, prop := range []string{"width", "height"} {
			if v, ok := dimensionAttr(n.Data, final[prop]); ok && !hasAttr(n, prop) {
				setAttr(n, prop, v)
			}
		}
	}
	if !tableElements[n.Data] {
		return
	}
	for _, m := range styleToAttr {
		v, ok := final[m.prop]
		if m.prop == "background-color" && !ok {
			v, ok = final["background"]
		}
		if !ok || hasAttr(n, m.attr) {
			continue
		}
		if v, ok = attrValue(m.prop, v); ok {
			setAttr(n, m.attr, v)
		}
	}
}

// dimensionAttr converts a width or height to its attribute: 200px is
// 200, and a percentage stays one except on img. Other values (auto, em)
// give no attribute.
func dimensionAttr(tag, v string) (string, bool) {
	if m := pxValue.FindStringSubmatch(v); m != nil {
		return m[1], true
	}
	if tag != "img" && pctValue.MatchString(v) {
		return v, true
	}
	return "", false
}

// attrValue converts a style value to the attribute of prop, or reports
// that it has none (a gradient has no background attribute, a shorthand
// with more than a color has no bgcolor).
func attrValue(prop, v string) (string, bool) {
	switch prop {
	case "background-color":
		if colorValue.MatchString(v) && !notColors[strings.ToLower(v)] {
			return v, true
		}
	case "background-image":
		if m := urlValue.FindStringSubmatch(v); m != nil {
			return m[1], true
		}
	case "text-align", "vertical-align":
		if v != "" && !strings.ContainsAny(v, " (") {
			return v, true
		}
	}
	return "", false
}
