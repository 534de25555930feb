package text

import (
	"strconv"
	"strings"

	"golang.org/x/net/html"

	"github.com/tailor-email/tailor/internal/css"
)

// gapPx is the vertical padding, in CSS pixels, from which a layout cell
// or div reads as a block of its own (a blank line around it) rather than
// as the next line.
const gapPx = 15

// gapBreaks returns the newlines around a layout cell or div: 2 when its
// inline style pads it above or below by gapPx or more, else 1.
func gapBreaks(n *html.Node) int {
	top, bottom := verticalPadding(attr(n, "style"))
	if max(top, bottom) >= gapPx {
		return 2
	}
	return 1
}

// hidden reports whether n is not displayed: the hidden attribute, or a
// style attribute with display:none, visibility:hidden, or max-height:0
// together with overflow:hidden (preview-text divs).
func hidden(n *html.Node) bool {
	if hasAttr(n, "hidden") {
		return true
	}
	var zeroHeight, overflowHidden bool
	for prop, val := range declarations(attr(n, "style")) {
		switch {
		case prop == "display" && val == "none",
			prop == "visibility" && val == "hidden":
			return true
		case prop == "max-height" && px(val) == 0:
			zeroHeight = true
		case prop == "overflow" && val == "hidden":
			overflowHidden = true
		}
	}
	return zeroHeight && overflowHidden
}

// verticalPadding returns the top and bottom padding of a style attribute,
// in pixels (later declarations win, as in CSS).
func verticalPadding(style string) (top, bottom float64) {
	for prop, val := range declarations(style) {
		switch prop {
		case "padding":
			f := strings.Fields(val)
			top, bottom = px(f[0]), px(f[0])
			if len(f) >= 3 {
				bottom = px(f[2])
			}
		case "padding-top":
			top = px(val)
		case "padding-bottom":
			bottom = px(val)
		}
	}
	return top, bottom
}

// declarations yields the property (lower case) and value (lower case,
// without !important) of each declaration of a style attribute that has
// both.
func declarations(style string) func(yield func(prop, val string) bool) {
	return func(yield func(prop, val string) bool) {
		for _, d := range css.Decls(css.Tokenize(style)) {
			if d.Name == "" || len(d.Value) == 0 {
				continue
			}
			if !yield(strings.ToLower(d.Name), strings.ToLower(css.Text(style, d.Value))) {
				return
			}
		}
	}
}

// px reads a CSS length as pixels: "20px", "0", "1.5em" (16px an em);
// -1 for anything else (percentages, keywords).
func px(v string) float64 {
	scale := 1.0
	switch {
	case strings.HasSuffix(v, "px"):
		v = v[:len(v)-2]
	case strings.HasSuffix(v, "rem"):
		v, scale = v[:len(v)-3], 16
	case strings.HasSuffix(v, "em"):
		v, scale = v[:len(v)-2], 16
	case v != "0":
		return -1
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil {
		return -1
	}
	return f * scale
}
