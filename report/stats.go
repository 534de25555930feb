package report

import (
	"math"
	"slices"

	"gonum.org/v1/gonum/stat/distuv"
)

// Rate is a proportion with its 95% Wilson interval: Count of N, P =
// Count/N, and [Lo, Hi]. A rate of zero sends has P, Lo and Hi NaN.
type Rate struct {
	Count int64   `json:"count"`
	N     int64   `json:"n"`
	P     float64 `json:"p"`
	Lo    float64 `json:"lo"`
	Hi    float64 `json:"hi"`
}

// unit returns the standard normal distribution.
func unit() distuv.Normal { return distuv.Normal{Mu: 0, Sigma: 1} }

// zFor returns the two-sided critical value of a confidence level (1.96
// for 0.95).
func zFor(level float64) float64 { return unit().Quantile(1 - (1-level)/2) }

// Wilson returns count of n as a Rate with its Wilson score interval at
// the confidence level (0.95 for 95%).
func Wilson(count, n int64, level float64) Rate {
	r := Rate{Count: count, N: n, P: math.NaN(), Lo: math.NaN(), Hi: math.NaN()}
	if n <= 0 {
		return r
	}
	z := zFor(level)
	nf, p := float64(n), float64(count)/float64(n)
	z2n := z * z / nf
	centre := (p + z2n/2) / (1 + z2n)
	half := z / (1 + z2n) * math.Sqrt(p*(1-p)/nf+z2n/(4*nf))
	r.P = p
	r.Lo = max(0, centre-half)
	r.Hi = min(1, centre+half)
	return r
}

// twoProp is the comparison of two proportions, b against a.
type twoProp struct {
	diff, diffLo, diffHi float64 // b - a with its Wald interval
	lift, liftLo, liftHi float64 // b/a - 1 with its log-ratio interval; NaN when a or b is 0
	z, p                 float64 // pooled z statistic and two-sided p-value
	mde                  float64 // the absolute difference detectable at the power
}

// compare tests b against a: a two-sided pooled z-test of equal
// proportions, unpooled Wald and log-ratio (delta method) intervals at
// the level, and the minimum detectable absolute difference at the
// sample sizes for a two-sided test at 1-level with the given power.
func compare(a, b Rate, level, power float64) twoProp {
	nan := math.NaN()
	out := twoProp{nan, nan, nan, nan, nan, nan, nan, nan, nan}
	if a.N == 0 || b.N == 0 {
		return out
	}
	z := zFor(level)
	na, nb := float64(a.N), float64(b.N)
	out.diff = b.P - a.P
	se := math.Sqrt(a.P*(1-a.P)/na + b.P*(1-b.P)/nb)
	out.diffLo, out.diffHi = out.diff-z*se, out.diff+z*se
	pool := float64(a.Count+b.Count) / (na + nb)
	sePool := math.Sqrt(pool * (1 - pool) * (1/na + 1/nb))
	if sePool > 0 {
		out.z = out.diff / sePool
		out.p = 2 * unit().Survival(math.Abs(out.z))
	} else {
		out.z, out.p = 0, 1
	}
	out.mde = (z + unit().Quantile(power)) * sePool
	if a.Count > 0 && b.Count > 0 {
		out.lift = b.P/a.P - 1
		seLog := math.Sqrt((1-a.P)/float64(a.Count) + (1-b.P)/float64(b.Count))
		out.liftLo = math.Exp(math.Log(b.P/a.P)-z*seLog) - 1
		out.liftHi = math.Exp(math.Log(b.P/a.P)+z*seLog) - 1
	}
	return out
}

// below is the one-sided p-value that rate a is below rate b (a pooled
// z-test), 1 when either is empty.
func below(a, b Rate) float64 {
	if a.N == 0 || b.N == 0 {
		return 1
	}
	na, nb := float64(a.N), float64(b.N)
	pool := float64(a.Count+b.Count) / (na + nb)
	se := math.Sqrt(pool * (1 - pool) * (1/na + 1/nb))
	if se == 0 {
		return 1
	}
	return unit().CDF((a.P - b.P) / se)
}

// Holm returns the Holm–Bonferroni adjusted p-values of ps, in their
// order: sorted ascending, the i-th (from 0) is multiplied by m-i, kept
// non-decreasing and capped at 1. It controls the family-wise error rate
// under any dependence between the tests.
func Holm(ps []float64) []float64 {
	m := len(ps)
	idx := make([]int, m)
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(i, j int) int {
		switch {
		case ps[i] < ps[j]:
			return -1
		case ps[i] > ps[j]:
			return 1
		}
		return 0
	})
	adj := make([]float64, m)
	run := 0.0
	for rank, i := range idx {
		run = max(run, min(1, float64(m-rank)*ps[i]))
		adj[i] = run
	}
	return adj
}
