package report

import (
	"math"
	"testing"
	"time"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/tailor-email/tailor/store"
)

// TestWilson checks the 95% Wilson intervals of Newcombe (1998), Table I,
// method 3 (score interval without continuity correction).
func TestWilson(t *testing.T) {
	for _, tc := range []struct {
		x, n   int64
		lo, hi float64
	}{{81, 263, 0.2553, 0.3662}, {15, 148, 0.0624, 0.1605}, {0, 20, 0, 0.1611}, {1, 29, 0.0061, 0.1718}} {
		r := Wilson(tc.x, tc.n, 0.95)
		if math.Abs(r.Lo-tc.lo) > 5e-5 || math.Abs(r.Hi-tc.hi) > 5e-5 {
			t.Errorf("%d/%d: [%.4f, %.4f], want [%.4f, %.4f]", tc.x, tc.n, r.Lo, r.Hi, tc.lo, tc.hi)
		}
	}
	if r := Wilson(0, 0, 0.95); !math.IsNaN(r.P) {
		t.Errorf("0 of 0: %+v, want NaN", r)
	}
}

// TestCompare: the two-sided p-value of the pooled z-test is the
// chi-square test of the 2x2 table (1 degree of freedom), and the minimum
// detectable effect halves when the sample quadruples.
func TestCompare(t *testing.T) {
	a, b := Wilson(500, 10_000, 0.95), Wilson(570, 10_000, 0.95)
	c := compare(a, b, 0.95, 0.8)
	if chi := (distuv.ChiSquared{K: 1}).Survival(c.z * c.z); math.Abs(chi-c.p) > 1e-12 {
		t.Errorf("p %v, chi-square %v", c.p, chi)
	}
	if c.diff <= 0 || c.diffLo >= c.diff || c.diffHi <= c.diff || !(c.liftLo < 0.14 && 0.14 < c.liftHi) {
		t.Errorf("intervals: %+v", c)
	}
	// at a pooled 5% over 10,000 each: (z(0.975) + z(0.8)) x the pooled
	// standard error, the textbook 1.95996 + 0.84162
	same := compare(Wilson(500, 10_000, 0.95), Wilson(500, 10_000, 0.95), 0.95, 0.8)
	if want := (1.959964 + 0.841621) * math.Sqrt(0.05*0.95*2/10_000); math.Abs(same.mde-want) > 1e-6 {
		t.Errorf("MDE %v, want %v", same.mde, want)
	}
	big := compare(Wilson(2000, 40_000, 0.95), Wilson(2280, 40_000, 0.95), 0.95, 0.8)
	if r := c.mde / big.mde; math.Abs(r-2) > 0.02 {
		t.Errorf("MDE at 10k per arm / at 40k = %.3f, want 2", r)
	}
}

// TestHolm: sorted, the i-th p-value (from 0) is multiplied by m-i and
// the results kept non-decreasing.
func TestHolm(t *testing.T) {
	got := Holm([]float64{0.01, 0.04, 0.03, 0.005})
	want := []float64{0.01 * 3, 0.03 * 2, 0.03 * 2, 0.005 * 4} // 0.04*1 is raised to 0.06
	for i := range want {
		if math.Abs(got[i]-want[i]) > 1e-12 {
			t.Errorf("Holm = %v, want %v", got, want)
			break
		}
	}
}

// TestCounting: a send counts once per event however many outcomes of a
// kind it has; machine opens and clicks are no human's; a human click is
// an open too; an open proves delivery; click-to-open is over the opened.
func TestCounting(t *testing.T) {
	at := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	o := func(k store.OutcomeKind, machine bool) store.Outcome {
		return store.Outcome{Kind: k, Machine: machine, At: at}
	}
	recs := []Record{
		{Send: store.Send{At: at}, Outcomes: []store.Outcome{o(store.Opened, true), o(store.Clicked, true)}},
		{Send: store.Send{At: at}, Outcomes: []store.Outcome{o(store.Opened, false), o(store.Opened, false), o(store.Opened, true)}},
		{Send: store.Send{At: at}, Outcomes: []store.Outcome{o(store.Clicked, false), o(store.Clicked, false)}},
		{Send: store.Send{At: at}, Outcomes: []store.Outcome{o(store.Bounced, false)}},
	}
	rep, err := Build(Records(recs), Options{})
	if err != nil {
		t.Fatal(err)
	}
	c := rep.Overall.Counts
	if c[Sent] != 4 || c[Delivered] != 3 || c[Opened] != 2 || c[MachineOpened] != 1 || c[Clicked] != 1 || c[Bounced] != 1 {
		t.Errorf("counts %v", c)
	}
	if r := rep.Overall.Rate(ClickToOpen); r.Count != 1 || r.N != 2 {
		t.Errorf("click-to-open %d of %d, want 1 of 2", r.Count, r.N)
	}
	if r := rep.Overall.Rate(Open); r.Count != 2 || r.N != 4 {
		t.Errorf("open %d of %d, want 2 of 4", r.Count, r.N)
	}
}

// TestRange counts the sends of [From, To) only, and of Template only
// when it is set.
func TestRange(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 11, d, 12, 0, 0, 0, time.UTC) }
	var recs []Record
	for d := 1; d <= 5; d++ {
		recs = append(recs, Record{Send: store.Send{At: day(d), Template: []string{"news", "welcome"}[d%2]},
			Outcomes: []store.Outcome{{Kind: store.Clicked, At: day(d + 10)}}}) // long after --to
	}
	rep, err := Build(Records(recs), Options{From: day(2), To: day(4)})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Overall.Counts[Sent] != 2 || rep.Skipped != 3 || rep.Overall.Counts[Clicked] != 2 {
		t.Errorf("%d sends counted, %d skipped, %d clicked; want 2, 3 and 2", rep.Overall.Counts[Sent], rep.Skipped, rep.Overall.Counts[Clicked])
	}
	rep, err = Build(Records(recs), Options{Template: "welcome"})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Overall.Counts[Sent] != 3 || rep.Skipped != 2 {
		t.Errorf("welcome: %d sends counted, %d skipped; want 3 and 2", rep.Overall.Counts[Sent], rep.Skipped)
	}
}

// TestSeriesBuckets: the time series is per hour up to three days, then
// per day, from the first send's hour to the last event's, gaps filled.
func TestSeriesBuckets(t *testing.T) {
	start := time.Date(2026, 11, 1, 9, 30, 0, 0, time.UTC)
	for _, tc := range []struct {
		span   time.Duration
		bucket time.Duration
		points int
	}{{47 * time.Hour, time.Hour, 48}, {10 * 24 * time.Hour, 24 * time.Hour, 11}} {
		recs := []Record{{Send: store.Send{At: start}}, {Send: store.Send{At: start.Add(tc.span)}}}
		rep, err := Build(Records(recs), Options{})
		if err != nil {
			t.Fatal(err)
		}
		var sends int64
		for _, p := range rep.Series {
			sends += p.Counts[Sent]
		}
		if rep.Bucket != tc.bucket || len(rep.Series) != tc.points || sends != 2 {
			t.Errorf("over %v: %d points of %v holding %d sends, want %d of %v holding 2", tc.span, len(rep.Series), rep.Bucket, sends, tc.points, tc.bucket)
		}
	}
}
