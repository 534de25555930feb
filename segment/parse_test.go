package segment

import (
	"errors"
	"strings"
	"testing"

	"github.com/tailor-email/tailor/internal/source"
)

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		// expr reports EOF at the last token, or past it when the
		// expression ends in a newline (block scalars).
		{"plain scalar", "segments:\n  - name: a\n    when: x > 1 +\n",
			"segments.yaml:3:17: unexpected token EOF"},
		{"single-quoted", "segments:\n  - name: a\n    when: 'x == ''a'' and (y'\n",
			"segments.yaml:3:28: unexpected token EOF"},
		{"double-quoted with escapes", "segments:\n  - name: a\n    when: \"x == \\\"a\\\" and y ==\"\n",
			"segments.yaml:3:30: unexpected token EOF"},
		{"flow mapping in a score", "scores:\n  - name: s\n    rules:\n      - {when: \"a and @\", points: 1}\n",
			"segments.yaml:4:23: unrecognized character: U+0040 '@'"},
		{"literal block", "segments:\n  - name: a\n    when: |\n      x > 1 and\n      y in [1, 2\n",
			"segments.yaml:5:17: unexpected token EOF"},
		{"folded block", "segments:\n  - name: a\n    when: >\n      x > 1\n      and )\n",
			"segments.yaml:5:11: unexpected token Bracket(\")\")"},
		{"multi-line plain", "segments:\n  - name: a\n    when: x > 1\n      and )\n",
			"segments.yaml:4:11: unexpected token Bracket(\")\")"},
		{"non-ASCII before the error", "segments:\n  - name: a\n    when: name == \"éé\" and @\n",
			"segments.yaml:3:28: unrecognized character"},
		{"non-ASCII before an unknown name", "segments:\n  - name: b\n    when: 'true'\n  - name: a\n    when: segments.b == (x == \"éé\") and segments.zz\n",
			"segments.yaml:5:50: unknown segment \"zz\""},
		{"bad literal span", "segments:\n  - name: a\n    when: within(last_seen, '30 days')\n",
			"segments.yaml:3:29: within: span \"30 days\""},
		{"unknown segment", "segments:\n  - name: a\n    when: segments.b\n",
			"segments.yaml:3:20: unknown segment \"b\""},
		{"unknown tier", "segments:\n  - name: a\n    when: 'tiers.x == \"hot\"'\n",
			"segments.yaml:3:18: unknown score \"x\""},
		{"not boolean", "segments:\n  - name: a\n    when: 1 + 2\n",
			"segments.yaml:3:11: expression is int, not a boolean"},
		{"unknown key", "segments:\n  - name: a\n    wen: x\n",
			"segments.yaml:3:5: unknown key \"wen\""},
		{"unknown top key", "segment:\n  - name: a\n",
			"segments.yaml:1:1: unknown key \"segment\""},
		{"missing when", "segments:\n  - name: a\n",
			"segments.yaml:2:5: segment a: missing when"},
		{"bad name", "segments:\n  - name: high-value\n    when: 'true'\n",
			"segments.yaml:2:11: name \"high-value\""},
		{"duplicate", "segments:\n  - {name: a, when: 'true'}\n  - {name: a, when: 'true'}\n",
			"segments.yaml:3:6: duplicate name segment a"},
		{"cycle", "segments:\n  - {name: a, when: segments.b}\n  - {name: b, when: segments.a}\n",
			"segments.yaml:2:6: segment a is part of a reference cycle"},
		{"tiers not ascending", "scores:\n  - name: s\n    rules: []\n    tiers:\n      - {name: a, min: 5}\n      - {name: b, min: 5}\n",
			"segments.yaml:6:24: tier b: min 5 must be above"},
		{"points not integer", "scores:\n  - name: s\n    rules:\n      - {when: 'true', points: many}\n",
			"segments.yaml:4:32: points: expected an integer"},
		{"YAML syntax", "segments:\n  - name: a\n   when: [\n",
			"segments.yaml:3:"},
		{"not a list", "segments: 3\n",
			"segments.yaml:1:11: expected a list"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("segments.yaml", []byte(tt.src))
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Fatalf("err = %v\nwant prefix %s", err, tt.want)
			}
			var pe *source.Error
			if !errors.As(err, &pe) {
				t.Errorf("%T is not a *source.Error", err)
			}
		})
	}
}

func TestParseEmpty(t *testing.T) {
	for _, src := range []string{"", "# nothing yet\n", "segments: []\nscores: []\n", "segments:\n"} {
		r, err := Parse("segments.yaml", []byte(src))
		if err != nil || len(r.Segments()) != 0 || len(r.Scores()) != 0 {
			t.Errorf("%q: %v %v", src, r, err)
		}
	}
}

func TestParseKeepsMetadata(t *testing.T) {
	r := mustParse(t, exampleRules)
	s := r.SegmentRules()[0]
	if s.Description != "Bought in the last 30 days" || s.When != "days_since(last_purchase_at) <= 30" || s.Pos != (source.Pos{File: "segments.yaml", Line: 4, Col: 11}) {
		t.Errorf("segment: %+v", s)
	}
	sc := r.Scores()[0]
	if len(sc.Tiers) != 3 || sc.Tiers[1] != (Tier{"warm", 5}) || sc.Rules[2].Points != -3 || sc.Rules[0].Pos != (source.Pos{File: "segments.yaml", Line: 19, Col: 17}) {
		t.Errorf("score: %+v %+v", sc, sc.Rules[0])
	}
}
