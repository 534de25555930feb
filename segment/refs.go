package segment

import (
	"sort"

	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/vm"
)

// ref is one read of segments.X, scores.X or tiers.X, or of a profile
// field, with its rune offset in the expression. After nilSafe every such
// read is a call __get(root, "X").
type ref struct {
	root, name string // root is "segments", "scores", "tiers" or "" for a field
	at         int
}

// refs are the reads an expression makes, found statically.
type refs []ref

// names returns the distinct names read under root, sorted.
func (rs refs) names(root string) []string {
	seen := map[string]bool{}
	var out []string
	for _, r := range rs {
		if r.root == root && !seen[r.name] {
			seen[r.name] = true
			out = append(out, r.name)
		}
	}
	sort.Strings(out)
	return out
}

// uses returns the distinct rule and model reads as "root.name", sorted.
func (rs refs) uses() []string {
	var out []string
	for _, root := range []string{envPredict, envSegments, envScores, envTiers} {
		for _, n := range rs.names(root) {
			out = append(out, root+"."+n)
		}
	}
	sort.Strings(out)
	return out
}

// collectRefs walks a compiled program's tree for the names it reads.
func collectRefs(p *vm.Program) refs {
	node := p.Node()
	c := &refCollector{}
	ast.Walk(&node, c)
	return c.refs
}

// refCollector is the ast.Visitor behind collectRefs.
type refCollector struct{ refs refs }

// Visit implements ast.Visitor.
func (c *refCollector) Visit(node *ast.Node) {
	switch n := (*node).(type) {
	case *ast.CallNode:
		fn, ok := n.Callee.(*ast.IdentifierNode)
		if !ok || fn.Value != "__get" || len(n.Arguments) != 2 {
			return
		}
		id, ok := n.Arguments[0].(*ast.IdentifierNode)
		prop, ok2 := n.Arguments[1].(*ast.StringNode)
		if !ok || !ok2 {
			return
		}
		switch id.Value {
		case envSegments, envScores, envTiers, envPredict:
			c.refs = append(c.refs, ref{root: id.Value, name: prop.Value, at: n.Location().From})
		case envProfile:
			c.refs = append(c.refs, ref{name: prop.Value, at: n.Location().From})
		}
	}
}

// isFieldName tells a profile field from a reserved name or a helper.
func isFieldName(name string) bool {
	if _, reserved := envShape[name]; reserved || name == "" {
		return false
	}
	return name[0] != '$' && !clockFuncs[name] && name != "last_n"
}
