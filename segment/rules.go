package segment

import (
	"errors"
	"fmt"
	"time"

	"github.com/expr-lang/expr/vm"

	"github.com/tailor-email/tailor/internal/source"
)

// Rules is a compiled segments.yaml: segments, scores and tiers, safe for
// concurrent use. The zero value and nil have no rules.
type Rules struct {
	models   []*ModelRule // evaluated first: features read only the profile
	segments []*SegmentRule
	scores   []*Score
	order    []unit // evaluation order: every segment and score once
	fields   []string
	file     string
	nshared  int // conditions whose results are shared (see share)
	// nfeatures counts the distinct feature expressions of the models.
	nfeatures int
}

// SegmentRule is one named segment.
type SegmentRule struct {
	Name        string
	Description string
	When        string
	Pos         source.Pos // of the when: value in segments.yaml
	compiled
}

// Score is a named sum of points with its tiers.
type Score struct {
	Name        string
	Description string
	Rules       []*PointRule
	Tiers       []Tier // ascending by Min
}

// PointRule adds Points to a score when When is true.
type PointRule struct {
	When   string
	Points int
	Pos    source.Pos
	compiled
}

// compiled is a rule's when: condition compiled, and what it reads.
type compiled struct {
	prog   *vm.Program
	fields []string
	uses   []string
	shared int // see share
}

// Fields returns the profile fields the rule reads, sorted.
func (c *compiled) Fields() []string { return c.fields }

// Uses returns the other rules and models it reads, as "segments.NAME",
// "scores.NAME", "tiers.NAME" or "predict.NAME", sorted.
func (c *compiled) Uses() []string { return c.uses }

// Tier is a named band of a score: a score at or above Min (and below the
// next tier's Min) is in the tier.
type Tier struct {
	Name string
	Min  int
}

// unit is one step of evaluation: a segment or a score.
type unit struct {
	seg   *SegmentRule
	score *Score
}

// Segments returns the segment names in file order.
func (r *Rules) Segments() []string {
	if r == nil {
		return nil
	}
	out := make([]string, len(r.segments))
	for i, s := range r.segments {
		out[i] = s.Name
	}
	return out
}

// HasSegment reports whether a segment is defined, for checking the
// segments a module names (front matter, or Condition.Segments).
func (r *Rules) HasSegment(name string) bool {
	for _, s := range r.SegmentRules() {
		if s.Name == name {
			return true
		}
	}
	return false
}

// SegmentRules returns the compiled segments in file order (read-only).
func (r *Rules) SegmentRules() []*SegmentRule {
	if r == nil {
		return nil
	}
	return r.segments
}

// Scores returns the scores in file order (read-only).
func (r *Rules) Scores() []*Score {
	if r == nil {
		return nil
	}
	return r.scores
}

// Fields returns the profile fields the rules read, sorted: the fields a
// report checks for being missing.
func (r *Rules) Fields() []string {
	if r == nil {
		return nil
	}
	return r.fields
}

// TierOf returns the tier of a score value: the last tier whose Min is at
// most points, or "" below every threshold.
func (s *Score) TierOf(points int) string {
	tier := ""
	for _, t := range s.Tiers {
		if points >= t.Min {
			tier = t.Name
		}
	}
	return tier
}

// Evaluate decides one recipient's predictions, segments, scores and
// tiers at time now.
// A rule that fails at run time (say, a date that does not parse) counts as
// false; the Membership is still complete and err joins every failure,
// each naming its rule's place in segments.yaml.
func (r *Rules) Evaluate(p Profile, now time.Time) (Membership, error) {
	return r.evaluate(p, now, nil)
}

// evaluate runs every unit in order, recording a trace when tr is not nil.
func (r *Rules) evaluate(p Profile, now time.Time, tr *Explanation) (Membership, error) {
	if r == nil {
		return Membership{Segments: map[string]bool{}, Scores: map[string]int{}, Tiers: map[string]string{}}, nil
	}
	m := Membership{
		Segments: make(map[string]bool, len(r.segments)),
		Scores:   make(map[string]int, len(r.scores)),
		Tiers:    make(map[string]string, len(r.scores)),
	}
	if len(r.models) > 0 {
		m.Predictions = make(map[string]any, len(r.models))
	}
	env := Env{Profile: p, Membership: m, Variants: noVariants, Now: now}.acquire()
	defer release(env)
	machine := vmPool.Get().(*vm.VM) // one for every rule of the recipient
	defer vmPool.Put(machine)
	var buf [8]result // on the stack for the usual few shared conditions
	cache := newResults(buf[:], r.nshared)
	errs := r.predictAll(machine, env, m.Predictions, tr)
	for _, u := range r.order {
		if s := u.seg; s != nil {
			in, err := cache.run(machine, s.prog, s.shared, env)
			m.Segments[s.Name] = in
			if err != nil {
				errs = append(errs, r.ruleErr(s.Pos, "segment "+s.Name, err))
			}
			tr.addSegment(s, in, err)
			continue
		}
		sc := u.score
		total := 0
		var pts []PointTrace
		for _, pr := range sc.Rules {
			hit, err := cache.run(machine, pr.prog, pr.shared, env)
			if hit {
				total += pr.Points
			}
			if err != nil {
				errs = append(errs, r.ruleErr(pr.Pos, "score "+sc.Name, err))
			}
			if tr != nil {
				pts = append(pts, PointTrace{Rule: pr, Matched: hit, Err: err})
			}
		}
		m.Scores[sc.Name] = total
		m.Tiers[sc.Name] = sc.TierOf(total)
		tr.addScore(sc, total, pts)
	}
	return m, errors.Join(errs...)
}

// noVariants is the (read-only) variants map rules see.
var noVariants = map[string]string{}

// ruleErr names a failed rule's place.
func (r *Rules) ruleErr(p source.Pos, what string, err error) error {
	return fmt.Errorf("%s: %s: %w", p, what, err)
}
