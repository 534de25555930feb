package render

import (
	"bytes"
	htmltemplate "html/template"
	"slices"

	"github.com/tailor-email/tailor/amp/convert"
	"github.com/tailor-email/tailor/amp/validator"
	"github.com/tailor-email/tailor/internal/jsonstr"
)

// ampWriter is what an AMP part's templates run into: it passes each
// write on to the render's boundedWriter and marks where the templates
// printed something (spans): a recipient's values, and the constants
// printed by actions. A template's own text is not marked. A rendered
// module printed by the document keeps its spans. One ampWriter serves a
// render at a time; the ampPart pools them with their buffers.
type ampWriter struct {
	w     *boundedWriter
	spans []validator.Span
	// untracked is set when the spans are unknown: the reference path
	// runs html/template, which writes text and values alike.
	untracked bool
	mods      []ampModule    // the render's modules, rendered
	slots     map[string]any // Data.Slots for the document
	ext       []string       // the extensions the render's markup uses
	// doc is the finished document, and docJSON its JSON form, when the
	// render keeps one (see ampPart.render); json is the buffer the
	// render's writer keeps the JSON form in while the templates run.
	doc, docJSON, json []byte
	// runtimeLine is the AMP runtime's script line, after which the
	// extensions' scripts go, and runtimeJSON its JSON form.
	runtimeLine, runtimeJSON []byte
	// lastExt and lastScripts are the extensions of the writer's last
	// render and their scripts (scriptsJSON their JSON form), which the
	// next render often needs again.
	lastExt                  []string
	lastScripts, scriptsJSON string
}

// ampModule is a module's AMP output with its spans, and its JSON form
// when the render keeps one and jsonOK.
type ampModule struct {
	out    string
	spans  []validator.Span
	json   []byte
	jsonOK bool
}

func newAMPWriter() any {
	line := convert.RuntimeScript + "\n"
	j, _ := jsonstr.AppendContent(nil, line)
	return &ampWriter{slots: map[string]any{}, runtimeLine: []byte(line), runtimeJSON: j}
}

// reset readies the writer for a render into w.
func (a *ampWriter) reset(w *boundedWriter) {
	a.w, a.untracked = w, w.reference
	a.spans = a.spans[:0]
	a.mods = a.mods[:0]
	a.ext = a.ext[:0]
	clear(a.slots)
}

// release drops what the render's writer and data could keep alive.
func (a *ampWriter) release() {
	a.w = nil
	clear(a.slots)
	for i := range a.mods {
		a.mods[i].out = ""
	}
}

// WriteText implements executor.TextWriter: a template's own text.
func (a *ampWriter) WriteText(text, json []byte) (int, error) { return a.w.WriteText(text, json) }

// Write implements executor.Writer: what an action prints.
func (a *ampWriter) Write(p []byte) (int, error) {
	start := len(a.w.buf)
	n, err := a.w.Write(p)
	a.spans = append(a.spans, validator.Span{Start: start, End: start + n})
	return n, err
}

// WriteString implements executor.Writer: what an action prints. A
// module's output, printed by the document, brings its own spans.
func (a *ampWriter) WriteString(s string) (int, error) {
	start := len(a.w.buf)
	m := a.module(s)
	var n int
	var err error
	if m != nil {
		n, err = a.w.writeKnown(s, m.json, m.jsonOK)
	} else {
		n, err = a.w.WriteString(s)
	}
	if m != nil && n == len(s) {
		for _, sp := range m.spans {
			a.spans = append(a.spans, validator.Span{Start: start + sp.Start, End: start + sp.End})
		}
		return n, err
	}
	a.spans = append(a.spans, validator.Span{Start: start, End: start + n})
	return n, err
}

// module returns the rendered module whose output s is (the document
// prints it as it is), or nil.
func (a *ampWriter) module(s string) *ampModule {
	for i := range a.mods {
		if m := &a.mods[i]; len(m.out) == len(s) && len(s) > 0 && m.out == s {
			return m
		}
	}
	return nil
}

// run executes t for the recipient and returns its output, which the
// next run overwrites; a.spans holds its spans.
func (a *ampWriter) run(t *ampTemplate, d *Data) ([]byte, error) {
	a.spans = a.spans[:0]
	w := a.w
	if a.untracked {
		return w.run(t.t.Tree, t.t, d)
	}
	w.reset()
	p := w.progs[t.t.Tree]
	if p == nil {
		return w.run(t.t.Tree, t.t, d) // reports the missing program
	}
	return w.buf, p.Execute(a, d, &w.budget)
}

// addModule renders module m into the slots for the document.
func (a *ampWriter) addModule(slot string, m *ampTemplate, d *Data) error {
	out, err := a.run(m, d)
	if err != nil {
		return err
	}
	if len(a.mods) < cap(a.mods) {
		a.mods = a.mods[:len(a.mods)+1]
	} else {
		a.mods = append(a.mods, ampModule{})
	}
	mod := &a.mods[len(a.mods)-1]
	mod.out = string(out)
	mod.spans = append(mod.spans[:0], a.spans...)
	mod.json, mod.jsonOK = append(mod.json[:0], a.w.json...), a.w.keepJSON && a.w.jsonOK
	a.slots[slot] = htmltemplate.HTML(mod.out)
	a.ext = append(a.ext, m.ext...)
	return nil
}

// finish makes the document from the output of its run, in a.doc: the
// scripts of the extensions its markup uses go after the AMP runtime's
// (the spans after them move on). With keep, json being the run's output
// in JSON form, it makes the document's JSON form too, in a.docJSON, and
// reports whether it did.
func (a *ampWriter) finish(out, json []byte, keep bool, docExt []string) bool {
	a.ext = append(a.ext, docExt...)
	if !slices.Equal(a.ext, a.lastExt) {
		a.lastExt, a.lastScripts = append(a.lastExt[:0], a.ext...), convert.Scripts(a.ext)
		j, _ := jsonstr.AppendContent(nil, a.lastScripts)
		a.scriptsJSON = string(j)
	}
	scripts := a.lastScripts
	at := bytes.Index(out, a.runtimeLine)
	if at < 0 || scripts == "" {
		a.doc = append(a.doc[:0], out...)
		a.docJSON = append(a.docJSON[:0], json...)
		return keep
	}
	at += len(a.runtimeLine)
	a.doc = append(append(append(a.doc[:0], out[:at]...), scripts...), out[at:]...)
	for i := range a.spans {
		switch s := &a.spans[i]; {
		case s.Start >= at:
			s.Start += len(scripts)
			s.End += len(scripts)
		case s.End > at:
			s.End += len(scripts)
		}
	}
	// The runtime's line starts with '<', which is never inside an
	// escape, so its first place in the JSON form is the JSON form of its
	// first place in the output.
	atJSON := bytes.Index(json, a.runtimeJSON)
	if !keep || atJSON < 0 {
		return false
	}
	atJSON += len(a.runtimeJSON)
	a.docJSON = append(append(append(a.docJSON[:0], json[:atJSON]...), a.scriptsJSON...), json[atJSON:]...)
	return true
}
