package escape

import (
	"encoding/json"
	"errors"
	htmltemplate "html/template"
	"math"
	"strings"
	"time"
)

// hostile are strings that exercise the escapers: specials of every
// context, scheme tricks, CSS and JS escapes, noncharacters, invalid UTF-8.
var hostile = []string{
	"", "plain", "Jane Doe", `<b>"quoted" & 'single'</b>`, "a\x00b", "\x00", "\ufdd0\ufffe", "caf\xc3", "\xff\xfe", "\xe2\x80",
	"é ü 😀", "\u2028\u2029", "a\u2028b", "\ufdd0", "\ufdef", "\ufdf0", "\ufff0", "\uffff", "\ufffd", "\U0001fffe",
	"+ - ' \" ` = < > & ; : / \\ ( ) { } [ ] $ * ? . ^ | ! # @ % , ~ _", "\t\n\v\f\r ", "</script>", "</SCRIPT >x",
	"<!--", "-->", "]]>", "javascript:alert(1)", "JavaScript:x", " javascript:x", "\tjavascript:x", "java\nscript:x",
	"jAvAsCrIpT:alert(1)", "javascript&#58;x", "data:text/html;base64,PHNjcmlwdD4=", "DATA:x", "vbscript:x",
	"http://x.example", "HTTPS://x.example/a b?c=d&e=f#g", "mailto:a@b.c", "MAILTO:x", "httpſ://x", "/a:b", "a/b:c",
	"?x:y", "#x:y", "//host/p", "%41%zz%", "%", "%4", "%4g", "a%41", "%2", "&amp;", "&lt;b&gt;", "&#34;", "&unknown;",
	"red", "#fff", "1px solid red", "expression(alert(1))", `Expr\65ssion`, "-moz-binding:url(x)", `\41`, `\`, `a\`,
	`\0`, `\110000`, `\d800`, "\\41\r\nb", "\\41 b", `\"`, "url(x)", "--", "a-b", "a--b", "exp ression", "e\\x",
	"alert(1)", "a/b", "/re/g", "${x}", "`", `\u2028`, "a.png 1x, b.png 2x", " a.png  1x ,b.png", "javascript:x 1x",
	"a.png 1.5x", ",", " , ", "a.png,", "a b c", "data:x 1x", "title", "TITLE", "onclick", "href", "Href", "srcx",
	"xsrc", "style", "data", "value", "id", "a1", "1a", "\u212aey", "ſrc", "<b>bold</b>", "a<b>c", "a<b", "a<!--",
	"a<!--b-->c", `<p title="1>2">x</p>`, "<title>T<x</title>after", "<script>alert(1)</script>after",
	"<textarea>t</textarea>", "<a href=x>y</a>", `<a "b">c`, "<a =b>c", "I <3 ponies", "x</", "x<", "<br/>z",
	"<a b='c>d'>e", "<a b=c>d", "<a b=>c", "<a b", "<a b=", "<a b= ", "<!-- unclosed", "<style>p{}</style>t",
	"<SCRIPT>x</SCRIPT >y", "<script>a</scripty>b</script>c", "<title>a</title", "&amp; <b>&lt;</b>", "<a-b:c>x",
	"<a:>", `</a b="c>d">e`, "<textarea>a<b</textarea>c<i>d", "x<!-->y-->z", "<a\tb\n=\f'c'\r>d", "<b",
	"<!---->", "<p", "a<1b", "<a/b>c", "<title>x</title >y", "<a b=\"c\"d=e>f", "<a b c>d", "expr-ession",
	"-moz-binding", "mozbinding", "MozBinding", "x:e\\78pression", "a\\-\\-b", "\\3c", "\\FFFFFF", "\\0000411",
	strings.Repeat("<b>x</b>&", 500), strings.Repeat("a", 10000), strings.Repeat("é<", 3000),
}

// stringer prints itself with String; ptrStringer only through a pointer.
type (
	stringer    struct{ s string }
	ptrStringer struct{ s string }
	both        struct{} // a fmt.Stringer and a json.Marshaler
	badJSON     struct{} // a json.Marshaler that fails
	named       string   // a string type of its own
	record      struct { // a struct, with an unexported field
		Name string
		n    int
	}
)

func (s stringer) String() string            { return "str<" + s.s + ">" }
func (p *ptrStringer) String() string        { return "ptr<" + p.s + ">" }
func (both) String() string                  { return "both" }
func (both) MarshalJSON() ([]byte, error)    { return []byte(`{"both":true}`), nil }
func (badJSON) MarshalJSON() ([]byte, error) { return nil, errors.New("no */ </script> <!-- here") }

// otherValues are values of types other than string.
func otherValues() []any {
	s, h := "p<a>", htmltemplate.HTML("<b>h</b>")
	ps, var2028 := &s, "x\u2028y"
	var nilString *string
	when := time.Date(2024, 2, 29, 13, 4, 5, 6, time.UTC)
	return []any{
		nil, 0, 42, -7, int64(1 << 40), uint8(7), 3.5, 1e21, 1e20, 1e-7, math.Copysign(0, -1), math.Inf(1),
		math.Inf(-1), math.NaN(), float32(1.5), 1 + 2i, true, false, nilString, ps, &ps, &h, &var2028,
		[]any{"a", 1, nil, "<b>"}, []string{"x", "<y>"}, []int{}, map[string]any{"k": "v<", "n": 1},
		map[string]any{"outer": map[string]any{"inner": []any{1, "two"}}}, map[string]int(nil), when, &when,
		stringer{"<x>"}, &stringer{"y"}, ptrStringer{"v"}, &ptrStringer{"w"}, both{}, &both{}, badJSON{},
		errors.New("bad <x> & y"), named("n<m>"), record{Name: "r&d", n: 3}, &record{Name: "p"}, []byte("hi"),
		json.RawMessage(`{"a":[1,2]}`), json.Number("12.5"), make(chan int), struct{}{},
	}
}

// contentTypes makes every html/template content type of s.
func contentTypes(s string) []any {
	return []any{
		htmltemplate.HTML(s), htmltemplate.HTMLAttr(s), htmltemplate.CSS(s), htmltemplate.JS(s),
		htmltemplate.JSStr(s), htmltemplate.URL(s), htmltemplate.Srcset(s),
	}
}

// markupStrings are markupWith each byte.
func markupStrings() []string {
	var out []string
	for c := 0; c < 256; c++ {
		out = append(out, markupWith(string([]byte{byte(c)}))...)
	}
	return out
}

// markupWith gives HTML fragments with b in the places where stripping
// tags looks at a byte: after a tag's '<', in and after its name, in and
// after an attribute's name and value, in a comment's start and end, and
// after the name of an end tag of an element whose content is not HTML.
func markupWith(b string) []string {
	return []string{"a<" + b + "b>c", "a</" + b + "b>c", "a<b" + b + "c>d", "a<b" + b + "=c>d", "a<b c" + b + "=d>e",
		"a<b c=" + b + "d>e", "a<b c=d" + b + "e>f", "a<b c=d" + b + "'e>f", "a<b c=\"d" + b + "\"e>f",
		"<title>x</title" + b + "y", "<textarea>x</TEXTAREA" + b, "<script>x</script" + b + "y>z",
		"<style>x</style" + b + ">z", "a<!" + b + "-b-->c", "a<!--b-" + b + "->c", "<x:" + b + "y>z",
		"<title" + b + "x>a</title>b<i>c", "<script" + b + "1>a</script>b"}
}

// byteStrings are every byte value alone, and between characters that
// the escapers look at next to an escape.
func byteStrings() []any {
	var out []any
	for c := 0; c < 256; c++ {
		b := string([]byte{byte(c)})
		out = append(out, b, "x"+b+"1", "-"+b+" ", b+"\u2028")
	}
	return out
}
