package validator

import (
	"math/rand"
	"regexp"
	"strings"
)

var mutTagRe = regexp.MustCompile(`<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s=>]+(?:="[^"]*")?)*)\s*>`)
var mutAttrRe = regexp.MustCompile(`\s+[^\s=>]+(?:="[^"]*")?`)

var (
	mutAttrs = []string{` onclick="x()"`, ` layout="fill"`, ` width="10"`, ` height="auto"`, ` src="http://e.com/a"`,
		` href="/rel"`, ` style="position:fixed"`, ` [src]="x"`, ` id="AMP"`, ` class="i-amphtml-a"`, ` type="password"`,
		` layout="responsive"`, ` option`, ` submitting`, ` template="t"`, ` data-foo="1"`, ` on="tap:x.toggle"`,
		` value="{{{v}}}"`, ` src="https://e.com/{{x}}"`, ` controls`, ` placeholder`}
	mutNames = []string{"div", "span", "amp-img", "amp-anim", "section", "template", "form", "input", "a", "p",
		"amp-list", "amp-carousel", "script", "style", "button", "amp-selector", "amp-accordion", "amp-state", "select"}
	mutValues = []string{"", "{{x}}", "https://e.com/a.png", "0", "abc", "javascript:x", "fixed", "nodisplay",
		"container", "fixed-height", "1.5", "post"}
	mutInserts = []string{`<amp-img src="https://e.com/a.png" width="1" height="1"></amp-img>`,
		`<template type="amp-mustache">{{x}}</template>`, `<input name="a">`, `text`, `<p>{{{x}}}</p>`}
	mutCSS = []string{`.x{color:red !important}`, `@font-face{}`, `.y{animation:a}`, `.z{z-index:1000}`,
		`.q::after{color:red}`, `/*c`, `.s{background:url(http://e.com)}`, `@media print{}`}
)

// mutate changes one tag of doc: drops, adds or changes an attribute,
// renames, deletes, repeats the tag, inserts markup after it, or adds a
// CSS rule.
func mutate(rng *rand.Rand, doc string) string {
	ms := mutTagRe.FindAllStringSubmatchIndex(doc, -1)
	if len(ms) == 0 {
		return doc
	}
	m := ms[rng.Intn(len(ms))]
	whole, name := doc[m[0]:m[1]], doc[m[2]:m[3]]
	attrs := mutAttrRe.FindAllString(doc[m[4]:m[5]], -1)
	pick := func(list []string) string { return list[rng.Intn(len(list))] }
	switch rng.Intn(8) {
	case 0:
		if len(attrs) > 0 {
			i := rng.Intn(len(attrs))
			attrs = append(attrs[:i], attrs[i+1:]...)
		}
	case 1:
		attrs = append(attrs, pick(mutAttrs))
	case 2:
		name = pick(mutNames)
	case 3:
		return doc[:m[0]] + doc[m[1]:]
	case 4:
		if len(attrs) > 0 {
			i := rng.Intn(len(attrs))
			attrs[i] = strings.SplitN(attrs[i], "=", 2)[0] + `="` + pick(mutValues) + `"`
		}
	case 5:
		return doc[:m[1]] + whole + doc[m[1]:]
	case 6:
		return doc[:m[1]] + pick(mutInserts) + doc[m[1]:]
	default:
		return strings.Replace(doc, "</style>", pick(mutCSS)+"</style>", 1)
	}
	return doc[:m[0]] + "<" + name + strings.Join(attrs, "") + ">" + doc[m[1]:]
}
