package inline

import (
	"errors"
	"strings"
	"testing"
)

// page wraps CSS and body markup into a document.
func page(css, body string) string {
	return "<!DOCTYPE html>\n<html><head><style>" + css + "</style></head><body>" + body + "</body></html>"
}

func TestDocumentBytes(t *testing.T) {
	mso := `<!--[if mso]><v:roundrect href="https://x.test/?a=1&b=2" arcsize="10%" style="height:40px"><w:anchorlock/><center>Go -></center></v:roundrect><![endif]-->`
	tests := []struct {
		name     string
		doc      string
		opts     []Option
		want     []string // substrings of the output, byte for byte
		dontWant []string
	}{
		{name: "width attribute kept",
			doc:      page(`td.c { width: 300px; }`, `<table><tr><td class="c" width="50%">x</td></tr></table>`),
			want:     []string{`<td class="c" width="50%" style="width: 300px;">`},
			dontWant: []string{`width="300"`}},
		{name: "width attribute added where missing",
			doc:  page(`td { width: 300px; } img { width: 100%; height: 80px; }`, `<table><tr><td>x</td></tr></table><img src="a.png">`),
			want: []string{`<td style="width: 300px;" width="300">`, `<img src="a.png" style="width: 100%; height: 80px;" height="80"/>`}},
		{name: "bgcolor, align and valign added",
			doc:  page(`.c { background-color: #f4f4f4; text-align: center; vertical-align: top; }`, `<table><tr><td class="c">x</td></tr></table>`),
			want: []string{`style="background-color: #f4f4f4; text-align: center; vertical-align: top;" bgcolor="#f4f4f4" align="center" valign="top"`}},
		{name: "bgcolor from a background color, never over an existing one",
			doc:  page(`table { background: #ffffff; } td { background-color: red; }`, `<table><tr><td bgcolor="blue">x</td></tr></table>`),
			want: []string{`<table style="background: #ffffff;" bgcolor="#ffffff">`, `<td bgcolor="blue" style="background-color: red;">`}},
		{name: "no bgcolor from a gradient or an image",
			doc:      page(`td { background: linear-gradient(#fff, #000); }`, `<table><tr><td>x</td></tr></table>`),
			dontWant: []string{`bgcolor`}},
		{name: "media queries kept verbatim",
			doc: page("@media only screen and (max-width: 600px) {\n  .stack { display: block !important; width: 100% !important; }\n}\n"+
				"@media (prefers-color-scheme: dark) { .dark { background: #000 !important; } }", `<td class="stack dark">x</td>`),
			want: []string{"@media only screen and (max-width: 600px) {\n  .stack { display: block !important; width: 100% !important; }\n}",
				"@media (prefers-color-scheme: dark) { .dark { background: #000 !important; } }"},
			dontWant: []string{`style=`}},
		{name: "at-rules kept byte for byte",
			doc: page(`@import url("https://fonts.test/css?family=Inter&display=swap");
@font-face { font-family: 'Inter'; src: url(https://x.test/i.woff2) format('woff2'); font-display: swap; }
@keyframes spin { from { transform: rotate(0deg); } to { transform: rotate(360deg); } }
@supports (display: grid) { .grid { display: grid; } }`, `<div class="grid">x</div>`),
			want: []string{`@import url("https://fonts.test/css?family=Inter&display=swap");`,
				`@font-face { font-family: 'Inter'; src: url(https://x.test/i.woff2) format('woff2'); font-display: swap; }`,
				`@keyframes spin { from { transform: rotate(0deg); } to { transform: rotate(360deg); } }`,
				`@supports (display: grid) { .grid { display: grid; } }`},
			dontWant: []string{`style=`}},
		{name: "@import of a later style element moves first",
			doc:  `<html><head><style>a:hover{color:red}</style><style>@import url(x.css);</style></head><body></body></html>`,
			want: []string{"<style>\n@import url(x.css);\na:hover{color:red}\n</style>"}},
		{name: "client hacks kept verbatim and not inlined",
			doc: page(`u + .body .x { color: red; }
[data-ogsc] .x { color: blue; }
#MessageViewBody .x { color: green; }
.ExternalClass .x { line-height: 100%; }
:root { color-scheme: light dark; }
a:hover { color: red; }
p::first-line { color: red; }`, `<u></u><div class="body" data-ogsc=""><div id="MessageViewBody"><p class="x"><a href="#">x</a></p></div></div>`),
			want: []string{"u + .body .x { color: red; }\n[data-ogsc] .x { color: blue; }\n#MessageViewBody .x { color: green; }\n" +
				".ExternalClass .x { line-height: 100%; }\n:root { color-scheme: light dark; }\na:hover { color: red; }\np::first-line { color: red; }"},
			dontWant: []string{`style=`}},
		{name: "a rule split between inlined and kept selectors",
			doc:  page(`p, a:hover { color: red; }`, `<p>x</p>`),
			want: []string{`<p style="color: red;">`, "<style>\na:hover { color: red; }\n</style>"}},
		{name: "stylesheet !important beats the inline style and is dropped",
			doc:  page(`.b { color: red !important; padding: 1px; }`, `<a class="b" style="color: blue; padding: 2px">x</a>`),
			want: []string{`<a class="b" style="padding: 2px; color: red;">`}},
		{name: "KeepImportant keeps it",
			doc:  page(`.b { color: red !important; }`, `<a class="b">x</a>`),
			opts: []Option{KeepImportant()},
			want: []string{`<a class="b" style="color: red !important;">`}},
		{name: "inline !important beats stylesheet !important",
			doc:  page(`.b { color: red !important; }`, `<a class="b" style="color: blue !important">x</a>`),
			want: []string{`<a class="b" style="color: blue !important;">`}},
		{name: "fallback declarations of one rule kept in order",
			doc:  page(`.g { background: #000; background: linear-gradient(#fff, #000); }`, `<div class="g">x</div>`),
			want: []string{`style="background: #000; background: linear-gradient(#fff, #000);"`}},
		{name: "interleaved fallbacks of a shorthand and its longhand keep their order",
			doc:  page(`.d { padding: 5px; padding-top: 2px; padding: 1em; color: red; }`, `<div class="d" style="margin: 0; margin-top: 1px; margin: 2px">x</div>`),
			want: []string{`style="padding: 5px; padding-top: 2px; padding: 1em; color: red; margin: 0; margin-top: 1px; margin: 2px;"`}},
		{name: "MSO conditional comments byte for byte",
			doc:  page(`td { color: red; }`, `<table><tr><td>`+mso+`<!--[if !mso]><!--><a href="?a=1&b=2">Go</a><!--<![endif]--></td></tr></table>`),
			want: []string{mso, `<!--[if !mso]><!--><a href="?a=1&amp;b=2">Go</a><!--<![endif]-->`}},
		{name: "mso head block byte for byte",
			doc:  "<html><head><!--[if gte mso 9]><xml><o:OfficeDocumentSettings><o:PixelsPerInch>96</o:PixelsPerInch></o:OfficeDocumentSettings></xml><![endif]--><style>p{margin:0}</style></head><body><p>x</p></body></html>",
			want: []string{"<head><!--[if gte mso 9]><xml><o:OfficeDocumentSettings><o:PixelsPerInch>96</o:PixelsPerInch></o:OfficeDocumentSettings></xml><![endif]--></head>"}},
		{name: "mask comments stay in place between table rows",
			doc:  page(`td { color: red; }`, `<table><!--tlr:1--><tr><td>a</td></tr><!--tlr:2--><tr><td>b</td></tr><!--tlr:3--></table>`),
			want: []string{`<table><!--tlr:1--><tbody><tr><td style="color: red;">a</td></tr><!--tlr:2--><tr><td style="color: red;">b</td></tr><!--tlr:3--></tbody></table>`}},
		{name: "mask attributes keep their order, mask tokens pass",
			doc:  page(`.x { color: red; }`, `<a tlr-1="" class="x" tlr-2="" href="https://x.test/?u=tlr3x">tlr4x</a><span tlr-5="" title="tlr6x">tlr7x</span>`),
			want: []string{`<a tlr-1="" class="x" tlr-2="" href="https://x.test/?u=tlr3x" style="color: red;">tlr4x</a>`, `tlr6x`, `tlr7x`}},
		{name: "template action in a style attribute kept",
			doc:  page(`.x { color: red; }`, `<p class="x" style="{{ .Style }}; margin: 0">y</p>`),
			want: []string{`<p class="x" style="color: red; {{ .Style }}; margin: 0;">`}},
		{name: "php and other bogus comments byte for byte",
			doc:  page(`p { color: red; }`, `<?php echo "hi & bye"; ?><p>x</p>`),
			want: []string{`<?php echo "hi & bye"; ?>`}},
		{name: "extra CSS applies after the document's",
			doc:  page(`p { color: red; }`, `<p>x</p>`),
			opts: []Option{WithCSS("extra.css", `p { color: blue; }`)},
			want: []string{`<p style="color: blue;">`}},
		{name: "one style element left, in the head",
			doc:  `<html><head><style>p{color:red}</style></head><body><style>@media print{p{color:black}}</style><p>x</p></body></html>`,
			want: []string{"<head><style>\n@media print{p{color:black}}\n</style></head><body><p style=\"color: red;\">"}},
		{name: "apostrophes stay plain outside raw text",
			doc:  page(`p { font-family: 'Open Sans', sans-serif; }`, `<p title="it's">it's</p><script>var s = "&#39;";</script>`),
			want: []string{`<p title="it's" style="font-family: 'Open Sans', sans-serif;">it's</p>`, `<script>var s = "&#39;";</script>`}},
		{name: "CDO and CDC around old-style CSS",
			doc:  "<html><head><style><!--\np { color: red; }\n--></style></head><body><p>x</p></body></html>",
			want: []string{`<head></head><body><p style="color: red;">x</p>`}},
		{name: "CSS nesting flattened",
			doc: page(`.card { color: red; & .title { font-weight: bold; } &:hover { color: blue; } @media (max-width: 600px) { padding: 0; } }`,
				`<div class="card"><h1 class="title">x</h1></div>`),
			want: []string{`<div class="card" style="color: red;"><h1 class="title" style="font-weight: bold;">`,
				".card:hover { color: blue; }", "@media (max-width: 600px) {\n.card { padding: 0; }\n}"}},
		{name: "print and data-embed styles left alone",
			doc:  `<html><head><style media="print">p { color: red; }</style><style data-embed>p { margin: 0; }</style></head><body><p>x</p></body></html>`,
			want: []string{`<style media="print">p { color: red; }</style><style data-embed="">p { margin: 0; }</style></head><body><p>x</p>`}},
		{name: "a style element with its own data-premailer is not read by go-premailer",
			doc:      `<html><head><style data-premailer="on">p { background: url('a.png'); } a:hover { color: red; }</style></head><body><p>x</p></body></html>`,
			want:     []string{`<p style="background: url('a.png');">`, "<style data-premailer=\"on\">\na:hover { color: red; }\n</style>"},
			dontWant: []string{`url(&#34;`, `url("`}},
		{name: "CSS variables resolved",
			doc:  page(`:root { --brand: #e00; } .b { color: var(--brand); border: 1px solid var(--none, #000); }`, `<p class="b">x</p>`),
			want: []string{`<p class="b" style="color: #e00; border: 1px solid #000;">`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Document(tt.doc, tt.opts...)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("output lacks\n%s\n--- output:\n%s", w, got)
				}
			}
			for _, w := range tt.dontWant {
				if strings.Contains(got, w) {
					t.Errorf("output has %q\n--- output:\n%s", w, got)
				}
			}
		})
	}
}

func TestDocumentErrors(t *testing.T) {
	tests := []struct {
		name, doc string
		opts      []Option
		want      string
	}{
		{"unclosed block", "<style>\np { color: red;\n</style>", nil, "2:3: malformed CSS: { is never closed"},
		{"unclosed comment", "<html><head><style>p{}\n  /* note\n</style>", nil, "2:3: malformed CSS: comment is never closed"},
		{"unclosed string", "<style>p { font-family: 'Open Sans; }\n</style>", nil, "1:25: malformed CSS: string is not closed on its line"},
		{"stray brace", "<style>p { color: red; } }\n</style>", nil, "1:26: malformed CSS: } with no { before it"},
		{"selector without block", "<style>p { color: red; }\n a, b</style>", nil, `2:2: malformed CSS: "a, b" at the end has no { block`},
		{"no colon", "<style>\n\np { color red; }</style>", nil, `3:5: malformed CSS: declaration "color red" has no property name and colon`},
		{"unclosed function", "<style>p { color: rgb(1, 2 }\n</style>", nil, "1:19: malformed CSS: rgb( is never closed"},
		{"unclosed string at the end", "<style>p { content: 'a\\'</style>", nil, "1:21: malformed CSS: string is never closed"},
		{"named document", "<style>p {</style>", []Option{WithName("mail.html")}, "mail.html:1:10: malformed CSS: { is never closed"},
		{"named extra CSS", "<p>x</p>", []Option{WithCSS("extra.css", "\n\np { color: red;")}, "extra.css:3:3: malformed CSS: { is never closed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Document(tt.doc, tt.opts...)
			if !errors.Is(err, ErrCSS) {
				t.Fatalf("error %v does not wrap ErrCSS", err)
			}
			if err.Error() != tt.want {
				t.Errorf("error\n%s\nwant\n%s", err, tt.want)
			}
		})
	}
}
