package model

import (
	"errors"
	"fmt"
	"math"
)

// objective is how a model turns summed margins into outputs.
type objective int

const (
	objLogistic objective = iota + 1
	objSquaredError
	objSoftprob
)

var objectives = map[string]objective{
	"binary:logistic":  objLogistic,
	"reg:squarederror": objSquaredError,
	"multi:softprob":   objSoftprob,
}

// String names the objective as XGBoost does.
func (o objective) String() string {
	for name, v := range objectives {
		if v == o {
			return name
		}
	}
	return "unknown"
}

// classes checks num_class against the objective and returns the number
// of outputs per recipient.
func (o objective) classes(n int) (int, error) {
	if o != objSoftprob {
		if n > 1 {
			return 0, fmt.Errorf("%w: num_class %d with %s", ErrUnsupported, n, o)
		}
		return 1, nil
	}
	if n < 2 {
		return 0, fmt.Errorf("multi:softprob with num_class %d: %w", n, errNotCount)
	}
	return n, nil
}

// margin turns base_score into the starting margin (XGBoost's
// ProbToMargin): its logit for binary:logistic, itself otherwise.
func (o objective) margin(base float32) (float32, error) {
	if o != objLogistic {
		return base, nil
	}
	if !(base > 0 && base < 1) {
		return 0, fmt.Errorf("base_score %v for binary:logistic: %w", base, errNotProbability)
	}
	return -float32(math.Log(float64(1/base - 1))), nil
}

var errNotProbability = errors.New("not in (0, 1)")

// transform turns the margins in out (one per output) into predictions,
// in float32 as XGBoost computes them.
func (o objective) transform(out []float64) {
	switch o {
	case objLogistic:
		out[0] = float64(sigmoid(float32(out[0])))
	case objSoftprob:
		softmax(out)
	}
}

// sigmoid is 1/(1+e^-x) rounded to float32 at each step.
func sigmoid(x float32) float32 {
	return 1 / (1 + expf(-x))
}

// softmax replaces margins by probabilities, the largest margin taken off
// first so that the exponentials cannot overflow.
func softmax(out []float64) {
	hi := float32(out[0])
	for _, v := range out[1:] {
		hi = max(hi, float32(v))
	}
	var sum float32
	for i, v := range out {
		e := expf(float32(v) - hi)
		out[i] = float64(e)
		sum += e
	}
	for i, v := range out {
		out[i] = float64(float32(v) / sum)
	}
}

// expf is e^x rounded to float32.
func expf(x float32) float32 { return float32(math.Exp(float64(x))) }
