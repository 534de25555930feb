package render

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tailor-email/tailor/amp/validator"
)

// proofOf proves a small AMP document whose body text is body, with one
// span (a value) in it.
func proofOf(t *testing.T, body string) (string, []validator.Span, *validator.Proof) {
	t.Helper()
	head := "<!doctype html>\n<html ⚡4email data-css-strict>\n<head>\n<meta charset=\"utf-8\">\n" +
		"<script async src=\"https://cdn.ampproject.org/v0.js\"></script>\n" +
		"<style amp4email-boilerplate>body{visibility:hidden}</style>\n</head>\n<body>\n<p>" + body + " "
	doc := head + "Ana</p>\n</body>\n</html>\n"
	spans := []validator.Span{{Start: len(head), End: len(head) + 3}}
	res, p := validator.Prove([]byte(doc), spans)
	if !res.Pass || p == nil {
		t.Fatalf("no proof: %s", res.Summary())
	}
	return doc, spans, p
}

// TestAMPProofsBound: shapes are kept until their skeletons reach the
// bound; a shape met after that is not kept, and one kept is found again.
func TestAMPProofsBound(t *testing.T) {
	c := newAMPProofs()
	doc, spans, p := proofOf(t, "shape 0")
	c.maxBytes = 3*len(p.Skeleton()) + 1
	for i := range 5 {
		doc, spans, p := proofOf(t, fmt.Sprintf("shape %d", i))
		c.add(c.key(doc, spans), p)
		c.add(c.key(doc, spans), p) // a shape is kept once
	}
	if c.size() != 3 {
		t.Errorf("%d shapes kept, want 3", c.size())
	}
	if c.find(c.key(doc, spans), doc, spans) == nil {
		t.Error("a kept shape is not found")
	}
	other := strings.Replace(doc, "Ana", "Bob", 1)
	if c.find(c.key(other, spans), other, spans) == nil {
		t.Error("a kept shape with another value is not found")
	}
	last, lastSpans, _ := proofOf(t, "shape 4")
	if c.find(c.key(last, lastSpans), last, lastSpans) != nil {
		t.Error("a shape met past the bound was kept")
	}
}
