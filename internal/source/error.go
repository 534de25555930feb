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
