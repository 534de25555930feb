package source

import (
	"errors"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
)

// DecodeNode decodes node, a value of a YAML document of file already
// parsed (and checked against its bounds), into v with strict field
// checking. Errors are *Error at their place in file.
func DecodeNode(file string, node ast.Node, v any) error {
	return yamlError(file, 0, yaml.NodeToValue(node, v, yaml.Strict()))
}

// yamlError places err, an error of the YAML decoder on a document that
// starts after lineOffset lines of file, at its token; nil stays nil.
func yamlError(file string, lineOffset int, err error) error {
	if err == nil {
		return nil
	}
	var ye yaml.Error
	if errors.As(err, &ye) && ye.GetToken() != nil {
		p := ye.GetToken().Position
		return &Error{File: file, Line: p.Line + lineOffset, Col: p.Column, Msg: ye.GetMessage(), Err: err}
	}
	return &Error{File: file, Line: lineOffset + 1, Msg: err.Error(), Err: err}
}

// Bare is n without the tags and anchors around it: the node that holds
// its value.
func Bare(n ast.Node) ast.Node {
	for {
		switch v := n.(type) {
		case *ast.TagNode:
			n = v.Value
		case *ast.AnchorNode:
			n = v.Value
		default:
			return n
		}
	}
}
