package fast

type pipeline struct{ cmds []command }

// command is a function call (fn set) or a single operand or literal.
type command struct {
	fn    *function
	args  []arg
	final bool // the previous command's value is the last argument
	op    operand
	lit   any
	isLit bool
}

// arg is a call argument: an operand, or a literal converted at compile time.
type arg struct {
	op  operand
	lit any
}

// pipe evaluates a pipeline; each command's value is the next one's final
// argument, as in text/template.
func (s *state) pipe(p *pipeline, dot any) (any, bool) {
	var v any
	for i := range p.cmds {
		var ok bool
		if v, ok = s.command(&p.cmds[i], dot, v); !ok {
			return nil, false
		}
	}
	return v, true
}

func (s *state) command(c *command, dot, final any) (any, bool) {
	switch {
	case c.fn != nil:
		return s.call(c, dot, final)
	case c.isLit:
		return c.lit, true
	}
	return c.op.eval(s, dot)
}

// call evaluates the arguments onto the scratch stack and calls the function.
func (s *state) call(c *command, dot, final any) (any, bool) {
	base := len(s.args)
	defer func() { clear(s.args[base:]); s.args = s.args[:base] }()
	if c.fn.and != 0 {
		return s.andOr(c, dot, final)
	}
	for i := range c.args {
		a := &c.args[i]
		v := a.lit
		if a.op != nil {
			var ok bool
			if v, ok = a.op.eval(s, dot); !ok {
				return nil, false
			}
			if v, ok = convert(v, c.fn.kindOf(i)); !ok {
				return nil, false
			}
		}
		s.args = append(s.args, v)
	}
	if c.final {
		v, ok := convert(final, c.fn.kindOf(len(c.args)))
		if !ok {
			return nil, false
		}
		s.args = append(s.args, v)
	}
	return c.fn.call(s.args[base:])
}

// andOr evaluates and/or as text/template does: arguments in order, each
// only if needed, giving the first false (and) or true (or) one, or the last.
func (s *state) andOr(c *command, dot, final any) (any, bool) {
	var v any
	n := len(c.args)
	for i := 0; i <= n; i++ {
		switch {
		case i < n && c.args[i].op == nil:
			v = c.args[i].lit
		case i < n:
			var ok bool
			if v, ok = c.args[i].op.eval(s, dot); !ok {
				return nil, false
			}
		case c.final:
			v = final
		default:
			return v, true
		}
		truth, ok := isTrue(v)
		if !ok {
			return nil, false
		}
		if truth == (c.fn.and == or) {
			return v, true
		}
	}
	return v, true
}

// chain evaluates the field chain idents from v: struct fields through
// Fields, map keys with missingkey=zero. A nil on the way makes
// text/template fail or give an invalid value: it reports false.
func (s *state) chain(v any, idents []string) (any, bool) {
	for _, name := range idents {
		switch m := v.(type) {
		case nil:
			return nil, false
		case map[string]any:
			v = m[name]
		case map[string]string:
			v = m[name]
		case map[string]bool:
			v = m[name]
		case map[string]int:
			v = m[name]
		default:
			if s.fields == nil {
				return nil, false
			}
			var ok bool
			if v, ok = s.fields(v, name); !ok {
				return nil, false
			}
		}
	}
	return v, true
}
