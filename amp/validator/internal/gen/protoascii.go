package main

import (
	"fmt"
	"strings"
)

// node is one protobuf text-format message: its fields in file order.
type node struct {
	fields []field
}

// field is one "name: value" or "name { ... }" entry of a message.
type field struct {
	name  string
	value string // scalar value, string literals already unquoted and joined
	msg   *node  // nested message, nil for a scalar
}

// parseText parses the protobuf text-format subset the AMP rules use:
// comments, scalars (identifiers, numbers), adjacent string literals that
// concatenate, and nested messages written "name: {" or "name {".
func parseText(file, src string) (*node, error) {
	p := &textParser{file: file, src: src, line: 1}
	n, err := p.message(false)
	if err != nil {
		return nil, err
	}
	return n, nil
}

type textParser struct {
	file string
	src  string
	pos  int
	line int
	col  int
}

func (p *textParser) errorf(format string, args ...any) error {
	return fmt.Errorf("%s:%d:%d: %s", p.file, p.line, p.col, fmt.Sprintf(format, args...))
}

// wrapf is errorf for an underlying error, which it wraps.
func (p *textParser) wrapf(err error, what string) error {
	return fmt.Errorf("%s:%d:%d: %s: %w", p.file, p.line, p.col, what, err)
}

func (p *textParser) skipSpace() {
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		switch {
		case c == '\n':
			p.line++
			p.col = 0
			p.pos++
		case c == ' ' || c == '\t' || c == '\r' || c == ',' || c == ';':
			p.col++
			p.pos++
		case c == '#':
			for p.pos < len(p.src) && p.src[p.pos] != '\n' {
				p.pos++
			}
		default:
			return
		}
	}
}

func (p *textParser) advance(n int) {
	p.pos += n
	p.col += n
}

func (p *textParser) message(nested bool) (*node, error) {
	n := &node{}
	for {
		p.skipSpace()
		if p.pos >= len(p.src) {
			if nested {
				return nil, p.errorf("unexpected end of file in message")
			}
			return n, nil
		}
		if p.src[p.pos] == '}' {
			if !nested {
				return nil, p.errorf("unexpected '}'")
			}
			p.advance(1)
			return n, nil
		}
		f, err := p.field()
		if err != nil {
			return nil, err
		}
		n.fields = append(n.fields, f)
	}
}

func (p *textParser) ident() string {
	start := p.pos
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		if c == '_' || c == '.' || c == '-' || c == '+' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' {
			p.advance(1)
			continue
		}
		break
	}
	return p.src[start:p.pos]
}

func (p *textParser) field() (field, error) {
	name := p.ident()
	if name == "" {
		return field{}, p.errorf("expected a field name, saw %q", p.src[p.pos])
	}
	p.skipSpace()
	if p.pos < len(p.src) && p.src[p.pos] == ':' {
		p.advance(1)
		p.skipSpace()
	}
	if p.pos >= len(p.src) {
		return field{}, p.errorf("missing value for %s", name)
	}
	switch c := p.src[p.pos]; {
	case c == '{':
		p.advance(1)
		m, err := p.message(true)
		if err != nil {
			return field{}, err
		}
		return field{name: name, msg: m}, nil
	case c == '"' || c == '\'':
		v, err := p.strings()
		if err != nil {
			return field{}, err
		}
		return field{name: name, value: v}, nil
	default:
		v := p.ident()
		if v == "" {
			return field{}, p.errorf("bad value for %s", name)
		}
		return field{name: name, value: v}, nil
	}
}

// strings reads one or more adjacent string literals and joins them.
func (p *textParser) strings() (string, error) {
	var b strings.Builder
	for p.pos < len(p.src) && (p.src[p.pos] == '"' || p.src[p.pos] == '\'') {
		q := p.src[p.pos]
		end := p.pos + 1
		for end < len(p.src) && p.src[end] != q {
			if p.src[end] == '\\' {
				end++
			}
			end++
		}
		if end >= len(p.src) {
			return "", p.errorf("unterminated string")
		}
		s, err := unquote(p.src[p.pos+1 : end])
		if err != nil {
			return "", p.wrapf(err, "bad string")
		}
		b.WriteString(s)
		p.advance(end + 1 - p.pos)
		p.skipSpace()
	}
	return b.String(), nil
}

// unquote decodes the C-style escapes of a text-format string body.
func unquote(s string) (string, error) {
	if !strings.Contains(s, `\`) {
		return s, nil
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' {
			b.WriteByte(s[i])
			continue
		}
		i++
		if i >= len(s) {
			return "", fmt.Errorf("trailing backslash in %q", s)
		}
		switch s[i] {
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case '\\', '"', '\'':
			b.WriteByte(s[i])
		default:
			return "", fmt.Errorf("unknown escape \\%c in %q", s[i], s)
		}
	}
	return b.String(), nil
}

// str returns the first scalar named name, or "".
func (n *node) str(name string) string {
	for _, f := range n.fields {
		if f.name == name && f.msg == nil {
			return f.value
		}
	}
	return ""
}

// strs returns every scalar named name, in order.
func (n *node) strs(name string) []string {
	var out []string
	for _, f := range n.fields {
		if f.name == name && f.msg == nil {
			out = append(out, f.value)
		}
	}
	return out
}

// flag reports whether the boolean field name is "true".
func (n *node) flag(name string) bool { return n.str(name) == "true" }

// msgs returns every nested message named name, in order.
func (n *node) msgs(name string) []*node {
	var out []*node
	for _, f := range n.fields {
		if f.name == name && f.msg != nil {
			out = append(out, f.msg)
		}
	}
	return out
}

// msg returns the first nested message named name, or nil.
func (n *node) msg(name string) *node {
	if m := n.msgs(name); len(m) > 0 {
		return m[0]
	}
	return nil
}
