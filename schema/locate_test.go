package schema

import (
	"testing"
)

func TestLocate(t *testing.T) {
	doc := []byte(`{"id": "a", "n": 1.5, "s": "x\"}],y", "o": {"k": [1, {"deep": true}, "three"]},
  "esc\u0061ped": 7, "list": [ [0], [1, 2] ] }`)
	tests := []struct {
		path  []string
		value string
		found bool
	}{
		{[]string{"id"}, `"a"`, true},
		{[]string{"n"}, `1.5`, true},
		{[]string{"o", "k", "1", "deep"}, `true`, true},
		{[]string{"o", "k", "2"}, `"three"`, true},
		{[]string{"escaped"}, `7`, true},
		{[]string{"list", "1", "1"}, `2`, true},
		{[]string{"o", "k", "5"}, `[1, `, false},
		{[]string{"o", "missing"}, `{"k"`, false},
		{[]string{"id", "x"}, `"a"`, false},
	}
	for _, tt := range tests {
		off, found := Locate(doc, tt.path)
		if found != tt.found || string(doc[off:off+len(tt.value)]) != tt.value {
			t.Errorf("%q: at %d (%q), found %v; want %s, %v", tt.path, off, doc[off:min(off+10, len(doc))], found, tt.value, tt.found)
		}
	}
}
