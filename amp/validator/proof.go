package validator

import (
	"bytes"
	"strings"

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
	skeleton string   // the document without its spans
	static   []string // skeleton's pieces: the bytes before each span, and after the last
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
	proven        string   // the value's bytes in the proven document, which passed
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
	var b strings.Builder
	b.Grow(len(doc) - spanBytes(spans))
	prev := 0
	for _, s := range spans {
		b.Write(doc[prev:s.Start])
		prev = s.End
	}
	b.Write(doc[prev:])
	p.skeleton = b.String()
	at := 0
	prev = 0
	for _, s := range spans {
		n := s.Start - prev
		p.static = append(p.static, p.skeleton[at:at+n])
		at, prev = at+n, s.End
	}
	p.static = append(p.static, p.skeleton[at:])
	for i := range p.attrs {
		a := &p.attrs[i]
		a.proven = string(doc[spans[a.first].Start-a.before : spans[a.last].End+a.after])
	}
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

// Skeleton returns the proven document without its spans.
func (p *Proof) Skeleton() string { return p.skeleton }

// Check reports whether doc, with its spans, passes validation, when it
// has the proven document's shape: the same number of spans, the same
// bytes around them. It reports false for a document of another shape,
// or one whose spans it cannot tell pass: validate that one in full.
func (p *Proof) Check(doc string, spans []Span) bool {
	if len(spans) != len(p.kinds) {
		return false
	}
	prev := 0
	for i, s := range spans {
		if s.Start < prev || s.End < s.Start || s.End > len(doc) || doc[prev:s.Start] != p.static[i] {
			return false
		}
		prev = s.End
	}
	if doc[prev:] != p.static[len(spans)] || sizeCounted(doc) > genDocMaxBytes {
		return false
	}
	for i, s := range spans {
		v := doc[s.Start:s.End]
		if strings.IndexByte(v, 0) >= 0 {
			return false
		}
		k := p.kinds[i]
		if k == textSpan {
			if strings.IndexByte(v, '<') >= 0 || afterTagOpen(doc, s.Start) {
				return false
			}
			continue
		}
		if strings.IndexByte(v, '"') >= 0 {
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
func afterTagOpen(doc string, i int) bool {
	return i > 0 && doc[i-1] == '<' || i > 1 && doc[i-1] == '/' && doc[i-2] == '<'
}

// valueOK applies the attribute's rules to its value in doc: the rules
// checkAttrs applies to one attribute's value, with the tag's other
// attributes as they were proven.
func (p *Proof) valueOK(doc string, spans []Span, a *attrValue) bool {
	raw := doc[spans[a.first].Start-a.before : spans[a.last].End+a.after]
	if raw == a.proven {
		return true
	}
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
func attrText[T string | []byte](raw T) string {
	if s, ok := plainText(string(raw)); ok {
		return s
	}
	return tokenizedText(raw)
}

// tokenizedText reads raw as the value of an attribute with the
// tokenizer.
func tokenizedText[T string | []byte](raw T) string {
	tag := make([]byte, 0, len(raw)+10)
	tag = append(append(append(tag, `<a v="`...), raw...), `">`...)
	z := html.NewTokenizer(bytes.NewReader(tag))
	if z.Next() != html.StartTagToken {
		return ""
	}
	_, v, _ := z.TagAttr()
	return string(v)
}

// plainText decodes raw when its only character references are whole
// ones that read the same in any context, those html/template writes:
// &amp; &lt; &gt; &quot; &apos; and &#N; for a printable ASCII N. It
// reports false for any other, and for a '\r'.
func plainText(raw string) (string, bool) {
	i := strings.IndexByte(raw, '&')
	if strings.IndexByte(raw, '\r') >= 0 {
		return "", false
	}
	if i < 0 {
		return raw, true
	}
	var b strings.Builder
	b.Grow(len(raw))
	for ; i >= 0; i = strings.IndexByte(raw, '&') {
		b.WriteString(raw[:i])
		c, n := plainRef(raw[i:])
		if n == 0 {
			return "", false
		}
		b.WriteByte(c)
		raw = raw[i+n:]
	}
	b.WriteString(raw)
	return b.String(), true
}

// plainRef reads the reference at the start of s, as plainText allows
// them: the character and the reference's length, or 0, 0.
func plainRef(s string) (byte, int) {
	switch {
	case strings.HasPrefix(s, "&amp;"):
		return '&', 5
	case strings.HasPrefix(s, "&lt;"):
		return '<', 4
	case strings.HasPrefix(s, "&gt;"):
		return '>', 4
	case strings.HasPrefix(s, "&quot;"):
		return '"', 6
	case strings.HasPrefix(s, "&apos;"):
		return '\'', 6
	case !strings.HasPrefix(s, "&#"):
		return 0, 0
	}
	n, i := 0, 2
	for ; i < len(s) && i < 5 && '0' <= s[i] && s[i] <= '9'; i++ {
		n = n*10 + int(s[i]-'0')
	}
	if i == 2 || i >= len(s) || s[i] != ';' || n < 0x20 || n > 0x7e {
		return 0, 0
	}
	return byte(n), i + 1
}

// sizeCounted is the document's size as the size limit counts it:
// trailing white space does not count, and an empty document counts one.
func sizeCounted[T string | []byte](doc T) int {
	n := len(doc)
	for n > 0 && (doc[n-1] == ' ' || doc[n-1] == '\t' || doc[n-1] == '\r' || doc[n-1] == '\n') {
		n--
	}
	return max(n, 1)
}
