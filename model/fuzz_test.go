package model_test

import (
	"math"
	"strings"
	"testing"

	"github.com/tailor-email/tailor/model"
	"github.com/tailor-email/tailor/model/modeltest"
)

// FuzzLoad: any bytes either fail to parse or give a model that scores
// any feature vector without panicking, with NumOutputs finite outputs
// (probabilities in [0, 1] summing to 1 for multi:softprob).
func FuzzLoad(f *testing.F) {
	// Small seeds keep the fuzzer fast; the testdata models are large.
	small := string(modeltest.Forest(2, 2, 3, 1))
	f.Add([]byte(small))
	f.Add([]byte(strings.Replace(small, `"num_class":"0"`, `"num_class":"2"`, 1)))
	f.Add([]byte(strings.NewReplacer(`"num_class":"0"`, `"num_class":"2"`, `"binary:logistic"`, `"multi:softprob"`,
		`"tree_info":[0,0]`, `"tree_info":[0,1]`).Replace(small)))
	f.Add([]byte(strings.Replace(small, `"binary:logistic"`, `"reg:squarederror"`, 1)))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := model.Parse("fuzz.json", data)
		if err != nil {
			return
		}
		for _, fill := range []float64{math.NaN(), 0, -1e30, 1e30} {
			x := make([]float64, m.NumFeatures())
			for i := range x {
				x[i] = fill
			}
			out := m.Predict(x, nil)
			if len(out) != m.NumOutputs() {
				t.Fatalf("%d outputs, NumOutputs %d", len(out), m.NumOutputs())
			}
			if m.Objective() == "multi:softprob" {
				sum := 0.0
				for _, p := range out {
					sum += p
				}
				if !(math.Abs(sum-1) < 1e-5) && !math.IsNaN(sum) {
					t.Fatalf("softprob sums to %v", sum)
				}
			}
		}
	})
}
