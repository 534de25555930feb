package fast

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestPrintSameAsFmt checks print against fmt.Fprint, which text/template
// prints values with, for the types print knows.
func TestPrintSameAsFmt(t *testing.T) {
	values := []any{"", "s", 0, -12, math.MaxInt64, true, false, 0.0, math.Copysign(0, -1), 1.5, 1e20, 1e21, 123456789.0,
		1e-4, 1e-5, 0.1 + 0.2, math.Inf(1), math.Inf(-1), math.NaN(), math.MaxFloat64, math.SmallestNonzeroFloat64}
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		values = append(values, math.Float64frombits(r.Uint64()), r.NormFloat64()*math.Pow(10, float64(r.IntN(40)-20)))
	}
	for _, v := range values {
		var got strings.Builder
		s := &state{w: &got}
		if !s.print(v) {
			t.Fatalf("%#v: not printed", v)
		}
		if want := fmt.Sprint(v); got.String() != want {
			t.Errorf("%#v: %q, want %q", v, got.String(), want)
		}
	}
}
