package render

import (
	"errors"
	"fmt"
	htmltemplate "html/template"
	"strings"
	"sync"
	"unsafe"

	"github.com/tailor-email/tailor/amp/convert"
	"github.com/tailor-email/tailor/modules"
	"github.com/tailor-email/tailor/templates"
)

// ampPart is an email's compiled AMP for Email document. It is nil for an
// email without amp: true in its front matter.
type ampPart struct {
	doc      *ampTemplate
	slots    []string
	modules  map[string]map[string]*ampTemplate // slot -> module ID -> compiled
	mustache map[string]bool                    // the authors' amp-mustache tags, e.g. "{{name}}"
	// unvalidated skips the per-recipient validation; only a benchmark
	// sets it, to measure what validation costs.
	unvalidated bool
	// validateEach validates every recipient's part in full (amp:
	// {validate: each}); else a part of a proven shape has only its
	// recipient's values checked (see validate).
	validateEach bool
	proofs       *ampProofs
	writers      sync.Pool // *ampWriter
	// observe, set by tests, learns how each part was validated: by a
	// proof (validator.Proof.Check) or in full.
	observe func(byProof bool)
}

// ampTemplate is one compiled AMP template: the document or a module.
type ampTemplate struct {
	t      *htmltemplate.Template
	origin *origin
	ext    []string // AMP extensions its markup uses
	// reason, when set, says why no recipient who gets this template can
	// have an AMP part (found at compile time, applied at render).
	reason string
}

// compileAMP compiles the AMP part of an email whose front matter says
// amp: true. pieces is the email document as compileEmail prepared it
// (preheader and styles in place); slotAt gives the index in pieces of
// each slot action, in the order of e.slots.
func (c *Campaign) compileAMP(comp *compiler, ce *email, pieces []templates.Piece, slotAt []int) (*ampPart, error) {
	a := &ampPart{slots: ce.slots, modules: map[string]map[string]*ampTemplate{}, mustache: map[string]bool{},
		unvalidated: c.skipAMPValidation, validateEach: ce.src.AMPValidate == templates.AMPValidateEach,
		proofs: newAMPProofs(), writers: sync.Pool{New: newAMPWriter}}
	pieces = withoutPreheader(pieces)
	masked, err := comp.mask(pieces)
	if err != nil {
		return nil, err
	}
	res := convert.Document(masked, "")
	if a.doc, err = a.build(comp, ce.src.Name+".amp", res, pieces); err != nil {
		return nil, err
	}
	a.doc.reason = problemReason(ce.src.File, res.Problems)
	for _, slot := range ce.slots {
		a.modules[slot] = map[string]*ampTemplate{}
		for _, m := range c.Library.Modules(slot) {
			if a.modules[slot][m.ID], err = a.compileModule(comp, m); err != nil {
				return nil, err
			}
		}
	}
	return a, nil
}

// compileModule compiles a module's AMP variant, or its HTML converted.
func (a *ampPart) compileModule(comp *compiler, m *modules.Module) (*ampTemplate, error) {
	src, variant := m.Pieces, m.AMP != nil
	if variant {
		src = m.AMP
	}
	masked, err := comp.mask(src)
	if err != nil {
		return nil, err
	}
	res := convert.Result{HTML: masked, Extensions: convert.Detect(masked)}
	if !variant {
		res = convert.Fragment(masked)
	}
	t, err := a.build(comp, m.ID+".amp", res, src)
	if err != nil {
		return nil, err
	}
	if t.reason = problemReason(m.File, res.Problems); t.reason != "" {
		t.reason += fmt.Sprintf(" (give the module an AMP variant, %s.amp.html)", strings.TrimSuffix(strings.TrimSuffix(m.File, ".md"), ".html"))
	}
	return t, nil
}

func problemReason(file string, ps []convert.Problem) string {
	if len(ps) == 0 {
		return ""
	}
	r := file + ": " + ps[0].Msg
	if len(ps) > 1 {
		r += fmt.Sprintf(" (and %d more)", len(ps)-1)
	}
	return r
}

// withoutPreheader removes the hidden preheader withPreheader put in: an
// AMP client shows the HTML part's preview text.
func withoutPreheader(pieces []templates.Piece) []templates.Piece {
	for i, p := range pieces {
		if !p.Action && p.Text == preheaderOpen && i+2 < len(pieces) && pieces[i+2].Text == preheaderFill {
			out := append([]templates.Piece(nil), pieces[:i]...)
			return append(out, pieces[i+3:]...)
		}
	}
	return pieces
}

// render executes the AMP part for a recipient whose modules are chosen
// (msg.Modules). It returns the AMP document, or "" and the reason when
// this recipient's AMP part must be left out (the HTML part still goes).
// With ampJSON set (Request.AMPJSON), the part is kept in JSON form while
// it is written, and a part that goes is appended to *ampJSON as a JSON
// string instead of returned, unless a value was not valid UTF-8.
func (a *ampPart) render(w *boundedWriter, d *Data, msg *Message, ampJSON *[]byte) (amp, dropped string, err error) {
	if a.doc.reason != "" {
		return "", a.doc.reason, nil
	}
	aw := a.writers.Get().(*ampWriter)
	aw.reset(w)
	keep, saved := ampJSON != nil, w.json
	if keep {
		w.json, w.keepJSON = aw.json[:0], true
	}
	defer func() {
		if ampJSON != nil {
			aw.json, w.json, w.keepJSON = w.json[:0], saved, false
		}
		aw.release()
		a.writers.Put(aw)
	}()
	for _, slot := range a.slots {
		m := a.modules[slot][msg.Modules[slot]]
		if m == nil {
			return "", fmt.Sprintf("module %s has no AMP template", msg.Modules[slot]), nil
		}
		if m.reason != "" {
			return "", m.reason, nil
		}
		if err := aw.addModule(slot, m, d); err != nil {
			return failed(m.origin, err)
		}
	}
	d.Slots = aw.slots
	out, err := aw.run(a.doc, d)
	if err != nil {
		return failed(a.doc.origin, err)
	}
	keep = aw.finish(out, w.json, keep && w.jsonOK, a.doc.ext)
	// The checks read the document where it is: no string of it is made
	// when the JSON form takes its place.
	doc := viewString(aw.doc)
	if !keep {
		doc = string(aw.doc)
	}
	if reason := a.check(doc, aw); reason != "" {
		return "", reason, nil
	}
	if keep {
		*ampJSON = append(append(append(*ampJSON, '"'), aw.docJSON...), '"')
		return "", "", nil
	}
	return doc, "", nil
}

// check runs the checks a recipient's part must pass: the amp-mustache
// guard and validation (see validate). It returns "" when doc passes,
// else why the part is left out.
func (a *ampPart) check(doc string, aw *ampWriter) string {
	if reason := a.checkMustache(doc); reason != "" {
		return reason
	}
	if a.unvalidated {
		return ""
	}
	return a.validate(doc, aw.spans, !aw.untracked)
}

// failed drops the AMP part for a template error; running out of time or
// space fails the whole render.
func failed(o *origin, err error) (string, string, error) {
	if errors.Is(err, ErrTimeout) || errors.Is(err, ErrTooLarge) {
		return "", "", o.wrap(err)
	}
	return "", "AMP template failed: " + o.wrap(err).Error(), nil
}

// checkMustache is the last guard against data turned into amp-mustache
// syntax: every {{ in the output must open one of the authors' tags. A
// tag is {{, then no brace, then }}; in a run of braces only the last two
// can open one. It reads the output once.
func (a *ampPart) checkMustache(out string) string {
	unmatched := false
	for i := 0; ; {
		j := strings.Index(out[i:], "{{")
		if j < 0 {
			break
		}
		run := i + j
		open := run
		for open < len(out) && out[open] == '{' {
			open++
		}
		end := open
		for end < len(out) && out[end] != '{' && out[end] != '}' {
			end++
		}
		tag := strings.HasPrefix(out[end:], "}}")
		if tag && !a.mustache[out[open-2:end+2]] {
			return fmt.Sprintf("the AMP part has amp-mustache syntax no template wrote: %.40q", out[open-2:end+2])
		}
		if n := (open - run) / 2; n > 1 || n == 1 && !tag {
			unmatched = true // a {{ that opens no tag
		}
		if i = open; tag {
			i = end + 2
		}
	}
	if unmatched {
		return "the AMP part has an unmatched {{ no template wrote"
	}
	return ""
}

// viewString is b as a string, without a copy: the caller reads it only
// while b is unchanged, and keeps nothing of it.
func viewString(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }
