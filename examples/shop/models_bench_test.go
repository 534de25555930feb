package shop_test

import (
	"context"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tailor-email/tailor/examples/shop"
	"github.com/tailor-email/tailor/recipients"
	"github.com/tailor-email/tailor/render"
	"github.com/tailor-email/tailor/workspace"
)

// withoutModel is the example with its churn model taken out (its other
// models stay): likely_to_churn reads the data team's field, and the
// winback hero has no shipping line.
func withoutModel(tb testing.TB) fs.FS {
	tb.Helper()
	out := fstest.MapFS{}
	err := fs.WalkDir(shop.FS(), ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(shop.FS(), path)
		out[path] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	seg := string(out["segments.yaml"].Data)
	start := strings.Index(seg, "  - name: churn\n")
	end := start + 1 + strings.Index(seg[start+1:], "  - name: ")
	if start < 0 || end <= start {
		tb.Fatal("no churn model in segments.yaml")
	}
	seg = seg[:start] + strings.Replace(seg[end:], "predict.churn >= 0.7", "(churn_risk ?? 0) >= 0.7", 1)
	out["segments.yaml"].Data = []byte(seg)
	hero := string(out["modules/hero/winback.html"].Data)
	out["modules/hero/winback.html"].Data = []byte(strings.Replace(hero, "{{ if ge .Predictions.churn 0.85 }} Shipping is on us too.{{ end }}", "", 1))
	if strings.Contains(seg, "predict.churn") || strings.Contains(string(out["modules/hero/winback.html"].Data), "Predictions") {
		tb.Fatal("the example without its model still reads it")
	}
	return out
}

// BenchmarkChurnModel measures, in one run, the example's 300-tree churn
// model alone (one recipient's features, then scoring them) next to the
// newsletter rendered with it and without it, over the typed fixtures.
func BenchmarkChurnModel(b *testing.B) {
	s, err := workspace.ReadSchema(shop.FS())
	if err != nil {
		b.Fatal(err)
	}
	recs, err := recipients.FixturesWith(shop.FS(), recipients.Options{Schema: s})
	if err != nil {
		b.Fatal(err)
	}
	ws, m := churnModel(b)
	now := ws.Config.Clock()
	b.Run("predict", func(b *testing.B) {
		xs := make([][]float64, len(recs))
		for i, r := range recs {
			if xs[i], _, err = m.Row(r.Profile, now); err != nil {
				b.Fatal(err)
			}
		}
		out := make([]float64, 0, 1)
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			out = m.Model.Predict(xs[i%len(xs)], out)
		}
	})
	b.Run("features", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			if _, _, err := m.Row(recs[i%len(recs)].Profile, now); err != nil {
				b.Fatal(err)
			}
		}
	})
	newsletter := func(fsys fs.FS) func(b *testing.B) {
		return func(b *testing.B) {
			c, err := render.Load(fsys)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				if _, err := c.Render(context.Background(), render.Request{Email: "newsletter", Profile: recs[i%len(recs)].Profile}); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
	b.Run("newsletter", newsletter(shop.FS()))
	b.Run("newsletter-without-model", newsletter(withoutModel(b)))
}
