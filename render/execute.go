package render

import (
	"bytes"
	"context"
	"fmt"
	htmltemplate "html/template"

	"github.com/tailor-email/tailor/render/executor"
	"github.com/tailor-email/tailor/text"
)

// ErrTooLarge is returned when a part's output, or a value a template
// function would build, passes Limits.MaxBytes.
var ErrTooLarge = executor.ErrTooLarge

// ErrTimeout is returned when a render passes Limits.Timeout.
var ErrTimeout = executor.ErrTimeout

// ErrSteps is returned when a render spends more than Limits.MaxSteps
// steps: range iterations, function calls and template calls.
var ErrSteps = executor.ErrSteps

// execute runs every template of the email for the recipient, on the
// caller's goroutine, within the campaign's bounds (see executor.Budget):
// the steps of Limits.MaxSteps, the deadline (the earlier of ctx's and
// Limits.Timeout), ctx itself, and Limits.MaxBytes for each part and each
// value a function builds. A panic becomes this recipient's error.
func (c *Campaign) execute(ctx context.Context, e *email, picked []*part, d *Data, msg *Message, forms jsonForms) (err error) {
	if err := ctx.Err(); err != nil {
		return err
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("template panicked: %v", r)
		}
	}()
	w := writers.Get().(*boundedWriter)
	defer w.release()
	lim := c.Config.Limits
	w.max, w.progs, w.reference = lim.MaxBytes, c.progs, c.reference
	w.budget.Reset(ctx, c.timeout, lim.MaxSteps, lim.MaxBytes)
	return c.run(e, picked, d, msg, w, forms)
}

// AppendsAMPJSON reports that Render honours Request.AMPJSON (see
// batch.AMPJSONRenderer): a wrapper that changes the AMP part after
// rendering does not.
func (c *Campaign) AppendsAMPJSON() bool { return true }

// jsonForms are where a render appends its parts in JSON form, when they
// are set: Request.HTMLJSON and Request.AMPJSON.
type jsonForms struct{ html, amp *[]byte }

// run executes the email's parts in order: the headers (the body may
// show them), the document's HTML with its slots' modules, its text with
// theirs, then the AMP part.
// With forms.html set, the HTML parts are also kept in JSON form, and the
// document's is appended to *forms.html, instead of set as msg.HTML, once
// every part is done (see Request.HTMLJSON); forms.amp does the same for
// the AMP part (see ampPart.render).
func (c *Campaign) run(e *email, picked []*part, d *Data, msg *Message, w *boundedWriter, forms jsonForms) error {
	htmlJSON := forms.html
	if err := c.headers(e, d, msg, w); err != nil {
		return err
	}
	keepJSON := htmlJSON != nil
	w.keepJSON = keepJSON
	if err := w.setSlots(e, picked, d, false); err != nil {
		return err
	}
	html, err := w.run(e.doc.html.Tree, e.doc.html, d)
	if err != nil {
		return e.doc.htmlOrigin.wrap(err)
	}
	kept, keptOK := w.json, keepJSON && w.jsonOK // the document's JSON form...
	w.json = nil                                 // ...put aside from the writer
	defer func() { w.json = kept[:0] }()
	if !keptOK {
		msg.HTML = serializerEscapes(html)
	}
	w.keepJSON, w.plain = false, true
	if err := w.setSlots(e, picked, d, true); err != nil {
		return err
	}
	txt, err := w.run(e.doc.text.Tree, e.doc.text, d)
	w.plain = false
	if err != nil {
		return e.doc.textOrigin.wrap(err)
	}
	msg.Text = text.WrapPart(txt, text.Width, c.textLinks)
	if e.amp != nil {
		if msg.AMP, msg.AMPDropped, err = e.amp.render(w, d, msg, forms.amp); err != nil {
			return err
		}
	}
	if keptOK {
		dst := appendSerializerEscapes(append(*htmlJSON, '"'), kept)
		*htmlJSON = append(dst, '"')
	}
	return nil
}

// htmlOutput is the part's HTML for the recipient, as an htmltemplate.HTML:
// the one made at load when it has nothing per recipient.
func (p *part) htmlOutput(w *boundedWriter, d *Data) (any, error) {
	if h, ok := p.htmlConst.(htmltemplate.HTML); ok && len(h) <= w.max {
		return p.htmlConst, nil
	}
	h, err := w.exec(p.html.Tree, p.html, d)
	return htmltemplate.HTML(h), err
}

// textOutput is htmlOutput for the text part, as a string.
func (p *part) textOutput(w *boundedWriter, d *Data) (any, error) {
	if t, ok := p.textConst.(string); ok && len(t) <= w.max {
		return p.textConst, nil
	}
	return w.exec(p.text.Tree, p.text, d)
}

// headers renders the subject (the variant's, under a subject test), the
// preheader and the unsubscribe URL, one line each.
func (c *Campaign) headers(e *email, d *Data, msg *Message, w *boundedWriter) error {
	subject := e.subject
	if t := e.variants[msg.Variants[e.src.SubjectTest.ExperimentName()]]; t != nil {
		subject = t
	}
	s, err := w.text(subject, d)
	if err != nil {
		return fmt.Errorf("%s: subject: %w", e.src.File, err)
	}
	msg.Subject = oneLine(s)
	d.Subject = msg.Subject
	p, err := w.text(e.preheader, d)
	if err != nil {
		return fmt.Errorf("%s: preheader: %w", e.src.File, err)
	}
	msg.Preheader = oneLine(p)
	d.Preheader = msg.Preheader
	if c.unsubURL != nil && msg.ID != "" {
		msg.Unsubscribe = oneLine(c.unsubURL(msg.ID))
		d.Unsubscribe = msg.Unsubscribe
		return nil
	}
	if c.unsub != nil {
		u, err := w.text(c.unsub, d)
		if err != nil {
			return fmt.Errorf("tailor.yaml: unsubscribe: %w", err)
		}
		msg.Unsubscribe = oneLine(u)
		d.Unsubscribe = msg.Unsubscribe
	}
	return nil
}

// serializerEscapes writes the two characters that html/template escapes
// and the HTML serializer does not (' and +) as the serializer does, so the
// engine's output is byte for byte what rendering and then inlining gives.
// Both are safe as they are in text and in double-quoted attributes, and
// html/template never produces these entities in <script> or <style>.
func serializerEscapes(html []byte) string {
	if nextEscape(html, 0) < 0 {
		return string(html)
	}
	return string(appendSerializerEscapes(make([]byte, 0, len(html)), html))
}

// appendSerializerEscapes appends what serializerEscapes makes of src,
// which may be the JSON form of a document: neither entity holds a
// character that JSON escapes.
func appendSerializerEscapes(dst, src []byte) []byte {
	from := 0
	for i := nextEscape(src, 0); i >= 0; i = nextEscape(src, from) {
		dst = append(dst, src[from:i]...)
		if src[i+3] == '9' {
			dst = append(dst, '\'')
		} else {
			dst = append(dst, '+')
		}
		from = i + 5
	}
	return append(dst, src[from:]...)
}

// nextEscape returns the index of the next "&#39;" or "&#43;" at or after
// from, or -1.
func nextEscape(s []byte, from int) int {
	for {
		i := bytes.Index(s[from:], []byte("&#"))
		if i < 0 {
			return -1
		}
		i += from
		if rest := s[i:]; bytes.HasPrefix(rest, []byte("&#39;")) || bytes.HasPrefix(rest, []byte("&#43;")) {
			return i
		}
		from = i + 2
	}
}
