package workspace

import (
	"strings"
	"testing"

	"github.com/tailor-email/tailor/segment"
)

const concludeSrc = `# the campaign
name: Shop
experiments:
  # subject lines under test
  - name: subject_line   # asked in November
    variants:
      - {name: question, weight: 50}
      - {name: benefit, weight: 50}
  - name: hero_copy
    holdout: 0.1
    variants:
      - {name: classic, weight: 1}
      - {name: bold, weight: 1}
# the end
`

// TestConclude writes the winner under the experiment's name line and
// leaves every other line, comments included, as it was; the experiment
// then serves the winner to everyone.
func TestConclude(t *testing.T) {
	c := segment.Conclusion{At: "2026-12-03T10:00:00Z", Evidence: `benefit vs question: lift +8.6% [+4.7%, +12.7%], adjusted p 2.3e-05 "click"`}
	out, err := Conclude([]byte(concludeSrc), "hero_copy", "bold", c)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(out), "\n")
	want := strings.Split(concludeSrc, "\n")
	inserted := []string{`    winner: "bold"`, `    concluded:`, `      at: "2026-12-03T10:00:00Z"`,
		`      evidence: "benefit vs question: lift +8.6% [+4.7%, +12.7%], adjusted p 2.3e-05 \"click\""`}
	want = append(want[:9:9], append(inserted, want[9:]...)...)
	if got := strings.Join(lines, "\n"); got != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", got, strings.Join(want, "\n"))
	}
	cfg, err := ParseConfig(out)
	if err != nil {
		t.Fatal(err)
	}
	e := cfg.Experiments[1]
	if e.Winner != "bold" || e.Concluded == nil || *e.Concluded != c {
		t.Errorf("parsed back: %+v", e)
	}
	for _, id := range []string{"1", "2", "3", "4", "5", "6", "7", "8", "9", "10"} {
		if v := e.Assign(id); v != "bold" {
			t.Errorf("recipient %s gets %s after the conclusion, want bold", id, v)
		}
	}
	if cfg.Experiments[0].Winner != "" {
		t.Errorf("the other experiment got a winner: %+v", cfg.Experiments[0])
	}
}

func TestConcludeRefuses(t *testing.T) {
	concluded, err := Conclude([]byte(concludeSrc), "subject_line", "benefit", segment.Conclusion{At: "x", Evidence: "y"})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, src, exp, winner, want string }{
		{"no such experiment", concludeSrc, "nope", "a", `tailor.yaml: no experiment "nope"`},
		{"no such variant", concludeSrc, "subject_line", "neither", `experiment subject_line: the winner "neither" is none of its variants`},
		{"already concluded", string(concluded), "subject_line", "question", "tailor.yaml:6:5: experiment subject_line is already concluded (winner: benefit)"},
		{"flow style", "experiments:\n  - {name: a, variants: [{name: x, weight: 1}]}\n", "a", "x", "tailor.yaml:2:6: experiment a is written in flow style"},
	} {
		_, err := Conclude([]byte(tc.src), tc.exp, tc.winner, segment.Conclusion{At: "x", Evidence: "y"})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", tc.name, err, tc.want)
		}
	}
}
