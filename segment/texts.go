package segment

import (
	"slices"

	"github.com/expr-lang/expr/ast"
)

// Texts returns the text constants the rules compare with, sorted and
// distinct: "premium" of `"premium" in .tags`, "en-GB" of
// `locale == "en-GB"`. The names of the fields and rules they read are
// not among them. An audit puts them in for a missing text field to see
// whether a rule's result depends on the value being missing.
func (r *Rules) Texts() []string {
	var out []string
	for _, s := range r.SegmentRules() {
		out = append(out, texts(s.prog)...)
	}
	for _, sc := range r.Scores() {
		for _, pr := range sc.Rules {
			out = append(out, texts(pr.prog)...)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// texts lists the string constants of a compiled rule that are not the
// name of a read (__get's second argument).
func texts(p interface{ Node() ast.Node }) []string {
	c := &textCollector{names: map[*ast.StringNode]bool{}}
	node := p.Node()
	ast.Walk(&node, c)
	out := c.consts
	for _, s := range c.all {
		if !c.names[s] {
			out = append(out, s.Value)
		}
	}
	return out
}

// textCollector is the ast.Visitor behind texts.
type textCollector struct {
	all    []*ast.StringNode
	names  map[*ast.StringNode]bool
	consts []string // of constants the compiler folded: `x in ["FR", "DE"]`
}

// Visit implements ast.Visitor.
func (c *textCollector) Visit(node *ast.Node) {
	switch n := (*node).(type) {
	case *ast.StringNode:
		c.all = append(c.all, n)
	case *ast.ConstantNode:
		switch v := n.Value.(type) {
		case string:
			c.consts = append(c.consts, v)
		case map[string]struct{}:
			for k := range v {
				c.consts = append(c.consts, k)
			}
		case []any:
			for _, x := range v {
				if s, ok := x.(string); ok {
					c.consts = append(c.consts, s)
				}
			}
		}
	case *ast.CallNode:
		if fn, ok := n.Callee.(*ast.IdentifierNode); ok && fn.Value == "__get" && len(n.Arguments) == 2 {
			if s, ok := n.Arguments[1].(*ast.StringNode); ok {
				c.names[s] = true
			}
		}
	}
}
