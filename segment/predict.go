package segment

import (
	"fmt"
	"math"
	"time"

	"github.com/expr-lang/expr/vm"
)

// PredictionTrace is one model's prediction for a recipient, with the
// feature values that went in (NaN for a missing value).
type PredictionTrace struct {
	Model    *ModelRule
	Features []float64
	Value    any // what predict.NAME holds: a float64, or action -> float64
	Err      error
}

// predictAll scores every model for the recipient in env into preds, and
// returns the failures of feature expressions (each feature that failed
// counted as missing).
func (r *Rules) predictAll(machine *vm.VM, env map[string]any, preds map[string]any, tr *Explanation) []error {
	var errs []error
	var xbuf [32]float64
	var obuf [8]float64
	var cbuf [32]featureResult // on the stack for the usual few features
	cache := featureCache(cbuf[:0])
	if r.nfeatures > len(cbuf) {
		cache = make(featureCache, 0, r.nfeatures)
	}
	cache = cache[:r.nfeatures]
	for _, m := range r.models {
		if m.Model == nil {
			continue // Options.MissingModels
		}
		x, err := m.features(machine, env, xbuf[:0], cache)
		if err != nil {
			errs = append(errs, err)
		}
		out := m.Model.Predict(x, obuf[:0])
		v := m.value(out)
		preds[m.Name] = v
		if tr != nil {
			tr.Predictions = append(tr.Predictions, PredictionTrace{Model: m, Features: append([]float64(nil), x...), Value: v, Err: err})
		}
	}
	return errs
}

// value is what predict.NAME holds for the model's outputs.
func (m *ModelRule) value(out []float64) any {
	if m.Output != OutputActions {
		return out[0]
	}
	v := make(map[string]float64, len(out))
	for i, a := range m.Actions {
		v[a] = out[i]
	}
	return v
}

// featureResult is one feature expression's value for a recipient.
type featureResult struct {
	done bool
	v    float64
	err  error
}

// featureCache holds a recipient's feature values by slot, so that a
// feature several models share is computed once; nil computes each.
type featureCache []featureResult

// eval gives the feature's value, computing it the first time.
func (c featureCache) eval(ft *Feature, machine *vm.VM, env map[string]any) (float64, error) {
	if c == nil {
		return ft.eval(machine, env)
	}
	r := &c[ft.slot]
	if !r.done {
		r.v, r.err = ft.eval(machine, env)
		r.done = true
	}
	return r.v, r.err
}

// features evaluates the feature expressions into x; a feature that fails
// is missing (NaN), and the error names its place.
func (m *ModelRule) features(machine *vm.VM, env map[string]any, x []float64, cache featureCache) ([]float64, error) {
	var first error
	for _, ft := range m.Features {
		v, err := cache.eval(ft, machine, env)
		if err != nil && first == nil {
			first = fmt.Errorf("%s: model %s: feature %s: %w", ft.Pos, m.Name, ft.Name, err)
		}
		x = append(x, v)
	}
	return x, first
}

// eval runs one feature: a number as float64, true 1, false 0, nil NaN.
func (ft *Feature) eval(machine *vm.VM, env map[string]any) (float64, error) {
	out, err := machine.Run(ft.prog, env)
	if err != nil {
		return math.NaN(), err
	}
	return toFeature(out)
}

// toFeature converts an expression's value to a feature value.
func toFeature(v any) (float64, error) {
	switch x := v.(type) {
	case nil:
		return math.NaN(), nil
	case float64:
		return x, nil
	case int:
		return float64(x), nil
	case int64:
		return float64(x), nil
	case float32:
		return float64(x), nil
	case bool:
		if x {
			return 1, nil
		}
		return 0, nil
	}
	return math.NaN(), errFeatureType{v}
}

// Row is one recipient's features for the model, and its label (NaN
// without one) when the model declares one: what tailor features export
// writes, computed as Evaluate computes them.
func (m *ModelRule) Row(p Profile, now time.Time) (x []float64, label float64, err error) {
	env := Env{Profile: p, Now: now}.acquire()
	defer release(env)
	machine := vmPool.Get().(*vm.VM)
	defer vmPool.Put(machine)
	x, err = m.features(machine, env, nil, nil)
	label = math.NaN()
	if m.Label != nil {
		var lerr error
		if label, lerr = m.Label.eval(machine, env); lerr != nil && err == nil {
			err = fmt.Errorf("%s: model %s: label: %w", m.Label.Pos, m.Name, lerr)
		}
	}
	return x, label, err
}
