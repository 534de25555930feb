package inline

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"
	"github.com/vanng822/go-premailer/premailer"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// go-premailer does the inlining: it matches each rule's selector, ranks
// the rules, merges their declarations with the style attribute and
// writes it. Around it, this file handles what it gets wrong:
//
//   - It ranks selectors by counting "#", ".", "[" and words, not by CSS
//     specificity (":first-child" counts nothing, "[x]" ranks below
//     ".y"). So it is given the rules in passes: each pass holds rules in
//     true cascade order whose go-premailer rank never falls, so that its
//     order is the true one, and passes run from the strongest rules to
//     the weakest, because go-premailer lets what an element's style
//     already holds win over a pass's rules.
//   - It lets a style attribute beat a stylesheet !important. So the
//     passes run the stylesheet's !important rules first, with only the
//     style attribute's !important declarations in place, then put the
//     attribute's other declarations under what the element holds, then
//     run the normal rules.
//   - It drops rules whose selector holds "*" or one of :lang,
//     :disabled, :enabled, and splits selectors on every comma. For such
//     a selector, its elements get a marker attribute (found with
//     cascadia, go-premailer's own selector engine), and go-premailer is
//     given the marker as the selector.
//   - Values, fallbacks and template actions in styles: see tokens.go.
//   - Width and height attributes it overwrites; bgcolor it never sets:
//     its attribute step is off, and attrs.go derives them.

// premailerOptions turns go-premailer's attribute step off: it
// overwrites existing width attributes and sets no bgcolor.
var premailerOptions = premailer.NewOptions(premailer.WithCssToAttributes(false))

// Selectors go-premailer moves to its leftovers instead of inlining
// (premailer.go of go-premailer v1.38.0, unmergableSelector and
// notSupportedSelector).
var (
	premailerUnmergable   = regexp.MustCompile(`(?i)\:{1,2}(visited|active|hover|focus|link|root|in-range|invalid|valid|after|before|selection|target|first\-(line|letter))|^\@`)
	premailerNotSupported = regexp.MustCompile(`(?i)\:(checked|disabled|enabled|lang)`)
	premailerTypeWord     = regexp.MustCompile(`(^|\s)\w`)
)

// premailerTakes reports whether go-premailer inlines sel as written.
func premailerTakes(sel string) bool {
	return !strings.ContainsAny(sel, "*,\\{}") && !premailerUnmergable.MatchString(sel) &&
		!premailerNotSupported.MatchString(sel)
}

// premailerRank is how go-premailer ranks a selector (specificity.go of
// go-premailer): ids, classes, attributes, then type words, by counting.
func premailerRank(sel string) [4]int {
	return [4]int{strings.Count(sel, "#"), strings.Count(sel, "."), strings.Count(sel, "["),
		len(premailerTypeWord.FindAllString(sel, -1))}
}

// pending is one rule as go-premailer is given it in a pass.
type pending struct {
	sel   string // the selector go-premailer sees
	rank  [4]int // go-premailer's rank of sel
	spec  cascadia.Specificity
	order int
	decls []declaration
}

// maxPasses bounds the passes over one document. CSS whose order
// go-premailer would rank wrong more often than that (".a" and "[b]"
// alternating, say) is given to it with marker selectors only, which it
// all ranks alike, in one pass per phase.
const maxPasses = 6

// passes splits rules, given in any order, into go-premailer passes: the
// strongest pass first, each pass weakest rule first, and within a pass
// go-premailer's rank never falling, so that it keeps that order.
func passes(rules []pending) [][]pending {
	slices.SortFunc(rules, func(a, b pending) int {
		if a.spec != b.spec {
			if a.spec.Less(b.spec) {
				return -1
			}
			return 1
		}
		return cmp.Compare(a.order, b.order)
	})
	var out [][]pending
	start := 0
	for i := 1; i <= len(rules); i++ {
		if i == len(rules) || slices.Compare(rules[i].rank[:], rules[i-1].rank[:]) < 0 {
			out = append(out, rules[start:i])
			start = i
		}
	}
	slices.Reverse(out)
	return out
}

// runPass inlines one pass with go-premailer: a <style> holding the
// pass's rules is added to the head and go-premailer's Transform inlines
// it (and removes it).
func (in *inliner) runPass(doc *goquery.Document, head *html.Node, pass []pending) error {
	var b strings.Builder
	for _, r := range pass {
		b.WriteString(r.sel + " { " + in.tok.block(r.decls, false) + " }\n")
	}
	st := &html.Node{Type: html.ElementNode, Data: "style", DataAtom: atom.Style}
	st.AppendChild(&html.Node{Type: html.TextNode, Data: b.String()})
	head.AppendChild(st)
	if _, err := premailer.NewPremailer(doc, premailerOptions).Transform(); err != nil {
		return fmt.Errorf("go-premailer: %w", err)
	}
	// A rule go-premailer does not inline comes back in a <style> of its
	// own at the end of the head, with !important added. premailerTakes
	// predicts which (TestPremailerTakes checks it against go-premailer),
	// so this only happens if go-premailer changes.
	if last := head.LastChild; last != nil && last.DataAtom == atom.Style && !hasAttr(last, "data-premailer") {
		return fmt.Errorf("go-premailer did not inline %q", nodeText(last))
	}
	return nil
}

// markers gives the elements of selectors go-premailer cannot take an
// attribute of their own.
type markers struct {
	prefix string       // attribute name prefix, absent from the document
	marked []*html.Node // elements that got one, to clean up
}

// name is the marker attribute of a rule.
func (m *markers) name(r rule) string {
	return m.prefix + strconv.Itoa(r.order)
}

// selector returns the selector go-premailer is given for r: its own
// text, or, when it cannot take that or when all is set, r's marker.
func (m *markers) selector(r rule, all bool) string {
	if !all && premailerTakes(r.text) {
		return r.text
	}
	return "[" + m.name(r) + "]"
}

// mark sets r's marker attribute on the elements r selects. Elements
// the parser implied and non-visual ones are left out, as juice never
// styles them; a rule of custom properties reaches implied ones too.
func (m *markers) mark(root *html.Node, r rule, implied map[string]bool) {
	name := m.name(r)
	for _, n := range cascadia.QueryAll(root, r.sel) {
		if nonVisual[n.Data] || (implied[n.Data] && !r.vars) {
			continue
		}
		n.Attr = append(n.Attr, html.Attribute{Key: name})
		m.marked = append(m.marked, n)
	}
}

// clear removes the marker attributes.
func (m *markers) clear() {
	for _, n := range m.marked {
		n.Attr = slices.DeleteFunc(n.Attr, func(a html.Attribute) bool {
			return strings.HasPrefix(a.Key, m.prefix)
		})
	}
}
