package segment

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/expr-lang/expr/file"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/token"

	"github.com/tailor-email/tailor/internal/source"
)

// srcFile is a YAML source with its name, for positions and errors.
type srcFile struct {
	name  string
	lines []string
}

// newSrcFile splits src into lines once.
func newSrcFile(name string, src []byte) *srcFile {
	return &srcFile{name: name, lines: strings.Split(string(src), "\n")}
}

// errorf formats "file:line:col: message" as a *source.Error at p in f.
func (f *srcFile) errorf(p source.Pos, format string, args ...any) error {
	p.File = f.name
	return p.Wrap(fmt.Errorf(format, args...))
}

// nodePos is the position of a YAML node's first token (for a mapping,
// its first key), without the file, which errorf and scalar.pos fill in.
// goccy/go-yaml counts columns in runes.
func nodePos(n ast.Node) source.Pos {
	switch v := n.(type) {
	case *ast.MappingNode:
		if len(v.Values) > 0 {
			return nodePos(v.Values[0].Key)
		}
	case *ast.MappingValueNode:
		return nodePos(v.Key)
	}
	if tk := n.GetToken(); tk != nil && tk.Position != nil {
		return source.Pos{Line: tk.Position.Line, Col: tk.Position.Column}
	}
	return source.Pos{Line: 1, Col: 1}
}

// scalar is a YAML string value with the means to map a rune index of its
// decoded value back onto the file.
type scalar struct {
	Value string
	f     *srcFile
	start source.Pos // first token (for block scalars, the indicator)
	style token.Type // plain, single- or double-quoted, literal, folded
}

// stringScalar reads a scalar node as a string.
func (f *srcFile) stringScalar(n ast.Node) (scalar, error) {
	switch v := n.(type) {
	case *ast.StringNode:
		return scalar{Value: v.Value, f: f, start: nodePos(v), style: v.Token.Type}, nil
	case *ast.LiteralNode:
		return scalar{Value: v.Value.Value, f: f, start: nodePos(v), style: token.LiteralType}, nil
	case *ast.IntegerNode, *ast.FloatNode, *ast.BoolNode, *ast.NullNode:
		tk := n.GetToken()
		return scalar{Value: tk.Value, f: f, start: nodePos(n), style: token.StringType}, nil
	}
	return scalar{}, f.errorf(nodePos(n), "expected a string, found %s", n.Type())
}

// pos maps a rune index of the decoded value onto the file.
func (s scalar) pos(idx int) source.Pos {
	p := s.place(idx)
	p.File = s.f.name
	return p
}

// place is pos without the file.
func (s scalar) place(idx int) source.Pos {
	if s.style == token.LiteralType || s.style == token.FoldedType {
		return s.blockPos(idx)
	}
	line, col := s.start.Line, s.start.Col
	quoted := s.style == token.SingleQuoteType || s.style == token.DoubleQuoteType
	if quoted {
		col++
	}
	for n := 0; line-1 < len(s.f.lines); n++ {
		r, ok := s.at(line, col)
		if n == idx || !ok {
			return source.Pos{Line: line, Col: col}
		}
		switch {
		case r == '\n' || col > utf8.RuneCountInString(s.f.lines[line-1]):
			line, col = s.skipFold(line + 1)
			continue
		case s.style == token.SingleQuoteType && r == '\'':
			col++ // '' is one quote
		case s.style == token.DoubleQuoteType && r == '\\':
			col += escapeLen(s.f.lines[line-1], col) - 1
		}
		col++
	}
	return source.Pos{Line: line, Col: col}
}

// blockPos maps an index into a literal or folded block scalar, whose
// content starts on the line after the indicator.
func (s scalar) blockPos(idx int) source.Pos {
	line := s.start.Line + 1
	for n := 0; line-1 < len(s.f.lines); line++ {
		text := s.f.lines[line-1]
		indent := len(text) - len(strings.TrimLeft(text, " "))
		cnt := utf8.RuneCountInString(text) - indent
		if idx <= n+cnt {
			return source.Pos{Line: line, Col: indent + 1 + idx - n}
		}
		n += cnt + 1
	}
	return s.start
}

// skipFold moves past a line break and the next line's indentation.
func (s scalar) skipFold(line int) (int, int) {
	if line-1 >= len(s.f.lines) {
		return line, 1
	}
	text := s.f.lines[line-1]
	return line, len(text) - len(strings.TrimLeft(text, " \t")) + 1
}

// at returns the rune at line:col ('\n' past the end of a line), and
// false past the end of the file.
func (s scalar) at(line, col int) (rune, bool) {
	for _, r := range s.f.lines[line-1] {
		col--
		if col == 0 {
			return r, true
		}
	}
	return '\n', line < len(s.f.lines)
}

// escapeLen is the length in runes of the double-quoted escape at col.
func escapeLen(text string, col int) int {
	rs := []rune(text)
	if col >= len(rs) {
		return 1
	}
	switch rs[col] {
	case 'x':
		return 4
	case 'u':
		return 6
	case 'U':
		return 10
	}
	return 2
}

// exprError places an expr compile error on the file position of the
// offending character inside the scalar.
func (s scalar) exprError(err error) error {
	var fe *file.Error
	if !errors.As(err, &fe) {
		return s.pos(0).Wrap(err)
	}
	idx := 0
	lines := strings.SplitAfter(s.Value, "\n")
	for i := 0; i < fe.Line-1 && i < len(lines); i++ {
		idx += utf8.RuneCountInString(lines[i])
	}
	idx += max(fe.Column, 0)
	return s.pos(idx).Wrap(exprError{fe})
}

// exprError is an expr error without its own position and snippet, which
// the *source.Error replaces with the file position.
type exprError struct{ e *file.Error }

// Error implements error.
func (e exprError) Error() string { return e.e.Message }

// Unwrap returns expr's error.
func (e exprError) Unwrap() error { return e.e }
