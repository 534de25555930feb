package report

import "slices"

// SegmentFlag is a segment whose engagement is significantly below the
// rest of the campaign's: its rule and fields are what to review.
type SegmentFlag struct {
	Segment  string
	Rate     Rate    // the segment's rate of the metric
	Rest     Rate    // the rate of the sends not in it
	Campaign Rate    // every send's
	P, PAdj  float64 // one-sided z-test that Rate < Rest; Holm over the segments tested
	Rule     SegmentInfo
}

// flagSegments tests every segment's rate of the metric against the
// sends outside it (one-sided pooled z-test), adjusts with Holm over the
// segments tested and flags those below at p < Alpha. It returns the
// flags and how many segments it tested.
func flagSegments(rep *Report, opt *Options) ([]SegmentFlag, int) {
	var cands []SegmentFlag
	var ps []float64
	all := rep.Overall.Counts
	for _, s := range rep.Segments {
		var rest Counts
		for e := range rest {
			rest[e] = all[e] - s.Counts[e]
		}
		f := SegmentFlag{Segment: s.Name, Rate: s.Rate(opt.Metric),
			Rest: opt.Metric.Rate(&rest, opt.Level), Campaign: rep.Overall.Rate(opt.Metric)}
		if f.Rest.N == 0 {
			continue // every send is in it: nothing to compare with
		}
		f.P = below(f.Rate, f.Rest)
		if i := slices.IndexFunc(opt.Segments, func(x SegmentInfo) bool { return x.Name == s.Name }); i >= 0 {
			f.Rule = opt.Segments[i]
		} else {
			f.Rule.Name = s.Name
		}
		cands = append(cands, f)
		ps = append(ps, f.P)
	}
	adj := Holm(ps)
	var flags []SegmentFlag
	for i := range cands {
		cands[i].PAdj = adj[i]
		if adj[i] < opt.Alpha {
			flags = append(flags, cands[i])
		}
	}
	return flags, len(cands)
}
