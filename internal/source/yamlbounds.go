package source

import (
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/lexer"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"
)

// Bounds on every YAML document tailor reads. The YAML library has none:
// a document nested a few thousand levels deep costs it gigabytes, and one
// of a few lines whose aliases refer to aliases ("billion laughs") expands
// without end.
const (
	// DefaultMaxFrontMatter bounds a front matter block unless tailor.yaml's
	// limits.max_front_matter says otherwise.
	DefaultMaxFrontMatter = 1 << 20
	// MaxConfigBytes bounds tailor.yaml and segments.yaml.
	MaxConfigBytes = 1 << 20
	// MaxYAMLDepth bounds how deeply collections nest.
	MaxYAMLDepth = 64
	// MaxYAMLAliases bounds the aliases (*name) of a document.
	MaxYAMLAliases = 100
)

// YAMLLimit bounds one YAML document: its size, and its size once every
// alias is expanded, are at most MaxBytes; it nests at most MaxYAMLDepth
// deep and has at most MaxYAMLAliases aliases.
type YAMLLimit struct {
	MaxBytes int
	// Setting names where MaxBytes is set, for the message; "" for a
	// fixed bound.
	Setting string
}

// CheckYAML checks data, which starts after lineOffset lines of file,
// against lim before anything parses it, and returns an *Error at the
// place that passes a bound. Syntax errors are left to the decoder.
func CheckYAML(file string, lineOffset int, data []byte, lim YAMLLimit) error {
	if len(data) > lim.MaxBytes {
		return Errorf(file, lineOffset+1, 1, "YAML of %d bytes, over the limit of %d%s", len(data), lim.MaxBytes, lim.hint())
	}
	tokens := lexer.Tokenize(string(data))
	aliases, err := checkTokens(file, lineOffset, tokens)
	if err != nil || aliases == 0 {
		return err
	}
	f, err := parser.Parse(tokens, 0)
	if err != nil {
		return nil
	}
	x := expansion{file: file, lineOffset: lineOffset, lim: lim, anchors: map[string]int{}, total: len(data)}
	for _, doc := range f.Docs {
		if doc != nil && doc.Body != nil {
			x.weigh(doc.Body)
		}
	}
	return x.err
}

func (lim YAMLLimit) hint() string {
	if lim.Setting == "" {
		return " bytes"
	}
	return " bytes (" + lim.Setting + ")"
}

// checkTokens bounds the nesting and the aliases of a token stream and
// returns how many aliases it has. Flow collections nest by brackets;
// block collections by indentation, which the columns of their "-", "?"
// and keys give.
func checkTokens(file string, lineOffset int, tokens token.Tokens) (int, error) {
	flow, aliases := 0, 0
	var block []int // the columns of the open block collections
	for _, tk := range tokens {
		switch tk.Type {
		case token.SequenceStartType, token.MappingStartType:
			flow++
		case token.SequenceEndType, token.MappingEndType:
			flow = max(flow-1, 0)
		case token.DocumentHeaderType:
			block = block[:0]
		case token.SequenceEntryType, token.MappingKeyType, token.MappingValueType:
			if flow == 0 {
				block = nest(block, blockColumn(tk))
			}
		case token.AliasType:
			if aliases++; aliases > MaxYAMLAliases {
				return 0, tokenError(file, lineOffset, tk, "more than %d aliases", MaxYAMLAliases)
			}
		}
		if flow+len(block) > MaxYAMLDepth {
			return 0, tokenError(file, lineOffset, tk, "nested more than %d deep", MaxYAMLDepth)
		}
	}
	return aliases, nil
}

// blockColumn is the indentation of the block collection a token belongs
// to: its own column for "-" and "?", the key's for ":".
func blockColumn(tk *token.Token) int {
	if tk.Type == token.MappingValueType && tk.Prev != nil && tk.Prev.Position.Line == tk.Position.Line {
		return tk.Prev.Position.Column
	}
	return tk.Position.Column
}

// nest closes the collections indented deeper than col and opens one at
// col unless one is open there.
func nest(block []int, col int) []int {
	for len(block) > 0 && block[len(block)-1] > col {
		block = block[:len(block)-1]
	}
	if len(block) == 0 || block[len(block)-1] < col {
		block = append(block, col)
	}
	return block
}

func tokenError(file string, lineOffset int, tk *token.Token, format string, args ...any) *Error {
	return Errorf(file, tk.Position.Line+lineOffset, tk.Position.Column, format, args...)
}

// expansion weighs a document with its aliases expanded: a scalar weighs
// its length plus one, a collection one plus its contents. It stops at the
// first alias that takes the total past the limit.
type expansion struct {
	file       string
	lineOffset int
	lim        YAMLLimit
	anchors    map[string]int // anchor name -> the weight of its value
	total      int            // the document's size plus every alias's weight
	err        error
}

func (x *expansion) weigh(n ast.Node) int {
	if x.err != nil || n == nil {
		return 0
	}
	switch n := n.(type) {
	case *ast.AnchorNode:
		w := x.weigh(n.Value)
		if n.Name != nil {
			x.anchors[n.Name.GetToken().Value] = w
		}
		return w
	case *ast.AliasNode:
		return x.alias(n)
	case *ast.MappingNode:
		return x.sum(len(n.Values), func(i int) ast.Node { return n.Values[i] })
	case *ast.MappingValueNode:
		return x.weigh(n.Key) + x.weigh(n.Value)
	case *ast.MappingKeyNode:
		return x.weigh(n.Value)
	case *ast.SequenceNode:
		return x.sum(len(n.Values), func(i int) ast.Node { return n.Values[i] })
	case *ast.TagNode:
		return x.weigh(n.Value)
	}
	if tk := n.GetToken(); tk != nil {
		return len(tk.Value) + 1
	}
	return 1
}

func (x *expansion) sum(n int, at func(int) ast.Node) int {
	w := 1
	for i := range n {
		w = min(w+x.weigh(at(i)), x.lim.MaxBytes+1)
	}
	return w
}

func (x *expansion) alias(n *ast.AliasNode) int {
	if n.Value == nil {
		return 0
	}
	w := x.anchors[n.Value.GetToken().Value]
	x.total = min(x.total+w, x.lim.MaxBytes+1)
	if x.total > x.lim.MaxBytes {
		x.err = tokenError(x.file, x.lineOffset, n.GetToken(),
			"aliases expand the YAML past %d%s", x.lim.MaxBytes, x.lim.hint())
	}
	return w
}
