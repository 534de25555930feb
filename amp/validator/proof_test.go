package validator

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/tailor-email/tailor/amp/validator/official"
)

// shaped joins parts, which alternate static text and values (static,
// value, static, ..., static), into a document whose spans are the values.
func shaped(parts ...string) ([]byte, []Span) {
	var doc []byte
	var spans []Span
	for i, p := range parts {
		start := len(doc)
		doc = append(doc, p...)
		if i%2 == 1 {
			spans = append(spans, Span{start, len(doc)})
		}
	}
	return doc, spans
}

// proofStatic is a document with a value in each position Prove accepts:
// the html tag's lang, a class, text, a link, an amp-img's src and alt,
// an amp-list's src, a data-* attribute, and an empty value between tags.
var proofStatic = []string{
	"<!doctype html>\n<html ⚡4email data-css-strict lang=\"", "\">\n<head>\n<meta charset=\"utf-8\">\n" +
		"<script async src=\"https://cdn.ampproject.org/v0.js\"></script>\n" +
		"<script async custom-element=\"amp-list\" src=\"https://cdn.ampproject.org/v0/amp-list-0.1.js\"></script>\n" +
		"<style amp4email-boilerplate>body{visibility:hidden}</style>\n<style amp-custom>.x{color:red}</style>\n</head>\n<body>\n" +
		"<p class=\"x ", "\">Hello ", "!</p>\n<a href=\"", "\">Shop</a>\n" +
		"<amp-img src=\"", "\" width=\"10\" height=\"10\" layout=\"fixed\" alt=\"", "\"></amp-img>\n" +
		"<amp-list src=\"https://shop.example/l.json?u=", "&amp;v=1\" layout=\"fixed-height\" height=\"40\" data-x=\"", "\"><div>", "</div></amp-list>\n" +
		"</body>\n</html>\n",
}

// proofDoc fills proofStatic's nine positions.
func proofDoc(values ...string) ([]byte, []Span) {
	parts := make([]string, 0, 2*len(proofStatic)-1)
	for i, s := range proofStatic {
		parts = append(parts, s)
		if i < len(values) {
			parts = append(parts, values[i])
		}
	}
	return shaped(parts...)
}

var proofValues = []string{"en", "y", "Ana", "https://shop.example/p", "https://shop.example/a.png", "A shirt", "c-1", "1", ""}

func TestProveAcceptsEveryPosition(t *testing.T) {
	doc, spans := proofDoc(proofValues...)
	res, p := Prove(doc, spans)
	if !res.Pass {
		t.Fatalf("the document should pass:\n%s", errorLines(res))
	}
	if p == nil {
		t.Fatal("no proof for a document with values only in text and plain attribute values")
	}
	if !p.Check(string(doc), spans) {
		t.Error("the proven document does not check")
	}
	if got, want := p.Skeleton(), strings.Join(proofStatic, ""); got != want {
		t.Errorf("skeleton:\n%s\nwant:\n%s", got, want)
	}
	other, spans2 := proofDoc("fr", "big", "Bob &amp; Carl", "mailto:a@b.example", "https://img.example/b.jpg?x=1&amp;y=2", "", "c-2", "x", "More text")
	if !p.Check(string(other), spans2) {
		t.Errorf("a document of the shape with other valid values does not check: %s", Validate(other).Summary())
	}
}

// hostileValues are values a recipient could send, raw (not escaped, as
// if a template printed them as they are) and escaped.
var hostileValues = []string{
	"", " ", "<", ">", `"`, "'", "&", "&amp;", "&#34;", "&quot;", "<b>x</b>", "</p>", "<!--", "-->", "x\x00y", "\r\n",
	"javascript:alert(1)", "#ZgotmplZ", "/relative", "http://insecure.example/a.png", "data:text/html,x",
	" https://ok.example/ ", "{{name}}", "{{{html}}}", "{{> partial}}", "&#123;&#123;x&#125;&#125;",
	"i-amphtml-x", "x i-amphtml-y", "__amp_source_origin", "fixed", "10", "style=\"x\"", "\" onclick=\"x()",
	strings.Repeat("a", 200001), strings.Repeat("é", 70000),
}

// TestProofNeverPassesWhatValidateFails puts each hostile value into each
// position of a proven document: whenever Check says the document passes,
// Validate must say so too, and so must the official validator (when
// TAILOR_AMP_VALIDATOR is set). It also wants Check to pass some and
// refuse some, so that the test can fail both ways.
func TestProofNeverPassesWhatValidateFails(t *testing.T) {
	doc, spans := proofDoc(proofValues...)
	_, p := Prove(doc, spans)
	if p == nil {
		t.Fatal("no proof")
	}
	checked, refused := map[string][]byte{}, 0
	for pos := range proofValues {
		for i, v := range hostileValues {
			values := append([]string(nil), proofValues...)
			values[pos] = v
			d, s := proofDoc(values...)
			if !p.Check(string(d), s) {
				refused++
				continue
			}
			checked[fmt.Sprintf("pos%d-value%d", pos, i)] = d
			if res := Validate(d); !res.Pass {
				t.Errorf("position %d = %.40q: Check passes a document Validate fails: %s", pos, v, res.Summary())
			}
		}
	}
	if len(checked) == 0 || refused == 0 {
		t.Errorf("checked %d, refused %d: want both", len(checked), refused)
	}
	official.ValidateDocs(t, checked)
}

// TestProveRefuses: a value where the validator reads more than its own
// bytes gives no proof (the document is validated in full each time).
func TestProveRefuses(t *testing.T) {
	head := "<!doctype html>\n<html ⚡4email data-css-strict>\n<head>\n<meta charset=\"utf-8\">\n" +
		"<script async src=\"https://cdn.ampproject.org/v0.js\"></script>\n" +
		"<script async custom-element=\"amp-list\" src=\"https://cdn.ampproject.org/v0/amp-list-0.1.js\"></script>\n" +
		"<style amp4email-boilerplate>body{visibility:hidden}</style>\n<style amp-custom>.x{color:"
	mid := "}</style>\n</head>\n<body>\n"
	tail := "\n<amp-list src=\"https://a.example/l.json\" layout=\"fixed-height\" height=\"9\"><div>x</div></amp-list>\n</body>\n</html>\n"
	cases := []struct {
		name  string
		parts []string
	}{
		{"stylesheet", []string{head, "red", mid + "<p>x</p>" + tail}},
		{"style attribute", []string{head + "red" + mid + `<p style="color:`, "red", `">x</p>` + tail}},
		{"layout attribute", []string{head + "red" + mid + `<amp-img src="https://a.example/x.png" width="`, "10", `" height="10" layout="fixed"></amp-img>` + tail}},
		{"unquoted value", []string{head + "red" + mid + `<p class=`, "x", `>x</p>` + tail}},
		{"single-quoted value", []string{head + "red" + mid + `<p class='`, "x", `'>x</p>` + tail}},
		{"attribute name", []string{head + "red" + mid + `<p `, "title", `="x">x</p>` + tail}},
		{"markup", []string{head + "red" + mid + `<p>`, "<b>x</b>", `</p>` + tail}},
		{"end tag", []string{head + "red" + mid + `<p>x</p`, " ", `>` + tail}},
		{"white space in head", []string{head + "red}</style>\n", " ", "</head>\n<body>\n<p>x</p>" + tail}},
		{"extension src", []string{strings.Split(head, `https://cdn.ampproject.org/v0/amp-list-0.1.js`)[0], "https://cdn.ampproject.org/v0/amp-list-0.1.js", strings.Split(head, `https://cdn.ampproject.org/v0/amp-list-0.1.js`)[1] + "red" + mid + tail}},
		{"a spec chosen after another failed on an attribute", []string{head + "red" + mid + `<amp-list src="https://a.example/l.json" layout="fixed-height" height="9"><div fetch-error class="`, "x", `">x</div></amp-list>` + tail}},
		{"dispatch attribute", []string{strings.Replace(head, "<style amp4", formScript+"\n<style amp4", 1) + "red" + mid + `<form method="`, "post", `" action-xhr="https://a.example/s"><input name="q"></form>` + tail}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc, spans := shaped(c.parts...)
			res, p := Prove(doc, spans)
			if !res.Pass {
				t.Fatalf("the document should pass: %s", res.Summary())
			}
			if p != nil {
				t.Error("Prove gave a proof")
			}
		})
	}
}

const formScript = `<script async custom-element="amp-form" src="https://cdn.ampproject.org/v0/amp-form-0.1.js"></script>`

// TestCheckRefusesOtherShapes: a document whose bytes around the spans
// differ, or with another number of spans, does not check.
func TestCheckRefusesOtherShapes(t *testing.T) {
	doc, spans := proofDoc(proofValues...)
	_, p := Prove(doc, spans)
	if p == nil {
		t.Fatal("no proof")
	}
	other := []byte(strings.Replace(string(doc), "Shop", "Sh<b>o</b>p", 1))
	if p.Check(string(other), spans) {
		t.Error("a document with other static bytes checks")
	}
	if p.Check(string(doc), spans[:len(spans)-1]) {
		t.Error("a document with a span less checks")
	}
	bad := append([]Span(nil), spans...)
	bad[1], bad[2] = bad[2], bad[1]
	if p.Check(string(doc), bad) {
		t.Error("spans out of order check")
	}
}

// TestCheckTextAfterTagOpen: text right after a static "<" could open a
// tag, whatever it is, so it never checks.
func TestCheckTextAfterTagOpen(t *testing.T) {
	before, after, _ := strings.Cut(emailDoc("", "<p>1 <MARK</p>"), "MARK")
	parts := []string{before, " 2", after}
	doc, spans := shaped(parts...)
	res, p := Prove(doc, spans)
	if !res.Pass || p == nil {
		t.Fatalf("pass %v, proof %v: %s", res.Pass, p != nil, res.Summary())
	}
	parts[1] = "b"
	doc, spans = shaped(parts...)
	if p.Check(string(doc), spans) {
		t.Errorf("text after < checks; Validate says %s", Validate(doc).Summary())
	}
}

// FuzzProof fills the proven document's positions with fuzzed values:
// Check may refuse a document Validate passes, never the other way.
func FuzzProof(f *testing.F) {
	for _, v := range hostileValues[:len(hostileValues)-2] {
		f.Add(v, uint8(0))
		f.Add(v, uint8(4))
	}
	doc, spans := proofDoc(proofValues...)
	_, p := Prove(doc, spans)
	if p == nil {
		f.Fatal("no proof")
	}
	f.Fuzz(func(t *testing.T, v string, pos uint8) {
		values := append([]string(nil), proofValues...)
		values[int(pos)%len(values)] = v
		d, s := proofDoc(values...)
		if p.Check(string(d), s) {
			if res := Validate(d); !res.Pass {
				t.Fatalf("Check passes a document Validate fails: %s", res.Summary())
			}
		}
	})
}

// TestScheme compares scheme with the pattern the official validator's
// URL rules use for a URL's scheme.
func TestScheme(t *testing.T) {
	re := regexp.MustCompile(`^([a-zA-Z][a-zA-Z0-9+.\-]*):`)
	for _, u := range []string{"https://a", "HTTP:", "mailto:x", "tel:1", "a+b.c-d:x", "1a:", ":x", "", "a", "a:", "a b:", "#x", "/a:b", "javascript:x", "é:x", "a_b:x"} {
		name, ok := scheme(u)
		m := re.FindStringSubmatch(u)
		if ok != (m != nil) || ok && name != m[1] {
			t.Errorf("scheme(%q) = %q, %v; the pattern says %q", u, name, ok, m)
		}
	}
}

// TestPlainText compares plainText with the tokenizer: it decodes what
// html/template writes, and whatever it decodes reads the same.
func TestPlainText(t *testing.T) {
	plain := []string{"", "a", "a&amp;b", "&lt;&gt;&quot;&apos;", "&#34;&#39;&#43;&#96;&#123;&#125;", "&#034;", "é&amp;é"}
	other := []string{"&#0034;", "&amp", "&ampx", "&amp=", "&notit;", "&not;", "&#x22;", "&#128;", "&#31;", "&#127;", "&#;", "&#12",
		"&", "&&amp;", "x\r\ny", "&AMP;", "&lt"}
	for i, raw := range append(plain, other...) {
		got, ok := plainText(raw)
		if !ok {
			if i < len(plain) {
				t.Errorf("plainText(%q) does not decode it", raw)
			}
			continue
		}
		if want := tokenizedText(raw); got != want {
			t.Errorf("plainText(%q) = %q, the tokenizer reads %q", raw, got, want)
		}
	}
}
