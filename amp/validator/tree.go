package validator

import (
	"strings"

	"golang.org/x/net/html"
)

// This file follows what an HTML5 parser does around <html>, <head> and
// <body>, so that tags get the parents the official validator sees.

// headTags may appear in <head>; anything else there, or text, makes the
// HTML parser start the body early.
var headTags = map[string]bool{"meta": true, "link": true, "script": true, "style": true,
	"title": true, "noscript": true, "base": true, "template": true}

// implyTags does what the HTML parser does around <head> and <body>, so
// that the tags after them get the parent the official validator sees:
// head content straight in <html> opens an implied <head>, body content in
// <head> or <html> closes the head and opens an implied <body> (an error),
// and a second <head> or <body> tag is dropped. It reports whether to drop
// the tag.
func (r *run) implyTags(name string, off int) bool {
	switch {
	case name == "head" && (r.opened["head"] || r.opened["body"]), name == "body" && r.opened["body"],
		name == "html" && r.opened["html"]:
		return true
	case name == "head" || name == "body" || name == "html":
		return false
	}
	p := r.parent()
	if p == nil || p.name != "head" && p.name != "html" {
		return false
	}
	if p.name == "html" && r.opened["body"] {
		r.openImplied("body", off) // content after </body> goes back into the body
		return false
	}
	if headTags[name] {
		if p.name == "html" && !r.opened["head"] {
			r.openImplied("head", off)
		}
		return false
	}
	r.manufacturedBody(off)
	r.openImplied("body", off)
	return false
}

// mergeAttrs handles a repeated <html> or <body> tag: like the HTML
// parser, it adds the new attributes to the first element, and checks them
// there.
func (r *run) mergeAttrs(name string, attrs []html.Attribute) {
	el := r.first[name]
	if el == nil || el.spec == nil {
		return
	}
	var added []html.Attribute
	for _, a := range attrs {
		if !hasAttr(el.attrs, a.Key) {
			added = append(added, a)
		}
	}
	if len(added) == 0 {
		return
	}
	el.attrs = append(el.attrs, added...)
	a := &attempt{spec: el.spec}
	r.checkAttrs(a, added, el.off)
	for _, e := range a.errs {
		r.addError(e.off, e.code, e.url, e.params...)
	}
}

func hasAttr(attrs []html.Attribute, key string) bool {
	for _, a := range attrs {
		if a.Key == key {
			return true
		}
	}
	return false
}

// openImplied closes an open <head> and opens an element the document
// left out.
func (r *run) openImplied(name string, off int) {
	for len(r.stack) > 0 && r.parent().name != "html" {
		r.pop(off)
	}
	el := &element{name: name, off: off, names: [2]string{strings.ToUpper(name)}, passed: true}
	if specs := r.rules.byTag[name]; len(specs) > 0 {
		el.spec = specs[0]
		r.seen[el.spec] = true
	}
	r.opened[name] = true
	r.push(el)
}

// manufacturedBody reports content that belongs in the body found before
// it (once per document, like the official validator).
func (r *run) manufacturedBody(off int) {
	if !r.sawManufactured {
		r.sawManufactured = true
		r.addError(off, "DISALLOWED_MANUFACTURED_BODY", "")
	}
}
