package check

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
)

// rgb is an opaque sRGB colour.
type rgb struct{ r, g, b uint8 }

func (c rgb) String() string { return fmt.Sprintf("#%02x%02x%02x", c.r, c.g, c.b) }

// namedColors are the CSS colour keywords most used in email.
var namedColors = map[string]rgb{
	"black": {0, 0, 0}, "white": {255, 255, 255}, "red": {255, 0, 0}, "green": {0, 128, 0},
	"blue": {0, 0, 255}, "yellow": {255, 255, 0}, "gray": {128, 128, 128}, "grey": {128, 128, 128},
	"silver": {192, 192, 192}, "maroon": {128, 0, 0}, "navy": {0, 0, 128}, "purple": {128, 0, 128},
	"teal": {0, 128, 128}, "olive": {128, 128, 0}, "lime": {0, 255, 0}, "aqua": {0, 255, 255},
	"fuchsia": {255, 0, 255}, "orange": {255, 165, 0}, "lightgray": {211, 211, 211},
	"lightgrey": {211, 211, 211}, "darkgray": {169, 169, 169}, "darkgrey": {169, 169, 169},
	"dimgray": {105, 105, 105}, "dimgrey": {105, 105, 105}, "gainsboro": {220, 220, 220},
	"whitesmoke": {245, 245, 245}, "ghostwhite": {248, 248, 255}, "snow": {255, 250, 250},
	"ivory": {255, 255, 240}, "beige": {245, 245, 220}, "linen": {250, 240, 230},
	"slategray": {112, 128, 144}, "lightslategray": {119, 136, 153}, "darkslategray": {47, 79, 79},
	"darkblue": {0, 0, 139}, "darkred": {139, 0, 0}, "darkgreen": {0, 100, 0},
}

var (
	reHexColor = regexp.MustCompile(`^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$`)
	reRGB      = regexp.MustCompile(`^rgba?\(\s*(\d+)\s*[, ]\s*(\d+)\s*[, ]\s*(\d+)\s*(?:[,/]\s*([\d.]+%?)\s*)?\)$`)
)

// colorState says what a colour value is: a static colour, transparent
// (look further up), or something the linter cannot judge (an image, a
// gradient, a variable, currentColor).
type colorState int

const (
	colorNone colorState = iota
	colorStatic
	colorTransparent
	colorUnknown
)

// parseColor reads one CSS colour value.
func parseColor(v string) (rgb, colorState) {
	v = strings.ToLower(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "!important")))
	if v == "" {
		return rgb{}, colorNone
	}
	if v == "transparent" {
		return rgb{}, colorTransparent
	}
	if c, ok := namedColors[v]; ok {
		return c, colorStatic
	}
	if m := reHexColor.FindStringSubmatch(v); m != nil {
		h := m[1]
		if len(h) == 3 {
			h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
		}
		n, _ := strconv.ParseUint(h, 16, 32)
		return rgb{uint8(n >> 16), uint8(n >> 8), uint8(n)}, colorStatic
	}
	if m := reRGB.FindStringSubmatch(v); m != nil {
		if a := m[4]; a != "" && a != "1" && a != "100%" {
			return rgb{}, colorUnknown
		}
		return rgb{channel(m[1]), channel(m[2]), channel(m[3])}, colorStatic
	}
	return rgb{}, colorUnknown
}

func channel(s string) uint8 {
	n, _ := strconv.Atoi(s)
	return uint8(min(n, 255))
}

// backgroundColor reads the colour of a "background" shorthand: an image
// or gradient makes it unknown.
func backgroundColor(v string) (rgb, colorState) {
	lv := strings.ToLower(v)
	if strings.Contains(lv, "url(") || strings.Contains(lv, "gradient(") {
		return rgb{}, colorUnknown
	}
	for _, w := range strings.Fields(v) {
		if c, st := parseColor(w); st == colorStatic || st == colorTransparent {
			return c, st
		}
	}
	return rgb{}, colorUnknown
}

// luminance is the WCAG 2 relative luminance.
func (c rgb) luminance() float64 {
	lin := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.r) + 0.7152*lin(c.g) + 0.0722*lin(c.b)
}

// contrastRatio is the WCAG 2 contrast ratio of two colours, 1 to 21.
func contrastRatio(a, b rgb) float64 {
	la, lb := a.luminance(), b.luminance()
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}
