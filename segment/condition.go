package segment

import (
	"errors"
	"fmt"

	"github.com/expr-lang/expr/file"
	"github.com/expr-lang/expr/vm"
)

// Condition is a compiled boolean expression for a module's `when:` front
// matter. A nil *Condition matches every recipient.
type Condition struct {
	src  string
	prog *vm.Program
	refs refs
}

// CompileCondition compiles a boolean expression. A compile error is an
// *ExprError whose message reads "line:col: message" within src.
func CompileCondition(src string) (*Condition, error) {
	prog, err := compile(src)
	if err != nil {
		return nil, newExprError(err)
	}
	return &Condition{src: src, prog: prog, refs: collectRefs(prog)}, nil
}

// Match evaluates the condition for one recipient. A missing field is nil
// and never an error (see the package documentation).
func (c *Condition) Match(env Env) (bool, error) {
	if c == nil {
		return true, nil
	}
	m := env.acquire()
	defer release(m)
	ok, err := runBool(c.prog, m)
	if err != nil {
		return false, fmt.Errorf("when %q: %w", c.src, err)
	}
	return ok, nil
}

// String returns the source of the condition.
func (c *Condition) String() string {
	if c == nil {
		return ""
	}
	return c.src
}

// Segments returns the segment names the condition reads as
// segments.NAME, so a caller can check that they exist.
func (c *Condition) Segments() []string {
	if c == nil {
		return nil
	}
	return c.refs.names(envSegments)
}

// ExprError is an expression that does not compile, with the place of the
// offending character within the expression (1-based line and column).
type ExprError struct {
	Line, Col int
	Msg       string
	Err       error
}

// Error implements error: "line:col: message".
func (e *ExprError) Error() string { return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Msg) }

// Unwrap returns expr's own error.
func (e *ExprError) Unwrap() error { return e.Err }

// newExprError converts an expr compile error.
func newExprError(err error) error {
	var fe *file.Error
	if !errors.As(err, &fe) {
		return &ExprError{Line: 1, Col: 1, Msg: err.Error(), Err: err}
	}
	return &ExprError{Line: max(fe.Line, 1), Col: fe.Column + 1, Msg: fe.Message, Err: err}
}
