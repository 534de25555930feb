package segment

import (
	"os"
	"testing"
	"testing/fstest"
)

// TestSharedFeatureSlots: features with the same expression in different
// models share one slot of the recipient's feature cache, so the
// expression runs once per recipient.
func TestSharedFeatureSlots(t *testing.T) {
	fs := fstest.MapFS{}
	for name, src := range map[string]string{"a.json": "regression.json", "b.json": "forest.json"} {
		b, err := os.ReadFile("../model/testdata/" + src)
		if err != nil {
			t.Fatal(err)
		}
		fs[name] = &fstest.MapFile{Data: b}
	}
	const src = `models:
  - name: a
    file: a.json
    output: score
    features: {x0: opens, x1: clicks, x2: 1, x3: 2, x4: 3, x5: 4}
  - name: b
    file: b.json
    output: score
    features: {y0: clicks, y1: opens, y2: 5, y3: 2, y4: 6, y5: 7}
`
	r, err := ParseWith("segments.yaml", []byte(src), Options{Models: fs})
	if err != nil {
		t.Fatal(err)
	}
	a, b := r.Model("a").Features, r.Model("b").Features
	if a[0].slot != b[1].slot || a[1].slot != b[0].slot || a[3].slot != b[3].slot || a[2].slot == b[2].slot {
		t.Errorf("slots a %d %d %d %d, b %d %d %d %d", a[0].slot, a[1].slot, a[2].slot, a[3].slot, b[0].slot, b[1].slot, b[2].slot, b[3].slot)
	}
	if r.nfeatures != 9 {
		t.Errorf("%d distinct features, want 9", r.nfeatures)
	}
	m, err := r.Evaluate(Profile{"opens": 3.0, "clicks": 1.0}, now)
	if err != nil || len(m.Predictions) != 2 {
		t.Errorf("predictions %v, %v", m.Predictions, err)
	}
}
