package batch

import (
	"context"
	"testing"

	"github.com/tailor-email/tailor/batch/synth"
	"github.com/tailor-email/tailor/examples/shop"
	"github.com/tailor-email/tailor/render"
)

// BenchmarkEncodeLine is the JSONL encoding of one example message, the
// part of the per-recipient cost that batch owns.
func BenchmarkEncodeLine(b *testing.B) {
	c, err := render.Load(shop.FS())
	if err != nil {
		b.Fatal(err)
	}
	m, err := c.Render(context.Background(), render.Request{Email: "newsletter", Profile: synth.Profile(2, synth.Now)})
	if err != nil {
		b.Fatal(err)
	}
	r := Result{Msg: m, Email: "newsletter", ID: m.ID}
	b.Run("encoding-json", func(b *testing.B) {
		b.SetBytes(int64(len(m.HTML) + len(m.Text)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := marshalLine(NewLine(r)); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("appendLine", func(b *testing.B) {
		b.SetBytes(int64(len(m.HTML) + len(m.Text)))
		b.ReportAllocs()
		for b.Loop() {
			lineBufs.Put(encodeLine(r)) // as the sink does once it wrote the line
		}
	})
}
