package workspace

import (
	"github.com/goccy/go-yaml/ast"

	"github.com/tailor-email/tailor/internal/source"
)

// Section is a part of tailor.yaml that belongs to one consumer (sources:
// to the data sources, smtp: to delivery, events: to serve). The workspace
// keeps it as parsed YAML, with its place in the file; the consumer
// decodes it into its own type with Decode. The engine never sees its
// type, so it imports none of those packages.
type Section struct {
	node ast.Node // nil when tailor.yaml does not have the section
}

// UnmarshalYAML keeps the section's node (see yaml.NodeUnmarshaler).
func (s *Section) UnmarshalYAML(node ast.Node) error {
	s.node = node
	return nil
}

// IsSet reports whether tailor.yaml has the section with a value (a key
// with nothing after it, or null, is no value).
func (s Section) IsSet() bool {
	return s.node != nil && s.node.Type() != ast.NullType
}

// Decode decodes the section into v, rejecting unknown fields. Errors are
// placed at tailor.yaml:line:col. A section that is not set leaves v as it
// is.
func (s Section) Decode(v any) error {
	if !s.IsSet() {
		return nil
	}
	return source.DecodeNode(ConfigFile, s.node, v)
}

// DecodeSection decodes s into a new T (see Section.Decode); nil when s is
// not set.
func DecodeSection[T any](s Section) (*T, error) {
	if !s.IsSet() {
		return nil, nil
	}
	v := new(T)
	if err := s.Decode(v); err != nil {
		return nil, err
	}
	return v, nil
}
