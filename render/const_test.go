package render

import (
	"context"
	htmltemplate "html/template"
	"strings"
	"testing"

	"github.com/tailor-email/tailor/examples/shop"
	"github.com/tailor-email/tailor/segment"
	"github.com/tailor-email/tailor/text"
)

// TestConstantModulesRenderAtLoad checks that a module with nothing per
// recipient is rendered once, when the workspace loads, that one with
// tokens is not, and that a recipient gets the same output either way.
func TestConstantModulesRenderAtLoad(t *testing.T) {
	c, err := Load(shop.FS())
	if err != nil {
		t.Fatal(err)
	}
	e, _ := c.email("newsletter")
	for id, want := range map[string]bool{"products/bestsellers": true, "products/atelier": true, "products/recommendations": false} {
		p := e.modules["products"][id]
		if got := p.htmlConst != nil && p.textConst != nil; got != want {
			t.Errorf("%s: rendered at load %v, want %v", id, got, want)
		}
	}
	m, err := c.Render(context.Background(), Request{Email: "newsletter", Profile: segment.Profile{"id": "x", "email": "x@example.com"}})
	if err != nil {
		t.Fatal(err)
	}
	if m.Modules["products"] != "products/bestsellers" {
		t.Fatalf("products module %s, want the fallback", m.Modules["products"])
	}
	p := e.modules["products"]["products/bestsellers"]
	var html, txt strings.Builder
	if err := p.html.Execute(&html, &Data{}); err != nil {
		t.Fatal(err)
	}
	if err := p.text.Execute(&txt, &Data{}); err != nil {
		t.Fatal(err)
	}
	if html.Len() == 0 || string(p.htmlConst.(htmltemplate.HTML)) != html.String() || p.textConst != txt.String() {
		t.Errorf("rendered at load:\n%s\n%s\nexecuted:\n%s\n%s", p.htmlConst, p.textConst, html.String(), txt.String())
	}
	if !strings.Contains(m.HTML, html.String()) || !strings.Contains(m.Text, text.Wrap(txt.String(), text.Width)) {
		t.Errorf("the message lacks the module:\n%s", m.HTML)
	}
}
