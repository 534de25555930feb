package validator

import (
	"bytes"
	"slices"
	"sort"
	"strings"

	"golang.org/x/net/html"
)

// run holds the state of one validation: the tag stack, what the document
// has declared and used so far, and the errors found.
type run struct {
	doc             []byte
	lines           *lineIndex
	rules           *rules
	errs            []Error
	stack           []*element
	strict          bool // <html data-css-strict>
	endOff          int  // offset of the document's last non-space byte
	seen            map[*pspec]bool
	matched         []matchedTag
	conds           map[string]bool
	loaded          map[string]int // extension name -> offset of its script
	used            map[string]bool
	needExt         []extNeed
	ancestors       map[string]int      // names the open elements answer to
	opened          map[string]bool     // head and body seen (written or implied)
	first           map[string]*element // the html and body elements
	refPoints       int                 // open elements that declare reference points
	sawDoctype      bool
	sawManufactured bool
	// cssLine and cssCol are where the stylesheet being checked starts.
	cssLine, cssCol int
	// tag is what the run knows of the last start tag, for track.
	tag tagRecord
	// track, set by Prove, places the document's spans as it is read.
	track *tracker
}

// tagRecord is what a run keeps of the last start tag: the element, its
// attributes, and how its spec was chosen.
type tagRecord struct {
	el         *element // nil when the tag was dropped (a second <html>, <head> or <body>)
	attrs      []html.Attribute
	inTemplate bool     // inside a <template>, where attribute values may hold mustache
	refs       []*pspec // the reference points its attributes may come from
	onlyPlace  bool     // the specs tried before el.spec failed on the tag's place alone
}

// element is one open tag on the stack.
type element struct {
	name     string // lower case
	spec     *pspec // matched (or best attempted) spec, nil if none
	passed   bool   // the tag satisfied spec; its child rules apply
	off      int
	children int
	names    [2]string        // names this element answers to as an ancestor: tag, spec
	attrs    []html.Attribute // kept for html and body, which later tags merge into
	text     []byte           // raw text, kept when the spec restricts it
	textOff  int
}

// matchedTag is a tag whose spec requires conditions checked at the end.
type matchedTag struct {
	spec *pspec
	off  int
}

// extNeed is a tag (or attribute) that needs an extension script.
type extNeed struct {
	ext, tag string
	off      int
	url      string
}

// newRun prepares the validation of doc.
func newRun(doc []byte) *run {
	return &run{
		doc:    doc,
		lines:  newLineIndex(doc),
		rules:  getRules(),
		seen:   map[*pspec]bool{},
		conds:  map[string]bool{},
		loaded: map[string]int{},
		used:   map[string]bool{},

		ancestors: map[string]int{},
		opened:    map[string]bool{},
		first:     map[string]*element{},
	}
}

// addError records an error or warning at byte offset off.
func (r *run) addError(off int, code, specURL string, params ...string) {
	line, col := r.lines.pos(off)
	r.record(line, col, code, specURL, params)
}

// addCSSError records an error inside the stylesheet being checked. Like
// the official validator, columns on the stylesheet's first line count
// from the start of the stylesheet.
func (r *run) addCSSError(off int, code, specURL string, params ...string) {
	line, col := r.lines.pos(off)
	if line == r.cssLine {
		col -= r.cssCol
	}
	r.record(line, col, code, specURL, params)
}

func (r *run) record(line, col int, code, specURL string, params []string) {
	sev := SeverityError
	if warningCodes[code] {
		sev = SeverityWarning
	}
	r.errs = append(r.errs, Error{Line: line, Col: col, Code: code, Message: message(code, params...), SpecURL: specURL, Severity: sev})
}

func (r *run) result() Result {
	sort.SliceStable(r.errs, func(i, j int) bool {
		a, b := r.errs[i], r.errs[j]
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
	pass := true
	for _, e := range r.errs {
		if e.Severity == SeverityError {
			pass = false
		}
	}
	return Result{Pass: pass, Errors: r.errs}
}

func (r *run) validate() {
	// Like the official validator, trailing white space does not count.
	r.endOff = sizeCounted(r.doc) - 1
	if size := r.endOff + 1; size > genDocMaxBytes {
		r.addError(r.endOff, "DOCUMENT_SIZE_LIMIT_EXCEEDED", genDocMaxBytesURL, itoa(genDocMaxBytes), itoa(size))
	}
	z := html.NewTokenizer(bytes.NewReader(r.doc))
	off := 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		raw := z.Raw()
		if r.track != nil {
			r.track.token(r, tt, off, off+len(raw))
		}
		switch tt {
		case html.StartTagToken, html.SelfClosingTagToken:
			if r.startTag(z, off) == "noscript" {
				z.NextIsNotRawText() // parsed as markup, as the official validator does
			}
			if r.track != nil {
				r.track.tagRead(r, raw, off)
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			r.endTag(string(name), off)
		case html.TextToken:
			r.collectText(raw, off)
		case html.DoctypeToken:
			r.doctype(raw, off)
		}
		off += len(raw)
	}
	if r.track != nil {
		r.track.end(r, off)
	}
	for len(r.stack) > 0 {
		r.pop(r.endOff)
	}
	r.endChecks()
}

// collectText keeps the text of an element whose text has rules (style,
// script); other text is allowed and not kept.
func (r *run) collectText(raw []byte, off int) {
	top := r.parent()
	if top != nil && (top.name == "head" || top.name == "html") {
		if t := trimSpace(raw); len(t) > 0 {
			at := off + len(raw) - len(bytes.TrimLeft(raw, " \t\r\n\f"))
			if !(top.name == "html" && r.opened["body"]) {
				r.manufacturedBody(at)
			}
			r.openImplied("body", at)
			return
		}
	}
	if top == nil || top.spec == nil || top.spec.cdata == nil || !top.passed {
		return
	}
	if top.text == nil {
		top.textOff = off
	}
	top.text = append(top.text, raw...)
}

func (r *run) doctype(raw []byte, off int) {
	s := strings.ToLower(strings.TrimSpace(string(raw[2 : len(raw)-1])))
	if s != "doctype html" {
		r.addError(off, "INVALID_DOCTYPE_HTML", "https://amp.dev/documentation/guides-and-tutorials/learn/spec/amphtml/#required-markup")
	}
	r.sawDoctype = true
	for _, s := range r.rules.byTag["!doctype"] {
		r.seen[s] = true
	}
}

// tagAttrs reads the attributes of the current start tag.
func tagAttrs(z *html.Tokenizer) []html.Attribute {
	var attrs []html.Attribute
	for {
		k, v, more := z.TagAttr()
		if k != nil || v != nil {
			attrs = append(attrs, html.Attribute{Key: string(k), Val: string(v)})
		}
		if !more {
			return attrs
		}
	}
}

// voidTags never have an end tag or children.
var voidTags = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true,
	"img": true, "input": true, "link": true, "meta": true, "param": true,
	"source": true, "track": true, "wbr": true,
}

// startTag checks and opens a start tag, and returns its name.
func (r *run) startTag(z *html.Tokenizer, off int) string {
	nameB, _ := z.TagName()
	name, upper := r.rules.tagNames(nameB)
	if name == "image" {
		name, upper = "img", "IMG" // the HTML parser renames it, and so does the official validator
	}
	attrs := tagAttrs(z)
	r.tag = tagRecord{attrs: attrs}
	if r.implyTags(name, off) {
		r.mergeAttrs(name, attrs)
		return name
	}
	parent := r.parent()
	if parent != nil {
		parent.children++
		r.checkChild(parent, name, off)
	}
	el := &element{name: name, off: off, names: [2]string{upper}}
	if name == "html" || name == "body" {
		el.attrs = attrs
		r.first[name] = el
	}
	if name == "html" {
		r.checkHTMLTag(attrs, off)
	}
	r.tag.el = el
	if r.track != nil {
		r.tag.inTemplate = r.hasAncestor("TEMPLATE")
		r.tag.refs = r.referencePoints()
	}
	el.spec, el.passed = r.matchTag(name, attrs, off)
	if el.spec != nil {
		if el.spec.specName != "" {
			el.names[1] = el.spec.specName
		}
		r.recordMatch(el.spec, attrs, off)
	}
	if voidTags[name] {
		r.closeElement(el, off)
		return name
	}
	r.push(el)
	return name
}

// push opens an element: its names become ancestor names.
func (r *run) push(el *element) {
	r.opened[el.name] = true
	r.stack = append(r.stack, el)
	for _, n := range el.names {
		if n != "" {
			r.ancestors[n]++
		}
	}
	if el.spec != nil && len(el.spec.referencePoints) > 0 {
		r.refPoints++
	}
}

func (r *run) parent() *element {
	if len(r.stack) == 0 {
		return nil
	}
	return r.stack[len(r.stack)-1]
}

func (r *run) endTag(name string, off int) {
	for i := len(r.stack) - 1; i >= 0; i-- {
		if r.stack[i].name == name {
			for len(r.stack) > i {
				r.pop(off)
			}
			return
		}
	}
}

func (r *run) pop(off int) {
	el := r.stack[len(r.stack)-1]
	r.stack = r.stack[:len(r.stack)-1]
	for _, n := range el.names {
		if n != "" {
			r.ancestors[n]--
		}
	}
	if el.spec != nil && len(el.spec.referencePoints) > 0 {
		r.refPoints--
	}
	r.closeElement(el, off)
}

// closeElement runs the checks that need all of an element's children.
func (r *run) closeElement(el *element, off int) {
	s := el.spec
	if s != nil && s.cdata != nil && el.passed {
		if el.text == nil {
			el.textOff = off
		}
		r.checkCdata(el, el.text, el.textOff)
	}
	if s == nil || s.childTags == nil || !el.passed {
		return
	}
	if n := s.childTags.mandatoryNum; n >= 0 && el.children != n {
		r.addError(el.off, "INCORRECT_NUM_CHILD_TAGS", s.specURL, s.desc, itoa(n), itoa(el.children))
	}
	if n := s.childTags.mandatoryMinNum; n >= 0 && el.children < n {
		r.addError(el.off, "INCORRECT_MIN_NUM_CHILD_TAGS", s.specURL, s.desc, itoa(n), itoa(el.children))
	}
}

// checkChild applies the parent's child-tag rules to a new child.
func (r *run) checkChild(parent *element, name string, off int) {
	s := parent.spec
	if s == nil || s.childTags == nil || !parent.passed {
		return
	}
	upper := strings.ToUpper(name)
	if list := s.childTags.childOneof; len(list) > 0 && !slices.Contains(list, upper) {
		r.addError(off, "DISALLOWED_CHILD_TAG_NAME", s.specURL, name, s.desc, quoteList(list))
	}
	if list := s.childTags.firstChildOneof; len(list) > 0 && parent.children == 1 && !slices.Contains(list, upper) {
		r.addError(off, "DISALLOWED_FIRST_CHILD_TAG_NAME", s.specURL, name, s.desc, quoteList(list))
	}
}

// quoteList formats tag names as the official messages do: ['a', 'b'].
func quoteList(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = "'" + strings.ToLower(s) + "'"
	}
	return "[" + strings.Join(q, ", ") + "]"
}

func itoa(n int) string {
	if n < 0 {
		return "-" + itoa(-n)
	}
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}
