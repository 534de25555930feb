package check

import (
	"context"
	_ "embed"
	"fmt"
	"strconv"

	"github.com/chromedp/chromedp"
)

// measureJS measures a laid-out page; see browser.js.
//
//go:embed browser.js
var measureJS string

// markAttr carries an element's byte offset in the rendered HTML into
// the browser, so that what the browser finds goes back to the source.
const markAttr = "data-tailor-at"

// instrument returns d's source with markAttr="offset" added to every
// start tag, right after its name. Only the browser sees this copy: the
// email as rendered and sent is untouched.
func instrument(d *document) []byte {
	out := make([]byte, 0, len(d.src)+len(d.src)/4)
	prev := 0
	d.root.walk(func(n *node) {
		if n.tag == "" || n.tag == "#root" {
			return
		}
		cut := n.off + 1 + len(n.tag)
		if cut > len(d.src) {
			return
		}
		out = append(out, d.src[prev:cut]...)
		out = append(out, ` `+markAttr+`="`...)
		out = strconv.AppendInt(out, int64(n.off), 10)
		out = append(out, '"')
		prev = cut
	})
	return append(out, d.src[prev:]...)
}

// BrowserHTML lays one rendered HTML email out in b at each viewport and
// returns the browser findings, placed in the document (file names it):
//
//	browser/overflow    error: an element passes its container's edge,
//	                    or the page is wider than the screen
//	browser/contrast    error: text under WCAG AA against the background
//	                    it is painted on (4.5:1; 3:1 from 24 px, or
//	                    18.66 px bold)
//	browser/invisible   error: text visible in one colour scheme and
//	                    under 1.5:1 with its background in the other, or
//	                    a box with a background of its own (a button, a
//	                    band) that stands out in light mode and not in
//	                    dark mode
//	browser/tap-target  warning: a link or button that is not part of a
//	                    sentence, under 44 x 44 px at phone widths (up to
//	                    414 px), unless a large enough target has its href
//	browser/text-size   warning: text under 14 px at phone widths
//	browser/img-size    warning: an <img> without width and height
//	                    attributes, which collapses with images blocked
//
// Each finding names the viewports where it holds. nil vps means
// Viewports().
func BrowserHTML(ctx context.Context, b *Browser, file string, doc []byte, vps []Viewport) ([]Finding, error) {
	d, err := parseDocument(file, doc)
	if err != nil {
		return nil, err
	}
	fs, err := b.lint(ctx, d, vps)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	Sort(fs)
	return fs, nil
}

// lint runs the browser rules on a parsed document.
func (b *Browser) lint(ctx context.Context, d *document, vps []Viewport) ([]Finding, error) {
	if vps == nil {
		vps = Viewports()
	}
	p, err := b.open(ctx, instrument(d))
	if err != nil {
		return nil, err
	}
	defer p.close()
	layouts := map[Viewport]*layout{}
	for _, vp := range vps {
		if err := p.view(vp, 0); err != nil {
			return nil, err
		}
		l, err := chromedp.Run(p.ctx, chromedp.Evaluate[*layout](measureJS))
		if err != nil {
			return nil, fmt.Errorf("measure at %s: %w", vp, err)
		}
		layouts[vp] = l
	}
	body := 0
	if n := d.find(func(n *node) bool { return n.tag == "body" }); n != nil {
		body = n.off
	}
	return gather(d, judge(layouts, body)), nil
}
