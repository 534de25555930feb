package escape

import (
	htmltemplate "html/template"
	"strconv"
	"testing"
)

// The fuzz targets print a fuzzed value in each context of a group with
// html/template and with this package, and compare. The value is the
// fuzzed string as the type the fuzzed byte chooses.

// FuzzHTML fuzzes text, attribute values (quoted and not), RCDATA,
// comments and attribute names.
func FuzzHTML(f *testing.F) { fuzzContexts(f, htmlContexts) }

// FuzzURL fuzzes URLs in attributes and CSS: the filter, the normalizer,
// the escaper of a URL part, and srcset.
func FuzzURL(f *testing.F) { fuzzContexts(f, urlContexts) }

// FuzzCSS fuzzes CSS values, strings and comments, in <style> and in
// style attributes.
func FuzzCSS(f *testing.F) { fuzzContexts(f, cssContexts) }

// FuzzJS fuzzes JS values, strings, template literals, regular
// expressions and comments, in <script> and in event handler attributes.
func FuzzJS(f *testing.F) { fuzzContexts(f, jsContexts) }

// valueKinds is how many types fuzzValue makes.
const valueKinds = 12

// fuzzValue is s as the type kind chooses: a plain string, a content
// type, a number read from s, a list, a pointer or a map holding s.
func fuzzValue(s string, kind byte) any {
	switch kind % valueKinds {
	case 1:
		return htmltemplate.HTML(s)
	case 2:
		return htmltemplate.HTMLAttr(s)
	case 3:
		return htmltemplate.CSS(s)
	case 4:
		return htmltemplate.JS(s)
	case 5:
		return htmltemplate.JSStr(s)
	case 6:
		return htmltemplate.URL(s)
	case 7:
		return htmltemplate.Srcset(s)
	case 8:
		return number(s)
	case 9:
		return []any{s}
	case 10:
		return &s
	case 11:
		return map[string]any{"k": s}
	}
	return s
}

// number is s read as an int, else as a float64, else its length.
func number(s string) any {
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	if x, err := strconv.ParseFloat(s, 64); err == nil {
		return x
	}
	return len(s)
}

// fuzzSeeds are the hostile strings short enough to mutate, markup to
// mutate, and the seeds of the fuzz test this package had before.
func fuzzSeeds() []string {
	seeds := []string{"", "<a>", "javascript:x", "https://a.b/c?d=e&f", "%41%zz", "\x00\ufdd0", "é'\"+", "1e400", "-0", "NaN", "12"}
	for _, s := range hostile {
		if len(s) <= 200 {
			seeds = append(seeds, s)
		}
	}
	seeds = append(seeds, markupWith(" ")...)
	return append(seeds, markupWith("x")...)
}

func fuzzContexts(f *testing.F, group []string) {
	cs := newContexts(f, group)
	for i, s := range fuzzSeeds() {
		f.Add(s, byte(0))                  // a string
		f.Add(s, byte(1))                  // HTML
		f.Add(s, byte(2+i%(valueKinds-2))) // and one of the other types
	}
	f.Fuzz(func(t *testing.T, s string, kind byte) {
		v := fuzzValue(s, kind)
		for _, c := range cs {
			c.check(t, v)
		}
	})
}
