package executor

import (
	"text/template/parse"

	"github.com/tailor-email/tailor/render/internal/escape"
)

// action compiles an output action. The escapers html/template put at the
// end of its pipeline run on the value as strings, without boxing each
// result as the pipeline would.
func (c *compiler) action(n *parse.ActionNode) node {
	p := n.Pipe
	k := len(p.Cmds)
	for k > 1 && c.escaper(p.Cmds[k-1]) != "" {
		k--
	}
	a := &actionNode{at: n}
	if k == 1 && len(p.Cmds) == 1 {
		_, call := p.Cmds[0].Args[0].(*parse.IdentifierNode)
		a.inline = !call // a value printed as it is
	}
	if k < len(p.Cmds) {
		first := c.escaper(p.Cmds[k])
		a.first = escape.Lookup(first)
		a.inline = first == "_html_template_htmlescaper" && k+1 == len(p.Cmds)
		for _, cmd := range p.Cmds[k+1:] {
			a.rest = append(a.rest, escape.LookupString(c.escaper(cmd)))
		}
		q := *p
		q.Cmds = p.Cmds[:k]
		p = &q
	}
	a.pipe = c.pipe(p)
	return a
}

// escaper returns the name of the html/template escaper cmd calls with
// nothing but the previous value, or "".
func (c *compiler) escaper(cmd *parse.CommandNode) string {
	id, ok := cmd.Args[0].(*parse.IdentifierNode)
	if !ok || len(cmd.Args) != 1 || escape.Lookup(id.Ident) == nil {
		return ""
	}
	if c.cfg != nil {
		if _, shadowed := c.cfg.Funcs[id.Ident]; shadowed {
			return ""
		}
	}
	return id.Ident
}
