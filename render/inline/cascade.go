package inline

import (
	"sort"
	"strings"

	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
)

// nonVisual elements never get a style attribute (juice's list).
var nonVisual = map[string]bool{
	"head": true, "title": true, "base": true, "link": true, "style": true,
	"meta": true, "script": true, "noscript": true, "template": true,
}

// Cascade levels, lowest first: a stylesheet !important beats an inline
// style, and an inline !important beats everything.
const (
	levelSheet = iota
	levelInline
	levelSheetImportant
	levelInlineImportant
)

// entry is one declaration that applies to an element, with what ranks it.
type entry struct {
	d     declaration
	level int
	spec  cascadia.Specificity
	order int // source order of the rule; inline declarations rank last
}

func (e entry) less(f entry) bool {
	if e.level != f.level {
		return e.level < f.level
	}
	if e.spec != f.spec {
		return e.spec.Less(f.spec)
	}
	return e.order < f.order
}

// matches maps each visual element to the indexes of the rules that
// select it, in source order. Elements the parser implied are left out.
func matches(root *html.Node, rules []rule, implied map[string]bool) map[*html.Node][]int {
	m := make(map[*html.Node][]int)
	for i, r := range rules {
		for _, n := range cascadia.QueryAll(root, r.sel) {
			if !nonVisual[n.Data] && !implied[n.Data] {
				m[n] = append(m[n], i)
			}
		}
	}
	return m
}

// apply inlines the rules of s into every element under root.
func (s *stylesheet) apply(root *html.Node, implied map[string]bool) {
	inlined := matches(root, s.rules, implied)
	var varRules map[*html.Node][]int
	if len(s.vars) > 0 {
		varRules = matches(root, s.vars, nil)
	}
	var walk func(n *html.Node, env map[string]string)
	walk = func(n *html.Node, env map[string]string) {
		if n.Type == html.ElementNode && (len(inlined[n]) > 0 || len(varRules[n]) > 0) {
			entries := s.entries(n, inlined[n], varRules[n])
			env = customProps(entries, env)
			if len(inlined[n]) > 0 {
				writeStyle(n, entries, env, s.keepImportant)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, env)
		}
	}
	walk(root, nil)
}

// entries collects the declarations that apply to n, in cascade order.
func (s *stylesheet) entries(n *html.Node, ruleIdx, varIdx []int) []entry {
	var es []entry
	add := func(r rule) {
		for _, d := range r.decls {
			level := levelSheet
			if d.important {
				level = levelSheetImportant
			}
			es = append(es, entry{d: d, level: level, spec: r.spec, order: r.order})
		}
	}
	for _, i := range varIdx {
		add(s.vars[i])
	}
	for _, i := range ruleIdx {
		add(s.rules[i])
	}
	for _, d := range parseStyleAttr(attr(n, "style")) {
		level := levelInline
		if d.important {
			level = levelInlineImportant
		}
		es = append(es, entry{d: d, level: level, order: s.order + 1})
	}
	sort.SliceStable(es, func(i, j int) bool { return es[i].less(es[j]) })
	return winners(es)
}

// winners keeps, for each property, the declarations of the source that
// wins the cascade for it. A rule's repeated declarations of a property
// are fallbacks ("color: red; color: rgba(...)") and stay together.
func winners(es []entry) []entry {
	win := make(map[string]entry, len(es))
	for _, e := range es {
		win[e.d.prop] = e
	}
	out := es[:0:0]
	for _, e := range es {
		w := win[e.d.prop]
		if e.d.prop == "" || (e.level == w.level && e.order == w.order && e.spec == w.spec) {
			out = append(out, e)
		}
	}
	return out
}

// writeStyle sets n's style attribute from its winning declarations and
// derives the presentational attributes email clients need.
func writeStyle(n *html.Node, es []entry, env map[string]string, keepImportant bool) {
	var b strings.Builder
	final := make(map[string]string, len(es))
	for _, e := range es {
		d := e.d
		inline := e.level == levelInline || e.level == levelInlineImportant
		if strings.HasPrefix(d.prop, "--") && !inline {
			continue
		}
		d.value = singleQuotes(resolveVars(d.value, env, 0))
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(d.text(inline || keepImportant))
		final[d.prop] = d.value
	}
	if b.Len() == 0 {
		return
	}
	setAttr(n, "style", b.String())
	styleToAttrs(n, final)
}

// singleQuotes turns the double quotes of a value into single quotes, as
// juice does, so the style attribute needs no &#34; (some clients do not
// decode entities in styles). A value holding both kinds is left alone.
func singleQuotes(v string) string {
	if !strings.Contains(v, `"`) || strings.Contains(v, "'") {
		return v
	}
	return strings.ReplaceAll(v, `"`, "'")
}

// attr returns the value of n's attribute key, or "".
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key && a.Namespace == "" {
			return a.Val
		}
	}
	return ""
}

// hasAttr reports whether n has the attribute key.
func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key && a.Namespace == "" {
			return true
		}
	}
	return false
}

// setAttr sets n's attribute key, in place when it exists, else last.
func setAttr(n *html.Node, key, val string) {
	for i, a := range n.Attr {
		if a.Key == key && a.Namespace == "" {
			n.Attr[i].Val = val
			return
		}
	}
	n.Attr = append(n.Attr, html.Attribute{Key: key, Val: val})
}
