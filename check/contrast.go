package check

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/tailor-email/tailor/internal/css"
)

// WCAG 2 AA minimum contrast ratios.
const (
	minContrast      = 4.5
	minContrastLarge = 3.0
)

// darkStyle is what @media (prefers-color-scheme: dark) rules set for one
// class.
type darkStyle struct {
	fg, bg       rgb
	hasFG, hasBG bool
}

// contrastFindings checks text contrast against WCAG AA where the colours
// are static. Light mode: the text colour is the nearest inline color
// (or <font color>) on the text's element or an ancestor, the background
// the nearest background-color, background or bgcolor; when only one of
// the two is set, the other is the clients' default (black text, white
// background). Text under a background image, a colour the linter cannot
// read, or a link without its own colour is skipped.
//
// Dark mode: the rules inside @media (prefers-color-scheme: dark) whose
// selector is one plain class (".x", "td.x") or one type ("p") apply to
// every element with that class or tag; one such selector under one
// ancestor (".hero h1") applies to those inside the ancestor (other
// combinators are ignored). A descendant rule wins over a class rule, a
// class rule over a type rule, and all override the element's inline
// colours (dark rules are written with !important).
// Text is checked in dark mode only when such a rule sets its colour or
// background, and both colours are known (a client's default colours in
// dark mode are not).
//
// Each colour pair is reported once per file, at its first text.
func contrastFindings(d *document) []Finding {
	dark := darkRules(d)
	hidden := hiddenClasses(d)
	seen := map[string]bool{}
	var out []Finding
	var visit func(n *node)
	visit = func(n *node) {
		for _, c := range n.children {
			switch {
			case c.tag == "head" || c.tag == "style" || c.tag == "script" || c.tag == "title" || isHidden(c, hidden):
			case c.tag != "":
				visit(c)
			case previewText(c.text) != "":
				for _, mode := range []map[string][]darkRule{nil, dark} {
					if f, ok := checkContrast(d, c, mode); ok && !seen[f.Message] {
						seen[f.Message] = true
						out = append(out, f)
					}
				}
			}
		}
	}
	visit(d.root)
	return out
}

func checkContrast(d *document, text *node, dark map[string][]darkRule) (Finding, bool) {
	if dark != nil && len(dark) == 0 {
		return Finding{}, false
	}
	fg, bg, usedDark, ok := textColors(text.parent, dark)
	if !ok || dark != nil && !usedDark {
		return Finding{}, false
	}
	ratio := contrastRatio(fg, bg)
	large := isLargeText(text.parent)
	need, kind := minContrast, "normal"
	if large {
		need, kind = minContrastLarge, "large"
	}
	if ratio >= need {
		return Finding{}, false
	}
	rule, mode := "contrast", ""
	if dark != nil {
		rule, mode = "contrast-dark", " in dark mode"
	}
	return d.finding(rule, Warning, text.off, fmt.Sprintf("text %s on %s%s has contrast %.2f:1, below WCAG AA %.1f:1 for %s text",
		fg, bg, mode, ratio, need, kind)), true
}

// textColors resolves the text and background colours of el.
func textColors(el *node, dark map[string][]darkRule) (fg, bg rgb, usedDark, ok bool) {
	fg, bg = rgb{0, 0, 0}, rgb{255, 255, 255}
	var fgSet, bgSet bool
	for n := el; n != nil && n.tag != "#root"; n = n.parent {
		ds, hasDark := darkFor(n, dark)
		if !fgSet {
			c, st := elementColor(n)
			if hasDark && ds.hasFG {
				c, st, usedDark = ds.fg, colorStatic, true
			}
			switch {
			case st == colorStatic:
				fg, fgSet = c, true
			case st == colorUnknown || n.tag == "a":
				return fg, bg, false, false
			}
		}
		if !bgSet {
			c, st := elementBackground(n)
			if hasDark && ds.hasBG {
				c, st, usedDark = ds.bg, colorStatic, true
			}
			switch st {
			case colorStatic:
				bg, bgSet = c, true
			case colorUnknown:
				return fg, bg, false, false
			}
		}
	}
	if dark != nil {
		return fg, bg, usedDark, fgSet && bgSet
	}
	return fg, bg, usedDark, fgSet || bgSet
}

func elementColor(n *node) (rgb, colorState) {
	if v := n.styleValue("color"); v != "" {
		return parseColor(v)
	}
	if v, ok := n.attr("color"); ok && n.tag == "font" {
		return parseColor(v)
	}
	return rgb{}, colorNone
}

func elementBackground(n *node) (rgb, colorState) {
	if n.styleValue("background-image") != "" {
		return rgb{}, colorUnknown
	}
	if _, ok := n.attr("background"); ok {
		return rgb{}, colorUnknown
	}
	if v := n.styleValue("background-color"); v != "" {
		return parseColor(v)
	}
	if v := n.styleValue("background"); v != "" {
		return backgroundColor(v)
	}
	if v, ok := n.attr("bgcolor"); ok {
		return parseColor(v)
	}
	return rgb{}, colorNone
}

// darkRule is one dark-mode rule for a class or tag, optionally only
// under an ancestor (".hero h1": key "h1", ancestor ".hero").
type darkRule struct {
	ancestor string
	style    darkStyle
}

// darkFor merges the dark rules for n's tag, then for its classes, then
// those that also name an ancestor of n (a more specific rule wins).
func darkFor(n *node, dark map[string][]darkRule) (darkStyle, bool) {
	var out darkStyle
	found := false
	class, _ := n.attr("class")
	keys := []string{n.tag}
	for _, c := range strings.Fields(class) {
		keys = append(keys, "."+c)
	}
	apply := func(ds darkStyle) {
		found = true
		if ds.hasFG {
			out.fg, out.hasFG = ds.fg, true
		}
		if ds.hasBG {
			out.bg, out.hasBG = ds.bg, true
		}
	}
	for _, withAncestor := range []bool{false, true} {
		for _, k := range keys {
			for _, r := range dark[k] {
				if (r.ancestor != "") == withAncestor && (r.ancestor == "" || hasAncestor(n, r.ancestor)) {
					apply(r.style)
				}
			}
		}
	}
	return out, found
}

// hasAncestor reports whether an ancestor of n is the tag or .class sel.
func hasAncestor(n *node, sel string) bool {
	for a := n.parent; a != nil; a = a.parent {
		if class, ok := strings.CutPrefix(sel, "."); ok {
			if c, _ := a.attr("class"); slices.Contains(strings.Fields(c), class) {
				return true
			}
		} else if a.tag == sel {
			return true
		}
	}
	return false
}

// darkRules collects the rules inside @media (prefers-color-scheme: dark)
// whose selector is ".class" or "tag", or one of those under one
// ancestor ".class" or "tag" (".hero h1", ".card .card-name").
func darkRules(d *document) map[string][]darkRule {
	out := map[string][]darkRule{}
	for _, sh := range d.sheets {
		for _, r := range sh.rules {
			if !isDarkMedia(r.media) {
				continue
			}
			for _, s := range css.SplitList(r.selectors) {
				parts := strings.Fields(s)
				if len(parts) == 0 || len(parts) > 2 {
					continue
				}
				key, ok := darkKey(parts[len(parts)-1])
				ancestor := ""
				if len(parts) == 2 {
					ancestor, ok = darkKey(parts[0])
					ok = ok && strings.IndexAny(parts[1], "+>~") < 0
				}
				if ok {
					out[key] = append(out[key], darkRule{ancestor, mergeDark(darkStyle{}, r.decls)})
				}
			}
		}
	}
	return out
}

// darkKey turns a plain class (".x", "td.x") or type ("p") selector into
// its key, ".x" or "p".
func darkKey(sel string) (string, bool) {
	if c, ok := simpleClass(sel); ok {
		return "." + c, true
	}
	if reKeyword.MatchString(sel) {
		return strings.ToLower(sel), true
	}
	return "", false
}

func isDarkMedia(media []string) bool {
	for _, m := range media {
		if strings.Contains(strings.ReplaceAll(m, " ", ""), "prefers-color-scheme:dark") {
			return true
		}
	}
	return false
}

func mergeDark(ds darkStyle, decls []decl) darkStyle {
	for _, d := range decls {
		switch d.prop {
		case "color":
			if c, st := parseColor(d.value); st == colorStatic {
				ds.fg, ds.hasFG = c, true
			}
		case "background-color", "background":
			if c, st := backgroundColor(d.value); st == colorStatic {
				ds.bg, ds.hasBG = c, true
			}
		}
	}
	return ds
}

// isLargeText applies WCAG's large text: at least 24px, or 18.66px bold.
// The nearest inline font-size in px or pt and the nearest font-weight
// (or <b>, <strong>, <th>, <h1>-<h6>) count; h1 to h3 without a size are
// large by their default size and weight.
func isLargeText(el *node) bool {
	size, bold, weightSet := 0.0, false, false
	for n := el; n != nil && n.tag != "#root"; n = n.parent {
		if size == 0 {
			size = fontSizePx(n.styleValue("font-size"))
			if size == 0 && (n.tag == "h1" || n.tag == "h2" || n.tag == "h3") {
				size = 24
			}
		}
		if weightSet {
			continue
		}
		if w := n.styleValue("font-weight"); w != "" {
			bold, weightSet = w == "bold" || w == "bolder" || len(w) == 3 && w >= "700", true
			continue
		}
		switch n.tag {
		case "b", "strong", "th", "h1", "h2", "h3", "h4", "h5", "h6":
			bold, weightSet = true, true
		}
	}
	return size >= 24 || bold && size >= 18.66
}

func fontSizePx(v string) float64 {
	var scale float64
	switch {
	case strings.HasSuffix(v, "px"):
		v, scale = strings.TrimSuffix(v, "px"), 1
	case strings.HasSuffix(v, "pt"):
		v, scale = strings.TrimSuffix(v, "pt"), 4.0/3
	default:
		return 0
	}
	n, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil {
		return 0
	}
	return n * scale
}
