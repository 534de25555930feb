package throughput

import (
	"context"
	"testing"

	"github.com/tailor-email/tailor/batch/synth"
	"github.com/tailor-email/tailor/render"
)

func BenchmarkZZRenderOnly(b *testing.B) {
	_, c, _ := Renderer(Engine)
	var ps []map[string]any
	for i := range 256 {
		ps = append(ps, synth.Profile(i, synth.Now))
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, err := c.Render(context.Background(), render.Request{Email: "newsletter", Profile: ps[i%256]}); err != nil {
			b.Fatal(err)
		}
	}
}
