package check

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/tailor-email/tailor/check/caniemail"
)

func TestParseSheet(t *testing.T) {
	src := `/* reset */ body{margin:0}
@import url("x.css");
@media screen and (max-width:600px){ .a , td.b:hover{ width:100% !important; color : red } }
@font-face { font-family: X; src: url(x.woff) }
.n { color: blue; .m { color: red } }`
	sh := parseSheet(src, 100)
	var rules, ats []string
	for _, r := range sh.rules {
		var ds []string
		for _, d := range r.decls {
			ds = append(ds, fmt.Sprintf("%s=%s/%v", d.prop, d.value, d.important))
		}
		rules = append(rules, fmt.Sprintf("%s@%d%v%v%v", r.selectors, r.off, r.media, ds, r.nested))
	}
	for _, a := range sh.atRules {
		ats = append(ats, fmt.Sprintf("%s(%s)@%d", a.name, a.prelude, a.off))
	}
	wantRules := []string{
		"body@112[][margin=0/false]false",
		".a , td.b:hover@186[@media screen and (max-width:600px)][width=100%/true color=red/false]false",
		".n@290[][color=blue/false]true",
	}
	wantAts := []string{`import(url("x.css"))@127`, "media(screen and (max-width:600px))@149", "font-face()@242"}
	if fmt.Sprint(rules) != fmt.Sprint(wantRules) {
		t.Errorf("rules:\n got %q\nwant %q", rules, wantRules)
	}
	if fmt.Sprint(ats) != fmt.Sprint(wantAts) {
		t.Errorf("at-rules:\n got %q\nwant %q", ats, wantAts)
	}
	if len(sh.comments) == 0 || sh.comments[0] != 100 {
		t.Errorf("comments = %v, want first at 100", sh.comments)
	}
}

func TestSelectorParts(t *testing.T) {
	tests := []struct {
		sel  string
		want string
	}{
		{"td", "type"},
		{".a .b", "class descendant class"},
		{"a > b + c ~ d", "type child type adjacent-sibling type general-sibling type"},
		{"td.x", "type chaining class"},
		{"#id [data-x] *", "id descendant attribute descendant universal"},
		{"a:hover, p::before", "grouping type :hover type ::before"},
		{"p:before", "type ::before"},
		{"li:not(.x):nth-child(2n+1)", "type :not class :nth-child"},
		{"u + .body .gmail", "type adjacent-sibling class descendant class"},
	}
	for _, tt := range tests {
		var got []string
		for _, p := range selectorParts(tt.sel) {
			switch p.kind {
			case caniemail.PseudoClass:
				got = append(got, ":"+p.name)
			case caniemail.PseudoElement:
				got = append(got, "::"+p.name)
			default:
				got = append(got, p.name)
			}
		}
		if g := strings.Join(got, " "); g != tt.want {
			t.Errorf("selectorParts(%q) = %q, want %q", tt.sel, g, tt.want)
		}
	}
}

func TestMediaFeatures(t *testing.T) {
	tests := []struct{ prelude, want string }{
		{"screen and (max-width: 600px)", "width"},
		{"(prefers-color-scheme: dark)", "prefers-color-scheme"},
		{"(-webkit-min-device-pixel-ratio: 2), (min-resolution: 192dpi)", "-webkit-device-pixel-ratio resolution"},
		{"(hover: hover) and (orientation:landscape)", "hover orientation"},
		{"print", ""},
	}
	for _, tt := range tests {
		if got := strings.Join(mediaFeatures(tt.prelude), " "); got != tt.want {
			t.Errorf("mediaFeatures(%q) = %q, want %q", tt.prelude, got, tt.want)
		}
	}
}

func TestColors(t *testing.T) {
	tests := []struct {
		a, b  string
		ratio float64 // 0: not a static pair
	}{
		{"#000", "#fff", 21},
		{"#777777", "white", 4.48},
		{"rgb(255, 0, 0)", "#FFFFFF", 4.00},
		{"rgba(0,0,0,1)", "#ffffff", 21},
		{"rgba(0,0,0,0.5)", "#ffffff", 0},
		{"var(--x)", "#ffffff", 0},
		{"#abcdef !important", "#abcdef", 1},
	}
	for _, tt := range tests {
		a, sa := parseColor(tt.a)
		b, sb := parseColor(tt.b)
		if tt.ratio == 0 {
			if sa == colorStatic && sb == colorStatic {
				t.Errorf("%s on %s: want a colour the linter cannot judge", tt.a, tt.b)
			}
			continue
		}
		if sa != colorStatic || sb != colorStatic {
			t.Errorf("%s on %s: not parsed (%d, %d)", tt.a, tt.b, sa, sb)
			continue
		}
		if r := contrastRatio(a, b); math.Abs(r-tt.ratio) > 0.01 {
			t.Errorf("contrast(%s, %s) = %.3f, want %.2f", tt.a, tt.b, r, tt.ratio)
		}
	}
}

func TestLargeText(t *testing.T) {
	tests := []struct {
		html string
		want bool
	}{
		{`<p style="font-size:24px">x</p>`, true},
		{`<p style="font-size:18px">x</p>`, false},
		{`<p style="font-size:19px;font-weight:bold">x</p>`, true},
		{`<b><span style="font-size:14pt">x</span></b>`, true},
		{`<b><span style="font-size:14pt;font-weight:normal">x</span></b>`, false},
		{`<h1>x</h1>`, true},
		{`<td style="font-size:1.5em">x</td>`, false},
	}
	for _, tt := range tests {
		d, err := parseDocument("t", []byte(tt.html))
		if err != nil {
			t.Fatal(err)
		}
		text := d.find(func(n *node) bool { return n.tag == "" })
		if got := isLargeText(text.parent); got != tt.want {
			t.Errorf("isLargeText(%s) = %v, want %v", tt.html, got, tt.want)
		}
	}
}

func TestPositions(t *testing.T) {
	d, err := parseDocument("t", []byte("<p>\n  <b>é</b>\n<i>x</i></p>"))
	if err != nil {
		t.Fatal(err)
	}
	i := d.find(func(n *node) bool { return n.tag == "i" })
	if l, c := d.lineCol(i.off); l != 3 || c != 1 {
		t.Errorf("<i> at %d:%d, want 3:1", l, c)
	}
	b := d.find(func(n *node) bool { return n.tag == "b" })
	if got := d.pos(b.off); got != "t:2:3" {
		t.Errorf("<b> at %s, want t:2:3", got)
	}
}

// TestPositionsCountRunes: a column counts the characters before it, not
// their bytes, and offset turns it back into the byte offset.
func TestPositionsCountRunes(t *testing.T) {
	d, err := parseDocument("t", []byte("<p>\n  <b>日本語</b><i>é</i><u>x</u></p>"))
	if err != nil {
		t.Fatal(err)
	}
	for tag, want := range map[string]string{"i": "t:2:13", "u": "t:2:21"} {
		n := d.find(func(n *node) bool { return n.tag == tag })
		if got := d.pos(n.off); got != want {
			t.Errorf("<%s> at %s, want %s", tag, got, want)
		}
		if off, ok := d.offset(d.lineCol(n.off)); !ok || off != n.off {
			t.Errorf("<%s>: offset(lineCol(%d)) = %d, %v", tag, n.off, off, ok)
		}
	}
}

func TestSeverityJSON(t *testing.T) {
	for _, s := range []Severity{Info, Warning, Error} {
		b, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		var back Severity
		if err := json.Unmarshal(b, &back); err != nil || back != s || string(b) != `"`+s.String()+`"` {
			t.Errorf("%v -> %s -> %v (%v)", s, b, back, err)
		}
	}
	var s Severity
	if err := json.Unmarshal([]byte(`"fatal"`), &s); err == nil {
		t.Error("unknown severity name accepted")
	}
}

func TestFormat(t *testing.T) {
	fs := []Finding{
		{Rule: "b", Severity: Warning, File: "x.html", Line: 2, Col: 5, Message: "m2", Clients: []string{"gmail.ios"}, Support: "n"},
		{Rule: "a", Severity: Error, File: "x.html", Message: "m1"},
		{Rule: "c", Severity: Info, File: "x.html", Line: 2, Col: 5, Message: "m3", Support: "a", Note: "Gmail iOS: \"n1\"\nYahoo: \"n2\""},
	}
	var txt, js bytes.Buffer
	if err := FormatText(&txt, fs); err != nil {
		t.Fatal(err)
	}
	wantText := "x.html: error a: m1\n" +
		"x.html:2:5: warning b: m2 [gmail.ios]\n" +
		"x.html:2:5: info c: m3\n\tnote: Gmail iOS: \"n1\"\n\tYahoo: \"n2\"\n"
	if txt.String() != wantText {
		t.Errorf("FormatText:\n%s\nwant:\n%s", txt.String(), wantText)
	}
	if err := FormatJSON(&js, fs[:2]); err != nil {
		t.Fatal(err)
	}
	wantJSON := `[
  {
    "rule": "a",
    "severity": "error",
    "file": "x.html",
    "line": 0,
    "col": 0,
    "message": "m1"
  },
  {
    "rule": "b",
    "severity": "warning",
    "file": "x.html",
    "line": 2,
    "col": 5,
    "message": "m2",
    "clients": [
      "gmail.ios"
    ],
    "support": "n"
  }
]
`
	if js.String() != wantJSON {
		t.Errorf("FormatJSON:\n%s\nwant:\n%s", js.String(), wantJSON)
	}
	js.Reset()
	if err := FormatJSON(&js, nil); err != nil || js.String() != "[]\n" {
		t.Errorf("FormatJSON(nil) = %q, %v", js.String(), err)
	}
}
