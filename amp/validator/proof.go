package validator

import (
	"bytes"

	"golang.org/x/net/html"
)

// Span is a byte range [Start, End) of a document whose bytes another
// document of the same shape may replace: a value printed there.
type Span struct{ Start, End int }

// A Proof is what one passing document proves about every document of
// its shape: the same bytes outside its spans, in the same order. Prove
// makes one only when each span lies where the validator's verdict
// depends on the span's own bytes and nothing else:
//
//   - text inside an element whose text has no rules (not <style>,
//     <script>, nor straight in <html> or <head>), which cannot hold markup
//     as long as it has no '<' and does not follow "<" or "</";
//   - a double-quoted attribute value that cannot hold another attribute
//     as long as it has no '"', of an attribute whose value no other rule
//     reads: not a layout attribute (width, height, layout, sizes,
//     heights), not style, not one that selects the tag's spec, not an
//     extension script's src, of a tag whose spec is the first one it can
//     match there.
//
// Check then decides a document of the shape by checking its spans
// alone: no NUL, text with no markup, each attribute value with its
// attribute's rules, and the document's size. A Proof is immutable and
// safe for concurrent use.
type Proof struct {
	skeleton []byte   // the document without its spans
	static   [][]byte // skeleton's pieces: the bytes before each span, and after the last
	kinds    []int    // per span: textSpan, or the index in attrs of its attribute value
	attrs    []attrValue
	chk      *run // only read: runs the rules of attribute values
}

// textSpan marks a span in text.
const textSpan = -1

// attrValue is an attribute value holding spans (first to last), with
// what Check needs to apply its attribute's rules to a new value.
type attrValue struct {
	first, last   int // its first and last span
	before, after int // its bytes before the first span and after the last
	spec          *pspec
	p             *pattr // nil: an attribute no spec lists but every tag allows (data-*)
	key           string
	inTemplate    bool
	present       *attrSet // the tag's attributes as checkAttrs knew them at this one
}

// Prove validates doc in full, as Validate does, and when it passes and
// every span (in order, not overlapping) is somewhere a value can be
// checked on its own (see Proof), it returns a Proof for doc's shape;
// else the Proof is nil.
func Prove(doc []byte, spans []Span) (Result, *Proof) {
	if !inOrder(spans, len(doc)) {
		return Validate(doc), nil
	}
	r := newRun(doc)
	t := &tracker{spans: spans, kinds: make([]int, len(spans))}
	r.track = t
	r.validate()
	res := r.result()
	if !res.Pass || t.failed || t.next < len(spans) {
		return res, nil
	}
	p := &Proof{kinds: t.kinds, attrs: t.attrs, chk: &run{rules: r.rules}}
	p.skeleton = make([]byte, 0, len(doc)-spanBytes(spans))
	prev := 0
	for _, s := range spans {
		p.skeleton = append(p.skeleton, doc[prev:s.Start]...)
		prev = s.End
	}
	p.skeleton = append(p.skeleton, doc[prev:]...)
	at := 0
	prev = 0
	for _, s := range spans {
		n := s.Start - prev
		p.static = append(p.static, p.skeleton[at:at+n:at+n])
		at, prev = at+n, s.End
	}
	p.static = append(p.static, p.skeleton[at:])
	return res, p
}

func inOrder(spans []Span, n int) bool {
	prev := 0
	for _, s := range spans {
		if s.Start < prev || s.End < s.Start || s.End > n {
			return false
		}
		prev = s.End
	}
	return true
}

func spanBytes(spans []Span) int {
	n := 0
	for _, s := range spans {
		n += s.End - s.Start
	}
	return n
}

// Skeleton returns the proven document without its spans. It must not be
// modified.
func (p *Proof) Skeleton() []byte { return p.skeleton }

// Check reports whether doc, with its spans, passes validation, when it
// has the proven document's shape: the same number of spans, the same
// bytes around them. It reports false for a document of another shape,
// or one whose spans it cannot tell pass: validate that one in full.
func (p *Proof) Check(doc []byte, spans []Span) bool {
	if len(spans) != len(p.kinds) {
		return false
	}
	prev := 0
	for i, s := range spans {
		if s.Start < prev || s.End < s.Start || s.End > len(doc) || !bytes.Equal(doc[prev:s.Start], p.static[i]) {
			return false
		}
		prev = s.End
	}
	if !bytes.Equal(doc[prev:], p.static[len(spans)]) || sizeCounted(doc) > genDocMaxBytes {
		return false
	}
	for i, s := range spans {
		v := doc[s.Start:s.End]
		if bytes.IndexByte(v, 0) >= 0 {
			return false
		}
		k := p.kinds[i]
		if k == textSpan {
			if bytes.IndexByte(v, '<') >= 0 || afterTagOpen(doc, s.Start) {
				return false
			}
			continue
		}
		if bytes.IndexByte(v, '"') >= 0 {
			return false
		}
		if a := &p.attrs[k]; a.last == i && !p.valueOK(doc, spans, a) {
			return false
		}
	}
	return true
}

// afterTagOpen reports whether doc[i] follows "<" or "</": text there
// would continue a tag (or an end tag) that the static bytes begin.
func afterTagOpen(doc []byte, i int) bool {
	return i > 0 && doc[i-1] == '<' || i > 1 && doc[i-1] == '/' && doc[i-2] == '<'
}

// valueOK applies the attribute's rules to its value in doc: the rules
// checkAttrs applies to one attribute's value, with the tag's other
// attributes as they were proven.
func (p *Proof) valueOK(doc []byte, spans []Span, a *attrValue) bool {
	raw := doc[spans[a.first].Start-a.before : spans[a.last].End+a.after]
	at := html.Attribute{Key: a.key, Val: attrText(raw)}
	try := attempt{spec: a.spec}
	if a.inTemplate && badTemplateValue(&try, at, 0) {
		return false
	}
	if a.p != nil {
		p.chk.checkAttrValue(&try, a.p, at, a.present, a.inTemplate, 0)
	}
	return len(try.errs) == 0
}

// attrText is the value the tokenizer reads from raw, the bytes of a
// double-quoted attribute value with no '"' and no NUL: character
// references decoded and line ends made "\n".
func attrText(raw []byte) string {
	if bytes.IndexByte(raw, '&') < 0 && bytes.IndexByte(raw, '\r') < 0 {
		return string(raw)
	}
	tag := make([]byte, 0, len(raw)+10)
	tag = append(append(append(tag, `<a v="`...), raw...), `">`...)
	z := html.NewTokenizer(bytes.NewReader(tag))
	if z.Next() != html.StartTagToken {
		return ""
	}
	_, v, _ := z.TagAttr()
	return string(v)
}

// sizeCounted is the document's size as the size limit counts it:
// trailing white space does not count, and an empty document counts one.
func sizeCounted(doc []byte) int {
	return max(len(bytes.TrimRight(doc, " \t\r\n")), 1)
}
