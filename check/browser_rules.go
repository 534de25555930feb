package check

import (
	"fmt"
	"slices"
	"strings"
)

// The browser rules' thresholds.
const (
	// overflowSlack is how far (px) an element may pass its container's
	// edge before it counts as overflow: sub-pixel rounding stays quiet.
	overflowSlack = 1
	// invisibleRatio is the contrast under which an element cannot be
	// told from its background.
	invisibleRatio = 1.5
	// minTarget is the smallest tap target side (px) at mobile widths.
	minTarget = 44
	// maxMobile is the widest viewport (px) counted as a phone.
	maxMobile = 414
	// minText is the smallest body text size (px) at mobile widths.
	minText = 14
)

// layout is what browser.js measures at one viewport.
type layout struct {
	ScrollWidth float64   `json:"scrollWidth"`
	InnerWidth  float64   `json:"innerWidth"`
	Els         []measure `json:"els"`
}

// measure is one visible element, at is its offset in the rendered HTML.
type measure struct {
	At     int     `json:"at"`
	Tag    string  `json:"tag"`
	W      float64 `json:"w"`
	H      float64 `json:"h"`
	Over   float64 `json:"over"`
	Parent string  `json:"parent"`
	Text   *struct {
		Ratio float64 `json:"ratio"`
		FG    string  `json:"fg"`
		BG    string  `json:"bg"`
		Size  float64 `json:"size"`
		Large bool    `json:"large"`
	} `json:"text"`
	Box *struct {
		Ratio float64 `json:"ratio"`
		BG    string  `json:"bg"`
		Under string  `json:"under"`
	} `json:"box"`
	Target *struct {
		Href       string `json:"href"`
		Standalone bool   `json:"standalone"`
	} `json:"target"`
	Img *struct {
		Width  bool `json:"width"`
		Height bool `json:"height"`
	} `json:"img"`
}

// observation is one rule broken by one element at one viewport.
type observation struct {
	rule string
	sev  Severity
	at   int
	msg  string
	vp   Viewport
}

// judge applies the rules to the layouts of one email, keyed by
// viewport; body is the offset of <body>, where page overflow with no
// overflowing element is placed.
func judge(layouts map[Viewport]*layout, body int) []observation {
	var out []observation
	for vp, l := range layouts {
		out = append(out, judgeOne(vp, l, body)...)
		if vp.Dark {
			continue
		}
		if dark, ok := layouts[Viewport{vp.Width, true}]; ok {
			out = append(out, schemeFlips(vp.Width, l, dark)...)
		}
	}
	return dropContrastOfInvisible(out)
}

// dropContrastOfInvisible leaves out the contrast observations of text
// that is reported as invisible in one scheme: one finding says it.
func dropContrastOfInvisible(obs []observation) []observation {
	invisible := map[int]bool{}
	for _, o := range obs {
		if o.rule == "browser/invisible" {
			invisible[o.at] = true
		}
	}
	return slices.DeleteFunc(obs, func(o observation) bool { return o.rule == "browser/contrast" && invisible[o.at] })
}

// judgeOne applies the rules that need one viewport.
func judgeOne(vp Viewport, l *layout, body int) []observation {
	var out []observation
	add := func(rule string, sev Severity, at int, format string, args ...any) {
		out = append(out, observation{rule, sev, at, fmt.Sprintf(format, args...), vp})
	}
	big := map[string]bool{} // hrefs with a target large enough
	for _, m := range l.Els {
		if m.Target != nil && m.W >= minTarget && m.H >= minTarget {
			big[m.Target.Href] = true
		}
	}
	overflowing := false
	for _, m := range l.Els {
		if m.Over > overflowSlack {
			overflowing = true
			add("browser/overflow", Error, m.At, "<%s> overflows its container <%s> by %.0f px", m.Tag, m.Parent, m.Over)
		}
		if t := m.Text; t != nil {
			need := 4.5
			if t.Large {
				need = 3
			}
			if t.Ratio < need {
				add("browser/contrast", Error, m.At, "text %s on %s is %.2f:1; WCAG AA needs %.1f:1", t.FG, t.BG, t.Ratio, need)
			}
			if vp.Width <= maxMobile && t.Size < minText {
				add("browser/text-size", Warning, m.At, "text is %.0f px; at phone widths body text needs at least %d px", t.Size, minText)
			}
		}
		if tg := m.Target; tg != nil && tg.Standalone && vp.Width <= maxMobile && (m.W < minTarget || m.H < minTarget) && !big[tg.Href] {
			add("browser/tap-target", Warning, m.At, "tap target is %.0f x %.0f px; at phone widths it needs at least %d x %d px",
				m.W, m.H, minTarget, minTarget)
		}
		if im := m.Img; im != nil && (!im.Width || !im.Height) {
			add("browser/img-size", Warning, m.At, "<img> without width and height attributes: with images blocked it collapses to its alt text")
		}
	}
	if !overflowing && l.ScrollWidth > l.InnerWidth+overflowSlack {
		add("browser/overflow", Error, body, "the page is %.0f px wide, wider than the %.0f px screen", l.ScrollWidth, l.InnerWidth)
	}
	return out
}

// schemeFlips finds text visible in one colour scheme and invisible
// (contrast under 1.5:1 with its background) in the other, and boxes
// painted a background of their own (buttons, bands) that stand out in
// light mode and vanish in dark mode.
func schemeFlips(width int, light, dark *layout) []observation {
	byAt := map[int]measure{}
	for _, m := range dark.Els {
		byAt[m.At] = m
	}
	var out []observation
	for _, lm := range light.Els {
		dm, ok := byAt[lm.At]
		if !ok {
			continue
		}
		if lm.Text != nil && dm.Text != nil {
			if o, ok := flip(width, lm.At, "text", lm.Text.Ratio, dm.Text.Ratio,
				lm.Text.FG+" on "+lm.Text.BG, dm.Text.FG+" on "+dm.Text.BG); ok {
				out = append(out, o)
			}
		}
		// a box is the author's design in light mode: only its
		// vanishing in dark mode is a fault (a box that appears in dark
		// mode is a panel dark mode adds)
		if lm.Box != nil && dm.Box != nil && lm.Box.Ratio >= invisibleRatio {
			if o, ok := flip(width, lm.At, "<"+lm.Tag+">'s background", lm.Box.Ratio, dm.Box.Ratio,
				lm.Box.BG+" on "+lm.Box.Under, dm.Box.BG+" on "+dm.Box.Under); ok {
				out = append(out, o)
			}
		}
	}
	return out
}

// flip reports what is visible in one scheme and not in the other.
func flip(width, at int, what string, light, dark float64, lightColours, darkColours string) (observation, bool) {
	switch {
	case light >= invisibleRatio && dark < invisibleRatio:
		return observation{"browser/invisible", Error, at, fmt.Sprintf(
			"%s is invisible in dark mode (%s, %.2f:1) though visible in light mode (%s)", what, darkColours, dark, lightColours),
			Viewport{width, true}}, true
	case dark >= invisibleRatio && light < invisibleRatio:
		return observation{"browser/invisible", Error, at, fmt.Sprintf(
			"%s is invisible in light mode (%s, %.2f:1) though visible in dark mode (%s)", what, lightColours, light, darkColours),
			Viewport{width, false}}, true
	}
	return observation{}, false
}

// gather joins the observations of one rule on one element into one
// finding (the first message, in viewport order), naming the viewports
// where it holds; d places it in the rendered document.
func gather(d *document, obs []observation) []Finding {
	slices.SortFunc(obs, func(a, b observation) int {
		if a.vp.Width != b.vp.Width {
			return a.vp.Width - b.vp.Width
		}
		if a.vp.Dark != b.vp.Dark {
			if a.vp.Dark {
				return 1
			}
			return -1
		}
		return strings.Compare(a.msg, b.msg)
	})
	type key struct {
		rule string
		at   int
	}
	var order []key
	first := map[key]observation{}
	where := map[key][]Viewport{}
	for _, o := range obs {
		k := key{o.rule, o.at}
		if _, ok := first[k]; !ok {
			first[k] = o
			order = append(order, k)
		}
		if !slices.Contains(where[k], o.vp) {
			where[k] = append(where[k], o.vp)
		}
	}
	var out []Finding
	for _, k := range order {
		o := first[k]
		out = append(out, d.finding(o.rule, o.sev, o.at, o.msg+" ("+viewportList(where[k])+")"))
	}
	return out
}

// viewportList reads "at 320, 375 px, light and dark".
func viewportList(vps []Viewport) string {
	var widths []string
	light, dark := false, false
	for _, v := range vps {
		if w := fmt.Sprint(v.Width); !slices.Contains(widths, w) {
			widths = append(widths, w)
		}
		light, dark = light || !v.Dark, dark || v.Dark
	}
	scheme := "light"
	switch {
	case light && dark:
		scheme = "light and dark"
	case dark:
		scheme = "dark"
	}
	return "at " + strings.Join(widths, ", ") + " px, " + scheme
}
