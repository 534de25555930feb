package fast

import (
	"strings"
	"text/template/parse"
)

// kind is what a function parameter accepts, as text/template converts
// arguments for it.
type kind uint8

const (
	kNone   kind = iota // no variadic parameter
	kAny                // any, or reflect.Value for the builtins: the value as it is
	kString             // string: a value whose dynamic type is string
	kInt                // int: an integer literal, or a value whose dynamic type is int
)

// operand is a value a command or argument evaluates at run time.
type operand interface {
	eval(s *state, dot any) (any, bool)
}

type dotOp struct{}

// fieldOp is .A.B.C, from dot; varOp is $x.A.B, from a variable.
type (
	fieldOp struct{ idents []string }
	varOp   struct {
		name   string
		idents []string
	}
	pipeOp struct{ pipe *pipeline }
)

// operand compiles n as an argument for a parameter of kind k. A literal
// is converted now, as text/template converts it; anything else is an
// operand evaluated per execution.
func (c *compiler) operand(n parse.Node, k kind) (operand, any, bool) {
	switch n := n.(type) {
	case *parse.DotNode:
		return dotOp{}, nil, true
	case *parse.FieldNode:
		return &fieldOp{idents: n.Ident}, nil, true
	case *parse.VariableNode:
		return &varOp{name: n.Ident[0], idents: n.Ident[1:]}, nil, true
	case *parse.PipeNode:
		if len(n.Decl) != 0 {
			return nil, nil, false
		}
		p := c.pipe(n)
		return &pipeOp{pipe: p}, nil, p != nil
	case *parse.StringNode:
		return nil, n.Text, k == kAny || k == kString
	case *parse.BoolNode:
		return nil, n.True, k == kAny
	case *parse.NumberNode:
		v, ok := number(n, k)
		return nil, v, ok
	}
	return nil, nil, false
}

// number converts a number literal as text/template does for a
// parameter of kind k (idealConstant and evalInteger), or reports false.
func number(n *parse.NumberNode, k kind) (any, bool) {
	switch k {
	case kInt:
		return int(n.Int64), n.IsInt
	case kAny:
		t := n.Text
		if n.IsComplex || strings.HasPrefix(t, "'") || strings.HasPrefix(t, "0x") || strings.HasPrefix(t, "0X") {
			return nil, false
		}
		if n.IsFloat && strings.ContainsAny(t, ".eEpP") {
			return n.Float64, true
		}
		if n.IsInt && int64(int(n.Int64)) == n.Int64 {
			return int(n.Int64), true
		}
	}
	return nil, false
}

func (dotOp) eval(_ *state, dot any) (any, bool) { return dot, true }

func (f *fieldOp) eval(s *state, dot any) (any, bool) { return s.chain(dot, f.idents) }

func (v *varOp) eval(s *state, _ any) (any, bool) {
	val, ok := s.variable(v.name)
	if !ok {
		return nil, false
	}
	return s.chain(val, v.idents)
}

func (p *pipeOp) eval(s *state, dot any) (any, bool) { return s.pipe(p.pipe, dot) }

// convert checks a run-time value against a parameter of kind k, as
// text/template's validateType does, or reports false.
func convert(v any, k kind) (any, bool) {
	switch k {
	case kString:
		_, ok := v.(string)
		return v, ok
	case kInt:
		_, ok := v.(int)
		return v, ok
	}
	return v, true
}
