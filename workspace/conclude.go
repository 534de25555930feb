package workspace

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/tailor-email/tailor/internal/source"
	"slices"
	"strings"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"

	"github.com/tailor-email/tailor/segment"
)

// Conclude returns the text of tailor.yaml src with the experiment name
// concluded: winner: and concluded: (at, evidence) written into its
// mapping, right under its name: line at that line's indentation. The
// YAML tree says where the experiment is; every other byte of the file,
// comments and layout included, stays as it was. The result is parsed
// again and must give the experiment the winner. A winner that is none
// of its variants, an experiment already concluded or written in flow
// style ({name: ...}) is an error naming tailor.yaml:line:col.
func Conclude(src []byte, name, winner string, c segment.Conclusion) ([]byte, error) {
	line, indent, err := experimentLine(src, name)
	if err != nil {
		return nil, err
	}
	nl := "\n"
	if bytes.Contains(src, []byte("\r\n")) {
		nl = "\r\n"
	}
	var ins strings.Builder
	for _, l := range []string{"winner: " + quote(winner), "concluded:", "  at: " + quote(c.At), "  evidence: " + quote(c.Evidence)} {
		ins.WriteString(indent + l + nl)
	}
	at := lineEnd(src, line)
	out := slices.Concat(src[:at], []byte(ins.String()), src[at:])
	if at == len(src) && (len(src) == 0 || src[len(src)-1] != '\n') {
		out = slices.Concat(src, []byte(nl), []byte(ins.String()))
	}
	cfg, err := ParseConfig(out)
	if err != nil {
		return nil, fmt.Errorf("concluding experiment %s: %w", name, err)
	}
	i := slices.IndexFunc(cfg.Experiments, func(e segment.Experiment) bool { return e.Name == name })
	if i < 0 || cfg.Experiments[i].Winner != winner {
		return nil, fmt.Errorf("concluding experiment %s: the edited tailor.yaml does not give it the winner %s", name, winner)
	}
	return out, nil
}

// quote writes s as a YAML double-quoted scalar (a JSON string is one).
func quote(s string) string {
	b, _ := json.Marshal(s) // a string always marshals
	return string(b)
}

// lineEnd is the offset just past line n's (1-based) newline.
func lineEnd(src []byte, n int) int {
	off := 0
	for range n {
		i := bytes.IndexByte(src[off:], '\n')
		if i < 0 {
			return len(src)
		}
		off += i + 1
	}
	return off
}

// experimentLine finds the experiment's name: line in tailor.yaml and the
// indentation of its keys.
func experimentLine(src []byte, name string) (int, string, error) {
	doc, err := parser.ParseBytes(src, parser.ParseComments)
	if err != nil {
		return 0, "", fmt.Errorf("%s: %w", ConfigFile, err)
	}
	var list []ast.Node
	if len(doc.Docs) > 0 && doc.Docs[0].Body != nil {
		for _, kv := range pairs(doc.Docs[0].Body) {
			if kv.Key.String() == "experiments" {
				if seq, ok := source.Bare(kv.Value).(*ast.SequenceNode); ok {
					list = seq.Values
				}
			}
		}
	}
	for _, item := range list {
		kvs := pairs(item)
		i := slices.IndexFunc(kvs, func(kv *ast.MappingValueNode) bool {
			return kv.Key.String() == "name" && scalar(kv.Value) == name
		})
		if i < 0 {
			continue
		}
		key := kvs[i].Key.GetToken().Position
		if m, ok := source.Bare(item).(*ast.MappingNode); ok && m.IsFlowStyle {
			return 0, "", fmt.Errorf("%s:%d:%d: experiment %s is written in flow style ({...}): write it as a block mapping to conclude it", ConfigFile, key.Line, key.Column, name)
		}
		for _, kv := range kvs {
			if kv.Key.String() == "winner" {
				p := kv.Key.GetToken().Position
				return 0, "", fmt.Errorf("%s:%d:%d: experiment %s is already concluded (winner: %s)", ConfigFile, p.Line, p.Column, name, scalar(kv.Value))
			}
		}
		if v := kvs[i].Value.GetToken().Position; v.Line != key.Line {
			return 0, "", fmt.Errorf("%s:%d:%d: experiment %s: write its name on the name: line", ConfigFile, key.Line, key.Column, name)
		}
		return key.Line, strings.Repeat(" ", key.Column-1), nil
	}
	return 0, "", errors.New(ConfigFile + ": no experiment " + quote(name) + " (tailor.yaml's experiments: lists them)")
}

// pairs returns the key/value pairs of a mapping node, nil for others.
func pairs(n ast.Node) []*ast.MappingValueNode {
	switch v := source.Bare(n).(type) {
	case *ast.MappingNode:
		return v.Values
	case *ast.MappingValueNode:
		return []*ast.MappingValueNode{v}
	}
	return nil
}

// scalar is a scalar node's value as text, "" for other nodes.
func scalar(n ast.Node) string {
	switch v := source.Bare(n).(type) {
	case *ast.StringNode:
		return v.Value
	case ast.ScalarNode:
		return fmt.Sprint(v.GetValue())
	}
	return ""
}
