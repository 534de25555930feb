package render

import (
	"errors"
	htmltemplate "html/template"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/tailor-email/tailor/inline"
	"github.com/tailor-email/tailor/internal/source"
	"github.com/tailor-email/tailor/render/executor"
	"github.com/tailor-email/tailor/templates"
)

// origin maps a line:col of a compiled template source back to the
// workspace file position of the action there. Compiled sources are
// inlined and reserialized, so their own positions mean nothing to an
// author.
type origin struct {
	src   string
	spans []inline.Span
	pos   []source.Pos // per piece
}

func newOrigin(r *inline.Restored, pieces []templates.Piece) *origin {
	o := &origin{src: r.Src, spans: r.Spans, pos: make([]source.Pos, len(pieces))}
	for i, p := range pieces {
		o.pos[i] = p.Pos
	}
	sort.Slice(o.spans, func(i, j int) bool { return o.spans[i].Start < o.spans[j].Start })
	return o
}

// lookup returns the file position of the action at line:col (1-based) of
// the compiled source, or of the first action on that line.
func (o *origin) lookup(line, col int) (source.Pos, bool) {
	off := 0
	for l := 1; l < line; l++ {
		i := strings.IndexByte(o.src[off:], '\n')
		if i < 0 {
			return source.Pos{}, false
		}
		off += i + 1
	}
	return o.at(off, off+max(col-1, 0))
}

// at returns the file position of the action at byte offset at of the
// compiled source, or of the first action on the line that starts at
// offset lineStart.
func (o *origin) at(lineStart, at int) (source.Pos, bool) {
	if lineStart > len(o.src) {
		return source.Pos{}, false
	}
	lineEnd := len(o.src)
	if i := strings.IndexByte(o.src[lineStart:], '\n'); i >= 0 {
		lineEnd = lineStart + i
	}
	var best *inline.Span
	for i := range o.spans {
		s := &o.spans[i]
		if s.Start <= at && at < s.End {
			return o.pos[s.Piece], true
		}
		if best == nil && s.End > lineStart && s.Start < lineEnd {
			best = s
		}
	}
	if best != nil {
		return o.pos[best.Piece], true
	}
	return source.Pos{}, false
}

// escapeError places an error of html/template's escaping by the node it
// names (its byte offset in the compiled source), or else by its line.
func (o *origin) escapeError(te *htmltemplate.Error, err error) error {
	p, ok := source.Pos{}, false
	switch {
	case te.Node != nil:
		off := min(int(te.Node.Position()), len(o.src))
		p, ok = o.at(strings.LastIndexByte(o.src[:off], '\n')+1, off)
	case te.Line > 0:
		p, ok = o.lookup(te.Line, 0)
	}
	if !ok {
		return o.atEnd(te.Description, err)
	}
	return &source.Error{File: p.File, Line: p.Line, Col: p.Col, Msg: te.Description, Err: err}
}

// execErr is text/template's error text, "template: name:line[:col]:
// msg". Its parse errors and the errors of html/template and
// text/template running a template (the reference path) name their place
// in that text only: no field holds it.
var execErr = regexp.MustCompile(`template: [^:]+:(\d+):(?:(\d+):)? ?(.*)`)

// wrap rewrites a template error's position into the workspace file's.
func (o *origin) wrap(err error) error {
	if err == nil {
		return nil
	}
	var se *source.Error
	if errors.As(err, &se) {
		return err
	}
	var ee *executor.Error
	if errors.As(err, &ee) && ee.Line > 0 {
		if p, ok := o.lookup(ee.Line, ee.Col); ok {
			return &source.Error{File: p.File, Line: p.Line, Col: p.Col, Msg: ee.Msg, Err: err}
		}
	}
	var te *htmltemplate.Error
	if errors.As(err, &te) {
		return o.escapeError(te, err)
	}
	m := execErr.FindStringSubmatch(err.Error())
	if m == nil {
		return o.atEnd(err.Error(), err)
	}
	line, _ := strconv.Atoi(m[1])
	col, _ := strconv.Atoi(m[2])
	p, ok := o.lookup(line, col)
	if !ok {
		return o.atEnd(err.Error(), err)
	}
	msg := m[3]
	// "executing "name" at <.Profile.x>: error calling ..." -> keep what helps.
	if i := strings.Index(msg, "executing "); i == 0 {
		if j := strings.Index(msg, "> "); j >= 0 {
			msg = msg[strings.Index(msg, "at <"):]
		}
	}
	return &source.Error{File: p.File, Line: p.Line, Col: p.Col, Msg: msg, Err: err}
}

// unmaskError places an action that inline.Unmask could not put back once
// at the action's own position.
func unmaskError(err error, pieces []templates.Piece) error {
	var me *inline.MaskError
	if errors.As(err, &me) && me.Piece < len(pieces) {
		return posError(pieces[me.Piece].Pos, "%s", me.Msg)
	}
	return err
}

// atEnd places an error that names no place, such as html/template's
// "ends in a non-text context" (a file cut inside a tag), at the last piece
// of the source: where the template ends. msg is the error's message.
func (o *origin) atEnd(msg string, err error) error {
	if len(o.pos) == 0 {
		return err
	}
	p := o.pos[len(o.pos)-1]
	return &source.Error{File: p.File, Line: p.Line, Col: p.Col, Msg: msg, Err: err}
}
