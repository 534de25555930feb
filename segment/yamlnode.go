package segment

import (
	"fmt"
	"github.com/tailor-email/tailor/internal/source"
	"slices"
	"strconv"

	"github.com/goccy/go-yaml/ast"
)

// mapping returns the key/value pairs of a YAML mapping.
func (f *srcFile) mapping(n ast.Node) ([]*ast.MappingValueNode, error) {
	switch v := source.Bare(n).(type) {
	case *ast.MappingNode:
		return v.Values, nil
	case *ast.MappingValueNode:
		return []*ast.MappingValueNode{v}, nil
	}
	return nil, f.errorf(nodePos(n), "expected a mapping, found %s", n.Type())
}

// sequence returns the items of a YAML sequence (null is empty).
func (f *srcFile) sequence(n ast.Node) ([]ast.Node, error) {
	switch v := source.Bare(n).(type) {
	case *ast.SequenceNode:
		return v.Values, nil
	case *ast.NullNode:
		return nil, nil
	}
	return nil, f.errorf(nodePos(n), "expected a list, found %s", n.Type())
}

// fields reads a mapping whose keys must be among allowed.
func (f *srcFile) fields(n ast.Node, allowed ...string) (map[string]ast.Node, error) {
	kvs, err := f.mapping(n)
	if err != nil {
		return nil, err
	}
	out := map[string]ast.Node{}
	for _, kv := range kvs {
		key := kv.Key.String()
		if !slices.Contains(allowed, key) {
			return nil, f.errorf(nodePos(kv.Key), "unknown key %q (want one of %v)", key, allowed)
		}
		if _, dup := out[key]; dup {
			return nil, f.errorf(nodePos(kv.Key), "duplicate key %q", key)
		}
		out[key] = kv.Value
	}
	return out, nil
}

// nameField reads the required name field, which must be an identifier.
func (f *srcFile) nameField(n ast.Node, fields map[string]ast.Node) (string, error) {
	v, ok := fields["name"]
	if !ok {
		return "", f.errorf(nodePos(n), "missing name")
	}
	sc, err := f.stringScalar(v)
	if err != nil {
		return "", err
	}
	if !nameRE.MatchString(sc.Value) {
		return "", f.errorf(nodePos(v), "name %q: use letters, digits and _ (not starting with a digit)", sc.Value)
	}
	return sc.Value, nil
}

// optString reads an optional string field.
func (f *srcFile) optString(n ast.Node) (string, error) {
	if n == nil {
		return "", nil
	}
	sc, err := f.stringScalar(n)
	return sc.Value, err
}

// integer reads a required integer field.
func (f *srcFile) integer(n, parent ast.Node, key string) (int, error) {
	if n == nil {
		return 0, f.errorf(nodePos(parent), "missing %s", key)
	}
	iv, ok := source.Bare(n).(*ast.IntegerNode)
	if !ok {
		return 0, f.errorf(nodePos(n), "%s: expected an integer, found %s", key, n.Type())
	}
	v, err := strconv.Atoi(fmt.Sprint(iv.Value))
	if err != nil {
		return 0, f.errorf(nodePos(n), "%s: %w", key, err)
	}
	return v, nil
}
