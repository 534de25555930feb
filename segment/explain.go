package segment

import "time"

// Explanation is why one recipient got its Membership: each rule's value,
// each score rule's points, and each tier.
type Explanation struct {
	Membership  Membership
	Predictions []PredictionTrace // one per model, in file order
	Segments    []SegmentTrace
	Scores      []ScoreTrace
}

// SegmentTrace is one segment rule's value for the recipient.
type SegmentTrace struct {
	Rule *SegmentRule
	In   bool
	Err  error
}

// ScoreTrace is one score's points, rule by rule, and its tier.
type ScoreTrace struct {
	Score  *Score
	Points int
	Tier   string
	Rules  []PointTrace
}

// PointTrace is one score rule's outcome: Matched adds Rule.Points.
type PointTrace struct {
	Rule    *PointRule
	Matched bool
	Err     error
}

// Explain evaluates like Evaluate and records every rule's outcome, in
// evaluation order.
func (r *Rules) Explain(p Profile, now time.Time) (Explanation, error) {
	var ex Explanation
	m, err := r.evaluate(p, now, &ex)
	ex.Membership = m
	return ex, err
}

// addSegment records a segment outcome; a nil Explanation records nothing.
func (ex *Explanation) addSegment(s *SegmentRule, in bool, err error) {
	if ex != nil {
		ex.Segments = append(ex.Segments, SegmentTrace{Rule: s, In: in, Err: err})
	}
}

// addScore records a score outcome; a nil Explanation records nothing.
func (ex *Explanation) addScore(s *Score, points int, rules []PointTrace) {
	if ex != nil {
		ex.Scores = append(ex.Scores, ScoreTrace{Score: s, Points: points, Tier: s.TierOf(points), Rules: rules})
	}
}
