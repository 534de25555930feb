package synth

import (
	"iter"
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/tailor-email/tailor/report"
	"github.com/tailor-email/tailor/store"
)

// Config is the truth of a generated data set.
type Config struct {
	Seed  uint64
	Sends int
	// Start is the first send's time; the sends spread over Days days.
	Start time.Time
	Days  int
	// Experiment names the A/B test; its variants A and B (default "A"
	// and "B") get half the sends each.
	Experiment string
	A, B       string
	// Open is a human's chance of opening, Click of clicking once opened,
	// Convert of buying once clicked; Lift multiplies B's Click (0.10 for
	// 10% more clicks; 0 for an A/A split).
	Open, Click, Convert, Lift float64
	// Segments are independent segments each send is in with chance
	// Share; the first is the weak one, whose opens are Weak times the
	// others' (0.5 for half the engagement).
	Segments []string
	Share    float64
	Weak     float64
	// Machine is the chance that a privacy proxy opens a delivered email
	// (a machine open), Bounce that it bounces.
	Machine, Bounce float64
}

// Default is the data set of the report's acceptance test: 200k sends,
// B clicks 10% more than A, the segment "lapsed" engages half as much.
func Default() Config {
	return Config{Seed: 1, Sends: 200_000, Start: time.Date(2026, 11, 1, 8, 0, 0, 0, time.UTC), Days: 14,
		Experiment: "subject_line", Open: 0.30, Click: 0.20, Convert: 0.10, Lift: 0.10,
		Segments: []string{"lapsed", "loyal", "new_customer", "high_value", "mobile"}, Share: 0.25, Weak: 0.5,
		Machine: 0.35, Bounce: 0.02}
}

// arms returns the names of the variants.
func (c Config) arms() (string, string) {
	if c.A == "" || c.B == "" {
		return "A", "B"
	}
	return c.A, c.B
}

// ClickRate returns the expected click rate per send of a variant
// (A or B) over the mixture of segments.
func (c Config) ClickRate(variant string) float64 {
	p := c.Open * c.Click * (1 - c.Bounce) * (1 - c.Share*(1-c.Weak))
	if _, b := c.arms(); variant == b {
		p *= 1 + c.Lift
	}
	return p
}

// Records yields the generated records in send order. Records of the
// same tier, module or variant share their (read-only) maps.
func (c Config) Records() iter.Seq2[report.Record, error] {
	return func(yield func(report.Record, error) bool) {
		rng := rand.New(rand.NewPCG(c.Seed, 0x7a11))
		step := time.Duration(c.Days) * 24 * time.Hour / time.Duration(max(c.Sends, 1))
		m := c.maps()
		for i := range c.Sends {
			if !yield(c.record(rng, &m, i, c.Start.Add(time.Duration(i)*step)), nil) {
				return
			}
		}
	}
}

// shared are the maps records share: per tier, module and variant.
type shared struct {
	tiers, modules, variants []map[string]string
}

func (c Config) maps() shared {
	var m shared
	for _, t := range []string{"cold", "warm", "hot"} {
		m.tiers = append(m.tiers, map[string]string{"engagement": t})
	}
	for _, h := range []string{"hero_sale", "hero_new"} {
		m.modules = append(m.modules, map[string]string{"hero": h})
	}
	a, b := c.arms()
	m.variants = []map[string]string{{c.Experiment: a}, {c.Experiment: b}}
	return m
}

// record draws one send and its outcomes.
func (c Config) record(rng *rand.Rand, m *shared, i int, at time.Time) report.Record {
	id := strconv.Itoa(i)
	s := store.Send{MessageID: "m" + id + "@synth", Recipient: id, Template: "newsletter", Campaign: "synth", At: at,
		Tiers: m.tiers[rng.IntN(3)], Modules: m.modules[rng.IntN(2)], Variants: m.variants[rng.IntN(2)]}
	weak := false
	for j, seg := range c.Segments {
		if rng.Float64() < c.Share {
			s.Segments = append(s.Segments, seg)
			weak = weak || j == 0
		}
	}
	r := report.Record{Send: s}
	if rng.Float64() < c.Bounce {
		r.Outcomes = append(r.Outcomes, c.outcome(s, store.Bounced, rng, false))
		return r
	}
	r.Outcomes = append(r.Outcomes, c.outcome(s, store.Delivered, rng, false))
	if rng.Float64() < c.Machine {
		r.Outcomes = append(r.Outcomes, c.outcome(s, store.Opened, rng, true))
	}
	c.engage(&r, rng, weak)
	return r
}

// engage draws a human's opens, clicks, purchase and unsubscribe.
func (c Config) engage(r *report.Record, rng *rand.Rand, weak bool) {
	open, click := c.Open, c.Click
	if weak {
		open *= c.Weak
	}
	if _, b := c.arms(); r.Send.Variants[c.Experiment] == b {
		click *= 1 + c.Lift
	}
	if rng.Float64() < 0.002 { // a link scanner clicks: a machine click
		r.Outcomes = append(r.Outcomes, c.outcome(r.Send, store.Clicked, rng, true))
	}
	if rng.Float64() >= open {
		if rng.Float64() < 0.001 {
			r.Outcomes = append(r.Outcomes, c.outcome(r.Send, store.Complained, rng, false))
		}
		return
	}
	for range 1 + rng.IntN(3) { // opened once to three times
		r.Outcomes = append(r.Outcomes, c.outcome(r.Send, store.Opened, rng, false))
	}
	if rng.Float64() < 0.01 {
		r.Outcomes = append(r.Outcomes, c.outcome(r.Send, store.Unsubscribe, rng, false))
	}
	if rng.Float64() >= click {
		return
	}
	for range 1 + rng.IntN(2) {
		r.Outcomes = append(r.Outcomes, c.outcome(r.Send, store.Clicked, rng, false))
	}
	if rng.Float64() < c.Convert {
		r.Outcomes = append(r.Outcomes, c.outcome(r.Send, store.Converted, rng, false))
	}
}

// outcome is one outcome of the send some minutes to two days after it.
func (c Config) outcome(s store.Send, k store.OutcomeKind, rng *rand.Rand, machine bool) store.Outcome {
	after := time.Duration(rng.ExpFloat64() * float64(6*time.Hour))
	return store.Outcome{MessageID: s.MessageID, Recipient: s.Recipient, Kind: k, At: s.At.Add(after),
		Machine: machine, Source: "synth"}
}
