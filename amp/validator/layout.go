package validator

import (
	"regexp"
	"slices"
	"strings"

	"golang.org/x/net/html"
)

// length is a parsed width or height attribute.
type length struct {
	set, auto, fluid bool
	unit             string
}

var lengthRe = regexp.MustCompile(`^\d+(?:\.\d+)?(px|em|rem|vh|vw|vmin|vmax|cm|mm|q|in|pc|pt)?$`)

// parseLength parses a width or height; ok is false for an invalid value.
func parseLength(v string, present bool) (l length, ok bool) {
	if !present {
		return l, true
	}
	switch v {
	case "auto":
		return length{set: true, auto: true}, true
	case "fluid":
		return length{set: true, fluid: true}, true
	}
	m := lengthRe.FindStringSubmatch(v)
	if m == nil {
		return l, false
	}
	unit := m[1]
	if unit == "" {
		unit = "px"
	}
	return length{set: true, unit: unit}, true
}

var layoutNames = map[string]string{
	"nodisplay": "NODISPLAY", "fixed": "FIXED", "fixed-height": "FIXED_HEIGHT",
	"responsive": "RESPONSIVE", "container": "CONTAINER", "fill": "FILL",
	"flex-item": "FLEX_ITEM", "fluid": "FLUID", "intrinsic": "INTRINSIC",
}

// sizedLayout reports whether a tag supports a layout that needs a width
// or height: then a tag without them is told to add them.
func sizedLayout(supported []string) bool {
	for _, l := range supported {
		if l != "NODISPLAY" && l != "CONTAINER" {
			return true
		}
	}
	return false
}

// checkLayout applies the AMP layout rules to a custom element: the layout
// given or implied by width, height, sizes and heights must be supported.
func checkLayout(a *attempt, attrs []html.Attribute, off int) {
	s := a.spec
	la := readLayoutAttrs(attrs)
	width, okW := parseLength(la.width.val, la.width.set)
	if !okW || width.fluid {
		a.add(off, "INVALID_ATTR_VALUE", s.specURL, "width", s.desc, la.width.val)
		return
	}
	height, okH := parseLength(la.height.val, la.height.set)
	if !okH {
		a.add(off, "INVALID_ATTR_VALUE", s.specURL, "height", s.desc, la.height.val)
		return
	}
	if !width.set && s.layout.definesDefaultWidth {
		width = length{set: true, unit: "px"}
	}
	if !height.set && s.layout.definesDefaultHeight {
		height = length{set: true, unit: "px"}
	}
	layout := ""
	if la.layout.set {
		layout = layoutNames[strings.ToLower(la.layout.val)]
		if layout == "" {
			a.add(off, "INVALID_ATTR_VALUE", s.specURL, "layout", s.desc, la.layout.val)
			return
		}
	} else {
		layout = impliedLayout(width, height, la.sizes.set || la.heights.set)
	}
	if !slices.Contains(s.layout.supported, layout) {
		switch {
		case !la.layout.set && !la.width.set && !la.height.set && sizedLayout(s.layout.supported):
			a.add(off, "MISSING_LAYOUT_ATTRIBUTES", s.specURL, s.desc)
		case la.layout.set:
			a.add(off, "SPECIFIED_LAYOUT_INVALID", s.specURL, layout, s.desc)
		default:
			a.add(off, "IMPLIED_LAYOUT_INVALID", s.specURL, layout, s.desc)
		}
		return
	}
	checkLayoutDims(a, layout, width, height, la.width.val, off)
}

// layoutAttr is one layout-related attribute: its value and presence.
type layoutAttr struct {
	val string
	set bool
}

// layoutAttrs are the attributes that decide an element's layout.
type layoutAttrs struct {
	width, height, layout, sizes, heights layoutAttr
}

// readLayoutAttrs picks the layout attributes out of a tag's attributes.
func readLayoutAttrs(attrs []html.Attribute) layoutAttrs {
	var l layoutAttrs
	for _, at := range attrs {
		v := layoutAttr{val: at.Val, set: true}
		switch at.Key {
		case "width":
			l.width = v
		case "height":
			l.height = v
		case "layout":
			l.layout = v
		case "sizes":
			l.sizes = v
		case "heights":
			l.heights = v
		}
	}
	return l
}

func impliedLayout(width, height length, sized bool) string {
	switch {
	case !width.set && !height.set:
		return "CONTAINER"
	case height.fluid:
		return "FLUID"
	case height.set && (!width.set || width.auto):
		return "FIXED_HEIGHT"
	case height.set && width.set && sized:
		return "RESPONSIVE"
	default:
		return "FIXED"
	}
}

// checkLayoutDims checks the width and height a supported layout needs.
func checkLayoutDims(a *attempt, layout string, width, height length, widthVal string, off int) {
	s := a.spec
	switch layout {
	case "FIXED", "FIXED_HEIGHT", "RESPONSIVE", "INTRINSIC":
		if !height.set {
			a.add(off, "MANDATORY_ATTR_MISSING", s.specURL, "height", s.desc)
			return
		}
		if height.auto {
			a.add(off, "INVALID_ATTR_VALUE", s.specURL, "height", s.desc, "auto")
			return
		}
	}
	switch layout {
	case "FIXED_HEIGHT":
		if width.set && !width.auto {
			a.add(off, "ATTR_VALUE_REQUIRED_BY_LAYOUT", s.specURL, widthVal, "width", s.desc, "FIXED_HEIGHT", "auto")
		}
	case "FIXED", "RESPONSIVE", "INTRINSIC":
		if !width.set {
			a.add(off, "MANDATORY_ATTR_MISSING", s.specURL, "width", s.desc)
		} else if width.auto {
			a.add(off, "INVALID_ATTR_VALUE", s.specURL, "width", s.desc, "auto")
		} else if layout != "FIXED" && width.unit != height.unit {
			a.add(off, "INCONSISTENT_UNITS_FOR_WIDTH_AND_HEIGHT", s.specURL, s.desc, width.unit, height.unit)
		}
	}
}
