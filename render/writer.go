package render

import (
	"fmt"
	htmltemplate "html/template"
	"sync"
	texttemplate "text/template"
	"text/template/parse"

	"github.com/tailor-email/tailor/internal/bufpool"
	"github.com/tailor-email/tailor/internal/jsonstr"
	"github.com/tailor-email/tailor/render/executor"
	"github.com/tailor-email/tailor/text"
)

// boundedWriter is one render's output and state: it collects each
// template's output in turn, failing once a part passes max bytes, holds
// the render's budget (steps, deadline, context: see executor.Budget), and
// the slots the document prints (see setSlots).
//
// With keepJSON set it also keeps the output in JSON form (see
// Request.HTMLJSON): each text of a template comes with its JSON form,
// made when the template was compiled (executor.TextWriter), so only the
// recipient's values are escaped per recipient.
type boundedWriter struct {
	buf    []byte // the output so far; reused by each part and render
	max    int
	budget executor.Budget
	progs  programs // the campaign's programs
	writes int      // since the render began, for the clock checks
	// reference runs html/template and text/template instead of the
	// executor: the reference the tests compare the executor with.
	reference bool

	// plain is set while the text part is written: the values it prints
	// lose their control characters (its template text lost them at load).
	plain bool

	keepJSON bool
	json     []byte // buf's content as JSON, while jsonOK
	jsonOK   bool   // every write so far was valid UTF-8

	// htmlSlots and textSlots are a render's Data.Slots, for the HTML and
	// the text parts: nothing holds them once the render is over.
	htmlSlots, textSlots map[string]any
	lazyHTML, lazyText   []lazySlot // the slots rendered where printed
	moduleData           Data       // the render's Data without slots, for modules
	materializing        bool       // rendering lazy slots for the reference path
}

// writers recycles the writers and their buffers: a batch then allocates
// each part's output once, at its size, instead of growing fresh buffers
// per part and recipient.
var writers = sync.Pool{New: func() any {
	return &boundedWriter{buf: make([]byte, 0, 16<<10), htmlSlots: map[string]any{}, textSlots: map[string]any{}}
}}

// release gives the writer back for the next render, keeping its buffers
// unless a large render grew them (bufpool.Keeps decides).
func (w *boundedWriter) release() {
	if !bufpool.Keeps(w.buf) || !bufpool.Keeps(w.json) {
		return
	}
	clear(w.htmlSlots)
	clear(w.textSlots)
	clear(w.lazyHTML)
	clear(w.lazyText)
	*w = boundedWriter{buf: w.buf[:0], json: w.json[:0],
		htmlSlots: w.htmlSlots, textSlots: w.textSlots, lazyHTML: w.lazyHTML[:0], lazyText: w.lazyText[:0]}
	writers.Put(w)
}

// clockEvery is how often (in writes) a render's writes read the clock
// and ctx: reading them on every small write cost more than the rest of
// the write. The first write of a render always does (see check).
const clockEvery = 64

// WriteString is Write for a string, without copying it.
func (w *boundedWriter) WriteString(s string) (int, error) {
	if w.plain {
		s = text.StripControls(s)
	}
	if err := w.check(len(s)); err != nil {
		return 0, err
	}
	w.buf = append(w.buf, s...)
	if w.keepJSON && w.jsonOK {
		w.json, w.jsonOK = jsonstr.AppendContent(w.json, s)
	}
	return len(s), nil
}

func (w *boundedWriter) Write(p []byte) (int, error) {
	if err := w.check(len(p)); err != nil {
		return 0, err
	}
	w.buf = append(w.buf, p...)
	if w.keepJSON && w.jsonOK {
		w.json, w.jsonOK = jsonstr.AppendContent(w.json, string(p))
	}
	return len(p), nil
}

// writeKnown is WriteString for s whose JSON form is known: json, when
// jsonOK (a rendered AMP module the document prints).
func (w *boundedWriter) writeKnown(s string, json []byte, jsonOK bool) (int, error) {
	if err := w.check(len(s)); err != nil {
		return 0, err
	}
	w.buf = append(w.buf, s...)
	if w.keepJSON && w.jsonOK {
		if jsonOK {
			w.json = append(w.json, json...)
		} else {
			w.json, w.jsonOK = jsonstr.AppendContent(w.json, s)
		}
	}
	return len(s), nil
}

// WriteText implements executor.TextWriter.
func (w *boundedWriter) WriteText(text, json []byte) (int, error) {
	if err := w.check(len(text)); err != nil {
		return 0, err
	}
	w.buf = append(w.buf, text...)
	if w.keepJSON && w.jsonOK {
		if json != nil || len(text) == 0 {
			w.json = append(w.json, json...)
		} else {
			w.json, w.jsonOK = jsonstr.AppendContent(w.json, string(text))
		}
	}
	return len(text), nil
}

// check fails a write of n more bytes past max, and a write made after
// the render's deadline or once its ctx has ended, with the budget's error
// (ErrTimeout, or one wrapping ctx.Err()). The clock and ctx are read on
// the first write of a render and on every clockEvery-th after it, so a
// render that has already ended fails its first write, and of the writes
// made after the render ends at most clockEvery-1 succeed: the one after
// them fails.
func (w *boundedWriter) check(n int) error {
	if len(w.buf)+n > w.max {
		return fmt.Errorf("%w: more than %d bytes (limits.max_bytes)", ErrTooLarge, w.max)
	}
	if w.writes++; (w.writes-1)%clockEvery != 0 {
		return nil
	}
	return w.budget.Check()
}

func (w *boundedWriter) html(t *htmltemplate.Template, d *Data) (string, error) {
	return w.exec(t.Tree, t, d)
}

func (w *boundedWriter) text(t *texttemplate.Template, d *Data) (string, error) {
	return w.exec(t.Tree, t, d)
}

// exec is run, with the output copied into a string of its own.
func (w *boundedWriter) exec(tree *parse.Tree, t templateExec, d *Data) (string, error) {
	b, err := w.run(tree, t, d)
	return string(b), err
}

// run executes the program of tree (the template t) into the writer's
// buffer, and returns the output, which the next run overwrites.
func (w *boundedWriter) run(tree *parse.Tree, t templateExec, d *Data) ([]byte, error) {
	w.reset()
	if w.reference {
		if err := w.materialize(d); err != nil {
			return nil, err
		}
		w.reset()
		return w.buf, t.Execute(w, d)
	}
	p := w.progs[tree]
	if p == nil {
		return nil, fmt.Errorf("template %s was not compiled", tree.ParseName)
	}
	return w.buf, p.Execute(w, d, &w.budget)
}

func (w *boundedWriter) reset() {
	w.buf = w.buf[:0]
	w.json, w.jsonOK = w.json[:0], true
}
