package throughput

import (
	"fmt"
	"testing"

	"github.com/tailor-email/tailor/render"
)

// BenchmarkLoad loads the example grown by 100 and 1,000 modules, and by
// 100 and 400 slots (each with two modules).
func BenchmarkLoad(b *testing.B) {
	for _, spec := range []Spec{{Modules: 100}, {Modules: 1000}, {Slots: 100}, {Slots: 400}} {
		b.Run(fmt.Sprintf("m%d-s%d", spec.Modules, spec.Slots), func(b *testing.B) {
			ws, err := Generated(spec)
			if err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				if _, err := render.Load(ws); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
