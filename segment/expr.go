package segment

import (
	"fmt"
	"reflect"
	"time"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/file"
	"github.com/expr-lang/expr/vm"
	"github.com/expr-lang/expr/vm/runtime"
)

// Reserved names of the expression environment. A profile field with one
// of these names is still reachable as profile.<name>.
const (
	envProfile  = "profile"
	envSegments = "segments"
	envScores   = "scores"
	envTiers    = "tiers"
	envVariants = "variants"
	envNow      = "now"
	envPredict  = "predict"
)

// never is the hours since a missing date, for within: "within(nil,
// span)" is false. (days_since and hours_since give nil.)
const never = 1e9

// envShape declares the types of the reserved names for the type checker.
var envShape = map[string]any{
	envProfile:  map[string]any{},
	envSegments: map[string]bool{},
	envScores:   map[string]int{},
	envTiers:    map[string]string{},
	envVariants: map[string]string{},
	envNow:      time.Time{},
	envPredict:  map[string]any{},
}

// init declares the hidden helpers' types to the checker.
func init() {
	for name, fn := range hidden {
		envShape[name] = fn
	}
}

// clockFuncs take the evaluation clock as a hidden last argument, which the
// patcher appends at compile time.
var clockFuncs = map[string]bool{"days_since": true, "hours_since": true, "within": true}

// arrayBuiltins are expr builtins whose first argument is a collection; a
// nil collection is treated as empty.
var arrayBuiltins = map[string]bool{
	"all": true, "none": true, "any": true, "one": true, "filter": true, "map": true,
	"find": true, "findIndex": true, "findLast": true, "findLastIndex": true,
	"count": true, "sum": true, "groupBy": true, "sortBy": true, "reduce": true,
	"len": true, "first": true, "last": true, "take": true, "reverse": true,
	"uniq": true, "sort": true, "max": true, "min": true, "mean": true, "median": true,
}

// compareFuncs replace the ordering operators so that a nil operand makes
// the comparison false instead of an error.
var compareFuncs = map[string]string{"<": "__lt", "<=": "__le", ">": "__gt", ">=": "__ge"}

// exprOptions are the compile options shared by rules and conditions.
func exprOptions() []expr.Option {
	lets := letNames{}
	return []expr.Option{
		expr.Env(envShape),
		expr.AllowUndefinedVariables(),
		expr.DisableBuiltin("now"),
		expr.Patch(lets),
		expr.Patch(&nilSafe{lets: lets}),
		expr.Function("within", fnWithin, new(func(any, string, time.Time) bool)),
		expr.Function("last_n", fnLastN, new(func(any, int) []any)),
	}
}

// hidden are the helpers the patcher calls. They live in the environment,
// not in expr.Function, because expr calls an environment function with one
// of its known signatures directly (OpCallTyped), without building an
// argument slice: they run once per element in collection rules.
var hidden = map[string]any{
	"days_since":  fnDaysSince,
	"hours_since": fnHoursSince,
	"__within_h":  fnWithinHours,
	"__arr":       fnArr,
	"__bool":      fnBool,
	"__get":       fnGet,
	"__lt":        cmpFunc(runtime.Less),
	"__le":        cmpFunc(runtime.LessOrEqual),
	"__gt":        cmpFunc(runtime.More),
	"__ge":        cmpFunc(runtime.MoreOrEqual),
}

// nilSafe rewrites the tree so that missing data never fails an
// expression: member access becomes optional (x.y is nil when x is nil),
// ordering comparisons with nil are false, collection builtins see nil as
// empty, last(xs, n) means the last n elements, and clock helpers get the
// evaluation time.
type nilSafe struct{ lets letNames }

// letNames collects the names of let variables, which are not profile
// fields; it runs over the whole tree before nilSafe.
type letNames map[string]bool

// Visit implements ast.Visitor.
func (l letNames) Visit(node *ast.Node) {
	if v, ok := (*node).(*ast.VariableDeclaratorNode); ok {
		l[v.Name] = true
	}
}

// Visit implements ast.Visitor. A profile field read by name becomes
// profile.NAME, so that the environment never copies the profile.
func (ns *nilSafe) Visit(node *ast.Node) {
	switch n := (*node).(type) {
	case *ast.IdentifierNode:
		if isFieldName(n.Value) && !ns.lets[n.Value] {
			ast.Patch(node, call("__get", &ast.IdentifierNode{Value: envProfile}, &ast.StringNode{Value: n.Value}))
		}
	case *ast.MemberNode:
		if n.Method {
			return
		}
		if _, ok := n.Property.(*ast.StringNode); ok {
			ast.Patch(node, call("__get", n.Node, n.Property))
			return
		}
		n.Optional = true
		ast.Patch(node, &ast.ChainNode{Node: n})
	case *ast.BinaryNode:
		if fn, ok := compareFuncs[n.Operator]; ok && (mayBeNil(n.Left) || mayBeNil(n.Right)) {
			ast.Patch(node, call(fn, n.Left, n.Right))
			return
		}
		if logicOps[n.Operator] {
			n.Left, n.Right = truthy(n.Left), truthy(n.Right)
		}
	case *ast.UnaryNode:
		if logicOps[n.Operator] {
			n.Node = truthy(n.Node)
		}
	case *ast.BuiltinNode:
		if n.Name == "last" && len(n.Arguments) == 2 {
			ast.Patch(node, call("last_n", n.Arguments...))
			return
		}
		if arrayBuiltins[n.Name] && len(n.Arguments) > 0 {
			if _, lit := n.Arguments[0].(*ast.ArrayNode); !lit {
				n.Arguments[0] = call("__arr", n.Arguments[0])
			}
		}
	case *ast.CallNode:
		id, ok := n.Callee.(*ast.IdentifierNode)
		if !ok || !clockFuncs[id.Value] {
			return
		}
		if w := constWithin(n); w != nil {
			ast.Patch(node, w)
			return
		}
		n.Arguments = append(n.Arguments, &ast.IdentifierNode{Value: envNow})
	}
}

// constWithin turns within(x, "30d") with a valid literal span into
// __within_h(x) <= 720 (hours since x, "never" for nil), decided once at
// compile time; nil otherwise.
func constWithin(n *ast.CallNode) ast.Node {
	id := n.Callee.(*ast.IdentifierNode)
	if id.Value != "within" || len(n.Arguments) != 2 {
		return nil
	}
	lit, ok := n.Arguments[1].(*ast.StringNode)
	if !ok {
		return nil
	}
	span, err := ParseSpan(lit.Value)
	if err != nil {
		return nil // checkSpans reports it
	}
	hours := call("__within_h", n.Arguments[0], &ast.IdentifierNode{Value: envNow})
	return &ast.BinaryNode{Operator: "<=", Left: hours, Right: &ast.FloatNode{Value: span.Hours()}}
}

// checkSpans reports a within() whose literal span does not parse, at the
// span's place in the expression.
func checkSpans(p *vm.Program) error {
	var err error
	node := p.Node()
	ast.Walk(&node, visitFunc(func(n ast.Node) {
		c, ok := n.(*ast.CallNode)
		if !ok || err != nil || len(c.Arguments) < 2 {
			return
		}
		if id, ok := c.Callee.(*ast.IdentifierNode); !ok || id.Value != "within" {
			return
		}
		if lit, ok := c.Arguments[1].(*ast.StringNode); ok {
			if _, perr := ParseSpan(lit.Value); perr != nil {
				fe := &file.Error{Location: lit.Location(), Message: "within: " + perr.Error()}
				err = fe.Bind(p.Source())
			}
		}
	}))
	return err
}

// visitFunc adapts a function to ast.Visitor.
type visitFunc func(ast.Node)

// Visit implements ast.Visitor.
func (f visitFunc) Visit(node *ast.Node) { f(*node) }

// logicOps are the boolean operators whose operands may be nil fields.
var logicOps = map[string]bool{"and": true, "&&": true, "or": true, "||": true, "not": true, "!": true}

// truthy makes a field read safe as a boolean operand: nil is false.
func truthy(n ast.Node) ast.Node {
	if mayBeNil(n) {
		return call("__bool", n)
	}
	return n
}

// nilBuiltins are the builtins that may return nil (an element or a
// lookup that may be absent).
var nilBuiltins = map[string]bool{"first": true, "last": true, "find": true, "findLast": true, "get": true, "reduce": true, "fromJSON": true}

// mayBeNil reports whether a node reads data that may be missing: a
// variable, a member or index, or ?? (whose right side may be nil too).
// Helper calls, literals and operators never yield nil.
func mayBeNil(n ast.Node) bool {
	switch v := n.(type) {
	case *ast.IdentifierNode, *ast.ChainNode, *ast.MemberNode, *ast.PointerNode:
		return true
	case *ast.CallNode:
		id, ok := v.Callee.(*ast.IdentifierNode)
		return !ok || id.Value != "within" // days_since(nil) is nil
	case *ast.BuiltinNode:
		return nilBuiltins[v.Name]
	case *ast.BinaryNode:
		return v.Operator == "??"
	}
	return false
}

// call builds a call of a helper function.
func call(name string, args ...ast.Node) *ast.CallNode {
	return &ast.CallNode{Callee: &ast.IdentifierNode{Value: name}, Arguments: args}
}

// compile compiles one boolean expression with the shared options. An
// expression whose type is known and not boolean is an error.
func compile(src string) (*vm.Program, error) {
	p, err := expr.Compile(src, exprOptions()...)
	if err != nil {
		return nil, err
	}
	if t := p.Node().Type(); t != nil && t.Kind() != reflect.Bool && t.Kind() != reflect.Interface {
		return nil, &file.Error{Line: 1, Message: fmt.Sprintf("expression is %s, not a boolean", t)}
	}
	if err := checkSpans(p); err != nil {
		return nil, err
	}
	return p, nil
}
