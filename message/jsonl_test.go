package message

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/tailor-email/tailor/internal/jsonstr"
)

// TestAppendJSONLMatchesEncodingJSON requires the hand-written encoder to
// give encoding/json's bytes (SetEscapeHTML false) for awkward strings in
// every field, and for empty, nil and omitted fields.
func TestAppendJSONLMatchesEncodingJSON(t *testing.T) {
	strs := []string{
		"", "plain", `quote " and \ backslash`, "<p class=\"a\">&amp;</p>", "line\nbreak\r\ttab\b\f",
		"\x00\x01\x1f\x7f", "Grüße, Zoë 日本 🎉", "sep\u2028and\u2029", "bad \xff utf8 \xe2\x82", "\xc0\xaf",
		"end with bad \xe2",
	}
	var all []JSON
	for i, s := range strs {
		all = append(all, JSON{ID: s, Template: "t", To: s, Subject: s, Preheader: s, HTML: s, Text: s, AMP: s,
			AMPDropped: s, Segments: []string{s, "b"}, Scores: map[string]int{s: -i, "z": 1 << 40, "a": 0},
			Tiers: map[string]string{s: s, "hot": "x"}, Modules: map[string]string{"z": s, s: "v", "a": "1"},
			Variants: map[string]string{"x": s}, SendAt: s, MessageID: s, Unsubscribe: s, RuleErrors: []string{s}, DataErrors: []string{s, "x.csv:7:5: n: \"abc\" is not an int"}, Error: s})
	}
	all = append(all,
		JSON{ID: "nil fields"},
		JSON{ID: "empty fields", Segments: []string{}, Scores: map[string]int{}, Tiers: map[string]string{},
			Modules: map[string]string{}, Variants: map[string]string{}, RuleErrors: []string{}, DataErrors: []string{}},
		Failed("f", "newsletter", "in.jsonl:3: bad \"json\""),
		SuppressedLine("s", "newsletter"),
	)
	for _, j := range all {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(j); err != nil {
			t.Fatal(err)
		}
		if got := AppendJSONL([]byte("kept"), &j); !bytes.Equal(got, append([]byte("kept"), want.Bytes()...)) {
			t.Errorf("%q:\n got %s\nwant kept%s", j.ID, got, want.Bytes())
		}
		// The HTML given in JSON form (as the engine makes it) is appended
		// as it is, in place of the HTML.
		if j.HTML == "" {
			continue
		}
		given := j
		given.HTML, given.HTMLJSON = "", jsonstr.Append(nil, j.HTML)
		if got := AppendJSONL(nil, &given); !bytes.Equal(got, want.Bytes()) {
			t.Errorf("%q with HTMLJSON:\n got %s\nwant %s", j.ID, got, want.Bytes())
		}
		// So is the AMP part, and both at once.
		given.AMP, given.AMPJSON = "", jsonstr.Append(nil, j.AMP)
		if got := AppendJSONL(nil, &given); !bytes.Equal(got, want.Bytes()) {
			t.Errorf("%q with HTMLJSON and AMPJSON:\n got %s\nwant %s", j.ID, got, want.Bytes())
		}
		given.HTML, given.HTMLJSON = j.HTML, nil
		if got := AppendJSONL(nil, &given); !bytes.Equal(got, want.Bytes()) {
			t.Errorf("%q with AMPJSON:\n got %s\nwant %s", j.ID, got, want.Bytes())
		}
	}
}
