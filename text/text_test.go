package text

import (
	"regexp"
	"strings"
	"testing"
	"text/template"
)

// fromHTMLCase is one FromHTML table case.
type fromHTMLCase struct {
	name, html, want string
}

func runFromHTML(t *testing.T, cases []fromHTMLCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := FromHTML(tc.html)
			if got != tc.want {
				t.Errorf("FromHTML(%q)\ngot:  %q\nwant: %q", tc.html, got, tc.want)
			}
		})
	}
}

func TestHeadings(t *testing.T) {
	runFromHTML(t, []fromHTMLCase{
		{"h1 framed by stars", "<h1>Sale</h1>", "****\nSale\n****"},
		{"h2 framed by dashes", "<h2>News</h2>", "----\nNews\n----"},
		{"h3 underlined", "<h3>Shoes</h3>", "Shoes\n-----"},
		{"h6 underlined", "<h6>Fine</h6>", "Fine\n----"},
		{"rule as long as longest line", "<h1>Big<br>Summer sale</h1>", "***********\nBig\nSummer sale\n***********"},
		{"rule counts runes", "<h3>Café</h3>", "Café\n----"},
		{"paragraph spacing around", "<p>a</p><h2>B</h2><p>c</p>", "a\n\n-\nB\n-\n\nc"},
		{"empty heading writes nothing", "<p>a</p><h1> </h1><p>b</p>", "a\n\nb"},
		{"link inside", `<h3><a href="https://x.io/a">Go</a></h3>`, "Go (https://x.io/a)\n-------------------"},
	})
}

func TestLists(t *testing.T) {
	runFromHTML(t, []fromHTMLCase{
		{"unordered", "<ul><li>one</li><li>two</li></ul>", "* one\n* two"},
		{"ordered", "<ol><li>one</li><li>two</li></ol>", "1. one\n2. two"},
		{"ordered start", `<ol start="9"><li>nine</li><li>ten</li></ol>`, "9. nine\n10. ten"},
		{"nested indented", "<ul><li>a<ul><li>b</li><li>c</li></ul></li><li>d</li></ul>", "* a\n  * b\n  * c\n* d"},
		{"continuation lines indented", "<ul><li>first<br>second</li></ul>", "* first\n  second"},
		{"paragraph around list", "<p>x</p><ul><li>a</li></ul><p>y</p>", "x\n\n* a\n\ny"},
		{"bare items", "<li>a</li> <li> b</li>", "* a\n* b"},
		{"empty item dropped", "<ul><li> </li><li>a</li></ul>", "* a"},
		{"hidden item dropped", `<ul><li style="display:none">x</li><li>a</li></ul>`, "* a"},
	})
}

func TestLinksAndImages(t *testing.T) {
	runFromHTML(t, []fromHTMLCase{
		{"text and url", `<a href="https://shop.example/new">New in</a>`, "New in (https://shop.example/new)"},
		{"text is the url", `<a href="https://shop.example/">https://shop.example/</a>`, "https://shop.example/"},
		{"text is the url without scheme", `<a href="https://shop.example/">shop.example</a>`, "shop.example"},
		{"mailto shows the address", `<a href="mailto:help@shop.example">Write to us</a>`, "Write to us (help@shop.example)"},
		{"mailto text is the address", `<a href="MAILTO:help@shop.example">help@shop.example</a>`, "help@shop.example"},
		{"empty mailto", `<a href="mailto:">help@shop.example</a>`, "help@shop.example"},
		{"anchor shows text only", `<a href="#top">Top</a>`, "Top"},
		{"javascript shows text only", `<a href="javascript:void(0)">Go</a>`, "Go"},
		{"bare scheme shows text only", `<a href="http://">Account</a>`, "Account"},
		{"no href", `<a>plain</a>`, "plain"},
		{"href trimmed, entities decoded", `<a href=" https://x.io/?a=1&amp;b=2 ">x</a>`, "x (https://x.io/?a=1&b=2)"},
		{"image alt", `<img src="a.png" alt="Our logo"> Hello`, "Our logo Hello"},
		{"image without alt", `<img src="pixel.gif"><p>Hi</p>`, "Hi"},
		{"image link with alt", `<a href="https://x.io/"><img src="a.png" alt="Shop"></a>`, "Shop (https://x.io/)"},
		{"image link without alt", `<a href="https://x.io/"><img src="a.png"></a>`, "https://x.io/"},
		{"empty link dropped", `<a href="https://x.io/"></a>Hi`, "Hi"},
		{"block content inside link", `<a href="https://x.io/p"><p>Red shoe</p><p>$50</p></a><p>next</p>`, "Red shoe\n\n$50 (https://x.io/p)\n\nnext"},
		{"link between words", `Go <a href="https://x.io/">here</a> now.`, "Go here (https://x.io/) now."},
		{"spaced option", "<a href='https://x.io/'>x</a>", "x (https://x.io/)"},
	})
	if got := Convert(`<a href="https://x.io/">x</a>`, Options{SpacedLinks: true}); got != "x ( https://x.io/ )" {
		t.Errorf("SpacedLinks: got %q", got)
	}
}

func TestWhitespaceAndBlocks(t *testing.T) {
	runFromHTML(t, []fromHTMLCase{
		{"collapse like a browser", "<p>  a \n\t b   c </p>", "a b c"},
		{"paragraphs one blank line", "<p>a</p>\n\n<p>b</p>", "a\n\nb"},
		{"br newline", "a<br>b", "a\nb"},
		{"two br blank line", "a<br><br>b", "a\n\nb"},
		{"many br one blank line", "a<br><br><br><br>b", "a\n\nb"},
		{"br before paragraph end", "<p>a<br></p><p>b</p>", "a\n\nb"},
		{"divs new lines", "<div>a</div><div>b</div>", "a\nb"},
		{"entities decoded", "caf&eacute; &amp; &lt;tea&gt; &#8364;5", "café & <tea> €5"},
		{"nbsp is a space", "a&nbsp;&nbsp;b&nbsp;", "a b"},
		{"zero width dropped", "a&zwnj;b&#8203;c&shy;d&#847;e", "abcde"},
		{"no leading or trailing blank lines", "<br><br><p>a</p><br><br>", "a"},
		{"pre keeps spacing", "<pre>  a  b\n c  </pre>", "  a  b\n c"},
		{"inline elements glue", "<b>bo</b><i>ld</i> <span>x</span>", "bold x"},
		{"padded div is a paragraph", `<div style="padding:0 0 20px">a</div><div>b</div>`, "a\n\nb"},
	})
}

func TestNoText(t *testing.T) {
	runFromHTML(t, []fromHTMLCase{
		{"head, title, style", "<html><head><title>T</title><style>p{color:red}</style></head><body><p>x</p></body></html>", "x"},
		{"script", "<script>alert(1)</script>x", "x"},
		{"comment", "a<!-- note -->b", "ab"},
		{"display none preheader", `<div style="display: none !important; max-height:0">Preview text</div><p>x</p>`, "x"},
		{"zero height hidden preheader", `<div style="max-height:0px;overflow:hidden;mso-hide:all">Preview</div>x`, "x"},
		{"visibility hidden", `<span style="visibility:hidden">p</span>x`, "x"},
		{"hidden attribute", `<div hidden>p</div>x`, "x"},
		{"visible zero-height-only box kept", `<div style="max-height:0">y</div>`, "y"},
		{"mso conditional dropped", `a<!--[if mso]><table><tr><td>Outlook</td></tr></table><![endif]-->b`, "ab"},
		{"not-mso content converted", `<!--[if !mso]><!--><p>Everyone else</p><!--<![endif]-->`, "Everyone else"},
		{"downlevel-revealed markers dropped", `<![if !mso]><p>x</p><![endif]>`, "x"},
		{"start/end text/html dropped", "<p>a</p><!-- start text/html --><p>web only</p><!-- end text/html --><p>b</p>", "a\n\nb"},
		{"svg dropped", "<svg><text>s</text></svg>x", "x"},
	})
}

func TestTables(t *testing.T) {
	layout := `<table role="presentation"><tr><td><img alt="Logo"></td><td><a href="https://x.io/web">View online</a></td></tr>
<tr><td><table><tr><td><p>Hello</p><p>World</p></td></tr></table></td></tr>
<tr><td>Footer</td></tr></table>`
	data := `<table><tr><td>Shoe</td><td>$50</td></tr><tr><td>Hat</td><td></td><td>$5</td></tr></table>`
	header := `<table><thead><tr><th>Item</th><th>Price</th></tr></thead><tbody><tr><td>Shoe</td><td>$50</td></tr></tbody></table>`
	runFromHTML(t, []fromHTMLCase{
		{"layout cells on own lines", layout, "Logo\nView online (https://x.io/web)\n\nHello\n\nWorld\n\nFooter"},
		{"data rows joined by bars", data, "Shoe | $50\nHat | $5"},
		{"header row makes data", header, "Item | Price\nShoe | $50"},
		{"single row is layout", `<table><tr><td>a</td><td>b</td><td>c</td></tr></table>`, "a\nb\nc"},
		{"presentation is layout", `<table role="presentation"><tr><td>a</td><td>b</td><td>x</td></tr><tr><td>c</td><td>d</td><td>y</td></tr></table>`, "a\nb\nx\nc\nd\ny"},
		{"block in cell is layout", `<table><tr><td><p>a</p></td><td>b</td></tr><tr><td>c</td><td>d</td><td>e</td></tr></table>`, "a\n\nb\nc\nd\ne"},
		{"two text cells of a layout row share a line", `<table role="presentation"><tr><td>Ribbed <b>beanie</b></td><td align="right">$25.00</td></tr><tr><td>Scarf</td><td>$9.00</td></tr></table>`, "Ribbed beanie - $25.00\nScarf - $9.00"},
		{"a two-cell layout row with a link keeps its lines", `<table role="presentation"><tr><td>Logo</td><td><a href="https://x.io/web">View online</a></td></tr></table>`, "Logo\nView online (https://x.io/web)"},
		{"a two-cell layout row with a block keeps its lines", `<table role="presentation"><tr><td><p>a</p></td><td>b</td></tr></table>`, "a\n\nb"},
		{"table separated from text", `<p>x</p><table><tr><td>a</td></tr></table>y`, "x\n\na\n\ny"},
		{"spacer cells leave nothing", `<table><tr><td>&nbsp;</td></tr><tr><td>a</td></tr><tr><td height="20"> </td></tr></table>`, "a"},
	})
}

// TestMasks covers the template engine's placeholders: mask comments kept
// in place, and tlrNx tokens kept in text and hrefs.
func TestMasks(t *testing.T) {
	runFromHTML(t, []fromHTMLCase{
		{"inline", "<p>Hi <!--tlr:1-->, welcome</p>", "Hi <!--tlr:1-->, welcome"},
		{"glued to a word", "<p>Hi<!--tlr:1-->!</p>", "Hi<!--tlr:1-->!"},
		{"at paragraph start keeps its space", "<p><!--tlr:1--> there</p>", "<!--tlr:1--> there"},
		{"between blocks joins the next line", "<p>a</p><!--tlr:2--><p>b</p><!--tlr:3--><p>c</p>", "a\n\n<!--tlr:2-->b\n\n<!--tlr:3-->c"},
		{"around rows repeats lines", "<table><!--tlr:1--><tr><td>Item</td></tr><!--tlr:2--><tr><td>Total</td></tr></table>", "<!--tlr:1-->Item\n<!--tlr:2-->Total"},
		{"at the end on its own line", "<p>a</p><!--tlr:9-->", "a\n\n<!--tlr:9-->"},
		{"alone", "<!--tlr:1-->", "<!--tlr:1-->"},
		{"as link text", `<p><a href="https://x.io/"><!--tlr:4--></a></p>`, "<!--tlr:4--> (https://x.io/)"},
		{"in a heading", "<h1>Hi <!--tlr:5--></h1>", "***************\nHi <!--tlr:5-->\n***************"},
		{"around list items", "<ul><!--tlr:1--><li>a</li><!--tlr:2--></ul>", "<!--tlr:1-->* a\n<!--tlr:2-->"},
		{"around list items then text", "<ul><!--tlr:1--><li>a</li><!--tlr:2--></ul><p>after</p>", "<!--tlr:1-->* a\n<!--tlr:2-->\n\nafter"},
		{"inside a list item", "<ul><li><!--tlr:1--> a</li><li> <!--tlr:2--></li></ul>", "* <!--tlr:1--> a\n* <!--tlr:2-->"},
		{"before a line break", "a<br><!--tlr:1--><br>b", "a\n<!--tlr:1-->\nb"},
		{"token in text", "<p>Code tlr7x today</p>", "Code tlr7x today"},
		{"token in href", `<a href="https://x.io/?u=tlr12x&amp;s=tlr3x">Unsubscribe</a>`, "Unsubscribe (https://x.io/?u=tlr12x&s=tlr3x)"},
		{"whole href a token", `<a href="tlr7x">Your cart</a>`, "Your cart (tlr7x)"},
		{"token in alt", `<img alt="tlr2x">`, "tlr2x"},
		{"other comments dropped", "a<!--tl:1--><!-- tlr:2-->b", "ab"},
		{"dropped in hidden content", `<div style="display:none">x<!--tlr:1--></div>y`, "y"},
	})
}

func TestOwnLineMasks(t *testing.T) {
	values := func(mask string) bool { return mask == "tlr:2" || mask == "tlr:5" }
	cases := []fromHTMLCase{
		{"value between paragraphs", "<p>a</p><!--tlr:2--><p>b</p>", "a\n\n<!--tlr:2-->\n\nb"},
		{"value after control", "<p>a</p><!--tlr:1--><!--tlr:2--><!--tlr:3--><p>b</p>", "a\n\n<!--tlr:1--><!--tlr:2-->\n<!--tlr:3-->\nb"},
		{"value alone in a cell", "<table><tr><td><!--tlr:5--></td></tr><tr><td>x</td></tr></table>", "<!--tlr:5-->\nx"},
		{"value inline", "<p>Hi <!--tlr:2-->!</p>", "Hi <!--tlr:2-->!"},
		{"control unchanged", "<p>a</p><!--tlr:1--><p>b</p>", "a\n\n<!--tlr:1-->b"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := Convert(tc.html, Options{OwnLine: values}); got != tc.want {
				t.Errorf("Convert(%q)\ngot:  %q\nwant: %q", tc.html, got, tc.want)
			}
		})
	}
}

// TestNoTrailingSpaces checks the invariants of the output on a mixed
// document.
func TestNoTrailingSpaces(t *testing.T) {
	doc := `<body> <p> a <b> b </b> </p> <ul> <li> c <br> </li> </ul> <table><tr><td> d </td>
<td> <a href="x"> e </a> </td></tr></table> <h2> f </h2> <div> g <br><br><br> </div> </body>`
	got := FromHTML(doc)
	for i, line := range strings.Split(got, "\n") {
		if strings.TrimRight(line, " \t") != line {
			t.Errorf("line %d has trailing space: %q", i+1, line)
		}
	}
	if strings.Contains(got, "\n\n\n") || strings.HasPrefix(got, "\n") || strings.HasSuffix(got, "\n") {
		t.Errorf("blank line rules broken: %q", got)
	}
}

// TestMasksExecute follows a masked document the way the engine does:
// FromHTML, mask comments replaced by their template actions, the template
// run for a recipient, then Wrap. Whole lines must repeat or vanish.
func TestMasksExecute(t *testing.T) {
	doc := `<h2>Hi <!--tlr:1--></h2>
<!--tlr:2--><p>Your cart is waiting.</p><!--tlr:3-->
<ul><!--tlr:4--><li><!--tlr:5--></li><!--tlr:6--></ul>
<table><tr><td>Item</td><td>Price</td></tr>
<!--tlr:4--><tr><td><!--tlr:5--></td><td><!--tlr:7--></td></tr><!--tlr:6-->
</table>
<p><a href="https://x.io/u?id=tlr8x">Unsubscribe</a></p>`
	actions := map[string]string{
		"1": "{{.Name}}", "2": "{{if .Cart}}", "3": "{{end}}",
		"4": "{{range .Items}}", "5": "{{.N}}", "6": "{{end}}", "7": "{{.P}}",
	}
	type item struct{ N, P string }
	cases := []struct {
		name string
		data any
		want string
	}{
		{"cart and two items", map[string]any{"Name": "Ann", "Cart": true, "ID": "42",
			"Items": []item{{"Shoe", "$50"}, {"Hat", "$5"}}},
			"------\nHi Ann\n------\n\nYour cart is waiting.\n\n* Shoe\n* Hat\n\nItem | Price\nShoe | $50\nHat | $5\n\nUnsubscribe (https://x.io/u?id=42)"},
		{"no cart, no items", map[string]any{"Name": "Bo", "Cart": false, "ID": "7"},
			"-----\nHi Bo\n-----\n\nItem | Price\n\nUnsubscribe (https://x.io/u?id=7)"},
	}
	mask := regexp.MustCompile(`<!--tlr:(\d+)-->`)
	src := mask.ReplaceAllStringFunc(FromHTML(doc), func(m string) string {
		return actions[mask.FindStringSubmatch(m)[1]]
	})
	src = strings.ReplaceAll(src, "tlr8x", "{{.ID}}")
	tmpl := template.Must(template.New("text").Parse(src))
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var b strings.Builder
			if err := tmpl.Execute(&b, tc.data); err != nil {
				t.Fatal(err)
			}
			if got := Wrap(b.String(), 72); got != tc.want {
				t.Errorf("template:\n%s\ngot:  %q\nwant: %q", src, got, tc.want)
			}
		})
	}
}

func TestStyleHelpers(t *testing.T) {
	cases := []struct {
		style       string
		top, bottom float64
	}{
		{"padding: 20px", 20, 20},
		{"padding:0 0 20px", 0, 20},
		{"padding: 10px 5px", 10, 10},
		{"padding:1em 0 0.5em 0", 16, 8},
		{"padding:4px;padding-bottom:30px !important", 4, 30},
		{"PADDING-TOP: 2rem", 32, 0},
		{"padding: 5%", -1, -1},
		{"color: red", 0, 0},
		{"font-family: 'a;padding-top:9px'; padding-top: 3px /* was 9px */", 3, 0},
		{"background: url(a;padding:9px.png); padding-bottom:\n 6PX!IMPORTANT", 0, 6},
	}
	for _, tc := range cases {
		top, bottom := verticalPadding(tc.style)
		if top != tc.top || bottom != tc.bottom {
			t.Errorf("verticalPadding(%q) = %v, %v; want %v, %v", tc.style, top, bottom, tc.top, tc.bottom)
		}
	}
}
