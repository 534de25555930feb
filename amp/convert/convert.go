package convert

import (
	"fmt"
	"html"
	"regexp"
	"strconv"
	"strings"

	nethtml "golang.org/x/net/html"
)

// Problem is content that cannot be converted without losing something the
// recipient would see.
type Problem struct {
	Offset int    // byte offset in the masked input
	Msg    string // what and why, e.g. `<img src="…"> has no height: …`
}

// Error returns the message, so a Problem can be returned as an error.
func (p Problem) Error() string { return p.Msg }

// Result is a converted document or fragment.
type Result struct {
	HTML       string    // the AMP markup, masks in place
	Extensions []string  // the AMP extensions the markup uses, sorted
	Problems   []Problem // content lost in conversion
}

// Fragment converts the body of a module.
func Fragment(masked string) Result {
	c := &converter{}
	c.walk(masked)
	return c.result()
}

// Document converts a whole email: <html ⚡4email data-css-strict>, a new
// head (charset, the AMP runtime, the boilerplate, and the CSS of the
// document's <style> elements plus extraCSS in <style amp-custom>), the
// body converted like a Fragment.
func Document(masked, extraCSS string) Result {
	c := &converter{doc: true}
	c.walk(masked)
	css := Stylesheet(c.css.String() + "\n" + extraCSS)
	if len(css) > MaxCSS {
		c.problem(0, "the stylesheet is %d bytes once converted; AMP allows %d", len(css), MaxCSS)
	}
	r := c.result()
	r.HTML = strings.Replace(r.HTML, headMarker, Head(css), 1)
	return r
}

// RuntimeScript is the AMP runtime's script element; extension scripts go
// right after it.
const RuntimeScript = `<script async src="https://cdn.ampproject.org/v0.js"></script>`

// Head returns the AMP4EMAIL head with css in <style amp-custom>.
func Head(css string) string {
	return "<head>\n<meta charset=\"utf-8\">\n" + RuntimeScript + "\n" +
		"<style amp4email-boilerplate>body{visibility:hidden}</style>\n" +
		"<style amp-custom>\n" + css + "</style>\n</head>"
}

const headMarker = "\x00head\x00"

type converter struct {
	doc      bool
	b        strings.Builder
	css      strings.Builder
	skip     string // element being dropped with its content
	depth    int    // nesting of skip inside itself
	inHead   bool
	headDone bool
	problems []Problem
}

func (c *converter) result() Result {
	out := c.b.String()
	return Result{HTML: out, Extensions: Detect(out), Problems: c.problems}
}

func (c *converter) problem(off int, format string, args ...any) {
	c.problems = append(c.problems, Problem{Offset: off, Msg: fmt.Sprintf(format, args...)})
}

var maskComment = regexp.MustCompile(`^<!--tlr:\d+-->$`)

func (c *converter) walk(masked string) {
	z := nethtml.NewTokenizer(strings.NewReader(masked))
	off := 0
	for {
		tt := z.Next()
		if tt == nethtml.ErrorToken {
			break
		}
		raw := string(z.Raw())
		start := off
		off += len(raw)
		switch tt {
		case nethtml.TextToken:
			c.text(raw)
		case nethtml.CommentToken:
			if c.skip == "" && !c.inHead && maskComment.MatchString(raw) {
				c.b.WriteString(raw)
			}
		case nethtml.DoctypeToken:
			if c.doc {
				c.b.WriteString("<!doctype html>")
			}
		case nethtml.StartTagToken, nethtml.SelfClosingTagToken:
			c.start(z.Token(), tt == nethtml.SelfClosingTagToken, raw, start)
		case nethtml.EndTagToken:
			c.end(z.Token().Data)
		}
	}
	if c.doc && !c.headDone {
		c.b.WriteString(headMarker)
	}
}

func (c *converter) text(raw string) {
	switch {
	case c.skip == "style":
		c.css.WriteString(raw)
		c.css.WriteByte('\n')
	case c.skip == "" && !c.inHead:
		c.b.WriteString(raw)
	}
}

var voidTags = words(`area base br col embed hr img input link meta source wbr`)

func (c *converter) start(t nethtml.Token, selfClosing bool, raw string, off int) {
	name := t.Data
	if c.skip != "" {
		if name == c.skip && !voidTags[name] && !selfClosing {
			c.depth++
		}
		return
	}
	if c.inHead && name != "body" {
		if name == "style" {
			c.enterSkip(name, selfClosing)
		}
		return
	}
	switch {
	case c.doc && name == "html":
		c.b.WriteString("<html ⚡4email data-css-strict" + c.attrs("html", t.Attr) + ">")
	case c.doc && name == "head" && !c.headDone:
		c.inHead = true
	case c.doc && name == "body":
		if !c.headDone {
			c.headDone, c.inHead = true, false
			c.b.WriteString(headMarker + "\n")
		}
		c.b.WriteString("<body" + c.attrs("body", t.Attr) + ">")
	case name == "img":
		c.img(t, raw, off)
	case silentDrops[name], lossyDrops[name]:
		if lossyDrops[name] {
			c.problem(off, "%s cannot be converted to AMP: its content would be lost", clip(raw))
		}
		c.enterSkip(name, selfClosing)
	case keepTags[name] || renameTags[name] != "":
		out := name
		if r := renameTags[name]; r != "" {
			out = r
		}
		c.b.WriteString("<" + out + c.attrs(out, t.Attr) + ">")
	}
}

func (c *converter) enterSkip(name string, selfClosing bool) {
	if !voidTags[name] && !selfClosing {
		c.skip, c.depth = name, 1
	}
}

func (c *converter) end(name string) {
	if c.skip != "" {
		if name == c.skip {
			if c.depth--; c.depth == 0 {
				c.skip = ""
			}
		}
		return
	}
	switch {
	case c.doc && name == "head" && !c.headDone:
		c.headDone, c.inHead = true, false
		c.b.WriteString(headMarker)
	case keepTags[name] && !voidTags[name], c.doc && (name == "body" || name == "html"):
		c.b.WriteString("</" + name + ">")
	case renameTags[name] != "":
		c.b.WriteString("</" + renameTags[name] + ">")
	}
}

// img writes an <amp-img> for an <img> that has a width and a height.
func (c *converter) img(t nethtml.Token, raw string, off int) {
	w, h := attr(t.Attr, "width"), attr(t.Attr, "height")
	if w == "" || h == "" || !length(w) || !length(h) {
		c.problem(off, "%s has no width and height in pixels: AMP needs both to make it an amp-img", clip(raw))
		return
	}
	if src := attr(t.Attr, "src"); !hasMask(src) && !urlAllowed(src, imageSchemes) {
		c.problem(off, "%s: AMP images need an https URL", clip(raw))
		return
	}
	layout := "fixed"
	if n, err := strconv.Atoi(w); err == nil && n > 300 {
		layout = "responsive"
	}
	attrs := append(t.Attr, nethtml.Attribute{Key: "layout", Val: layout})
	c.b.WriteString("<amp-img" + c.attrs("amp-img", attrs) + "></amp-img>")
}

// length reports whether v is a pixel count (or a masked action).
func length(v string) bool {
	v = strings.TrimSuffix(v, "px")
	_, err := strconv.Atoi(v)
	return err == nil || hasMask(v)
}

var maskWord = regexp.MustCompile(`tlr\d+x`)

func hasMask(v string) bool { return maskWord.MatchString(v) }

var maskAttr = regexp.MustCompile(`^tlr-\d+$`)

// attrs serializes the attributes of a kept element that AMP4EMAIL allows.
func (c *converter) attrs(tag string, list []nethtml.Attribute) string {
	var b strings.Builder
	for _, a := range list {
		val, ok := keepAttr(tag, a)
		switch {
		case maskAttr.MatchString(a.Key):
			b.WriteString(" " + a.Key + `=""`)
		case !ok:
		case tag == "html" && a.Key != "lang" && a.Key != "dir":
		default:
			b.WriteString(" " + a.Key + `="` + html.EscapeString(val) + `"`)
		}
	}
	return b.String()
}

// keepAttr returns the value to keep for a, or false to drop it.
func keepAttr(tag string, a nethtml.Attribute) (string, bool) {
	k := a.Key
	if !globalAttrs[k] && !tagAttrs[tag][k] && !strings.HasPrefix(k, "aria-") {
		return "", false
	}
	switch {
	case k == "style":
		v := StyleAttr(a.Val)
		return v, v != ""
	case k == "id":
		return a.Val, !strings.HasPrefix(a.Val, "-amp-") && !strings.HasPrefix(a.Val, "i-amp")
	case k == "target":
		return a.Val, a.Val == "_blank"
	case urlAttrs[k] && !hasMask(a.Val):
		schemes := linkSchemes
		if tag == "amp-img" {
			schemes = imageSchemes
		}
		return a.Val, urlAllowed(a.Val, schemes)
	}
	return a.Val, true
}

// urlAllowed reports whether u is an absolute URL with one of schemes.
func urlAllowed(u string, schemes map[string]bool) bool {
	scheme, _, ok := strings.Cut(strings.TrimSpace(u), ":")
	return ok && schemes[strings.ToLower(scheme)]
}

func attr(list []nethtml.Attribute, key string) string {
	for _, a := range list {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func clip(s string) string {
	if len(s) > 120 {
		return s[:117] + "..."
	}
	return s
}
