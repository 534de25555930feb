package check

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tailor-email/tailor/internal/css"
)

// maxPreheader is the longest useful preheader: clients show 35 to 140
// characters of preview text.
const maxPreheader = 150

// preheaderFindings looks for the preheader: a hidden element with text
// (inline display:none, visibility:hidden, opacity:0, font-size:0, or
// max-height:0 with overflow:hidden; or a class that a top-level <style>
// rule sets to display:none) before any visible text
// of the body. Missing, or longer than 150 characters once the
// zero-width padding is removed, is a warning.
func preheaderFindings(d *document) []Finding {
	pre, body := findPreheader(d)
	if pre == nil {
		return []Finding{d.finding("preheader", Warning, body.off,
			"no preheader: no hidden preview text before the first visible text of the body")}
	}
	if n := utf8.RuneCountInString(previewText(pre.textContent())); n > maxPreheader {
		return []Finding{d.finding("preheader", Warning, pre.off,
			fmt.Sprintf("preheader is %d characters; clients show at most about %d", n, maxPreheader))}
	}
	return nil
}

// findPreheader returns the hidden preview-text element (nil if there is
// none) and the body it was looked for in.
func findPreheader(d *document) (pre, body *node) {
	body = d.find(func(n *node) bool { return n.tag == "body" })
	if body == nil {
		body = d.root
	}
	hidden := hiddenClasses(d)
	visible := false
	var visit func(n *node)
	visit = func(n *node) {
		for _, c := range n.children {
			if pre != nil || visible {
				return
			}
			switch {
			case c.tag == "":
				visible = previewText(c.text) != ""
			case c.tag == "style" || c.tag == "script" || c.tag == "title":
			case isHidden(c, hidden):
				if previewText(c.textContent()) != "" {
					pre = c
				}
			default:
				visit(c)
			}
		}
	}
	visit(body)
	return pre, body
}

// hidingLayers counts the independent ways n's inline style hides it
// (display:none, visibility:hidden, opacity:0, font-size:0, max-height:0
// with overflow:hidden). With two or more, a client that ignores one
// property still hides the element, so check does not report client
// support for its declarations.
func hidingLayers(n *node) int {
	layers := 0
	zero := func(v string) bool { return v == "0" || v == "0px" }
	for _, on := range []bool{
		n.styleValue("display") == "none",
		n.styleValue("visibility") == "hidden",
		n.styleValue("opacity") == "0",
		zero(n.styleValue("font-size")),
		zero(n.styleValue("max-height")) && n.styleValue("overflow") == "hidden",
	} {
		if on {
			layers++
		}
	}
	return layers
}

func isHidden(n *node, hiddenClass map[string]bool) bool {
	if n.styleValue("display") == "none" || n.styleValue("visibility") == "hidden" || n.styleValue("opacity") == "0" {
		return true
	}
	if fs := n.styleValue("font-size"); fs == "0" || fs == "0px" {
		return true
	}
	if mh := n.styleValue("max-height"); (mh == "0" || mh == "0px") && n.styleValue("overflow") == "hidden" {
		return true
	}
	class, _ := n.attr("class")
	for _, c := range strings.Fields(class) {
		if hiddenClass[c] {
			return true
		}
	}
	return false
}

// hiddenClasses returns the classes that a top-level rule of a <style>
// sets to display:none with a plain ".name" or "tag.name" selector.
func hiddenClasses(d *document) map[string]bool {
	out := map[string]bool{}
	for _, sh := range d.sheets {
		for _, r := range sh.rules {
			if len(r.media) > 0 || !hasDecl(r.decls, "display", "none") {
				continue
			}
			for _, s := range css.SplitList(r.selectors) {
				if c, ok := simpleClass(strings.TrimSpace(s)); ok {
					out[c] = true
				}
			}
		}
	}
	return out
}

func hasDecl(ds []decl, prop, value string) bool {
	for _, d := range ds {
		if d.prop == prop && strings.EqualFold(d.value, value) {
			return true
		}
	}
	return false
}

// simpleClass returns name for a selector ".name" or "tag.name".
func simpleClass(sel string) (string, bool) {
	toks := css.Tokenize(sel)
	if len(toks) == 3 && toks[0].Kind == css.Ident {
		toks = toks[1:]
	}
	if len(toks) != 2 || !toks[0].Is(css.Delim, ".") || toks[1].Kind != css.Ident {
		return "", false
	}
	return toks[1].Value(), true
}

// previewText strips the invisible padding that preheaders carry (zero
// width characters, combining grapheme joiners, no-break spaces) and
// collapses white space.
func previewText(s string) string {
	s = strings.Map(func(r rune) rune {
		switch r {
		case '\u034f', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad':
			return -1
		case '\u00a0', '\u2007':
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
}
