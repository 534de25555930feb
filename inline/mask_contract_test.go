package inline

import (
	"errors"
	"strings"
	"testing"
)

// pieces splits src at "{{" and "}}" into text and actions.
func pieces(src string) []Piece {
	var ps []Piece
	for src != "" {
		i := strings.Index(src, "{{")
		if i < 0 {
			return append(ps, Piece{Text: src})
		}
		if i > 0 {
			ps = append(ps, Piece{Text: src[:i]})
		}
		j := strings.Index(src[i:], "}}") + i + 2
		ps = append(ps, Piece{Text: src[i:j], Action: true})
		src = src[j:]
	}
	return ps
}

// roundTrip masks src, inlines css into it and restores the actions.
func roundTrip(t *testing.T, src string) string {
	t.Helper()
	ps := pieces(src)
	masked, err := Mask(ps)
	if err != nil {
		t.Fatalf("Mask: %v", err)
	}
	doc, err := Document(masked)
	if err != nil {
		t.Fatalf("Document: %v", err)
	}
	r, err := Unmask(doc, ps, false)
	if err != nil {
		t.Fatalf("Unmask: %v", err)
	}
	if m := r.Missing(ps); len(m) > 0 {
		t.Fatalf("actions %v lost:\n%s", m, r.Src)
	}
	return r.Src
}

// TestUnquotedAttributeValueAction: an action that is an attribute's
// whole unquoted value comes back as that value, wherever the attribute
// stands and however it is spaced, and the CSS is still inlined.
func TestUnquotedAttributeValueAction(t *testing.T) {
	const head = `<html><head><style>td{color:red}</style></head><body><table><tr>`
	for src, want := range map[string]string{
		`<td width={{.W}} class="a">x</td>`: `<td width="{{.W}}" class="a" style="color: red;">`,
		`<td class="a" width={{.W}}>x</td>`: `<td class="a" width="{{.W}}" style="color: red;">`,
		`<td width= {{.W}}>x</td>`:          `<td width="{{.W}}" style="color: red;">`,
		"<td width=\t{{.W}}>x</td>":         `<td width="{{.W}}" style="color: red;">`,
		"<td width=\n{{.W}}>x</td>":         `<td width="{{.W}}" style="color: red;">`,
		"<td width=\r\n{{.W}}>x</td>":       `<td width="{{.W}}" style="color: red;">`,
		// Text before, after and between actions in the same value.
		`<td width={{.W}}px>x</td>`:         `<td width="{{.W}}px" style="color: red;">`,
		`<td width=a{{.W}}>x</td>`:          `<td width="a{{.W}}" style="color: red;">`,
		`<td width=a{{.W}}b class=c>x</td>`: `<td width="a{{.W}}b" class="c" style="color: red;">`,
		// White space ends an unquoted value: an action after it is
		// an attribute of its own.
		`<td width=a {{.A}}>x</td>`:             `<td width="a"{{.A}} style="color: red;">`,
		"<td width=a\t{{.A}}>x</td>":            `<td width="a"{{.A}} style="color: red;">`,
		"<td width=a\n{{.A}}>x</td>":            `<td width="a"{{.A}} style="color: red;">`,
		"<td width=a\r\n{{.A}}>x</td>":          `<td width="a"{{.A}} style="color: red;">`,
		`<td width={{.W}}{{.V}}>x</td>`:         `<td width="{{.W}}{{.V}}" style="color: red;">`,
		`<td width={{.W}}-{{.V}} {{.A}}>x</td>`: `<td width="{{.W}}-{{.V}}"{{.A}} style="color: red;">`,
	} {
		got := roundTrip(t, head+src+`</tr></table></body></html>`)
		if !strings.Contains(got, want) {
			t.Errorf("%s: got\n%s\nwant it to hold %s", src, got, want)
		}
	}
}

// TestMaskRefusesActionsInStyleAndScript: CSS and scripts are fixed at
// load, so an action inside <style> or <script> fails, naming that
// action; in <title> and <textarea> it is text and comes back.
func TestMaskRefusesActionsInStyleAndScript(t *testing.T) {
	for _, src := range []string{
		`<html><head><style>p{color:{{.C}}}</style></head></html>`,
		`<html><head><script>var x = {{.X}};</script></head></html>`,
		`<html><head><SCRIPT type="text/javascript">var x = "{{.X}}";</SCRIPT></head></html>`,
		`<html><head></head><body><p>{{.A}}</p><script>x({{.X}})</script></body></html>`,
	} {
		ps := pieces(src)
		_, err := Mask(ps)
		var me *MaskError
		if !errors.As(err, &me) || !ps[me.Piece].Action || !strings.Contains(ps[me.Piece].Text, ".X") && !strings.Contains(ps[me.Piece].Text, ".C") {
			t.Errorf("%s: Mask error %v, want one naming the action inside the element", src, err)
			continue
		}
		if !strings.Contains(me.Msg, "not allowed inside <s") {
			t.Errorf("%s: message %q", src, me.Msg)
		}
	}
	got := roundTrip(t, `<html><head><title>Hi {{.N}}</title></head><body><textarea>{{.T}}</textarea></body></html>`)
	if !strings.Contains(got, "<title>Hi {{.N}}</title>") || !strings.Contains(got, "<textarea>{{.T}}</textarea>") {
		t.Errorf("title or textarea action not restored:\n%s", got)
	}
}

// TestMaskRefusesTextWithReservedWords: template text that reads like a
// mask would be restored as an action; it fails, naming the text.
func TestMaskRefusesTextWithReservedWords(t *testing.T) {
	for _, text := range []string{"<p>tlr0x</p>", `<p tlr-0="">x</p>`, "<!--tlr:0--><p>x</p>", "<p>see tlr12x</p>"} {
		ps := []Piece{{Text: "{{.A}}", Action: true}, {Text: text}}
		_, err := Mask(ps)
		var me *MaskError
		if !errors.As(err, &me) || me.Piece != 1 || !strings.Contains(me.Msg, "reserved") {
			t.Errorf("%q: Mask error %v, want a reserved-word error at piece 1", text, err)
		}
	}
	for _, text := range []string{"<p>tlr</p>", "<p>tlrx tlr-x= tlr1</p>"} {
		if _, err := Mask([]Piece{{Text: text}}); err != nil {
			t.Errorf("%q: %v", text, err)
		}
	}
}

// TestUnmaskRestoresEachActionOnce: a document in which a mask appears
// twice (the inliner or a converter copied it), names a text piece, or
// an action that does not exist, is refused rather than restored.
func TestUnmaskRestoresEachActionOnce(t *testing.T) {
	ps := []Piece{{Text: "<p>"}, {Text: "{{.A}}", Action: true}, {Text: "</p>"}}
	for _, doc := range []string{
		"<p><!--tlr:1--><!--tlr:1--></p>",
		`<p title="tlr1x">tlr1x</p>`,
		`<p tlr-1="" >x</p><p tlr-1="" >y</p>`,
		"<p><!--tlr:0--></p>",
		"<p><!--tlr:3--></p>",
	} {
		if r, err := Unmask(doc, ps, false); err == nil {
			t.Errorf("Unmask(%q) = %q, want an error", doc, r.Src)
		}
	}
	r, err := Unmask("<p><!--tlr:1--></p>", ps, false)
	if err != nil || r.Src != "<p>{{.A}}</p>" || len(r.Spans) != 1 {
		t.Fatalf("Unmask of one mask = %+v, %v", r, err)
	}
	for _, doc := range []string{"<!--tlr:1--></p>", "tlr1x</p>"} {
		if r, err := Unmask(doc, ps, false); err != nil || r.Src != "{{.A}}</p>" {
			t.Errorf("Unmask(%q), a mask at the start = %+v, %v", doc, r, err)
		}
	}
}

// TestMaskRoundTripsTagsAndConditionalAttributes: actions inside start
// tags of any name (a to z, A to Z, digits, hyphens) come back where they
// were, an action that is a whole attribute gives its space back to the
// attribute after it, and an element only named like style or script is
// not raw text.
func TestMaskRoundTripsTagsAndConditionalAttributes(t *testing.T) {
	const head = `<html><head></head><body>`
	for src, want := range map[string]string{
		`<a href="{{.U}}">x</a>`:                             `<a href="{{.U}}">x</a>`,
		`<z-el title="{{.U}}">x</z-el>`:                      `<z-el title="{{.U}}">x</z-el>`,
		`<A title="{{.U}}">x</A>`:                            `<a title="{{.U}}">x</a>`,
		`<Z title="{{.U}}">x</Z>`:                            `<z title="{{.U}}">x</z>`,
		`<p {{if .A}}class="a"{{end}} id="i">x</p>`:          `<p{{if .A}} class="a"{{end}} id="i">x</p>`,
		`<div{{if .A}} class="a"{{end}}>x</div>`:             `<div{{if .A}} class="a"{{end}}>x</div>`,
		`<p id="i" {{if .A}}hidden{{end}}>x</p>`:             `<p id="i"{{if .A}} hidden=""{{end}}>x</p>`,
		`<style0>{{.X}}</style0><script9>{{.Y}}</script9>`:   `<style0>{{.X}}</style0><script9>{{.Y}}</script9>`,
		`<styles>{{.X}}</styles><p title="{{.Y}}">p</p>`:     `<styles>{{.X}}</styles><p title="{{.Y}}">p</p>`,
		`<textarea>{{.X}}</TEXTAREA><p title="{{.Y}}">p</p>`: `<textarea>{{.X}}</textarea><p title="{{.Y}}">p</p>`,
	} {
		got := roundTrip(t, head+src+`</body></html>`)
		if !strings.Contains(got, want) {
			t.Errorf("%s: got\n%s\nwant it to hold %s", src, got, want)
		}
	}
}

// TestUnmaskComments: an ordinary comment (an Outlook conditional among
// them) reaches the source verbatim, or, with keepComments, as tailorRaw
// calls around the actions masked in it, so it survives html/template.
func TestUnmaskComments(t *testing.T) {
	ps := pieces(`<html><head></head><body><!--[if mso]><v:rect fillcolor="{{.C}}"><![endif]--><p>{{.A}}</p><!-- plain --></body></html>`)
	masked, err := Mask(ps)
	if err != nil {
		t.Fatal(err)
	}
	r, err := Unmask(masked, ps, true)
	if err != nil {
		t.Fatal(err)
	}
	want := `{{tailorRaw 0}}{{.C}}{{tailorRaw 1}}<p>{{.A}}</p>{{tailorRaw 2}}`
	if !strings.Contains(r.Src, want) || strings.Join(r.Raw, "|") != `<!--[if mso]><v:rect fillcolor="|"><![endif]-->|<!-- plain -->` {
		t.Errorf("keepComments: %s\nraw %q", r.Src, r.Raw)
	}
	r, err = Unmask(masked, ps, false)
	if err != nil || !strings.Contains(r.Src, `<!--[if mso]><v:rect fillcolor="{{.C}}"><![endif]--><p>{{.A}}</p><!-- plain -->`) || len(r.Raw) != 0 {
		t.Errorf("without keepComments: %v\n%s", err, r.Src)
	}
	if r, err := Unmask("<p><!-- open", ps, true); err != nil || r.Src != "<p><!-- open" {
		t.Errorf("an unclosed comment: %v, %q", err, r.Src)
	}
}

// TestLessThanBeforeAnAction: a "<" that ends the text before an action
// (a comparison in the copy) is text, and the action comes back after it.
func TestLessThanBeforeAnAction(t *testing.T) {
	got := roundTrip(t, `<html><head></head><body><p>under <{{.N}} and <!{{.M}}</p></body></html>`)
	if !strings.Contains(got, `under &lt;{{.N}} and`) || !strings.Contains(got, `{{.M}}`) {
		t.Errorf("got\n%s", got)
	}
}
