package batch

import (
	"bytes"
	"encoding/json"
	"testing"
)

// TestAppendLineMatchesEncodingJSON requires the hand-written encoder to
// give encoding/json's bytes (SetEscapeHTML false) for awkward strings.
func TestAppendLineMatchesEncodingJSON(t *testing.T) {
	strs := []string{
		"", "plain", `quote " and \ backslash`, "<p class=\"a\">&amp;</p>", "line\nbreak\r\ttab\b\f",
		"\x00\x01\x1f\x7f", "Grüße, Zoë 日本 🎉", "sep\u2028and\u2029", "bad \xff utf8 \xe2\x82", "\xc0\xaf",
		"end with bad \xe2",
	}
	var lines []Line
	for _, s := range strs {
		lines = append(lines, Line{ID: s, Template: "t", To: s, Subject: s, Preheader: s, HTML: s, Text: s, AMP: s,
			Segments: []string{s, "b"}, Modules: map[string]string{"z": s, s: "v", "a": "1"}, Variants: map[string]string{"x": s}})
	}
	lines = append(lines,
		Line{ID: "nil fields"},
		Line{ID: "error", Error: "in.jsonl:3: bad \"json\"", Segments: []string{}, Modules: map[string]string{}},
	)
	for _, l := range lines {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(l); err != nil {
			t.Fatal(err)
		}
		if got := appendLine(nil, &l, nil); !bytes.Equal(got, want.Bytes()) {
			t.Errorf("%q:\n got %s\nwant %s", l.ID, got, want.Bytes())
		}
	}
}
