package validator

import (
	"strings"

	"golang.org/x/net/html"
)

// tracker places a Prove run's spans as the document is read: each in
// text (kinds[i] = textSpan) or in an attribute value (an index in
// attrs), or else marks the document unprovable (failed).
type tracker struct {
	spans   []Span
	next    int // the first span not placed yet
	kinds   []int
	attrs   []attrValue
	pending []int // spans inside the start tag being read
	failed  bool
}

// token places the spans that lie in the token [start, end), which is
// about to be read: an empty span at start is where text would go before
// it. A span in a start tag waits for tagRead.
func (t *tracker) token(r *run, tt html.TokenType, start, end int) {
	for ; t.next < len(t.spans); t.next++ {
		s := t.spans[t.next]
		switch {
		case s.Start == start && s.End == start:
			t.text(r, t.next)
		case s.Start >= end:
			return
		case s.Start < start || s.End > end:
			t.failed = true // across tokens
		case tt == html.TextToken:
			t.text(r, t.next)
		case tt == html.StartTagToken || tt == html.SelfClosingTagToken:
			t.pending = append(t.pending, t.next)
		default: // in an end tag, a comment, a doctype
			t.failed = true
		}
	}
}

// end places the spans left at the end of the document, at off.
func (t *tracker) end(r *run, off int) {
	for ; t.next < len(t.spans); t.next++ {
		if s := t.spans[t.next]; s.Start == off && s.End == off {
			t.text(r, t.next)
		} else {
			t.failed = true
		}
	}
}

// text places span i in the text of the open element, when that text has
// no rules: the element's spec has none on its text, and it is not <html>
// or <head>, where text opens the body.
func (t *tracker) text(r *run, i int) {
	top := r.parent()
	if top == nil || top.name == "html" || top.name == "head" || top.spec == nil || !top.passed || top.spec.cdata != nil {
		t.failed = true
		return
	}
	t.kinds[i] = textSpan
}

// tagRead places the spans of the start tag just read (raw, at off) in
// its attribute values.
func (t *tracker) tagRead(r *run, raw []byte, off int) {
	if len(t.pending) == 0 {
		return
	}
	defer func() { t.pending = t.pending[:0] }()
	tag := r.tag
	if tag.el == nil || tag.el.spec == nil || !tag.el.passed || !tag.onlyPlace {
		t.failed = true
		return
	}
	values, ok := scanAttrs(raw, tag.attrs)
	if !ok {
		t.failed = true
		return
	}
	for k := 0; k < len(t.pending); {
		s := t.spans[t.pending[k]]
		v := valueOf(values, s.Start-off, s.End-off)
		if v < 0 || values[v].quote != '"' {
			t.failed = true
			return
		}
		first := k
		for k < len(t.pending) && valueOf(values, t.spans[t.pending[k]].Start-off, t.spans[t.pending[k]].End-off) == v {
			k++
		}
		if !t.addValue(r, values, v, t.pending[first], t.pending[k-1], off) {
			t.failed = true
			return
		}
	}
}

// addValue records the value of attribute v (of the tag just read),
// which holds spans first to last, when the validator reads it nowhere
// but in its own rules.
func (t *tracker) addValue(r *run, values []rawAttr, v, first, last, off int) bool {
	tag := r.tag
	s := tag.el.spec
	key := values[v].key
	if !valueAlone(r.rules, s, key) {
		return false
	}
	present := &attrSet{attrs: tag.attrs}
	var p *pattr
	refs := tag.refs
	for _, a := range values[:v+1] {
		if p = r.attrSpec(s, a.key, &refs); p != nil {
			present.add(p.name, a.key)
		}
	}
	if p != nil && p.valueDocCSS {
		return false
	}
	present.extra = present.extra[:len(present.extra):len(present.extra)]
	i := len(t.attrs)
	t.attrs = append(t.attrs, attrValue{
		first: first, last: last,
		before: t.spans[first].Start - (off + values[v].start), after: off + values[v].end - t.spans[last].End,
		spec: s, p: p, key: key, inTemplate: tag.inTemplate, present: present,
	})
	for j := first; j <= last; j++ {
		t.kinds[j] = i
	}
	return true
}

// layoutKeys are the attributes checkLayout reads.
var layoutKeys = map[string]bool{"width": true, "height": true, "layout": true, "sizes": true, "heights": true}

// valueAlone reports whether no rule of the tag reads attribute key's
// value but the attribute's own: it does not select the spec (dispatch),
// decide the layout, give an extension script's src, nor hold CSS.
func valueAlone(rs *rules, s *pspec, key string) bool {
	if s.extension != nil || key == "style" || s.layout != nil && layoutKeys[key] || strings.Contains(key, "{{") {
		return false
	}
	for _, other := range rs.byTag[strings.ToLower(s.tagName)] {
		if other.dispatch != nil && other.dispatch.name == key {
			return false
		}
	}
	return true
}

// rawAttr is an attribute of a raw start tag: its key (lower case) and
// where its value lies in the tag, and the quote around it (0 if none).
type rawAttr struct {
	key        string
	start, end int
	quote      byte
}

// valueOf returns the index of the attribute whose value holds [start,
// end) of the tag, or -1.
func valueOf(values []rawAttr, start, end int) int {
	for i, v := range values {
		if v.start >= 0 && v.start <= start && end <= v.end {
			return i
		}
	}
	return -1
}

// scanAttrs finds the attributes of a raw start tag as the tokenizer
// reads them (golang.org/x/net/html: an empty key is dropped, a repeated
// one too), and checks them against attrs, the tokenizer's: the same
// keys and values in the same order.
func scanAttrs(raw []byte, attrs []html.Attribute) ([]rawAttr, bool) {
	var out []rawAttr
	i := 1
	for i < len(raw) && !tagSpace(raw[i]) && raw[i] != '/' && raw[i] != '>' {
		i++
	}
	for {
		for i < len(raw) && tagSpace(raw[i]) {
			i++
		}
		if i >= len(raw) || raw[i] == '>' {
			break
		}
		a := rawAttr{start: -1}
		i = scanKey(raw, i, &a)
		i = scanValue(raw, i, &a)
		if a.key != "" && !seenKey(out, a.key) {
			out = append(out, a)
		}
	}
	if len(out) != len(attrs) {
		return nil, false
	}
	for k, a := range out {
		if a.key != attrs[k].Key || a.start >= 0 && attrText(raw[a.start:a.end]) != attrs[k].Val {
			return nil, false
		}
	}
	return out, true
}

func scanKey(raw []byte, i int, a *rawAttr) int {
	start := i
	for ; i < len(raw); i++ {
		c := raw[i]
		if c == '=' && i == start {
			continue // a leading = belongs to the name
		}
		if tagSpace(c) || c == '/' || c == '>' || c == '=' {
			break
		}
	}
	a.key = strings.ToLower(string(raw[start:i]))
	return i
}

func scanValue(raw []byte, i int, a *rawAttr) int {
	for i < len(raw) && tagSpace(raw[i]) {
		i++
	}
	if i >= len(raw) {
		return i
	}
	switch raw[i] {
	case '/':
		return i + 1
	case '=':
	default:
		return i
	}
	for i++; i < len(raw) && tagSpace(raw[i]); i++ {
	}
	if i >= len(raw) || raw[i] == '>' {
		return i
	}
	if q := raw[i]; q == '"' || q == '\'' {
		a.quote, a.start = q, i+1
		for i++; i < len(raw) && raw[i] != q; i++ {
		}
		a.end = i
		return i + 1
	}
	a.start = i
	for i < len(raw) && !tagSpace(raw[i]) && raw[i] != '>' {
		i++
	}
	a.end = i
	return i
}

func tagSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' }

func seenKey(attrs []rawAttr, key string) bool {
	for _, a := range attrs {
		if a.key == key {
			return true
		}
	}
	return false
}
