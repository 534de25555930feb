package escape

import "testing"

// benchValues are typical values of a personalized email: a name that
// needs no escaping, one that does, a URL and a number.
var benchValues = []struct {
	name string
	v    any
}{
	{"plain", "Jane Doe"},
	{"special", `Tom & Jerry's "<Shop>"`},
	{"url", "https://example.com/p/42?ref=mail&utm_source=news"},
	{"int", 42},
}

// benchEscapers are the escapers of the common contexts: HTML text, a
// quoted attribute, a URL attribute and a URL query.
var benchEscapers = []string{
	"_html_template_htmlescaper", "_html_template_attrescaper", "_html_template_urlfilter",
	"_html_template_urlnormalizer", "_html_template_urlescaper",
}

var benchSink string

// BenchmarkEscapers times the common escapers on typical values, through
// Lookup as the template executor calls them.
func BenchmarkEscapers(b *testing.B) {
	for _, name := range benchEscapers {
		e := Lookup(name)
		for _, bv := range benchValues {
			b.Run(name[len("_html_template_"):]+"/"+bv.name, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					benchSink = e(bv.v)
				}
			})
		}
	}
}
