package segment

import (
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/expr-lang/expr/file"
	"github.com/expr-lang/expr/vm"
)

// Profile is one recipient's data: JSON-like values (string, float64,
// bool, nil, []any, map[string]any).
type Profile = map[string]any

// Membership is what the rules decided for one recipient.
type Membership struct {
	Segments map[string]bool   // every defined segment -> in it or not
	Scores   map[string]int    // score name -> points
	Tiers    map[string]string // score name -> tier name ("" if below every threshold)
	// Predictions holds each model's prediction (predict.NAME): a float64
	// for output probability or score, map[string]float64 (action ->
	// probability) for output actions. Nil without models.
	Predictions map[string]any
}

// Env is what a condition sees.
type Env struct {
	Profile    Profile
	Membership Membership
	Variants   map[string]string
	Now        time.Time
}

// envPool recycles the map environments; vmPool recycles expr machines.
var (
	envPool = sync.Pool{New: newEnvMap}
	vmPool  = sync.Pool{New: func() any { return new(vm.VM) }}
)

// acquire fills a pooled map with the reserved names; profile fields are
// read through profile (the compiler rewrites a bare field name to
// profile.NAME), so the profile is never copied. release returns the map.
func (e Env) acquire() map[string]any {
	m := envPool.Get().(map[string]any)
	m[envProfile] = orEmpty(e.Profile)
	m[envSegments] = orEmpty(e.Membership.Segments)
	m[envScores] = orEmpty(e.Membership.Scores)
	m[envTiers] = orEmpty(e.Membership.Tiers)
	m[envVariants] = orEmpty(e.Variants)
	m[envPredict] = orEmpty(e.Membership.Predictions)
	m[envNow] = e.Now
	return m
}

// orEmpty gives a nil map a read-only empty value, so that a missing
// segment reads as false rather than nil.
func orEmpty[V any](m map[string]V) map[string]V {
	if m == nil {
		return map[string]V{}
	}
	return m
}

// newEnvMap makes an environment holding the hidden helpers, which stay
// in it across uses.
func newEnvMap() any {
	m := make(map[string]any, 16)
	for name, fn := range hidden {
		m[name] = fn
	}
	return m
}

// release drops the recipient's data from an environment and recycles it.
func release(m map[string]any) {
	for _, k := range [...]string{envProfile, envSegments, envScores, envTiers, envVariants, envPredict} {
		m[k] = nil
	}
	envPool.Put(m)
}

// runBool runs a compiled boolean expression on a pooled machine.
func runBool(p *vm.Program, env map[string]any) (bool, error) {
	machine := vmPool.Get().(*vm.VM)
	in, err := runOn(machine, p, env)
	vmPool.Put(machine)
	return in, err
}

// runOn runs a compiled boolean expression on machine; nil counts as
// false.
func runOn(machine *vm.VM, p *vm.Program, env map[string]any) (bool, error) {
	out, err := machine.Run(p, env)
	if err != nil {
		var fe *file.Error
		if errors.As(err, &fe) {
			return false, exprError{fe} // the message without expr's snippet
		}
		return false, err
	}
	switch v := out.(type) {
	case bool:
		return v, nil
	case nil:
		return false, nil
	}
	return false, fmt.Errorf("result is %T, not a boolean", out)
}
