package executor

import (
	"fmt"
	"strconv"
	"strings"
	"text/template/parse"
)

// Error is a template error at a place: a node of a template that could
// not compile, or that failed while executing.
type Error struct {
	Name      string // the template's name
	Line, Col int    // 1-based, in the template's source
	Msg       string
	Err       error // what failed, if anything: errors.Is sees through
}

func (e *Error) Error() string {
	return fmt.Sprintf("template: %s:%d:%d: %s", e.Name, e.Line, e.Col, e.Msg)
}

func (e *Error) Unwrap() error { return e.Err }

// errorAt makes an Error at node n of tree t. The message is err's text;
// err stays reachable through errors.Is and errors.As.
func errorAt(t *parse.Tree, n parse.Node, err error) *Error {
	e := &Error{Msg: err.Error(), Err: err}
	if t == nil || n == nil {
		return e
	}
	loc, _ := t.ErrorContext(n)
	// loc is "name:line:col"; the name may hold colons itself.
	parts := strings.Split(loc, ":")
	if len(parts) >= 3 {
		e.Name = strings.Join(parts[:len(parts)-2], ":")
		e.Line, _ = strconv.Atoi(parts[len(parts)-2])
		e.Col, _ = strconv.Atoi(parts[len(parts)-1])
	}
	return e
}

// compileError is errorAt for a message.
func compileError(t *parse.Tree, n parse.Node, format string, args ...any) *Error {
	return errorAt(t, n, fmt.Errorf(format, args...))
}
