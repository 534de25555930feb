package schema

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strings"
	"time"
)

// Format writes s as a schema.yaml, one field per line in flow style;
// notes, by field name, become a comment above the field, and head a
// comment at the top.
func Format(s *Schema, head string, notes map[string]string) []byte {
	var b bytes.Buffer
	for _, line := range strings.Split(strings.TrimSpace(head), "\n") {
		if line != "" {
			b.WriteString("# " + line + "\n")
		}
	}
	b.WriteString("fields:\n")
	for _, f := range s.Fields {
		if note := notes[f.Name]; note != "" {
			b.WriteString("  # " + strings.ReplaceAll(note, "\n", " ") + "\n")
		}
		b.WriteString("  - {name: " + yamlString(f.Name) + ", type: " + f.Type.String())
		if f.Optional {
			b.WriteString(", optional: true")
		}
		if f.Default != nil {
			b.WriteString(", default: " + yamlValue(f.Default))
		}
		if f.Description != "" {
			b.WriteString(", description: " + yamlString(f.Description))
		}
		b.WriteString("}\n")
	}
	return b.Bytes()
}

// plainName is a string YAML reads as itself in a flow mapping.
var plainName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_.-]*$`)

// yamlString writes a string plain when YAML reads it back as the same
// string, else double-quoted (JSON's quoting, which YAML reads).
func yamlString(s string) string {
	if plainName.MatchString(s) && !yamlWords[strings.ToLower(s)] {
		return s
	}
	b, _ := json.Marshal(s)
	return string(b)
}

// yamlWords are plain words YAML reads as something other than a string.
var yamlWords = map[string]bool{"true": true, "false": true, "yes": true, "no": true, "on": true, "off": true, "y": true, "n": true, "null": true, "~": true}

// yamlValue writes a typed default as JSON, which is YAML; a time as its
// RFC 3339 text.
func yamlValue(v any) string {
	if t, ok := v.(time.Time); ok {
		v = t.Format(time.RFC3339Nano)
	}
	b, err := json.Marshal(v)
	if err != nil {
		return `""`
	}
	return string(b)
}
