package render

import (
	"context"
	"errors"
	"fmt"
	htmltemplate "html/template"
	"strings"
	"sync/atomic"
	texttemplate "text/template"

	"github.com/tailor-email/tailor/render/text"
)

// ErrTooLarge is returned when a part's output passes Limits.MaxBytes.
var ErrTooLarge = errors.New("output too large")

// ErrTimeout is returned when a render passes Limits.Timeout.
var ErrTimeout = errors.New("render took too long")

// execute runs every template of the email for the recipient, in a
// goroutine bounded by ctx. Output writers stop a run that keeps writing
// after the deadline; a run that loops without writing is abandoned.
func (c *Campaign) execute(ctx context.Context, e *email, picked []*part, d *Data, msg *Message) error {
	var stop atomic.Bool
	release := context.AfterFunc(ctx, func() { stop.Store(true) })
	defer release()
	done := make(chan error, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				done <- fmt.Errorf("template panicked: %v", r)
			}
		}()
		done <- c.run(e, picked, d, msg, &stop)
	}()
	select {
	case err := <-done:
		if stop.Load() && err != nil {
			return fmt.Errorf("%w (limit %s): %w", ErrTimeout, c.timeout, err)
		}
		return err
	case <-ctx.Done():
		return fmt.Errorf("%w (limit %s)", ErrTimeout, c.timeout)
	}
}

func (c *Campaign) run(e *email, picked []*part, d *Data, msg *Message, stop *atomic.Bool) error {
	w := &boundedWriter{max: c.Config.Limits.MaxBytes, stop: stop}
	subject := e.subject
	if t := e.variants[msg.Variants[e.src.SubjectTest.ExperimentName()]]; t != nil {
		subject = t
	}
	var err error
	if msg.Subject, err = w.text(subject, d); err != nil {
		return fmt.Errorf("%s: subject: %w", e.src.File, err)
	}
	msg.Subject, d.Subject = oneLine(msg.Subject), oneLine(msg.Subject)
	if msg.Preheader, err = w.text(e.preheader, d); err != nil {
		return fmt.Errorf("%s: preheader: %w", e.src.File, err)
	}
	msg.Preheader, d.Preheader = oneLine(msg.Preheader), oneLine(msg.Preheader)
	if c.unsub != nil {
		if d.Unsubscribe, err = w.text(c.unsub, d); err != nil {
			return fmt.Errorf("tailor.yaml: unsubscribe: %w", err)
		}
		msg.Unsubscribe = oneLine(d.Unsubscribe)
	}
	htmlSlots := make(map[string]any, len(picked))
	textSlots := make(map[string]any, len(picked))
	for i, p := range picked {
		h, err := w.html(p.html, d)
		if err != nil {
			return p.htmlOrigin.wrap(err)
		}
		htmlSlots[e.slots[i]] = htmltemplate.HTML(h)
		if textSlots[e.slots[i]], err = w.text(p.text, d); err != nil {
			return p.textOrigin.wrap(err)
		}
	}
	d.Slots = htmlSlots
	if msg.HTML, err = w.html(e.doc.html, d); err != nil {
		return e.doc.htmlOrigin.wrap(err)
	}
	msg.HTML = serializerEscapes.Replace(msg.HTML)
	d.Slots = textSlots
	txt, err := w.text(e.doc.text, d)
	if err != nil {
		return e.doc.textOrigin.wrap(err)
	}
	msg.Text = text.Wrap(txt, 0) + "\n"
	if e.amp != nil {
		if msg.AMP, msg.AMPDropped, err = e.amp.render(w, d, msg); err != nil {
			return err
		}
	}
	return nil
}

// serializerEscapes writes the two characters that html/template escapes
// and the HTML serializer does not (' and +) as the serializer does, so the
// engine's output is byte for byte what rendering and then inlining gives.
// Both are safe as they are in text and in double-quoted attributes, and
// html/template never produces these entities in <script> or <style>.
var serializerEscapes = strings.NewReplacer("&#39;", "'", "&#43;", "+")

// boundedWriter collects one template's output, failing once it passes
// max bytes or once stop is set.
type boundedWriter struct {
	b    strings.Builder
	max  int
	stop *atomic.Bool
}

func (w *boundedWriter) Write(p []byte) (int, error) {
	if w.stop.Load() {
		return 0, ErrTimeout
	}
	if w.b.Len()+len(p) > w.max {
		return 0, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, w.max)
	}
	return w.b.Write(p)
}

func (w *boundedWriter) html(t *htmltemplate.Template, d *Data) (string, error) {
	w.b.Reset()
	err := t.Execute(w, d)
	return w.b.String(), err
}

func (w *boundedWriter) text(t *texttemplate.Template, d *Data) (string, error) {
	w.b.Reset()
	err := t.Execute(w, d)
	return w.b.String(), err
}
