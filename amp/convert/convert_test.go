package convert

import (
	"strings"
	"testing"
)

func TestFragment(t *testing.T) {
	tests := []struct {
		name, in, want string
		problem        string // a substring of the first problem, "" for none
	}{
		{"img with size", `<img src="https://x.example/a.png" width="140" height="32" alt="A">`,
			`<amp-img src="https://x.example/a.png" width="140" height="32" alt="A" layout="fixed"></amp-img>`, ""},
		{"wide img is responsive", `<img src="https://x.example/a.png" width="600" height="300">`,
			`<amp-img src="https://x.example/a.png" width="600" height="300" layout="responsive"></amp-img>`, ""},
		{"masked src and size", `<img src="tlr3x" width="tlr4x" height="20">`,
			`<amp-img src="tlr3x" width="tlr4x" height="20" layout="fixed"></amp-img>`, ""},
		{"img without height", `<p>a<img src="https://x.example/a.png" width="260">b</p>`, `<p>ab</p>`, "no width and height"},
		{"img with percent width", `<img src="https://x.example/a.png" width="100%" height="20">`, ``, "no width and height"},
		{"http img", `<img src="http://x.example/a.png" width="1" height="1">`, ``, "https"},
		{"script dropped silently", `<p>a</p><script>alert(1)</script><p>b</p>`, `<p>a</p><p>b</p>`, ""},
		{"iframe is lossy", `<div><iframe src="https://x.example/"><p>x</p></iframe></div>`, `<div></div>`, "content would be lost"},
		{"nested lossy", `<form><form></form><p>in</p></form><p>out</p>`, `<p>out</p>`, "form"},
		{"legacy tags renamed", `<center><font color="red">hi</font></center>`, `<div><span>hi</span></div>`, ""},
		{"unknown tag unwrapped", `<o:p>keep <b>me</b></o:p>`, `keep <b>me</b>`, ""},
		{"event and bind attributes dropped", `<a href="https://x.example/" onclick="x()" [href]="y" data-x="1">a</a>`,
			`<a href="https://x.example/">a</a>`, ""},
		{"javascript href dropped", `<a href="javascript:alert(1)">a</a>`, `<a>a</a>`, ""},
		{"relative href dropped", `<a href="/p">a</a>`, `<a>a</a>`, ""},
		{"mask href kept", `<a href="tlr7x" target="_blank">a</a>`, `<a href="tlr7x" target="_blank">a</a>`, ""},
		{"target other than _blank dropped", `<a href="mailto:a@b.example" target="_self">a</a>`, `<a href="mailto:a@b.example">a</a>`, ""},
		{"style filtered", `<p style="color: red !important; mso-hide: all; behavior: url(x.htc); font-size:1px">a</p>`,
			`<p style="color: red; font-size: 1px">a</p>`, ""},
		{"empty style dropped", `<p style="mso-line-height-rule: exactly">a</p>`, `<p>a</p>`, ""},
		{"masks kept", `<td tlr-2="" class="a"><!--tlr:3--></td>`, `<td tlr-2="" class="a"><!--tlr:3--></td>`, ""},
		{"comments dropped", `<!--[if mso]><v:rect href="tlr4x"></v:rect><![endif]--><!--[if !mso]><!--><a href="tlr5x">x</a><!--<![endif]-->`,
			`<a href="tlr5x">x</a>`, ""},
		{"table attributes", `<table role="presentation" width="100%" cellpadding="0" bgcolor="#fff" background="x.png"><tr><td valign="top" nowrap>x</td></tr></table>`,
			`<table role="presentation" width="100%" cellpadding="0" bgcolor="#fff"><tr><td valign="top">x</td></tr></table>`, ""},
		{"reserved id dropped", `<div id="i-amphtml-x" class="c">x</div>`, `<div class="c">x</div>`, ""},
		{"text kept raw", `<p>a &amp; b &lt; c</p>`, `<p>a &amp; b &lt; c</p>`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Fragment(tt.in)
			if r.HTML != tt.want {
				t.Errorf("Fragment(%s)\n got %s\nwant %s", tt.in, r.HTML, tt.want)
			}
			switch {
			case tt.problem == "" && len(r.Problems) > 0:
				t.Errorf("unexpected problem: %v", r.Problems)
			case tt.problem != "" && (len(r.Problems) == 0 || !strings.Contains(r.Problems[0].Msg, tt.problem)):
				t.Errorf("problems %v, want one with %q", r.Problems, tt.problem)
			}
		})
	}
}

func TestProblemOffset(t *testing.T) {
	in := `<p>abc</p><img src="https://x.example/a.png">`
	r := Fragment(in)
	if len(r.Problems) != 1 || r.Problems[0].Offset != strings.Index(in, "<img") {
		t.Fatalf("problems %+v, want one at %d", r.Problems, strings.Index(in, "<img"))
	}
}

func TestStylesheet(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"important removed", `.a { color: red !important; width: 1px ! important }`, ".a { color: red; width: 1px }\n"},
		{"comments removed", `/* x */ .a { color: red } <!-- -->`, ".a { color: red }\n"},
		{"import and font-face dropped", `@import url("https://f.example/a.css"); @font-face { font-family: X; src: url(https://f.example/x.woff2) } .a { color: red }`, ".a { color: red }\n"},
		{"allowed media kept", `@media only screen and (max-width: 600px) { .a { width: 100% !important } }`,
			"@media only screen and (max-width: 600px) {\n  .a { width: 100% }\n}\n"},
		{"dark mode media dropped", `@media (prefers-color-scheme: dark) { .a { color: #fff } }`, ""},
		{"keyframes dropped", `@keyframes k { from { opacity: 0 } to { opacity: 1 } } .b{opacity:1}`, ".b { opacity: 1 }\n"},
		{"attribute selector not allowed", `[data-ogsc] .a, .b { color: red }`, ".b { color: red }\n"},
		{"allowed attribute selector", `a[title="x"] { color: red }`, "a[title=\"x\"] { color: red }\n"},
		{"pseudo elements dropped", `.a::before, .a:after { color: red } .b:hover { color: blue }`, ".b:hover { color: blue }\n"},
		{"universal dropped", `* { margin: 0 } .a > * { margin: 0 }`, ""},
		{"amp names dropped", `.i-amphtml-x { color: red } amp-img { display: block } .-amp-x{color:red}`, ""},
		{"properties filtered", `.a { mso-line-height-rule: exactly; color: red; transition: all 1s; cursor: pointer }`, ".a { color: red }\n"},
		{"http url dropped", `.a { background-image: url(http://x.example/a.png); background-image: url('https://x.example/b.png') }`,
			".a { background-image: url('https://x.example/b.png') }\n"},
		{"rule with nothing left dropped", `.a { mso-hide: all }`, ""},
		{"brace in a string ends nothing", `.a { font-family: "a}b"; color: red }`, ".a { color: red }\n"},
		{"unterminated", `.a { color: red`, ".a { color: red }\n"},
		{"commas inside a selector", `a:not(.x,.y), a:not(.b, .c)::before, p:not(.x,amp-img) { color: red }`, "a:not(.x,.y) { color: red }\n"},
		{"media without a space", `@media(max-width:600px){.p{color:green}}`, "@media (max-width:600px) {\n  .p { color: green }\n}\n"},
		{"comment between tokens", `.a { margin: 1px/**/2px }`, ".a { margin: 1px 2px }\n"},
		{"important inside a value", `.a { color: red !important blue; width: 1px }`, ".a { width: 1px }\n"},
		{"amp- only as an element name", `.x amp-img, .x>amp-img, .amp-x, #amp-y, a[title=amp-z] { color: red }`,
			".amp-x, #amp-y, a[title=amp-z] { color: red }\n"},
		{"pseudo-classes by name", `a:HOVER, a:nth-child(2n+1), a:not(.b), a:visited, a:link-x, a:focus-within { color: red }`,
			"a:HOVER, a:nth-child(2n+1), a:not(.b), a:focus-within { color: red }\n"},
		{"attribute names by the allowlist", `a[ TITLE ], a[data-x], a[class~=b] { color: red }`, "a[ TITLE ], a[class~=b] { color: red }\n"},
		{"media features and words", `@media screen, print { .a { color: red } } @media not all and (orientation: landscape) and (MIN-WIDTH: 1px) { .b { color: red } }`,
			"@media not all and (orientation: landscape) and (MIN-WIDTH: 1px) {\n  .b { color: red }\n}\n"},
		{"media features with parentheses or none", `@media (max-width: calc(1px)) { .a { color: red } } @media (width > 1px) { .b { color: red } } @media , { .c { color: red } }`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Stylesheet(tt.in); got != tt.want {
				t.Errorf("Stylesheet(%s)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestDetect(t *testing.T) {
	tests := []struct{ in, want string }{
		{`<amp-img src="x"></amp-img>`, ""},
		{`<amp-carousel><div></div></amp-carousel><amp-list src="x"><template type="amp-mustache">x</template></amp-list>`, "amp-carousel amp-list amp-mustache"},
		{`<form method="post" action-xhr="https://x.example/"><input name="a"></form>`, "amp-form"},
		{`<p [text]="x">a</p><amp-state id="s"></amp-state>`, "amp-bind"},
		{`<amp-accordion><section><h4>a</h4><p>b</p></section></amp-accordion>`, "amp-accordion"},
	}
	for _, tt := range tests {
		if got := strings.Join(Detect(tt.in), " "); got != tt.want {
			t.Errorf("Detect(%s) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestScripts(t *testing.T) {
	got := Scripts([]string{"amp-mustache", "amp-carousel", "amp-carousel", "amp-nope"})
	want := `<script async custom-element="amp-carousel" src="https://cdn.ampproject.org/v0/amp-carousel-0.2.js"></script>
<script async custom-template="amp-mustache" src="https://cdn.ampproject.org/v0/amp-mustache-0.2.js"></script>
`
	if got != want {
		t.Errorf("Scripts:\n got %s\nwant %s", got, want)
	}
}

func TestDocumentCSSLimit(t *testing.T) {
	big := strings.Repeat(".a { color: red }\n", MaxCSS/18+1)
	r := Document(`<html><head><style>`+big+`</style></head><body><p>x</p></body></html>`, "")
	if len(r.Problems) != 1 || !strings.Contains(r.Problems[0].Msg, "75000") {
		t.Errorf("problems %v, want the 75000-byte limit", r.Problems)
	}
	if r := Document(`<html><head><style>.a{color:red}</style></head><body></body></html>`, ""); len(r.Problems) != 0 {
		t.Errorf("small stylesheet: problems %v", r.Problems)
	}
}
