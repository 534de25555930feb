package audience

import (
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/tailor-email/tailor/segment"
)

// countSection is an extra section, as the engine would add one.
type countSection struct{ ids []string }

func (c *countSection) Add(r Recipient) { c.ids = append(c.ids, r.ID) }
func (c *countSection) Write(w io.Writer) error {
	_, err := fmt.Fprintf(w, "extra: %s\n", strings.Join(c.ids, ","))
	return err
}

func TestReportSectionsAndExtra(t *testing.T) {
	rules, err := segment.Parse("segments.yaml", []byte(`segments:
  - {name: a, when: "x > 1"}
  - {name: b, when: "x > 2"}
  - {name: c, when: "false"}
`))
	if err != nil {
		t.Fatal(err)
	}
	extra := &countSection{}
	rep := New(rules, extra)
	for i, x := range []any{0.0, 2.0, 3.0, nil} {
		p := segment.Profile{"x": x}
		m, err := rules.Evaluate(p, time.Time{})
		rep.Add(Recipient{ID: fmt.Sprint("r", i), Profile: p, Membership: m, Err: err})
	}
	var b strings.Builder
	if err := rep.Write(&b); err != nil {
		t.Fatal(err)
	}
	want := `recipients: 4

segments:
  a      2   50.0%
  b      1   25.0%
  c      0    0.0%

overlaps:
  a & b: 1 (50% of a, 100% of b)

empty segments: c

in no segment: 2 (r0, r3)

missing fields (read by rules; nil-safe):
  x      1   25.0%

extra: r0,r1,r2,r3
`
	if b.String() != want {
		t.Errorf("report:\n%s\nwant:\n%s", b.String(), want)
	}
}

func TestExplainBelowEveryTier(t *testing.T) {
	rules, err := segment.Parse("segments.yaml", []byte(`scores:
  - name: e
    rules: [{when: "n > 0", points: 1}]
    tiers: [{name: warm, min: 5}]
`))
	if err != nil {
		t.Fatal(err)
	}
	p := segment.Profile{"n": 1.0}
	ex, err := rules.Explain(p, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := WriteExplain(&b, "r1", p, ex, nil); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"score e = 1 -> tier (below every tier)", " +1 (+1 if) n > 0", "        n = 1", "tiers: warm >= 5"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("explain lacks %q:\n%s", want, b.String())
		}
	}
}
