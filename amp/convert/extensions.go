package convert

import (
	"sort"
	"strings"

	"golang.org/x/net/html"
)

// Extension is an AMP component an AMP4EMAIL document loads with a script.
type Extension struct {
	Name     string // e.g. "amp-carousel"
	Version  string // the version AMP4EMAIL accepts, e.g. "0.2"
	Template bool   // a template type (amp-mustache): custom-template, not custom-element
}

// extensionOf returns the extension that defines an element (or a
// template type), at the version AMP4EMAIL accepts.
func extensionOf(name string) (Extension, bool) {
	switch name {
	case "amp-carousel":
		return Extension{name, "0.2", false}, true
	case "amp-mustache":
		return Extension{name, "0.2", true}, true
	case "amp-accordion", "amp-anim", "amp-autocomplete", "amp-bind", "amp-fit-text", "amp-form",
		"amp-image-lightbox", "amp-lightbox", "amp-list", "amp-selector", "amp-sidebar", "amp-timeago":
		return Extension{name, "0.1", false}, true
	}
	return Extension{}, false
}

// Script returns the <script> element that loads the extension.
func (e Extension) Script() string {
	attr := "custom-element"
	if e.Template {
		attr = "custom-template"
	}
	return `<script async ` + attr + `="` + e.Name + `" src="https://cdn.ampproject.org/v0/` +
		e.Name + `-` + e.Version + `.js"></script>`
}

// Scripts returns the script elements for the named extensions, in name
// order, one per line.
func Scripts(names []string) string {
	sorted := append([]string(nil), names...)
	sort.Strings(sorted)
	var b strings.Builder
	for i, n := range sorted {
		if i > 0 && sorted[i-1] == n {
			continue
		}
		if e, ok := extensionOf(n); ok {
			b.WriteString(e.Script())
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// Detect returns, sorted, the extensions the markup uses: amp-* elements,
// <form> (amp-form), <template type="amp-mustache">, and amp-bind's
// <amp-state> and [attr] bindings.
func Detect(markup string) []string {
	found := map[string]bool{}
	z := html.NewTokenizer(strings.NewReader(markup))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		detectTag(tok, found)
	}
	out := make([]string, 0, len(found))
	for n := range found {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

func detectTag(tok html.Token, found map[string]bool) {
	name := tok.Data
	switch {
	case name == "amp-state":
		found["amp-bind"] = true
	case name == "form":
		found["amp-form"] = true
	case name == "template" || name == "script":
		for _, a := range tok.Attr {
			if a.Key == "type" && a.Val == "amp-mustache" || a.Key == "template" {
				found["amp-mustache"] = true
			}
		}
	}
	if _, ok := extensionOf(name); ok {
		found[name] = true
	}
	for _, a := range tok.Attr {
		if strings.HasPrefix(a.Key, "[") {
			found["amp-bind"] = true
		}
	}
}
