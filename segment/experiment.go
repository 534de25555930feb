package segment

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// Holdout is the variant name Assign returns for the holdout share.
const Holdout = "holdout"

// Experiment is an A/B test: weighted variants and an optional holdout
// share (0 to <1) of recipients who get no variant's content.
type Experiment struct {
	Name     string    `yaml:"name" json:"name"`
	Variants []Variant `yaml:"variants" json:"variants"`
	Holdout  float64   `yaml:"holdout,omitempty" json:"holdout,omitempty"`
	// Winner, once the experiment is concluded, is the variant every
	// recipient gets, the holdout included (tailor experiments conclude).
	Winner string `yaml:"winner,omitempty" json:"winner,omitempty"`
	// Concluded records when and on what evidence the winner was chosen.
	Concluded *Conclusion `yaml:"concluded,omitempty" json:"concluded,omitempty"`
}

// Conclusion is the record of an experiment's decision.
type Conclusion struct {
	At       string `yaml:"at" json:"at"`             // RFC 3339
	Evidence string `yaml:"evidence" json:"evidence"` // the report's comparison, in a line
}

// Variant is one arm of an experiment; weights are relative.
type Variant struct {
	Name   string  `yaml:"name" json:"name"`
	Weight float64 `yaml:"weight" json:"weight"`
}

// Assign returns the recipient's variant name, or "holdout": the Winner
// for everyone once the experiment has one. Otherwise it is a
// stable function of (experiment name, recipient ID): the first 8 bytes
// of SHA-256("name\x00id"), big-endian, top 53 bits, as a point in [0,1). The holdout takes
// [0, Holdout); the variants share the rest in proportion to their weights,
// in list order. An invalid experiment (see Validate) returns "holdout".
func (e Experiment) Assign(recipientID string) string {
	if e.Winner != "" {
		return e.Winner
	}
	total := 0.0
	for _, v := range e.Variants {
		total += max(v.Weight, 0)
	}
	if total <= 0 || e.Holdout < 0 || e.Holdout >= 1 {
		return Holdout
	}
	u := e.point(recipientID)
	if u < e.Holdout {
		return Holdout
	}
	x := (u - e.Holdout) / (1 - e.Holdout) * total
	acc := 0.0
	last := ""
	for _, v := range e.Variants {
		if v.Weight <= 0 {
			continue
		}
		acc += v.Weight
		last = v.Name
		if x < acc {
			return v.Name
		}
	}
	return last // rounding at the top end
}

// point hashes (experiment, recipient) to [0,1).
func (e Experiment) point(recipientID string) float64 {
	var buf [128]byte // on the stack for the usual name and ID
	msg := append(append(append(buf[:0], e.Name...), 0), recipientID...)
	sum := sha256.Sum256(msg)
	return float64(binary.BigEndian.Uint64(sum[:8])>>11) / (1 << 53)
}

// Validate checks the experiment: a name, at least one variant, unique
// non-empty variant names other than "holdout", finite non-negative
// weights with a positive sum, and a holdout in [0, 1).
func (e Experiment) Validate() error {
	var errs []error
	if !nameRE.MatchString(e.Name) {
		errs = append(errs, fmt.Errorf("experiment name %q: use letters, digits and _", e.Name))
	}
	if len(e.Variants) == 0 {
		errs = append(errs, fmt.Errorf("experiment %s: no variants", e.Name))
	}
	seen := map[string]bool{}
	total := 0.0
	for _, v := range e.Variants {
		switch {
		case v.Name == "" || v.Name == Holdout:
			errs = append(errs, fmt.Errorf("experiment %s: variant name %q is not allowed", e.Name, v.Name))
		case seen[v.Name]:
			errs = append(errs, fmt.Errorf("experiment %s: duplicate variant %q", e.Name, v.Name))
		}
		seen[v.Name] = true
		if v.Weight < 0 || math.IsNaN(v.Weight) || math.IsInf(v.Weight, 0) {
			errs = append(errs, fmt.Errorf("experiment %s: variant %s: weight %v must be a finite number >= 0", e.Name, v.Name, v.Weight))
		} else {
			total += v.Weight
		}
	}
	if len(e.Variants) > 0 && total <= 0 {
		errs = append(errs, fmt.Errorf("experiment %s: the weights sum to zero", e.Name))
	}
	if e.Winner != "" && !seen[e.Winner] {
		errs = append(errs, fmt.Errorf("experiment %s: the winner %q is none of its variants", e.Name, e.Winner))
	}
	if e.Holdout < 0 || e.Holdout >= 1 || math.IsNaN(e.Holdout) {
		errs = append(errs, fmt.Errorf("experiment %s: holdout %v must be in [0, 1)", e.Name, e.Holdout))
	}
	return errors.Join(errs...)
}

// ValidateExperiments validates each experiment and checks that names are
// unique.
func ValidateExperiments(exps []Experiment) error {
	var errs []error
	seen := map[string]bool{}
	for _, e := range exps {
		if err := e.Validate(); err != nil {
			errs = append(errs, err)
		}
		if seen[e.Name] {
			errs = append(errs, fmt.Errorf("experiment %s: duplicate name", e.Name))
		}
		seen[e.Name] = true
	}
	return errors.Join(errs...)
}

// AssignAll returns the recipient's variant in every experiment:
// experiment name -> variant name (or "holdout").
func AssignAll(exps []Experiment, recipientID string) map[string]string {
	out := make(map[string]string, len(exps))
	for _, e := range exps {
		out[e.Name] = e.Assign(recipientID)
	}
	return out
}
