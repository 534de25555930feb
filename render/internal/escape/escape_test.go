package escape

import (
	htmltemplate "html/template"
	"net/url"
	"slices"
	"strings"
	"testing"
	"text/template/parse"

	_ "github.com/tailor-email/tailor/internal/goldentest" // defines -update: go test ./... -update runs here too
)

// allContexts are every context of the fuzz targets' groups.
func allContexts(t testing.TB) []*context {
	return newContexts(t, htmlContexts, urlContexts, cssContexts, jsContexts)
}

// TestSameAsHTMLTemplate prints values of every kind in every context and
// compares the output with html/template's, byte for byte.
func TestSameAsHTMLTemplate(t *testing.T) {
	var values []any
	for _, s := range hostile {
		values = append(values, s)
		for _, v := range contentTypes(s) {
			values = append(values, v)
		}
	}
	values = append(values, otherValues()...)
	values = append(values, byteStrings()...)
	for _, c := range allContexts(t) {
		t.Run(c.src, func(t *testing.T) {
			for _, v := range values {
				c.check(t, v)
			}
		})
	}
}

// TestContentTypesOfBytes prints each byte as every content type.
func TestContentTypesOfBytes(t *testing.T) {
	cs := allContexts(t)
	for c := 0; c < 256; c++ {
		for _, v := range contentTypes(string([]byte{'x', byte(c), '1'})) {
			for _, ctx := range cs {
				ctx.check(t, v)
			}
		}
	}
}

// TestHTMLContentBytes prints markup with each byte in each place that
// matters to stripping tags, as HTML content and as text.
func TestHTMLContentBytes(t *testing.T) {
	cs := allContexts(t)
	for _, s := range markupStrings() {
		for _, c := range cs {
			c.check(t, htmltemplate.HTML(s))
			c.check(t, s)
		}
	}
}

// TestNames checks that Names lists exactly the escapers html/template
// inserts in the contexts above, and that Lookup and LookupString know
// them and nothing else.
func TestNames(t *testing.T) {
	inserted := map[string]bool{}
	for _, c := range allContexts(t) {
		for _, n := range identifiers(c.tmpl.Tree) {
			if strings.HasPrefix(n, prefix) {
				inserted[n] = true
			}
		}
	}
	var want []string
	for n := range inserted {
		want = append(want, n)
	}
	slices.Sort(want)
	if got := Names(); !slices.Equal(got, want) {
		t.Errorf("Names() = %v\nhtml/template inserts %v", got, want)
	}
	if len(want) != 16 {
		t.Errorf("html/template inserted %d escapers, want 16: %v", len(want), want)
	}
	for _, n := range Names() {
		if Lookup(n) == nil || LookupString(n) == nil {
			t.Errorf("%s: Lookup or LookupString gives nil", n)
		}
	}
	for _, n := range []string{"", "htmlescaper", "html", "_html_template_", "_eval_args_", "_html_template_nope", "x_html_template_htmlescaper"} {
		if Lookup(n) != nil || LookupString(n) != nil {
			t.Errorf("%q: Lookup or LookupString is not nil", n)
		}
	}
}

// identifiers lists the function names in a tree's actions.
func identifiers(tree *parse.Tree) []string {
	var out []string
	for _, n := range tree.Root.Nodes {
		if a, ok := n.(*parse.ActionNode); ok {
			for _, cmd := range a.Pipe.Cmds {
				for _, arg := range cmd.Args {
					if id, ok := arg.(*parse.IdentifierNode); ok {
						out = append(out, id.Ident)
					}
				}
			}
		}
	}
	return out
}

// TestEvalArgs compares EvalArgs with html/template's _eval_args_, which
// it puts before urlquery (whose output shows every byte it is given).
func TestEvalArgs(t *testing.T) {
	one := newContext(t, `<a href="/s?q={{urlquery .}}">`)
	values := append(otherValues(), "", "a b", "<x>")
	for _, v := range values {
		one.check(t, v)
	}
	for _, src := range []string{`{{urlquery . 1}}`, `{{urlquery . . "s"}}`, `{{urlquery "a" "b"}}`, `{{urlquery 1 2}}`, `{{urlquery . nil}}`} {
		tmpl := htmltemplate.Must(htmltemplate.New("t").Parse(`<a href="/s?q=` + src + `">`))
		for _, v := range values {
			var want strings.Builder
			if err := tmpl.Execute(&want, v); err != nil {
				t.Fatal(err)
			}
			got := `<a href="/s?q=` + attrEscaper(urlQuery(evalArgsOf(src, v))) + `">`
			if got != want.String() {
				t.Errorf("%s with %#v:\n got %q\nwant %q", src, v, got, want.String())
			}
		}
	}
}

// evalArgsOf is EvalArgs of the arguments src gives urlquery, for dot v.
func evalArgsOf(src string, v any) string {
	switch src {
	case `{{urlquery . 1}}`:
		return EvalArgs(v, 1)
	case `{{urlquery . . "s"}}`:
		return EvalArgs(v, v, "s")
	case `{{urlquery "a" "b"}}`:
		return EvalArgs("a", "b")
	case `{{urlquery 1 2}}`:
		return EvalArgs(1, 2)
	}
	return EvalArgs(v, nil)
}

func urlQuery(s string) string { return url.QueryEscape(s) }

// TestAttrNames prints, as an attribute name, every name of up to three
// letters and digits and every name of typedAttrs with html/template and
// with htmlNameFilter.
func TestAttrNames(t *testing.T) {
	c := newContext(t, `<p {{.}}=x>`)
	const alnum = "abcdefghijklmnopqrstuvwxyz0123456789"
	var names []string
	for _, n := range htmlAttrNames {
		names = append(names, n, strings.ToUpper(n), n+"x", "x"+n)
	}
	for _, a := range alnum {
		names = append(names, string(a))
		for _, b := range alnum {
			names = append(names, string(a)+string(b))
			for _, d := range alnum {
				names = append(names, string(a)+string(b)+string(d))
			}
		}
	}
	for _, n := range names {
		c.check(t, n)
	}
}

// htmlAttrNames are the attribute names of HTML, old and new, that are
// made of letters and digits only.
var htmlAttrNames = strings.Fields(`abbr accept acceptcharset accesskey action align alink allow allowfullscreen
	alt archive async autocapitalize autocomplete autocorrect autofocus autoplay axis background bgcolor border
	bordercolor buffered capture cellpadding cellspacing challenge char charoff charset checked cite class
	classid clear code codebase codetype color cols colspan compact content contenteditable contextmenu controls
	controlslist coords crossorigin csp data datafld dataformatas datasrc datetime declare decoding default defer
	dir dirname disabled disablepictureinpicture disableremoteplayback download draggable dropzone
	elementtiming enctype enterkeyhint exportparts face fetchpriority for form formaction formenctype formmethod
	formnovalidate formtarget frame frameborder headers height hidden high href hreflang hspace httpequiv icon
	id imagesizes imagesrcset importance inert inputmode integrity intrinsicsize is ismap itemid itemprop itemref
	itemscope itemtype keytype kind label lang language leftmargin link list loading longdesc loop low manifest
	marginheight marginwidth max maxlength media mediagroup method min minlength multiple muted name nohref
	nomodule nonce noresize noshade novalidate nowrap object onclick onload open optimum part pattern ping
	placeholder playsinline popover popovertarget popovertargetaction poster preload profile pubdate radiogroup
	readonly referrerpolicy rel required rev reversed role rows rowspan rules sandbox scheme scope scoped
	scrolling seamless selected shadowrootmode shape size sizes slot span spellcheck src srcdoc srclang srcset
	standby start step style summary tabindex target text title topmargin translate truespeed type usemap valign
	value valuetype version vlink vspace width wrap xmlns blocking attributionsrc virtualkeyboardpolicy
	writingsuggestions autosave results incremental webkitdirectory behavior event`)
