package validator

import "strings"

// sweepTags are HTML tags (allowed or not) that the sweep puts in a body
// with a spread of global attributes. Table parts, frame and frameset are
// left out: outside a table the HTML parser drops them, so the official
// validator never sees them, while this validator reports them.
var sweepTags = strings.Fields(`a abbr address area article aside audio b bdi bdo blockquote br
button canvas cite code data datalist dd del details dfn dialog div dl dt em embed fieldset
figcaption figure footer h1 h2 h3 h4 h5 h6 header hgroup hr i iframe img input ins kbd label
legend li main map mark menu meter nav noscript object ol optgroup option output p param
picture pre progress q rp rt ruby s samp search section select slot small source span strong
sub summary sup textarea time track u ul var video wbr acronym big blink center dir font
marquee nobr spacer strike tt xmp applet basefont svg`)

var sweepVoid = map[string]bool{"area": true, "br": true, "embed": true, "hr": true, "img": true,
	"input": true, "param": true, "source": true, "track": true, "wbr": true, "basefont": true}

const sweepAttrs = `id="x1" class="c" title="t" lang="en" dir="ltr" tabindex="0" role="presentation" hidden ` +
	`aria-label="l" data-x="1" translate="no" draggable="true" accesskey="k" contenteditable="false" ` +
	`spellcheck="false" itemscope itemprop="p"`

// sweepCases are documents whose expected result is whatever the official
// validator says: only TestChecksAgreeWithOfficial runs them.
func sweepCases() []checkCase {
	var out []checkCase
	for _, tag := range sweepTags {
		el := "<" + tag + " " + sweepAttrs + ">"
		if !sweepVoid[tag] {
			el += "x</" + tag + ">"
		}
		out = append(out, checkCase{name: "sweep " + tag, doc: emailDoc("", el)})
	}
	cells := `<table ` + sweepAttrs + `><caption>c</caption><colgroup><col span="1"></colgroup>` +
		`<thead><tr><th scope="col" ` + sweepAttrs + `>h</th></tr></thead><tbody><tr ` + sweepAttrs + `>` +
		`<td colspan="1" rowspan="1" headers="h" abbr="a" align="left" valign="top" bgcolor="#fff" width="1" ` +
		`height="1" nowrap background="https://e.com/a.png" scope="col" axis="a" char="." charoff="1">d</td>` +
		`</tr></tbody><tfoot><tr><td>f</td></tr></tfoot></table>`
	return append(out, checkCase{name: "sweep table", doc: emailDoc("", cells)})
}
