package render

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	htmltemplate "html/template"
	"strings"
	texttemplate "text/template"
	"text/template/parse"
	"time"

	"github.com/tailor-email/tailor/render/text"
)

// ErrTooLarge is returned when a part's output passes Limits.MaxBytes.
var ErrTooLarge = errors.New("output too large")

// ErrTimeout is returned when a render passes Limits.Timeout.
var ErrTimeout = errors.New("render took too long")

// execute runs every template of the email for the recipient, on the
// caller's goroutine, within the campaign's bounds: the output writers fail
// once a part passes Limits.MaxBytes, or once the deadline (the earlier of
// ctx's and Limits.Timeout) has passed. Loops that could run long without
// writing are refused when the workspace loads (see checkRanges). A panic
// becomes this recipient's error.
func (c *Campaign) execute(ctx context.Context, e *email, picked []*part, d *Data, msg *Message) (err error) {
	if err := ctx.Err(); err != nil {
		return err
	}
	deadline := time.Now().Add(c.timeout)
	if dl, ok := ctx.Deadline(); ok && dl.Before(deadline) {
		deadline = dl
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("template panicked: %v", r)
		}
	}()
	w := &boundedWriter{max: c.Config.Limits.MaxBytes, deadline: deadline, ctx: ctx, limit: c.timeout, progs: c.progs}
	w.buf = scratch.get()
	defer func() { scratch.put(w.buf) }()
	return c.run(e, picked, d, msg, w)
}

// run executes the email's parts in order: the headers (the body may
// show them), each slot's module, the document, then the AMP part.
func (c *Campaign) run(e *email, picked []*part, d *Data, msg *Message, w *boundedWriter) error {
	if err := c.headers(e, d, msg, w); err != nil {
		return err
	}
	htmlSlots := make(map[string]any, len(picked))
	textSlots := make(map[string]any, len(picked))
	for i, p := range picked {
		h, err := p.htmlOutput(w, d)
		if err != nil {
			return p.htmlOrigin.wrap(err)
		}
		htmlSlots[e.slots[i]] = h
		if textSlots[e.slots[i]], err = p.textOutput(w, d); err != nil {
			return p.textOrigin.wrap(err)
		}
	}
	d.Slots = htmlSlots
	html, err := w.run(e.doc.html.Tree, e.doc.html, d)
	if err != nil {
		return e.doc.htmlOrigin.wrap(err)
	}
	msg.HTML = serializerEscapes(html)
	d.Slots = textSlots
	txt, err := w.exec(e.doc.text.Tree, e.doc.text, d)
	if err != nil {
		return e.doc.textOrigin.wrap(err)
	}
	msg.Text = text.WrapPart(txt, 0)
	if e.amp != nil {
		msg.AMP, msg.AMPDropped, err = e.amp.render(w, d, msg)
	}
	return err
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
	msg.Subject, d.Subject = oneLine(s), oneLine(s)
	p, err := w.text(e.preheader, d)
	if err != nil {
		return fmt.Errorf("%s: preheader: %w", e.src.File, err)
	}
	msg.Preheader, d.Preheader = oneLine(p), oneLine(p)
	if c.unsub != nil {
		u, err := w.text(c.unsub, d)
		if err != nil {
			return fmt.Errorf("tailor.yaml: unsubscribe: %w", err)
		}
		msg.Unsubscribe, d.Unsubscribe = oneLine(u), oneLine(u)
	}
	return nil
}

// serializerEscapes writes the two characters that html/template escapes
// and the HTML serializer does not (' and +) as the serializer does, so the
// engine's output is byte for byte what rendering and then inlining gives.
// Both are safe as they are in text and in double-quoted attributes, and
// html/template never produces these entities in <script> or <style>.
func serializerEscapes(html []byte) string {
	i := nextEscape(html, 0)
	if i < 0 {
		return string(html)
	}
	s := html
	var b strings.Builder
	b.Grow(len(s))
	from := 0
	for ; i >= 0; i = nextEscape(s, from) {
		b.Write(s[from:i])
		if s[i+3] == '9' {
			b.WriteByte('\'')
		} else {
			b.WriteByte('+')
		}
		from = i + 5
	}
	b.Write(s[from:])
	return b.String()
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

// boundedWriter collects one template's output, failing once it passes
// max bytes, or once the deadline has passed or ctx has ended.
type boundedWriter struct {
	buf      []byte // the output so far; reused by each part and render
	max      int
	deadline time.Time
	ctx      context.Context
	limit    time.Duration // for the message
	progs    programs      // the campaign's fast programs
	writes   int           // since the part began, for the clock checks
}

// clockEvery is how often (in writes) a part's writes read the clock and
// ctx: reading them on every small write cost more than the rest of the
// write. The first write of each part always does.
const clockEvery = 64

// WriteString is Write for a string, without copying it.
func (w *boundedWriter) WriteString(s string) (int, error) {
	if err := w.check(len(s)); err != nil {
		return 0, err
	}
	w.buf = append(w.buf, s...)
	return len(s), nil
}

func (w *boundedWriter) Write(p []byte) (int, error) {
	if err := w.check(len(p)); err != nil {
		return 0, err
	}
	w.buf = append(w.buf, p...)
	return len(p), nil
}

// check fails a write of n more bytes past max, or, every clockEvery
// writes, after the deadline or once ctx has ended.
func (w *boundedWriter) check(n int) error {
	if len(w.buf)+n > w.max {
		return fmt.Errorf("%w: more than %d bytes", ErrTooLarge, w.max)
	}
	if w.writes++; (w.writes-1)%clockEvery != 0 {
		return nil
	}
	if time.Now().After(w.deadline) {
		return fmt.Errorf("%w (limit %s)", ErrTimeout, w.limit)
	}
	return w.ctx.Err()
}

func (w *boundedWriter) html(t *htmltemplate.Template, d *Data) (string, error) {
	return w.exec(t.Tree, t, d)
}

func (w *boundedWriter) text(t *texttemplate.Template, d *Data) (string, error) {
	return w.exec(t.Tree, t, d)
}

// exec is run, with the output copied into a string of its own.
func (w *boundedWriter) exec(tree *parse.Tree, t executor, d *Data) (string, error) {
	b, err := w.run(tree, t, d)
	return string(b), err
}

// run runs the template whose tree is tree into the writer's buffer, and
// returns the output, which the next run overwrites. It runs the fast
// program when the template has one, and text/template (t) when it has
// none or the program gives up, with the buffer emptied first. A write
// that fails (too large, too late) ends it with the writer's error, which
// text/template would return too.
func (w *boundedWriter) run(tree *parse.Tree, t executor, d *Data) ([]byte, error) {
	w.buf, w.writes = w.buf[:0], 0
	p := w.progs.program(tree)
	ok, err := false, error(nil)
	if p != nil {
		ok, err = p.Execute(w, d)
	}
	if !ok && err == nil {
		if p != nil {
			gaveUp.Add(1)
			w.buf, w.writes = w.buf[:0], 0
		}
		err = t.Execute(w, d)
	}
	return w.buf, err
}
