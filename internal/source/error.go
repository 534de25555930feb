package source

import (
	"fmt"
)

// Error is a problem at a place in a workspace file. Line and Col are
// 1-based; a zero Col means the column is unknown.
type Error struct {
	File string
	Line int
	Col  int
	Msg  string
	Err  error // the underlying cause, if any
}

// Error formats the problem as file:line:col: message.
func (e *Error) Error() string {
	switch {
	case e.Line == 0:
		return fmt.Sprintf("%s: %s", e.File, e.Msg)
	case e.Col == 0:
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg)
}

// Unwrap returns the underlying cause.
func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error at file:line:col.
func Errorf(file string, line, col int, format string, args ...any) *Error {
	return &Error{File: file, Line: line, Col: col, Msg: fmt.Sprintf(format, args...)}
}

// Wrap returns an *Error at file:line:col whose message is err's.
func Wrap(file string, line, col int, err error) *Error {
	return &Error{File: file, Line: line, Col: col, Msg: err.Error(), Err: err}
}

// Pos is a place in a file.
type Pos struct {
	File string
	Line int // 1-based
	Col  int // 1-based
}

// String formats the place as file:line:col.
func (p Pos) String() string { return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col) }

// At returns an *Error at p.
func (p Pos) At(format string, args ...any) *Error {
	return Errorf(p.File, p.Line, p.Col, format, args...)
}

// LineCol converts a byte offset in src to a 1-based line and column
// (columns count runes).
func LineCol(src string, off int) (line, col int) {
	line, col = 1, 1
	for i, r := range src {
		if i >= off {
			break
		}
		if r == '\n' {
			line++
			col = 1
		} else {
			col++
		}
	}
	return line, col
}
