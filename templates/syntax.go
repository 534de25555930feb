package templates

import (
	htmltemplate "html/template"
	"strconv"
	"strings"

	"github.com/tailor-email/tailor/internal/source"
)

// CheckSyntax parses src, which starts on line firstLine of file, as an
// html/template and returns a *source.Error at the action at fault.
func CheckSyntax(file, src string, firstLine int, funcs map[string]any) error {
	// Blank lines in place of what comes before src (the front matter)
	// make the parser's line numbers the file's.
	padded := strings.Repeat("\n", firstLine-1) + src
	parse := func(s string) error {
		_, err := htmltemplate.New(file).Funcs(funcs).Parse(s)
		return err
	}
	err := parse(padded)
	if err == nil {
		return nil
	}
	return placeSyntaxError(file, padded, parse, err)
}

// placeSyntaxError places err, the error of parse(src), at the "{{" of
// the action at fault. text/template's parse errors are plain text that
// names a line and no column, so the action is found by parsing again:
// it is the last action of the shortest part of src, cut before an
// action (or at its end), that parse fails on with err's very text. A
// cut ending inside the broken action, or one that stops short of a
// block's {{end}}, fails otherwise ("unclosed action", "unexpected EOF").
// Only cuts after an action on the line the error names are parsed: the
// text starts "template: file:line: " for the line of such an action. An
// error at no action is placed at the start of its line.
func placeSyntaxError(file, src string, parse func(string) error, err error) error {
	want := err.Error()
	starts := actionStarts(src)
	pos := source.Pos{File: file, Line: 1, Col: 1}
	done := 0
	for k, start := range starts {
		pos = pos.Advance(src[done:start])
		done = start
		prefix := "template: " + file + ":" + strconv.Itoa(pos.Line) + ": "
		msg, onLine := strings.CutPrefix(want, prefix)
		if !onLine {
			continue
		}
		end := len(src)
		if k+1 < len(starts) {
			end = starts[k+1]
		}
		if e := parse(src[:end]); e != nil && e.Error() == want {
			return &source.Error{File: file, Line: pos.Line, Col: pos.Col, Msg: msg, Err: err}
		}
	}
	// No action is at fault, as at "unexpected EOF": the line the error
	// names, at its start.
	for line := 1; line <= strings.Count(src, "\n")+1; line++ {
		if msg, ok := strings.CutPrefix(want, "template: "+file+":"+strconv.Itoa(line)+": "); ok {
			return &source.Error{File: file, Line: line, Col: 1, Msg: msg, Err: err}
		}
	}
	return source.Wrap(file, 0, 0, err)
}

// actionStarts returns the offset of every "{{" in src.
func actionStarts(src string) []int {
	var starts []int
	for off := 0; ; off += 2 {
		i := strings.Index(src[off:], "{{")
		if i < 0 {
			return starts
		}
		off += i
		starts = append(starts, off)
	}
}
