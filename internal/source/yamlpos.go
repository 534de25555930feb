package source

import (
	"fmt"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/parser"
)

// YAMLErrorf returns an *Error at the value that path (a YAML path such as
// "$.limits.timeout" or "$.experiments[1]") names in src, the YAML of
// file; or at the nearest enclosing value that is there; or at 1:1.
func YAMLErrorf(file string, src []byte, path, format string, args ...any) *Error {
	line, col := yamlPos(src, path)
	return Errorf(file, line, col, format, args...)
}

func yamlPos(src []byte, path string) (line, col int) {
	if CheckYAML("", 0, src, YAMLLimit{MaxBytes: MaxConfigBytes}) != nil {
		return 1, 1
	}
	f, err := parser.ParseBytes(src, 0)
	if err != nil {
		return 1, 1
	}
	for path != "$" && path != "" {
		if p, err := yaml.PathString(path); err == nil {
			if n, err := p.FilterFile(f); err == nil && n != nil && n.GetToken() != nil {
				pos := n.GetToken().Position
				return pos.Line, pos.Column
			}
		}
		path = parent(path)
	}
	return 1, 1
}

// parent drops the last step of a YAML path: "$.a.b" -> "$.a",
// "$.a[2]" -> "$.a".
func parent(path string) string {
	if strings.HasSuffix(path, "]") {
		if i := strings.LastIndexByte(path, '['); i >= 0 {
			return path[:i]
		}
	}
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		return path[:i]
	}
	return ""
}

// Index returns the YAML path of item i of the sequence at path.
func Index(path string, i int) string { return fmt.Sprintf("%s[%d]", path, i) }
