package report

import (
	"iter"
	"time"

	"github.com/tailor-email/tailor/store"
)

// Record is one send with every outcome joined to it, as the store's
// SendsBetween and store.JoinFiles give them.
type Record = store.SendWithOutcomes

// Event is what a send counts towards, once per send however many
// outcomes of its kind it has.
type Event int

// The events a send counts towards.
const (
	Sent Event = iota
	Delivered
	Bounced
	Opened        // a human open, or a human click (which implies one)
	MachineOpened // an open made by a machine only (privacy proxy, scanner)
	Clicked       // a human click
	Converted
	Unsubscribed
	Complained
	nEvents
)

// Counts holds, per event, the number of sends that count towards it.
type Counts [nEvents]int64

// flags returns the events one send counts towards. A send was delivered
// when a delivery, open or click came back for it (an open proves the
// delivery); opens and clicks marked Machine do not count as a human's,
// and a human click counts as an open too (images may be blocked).
func flags(r *Record) [nEvents]bool {
	var f [nEvents]bool
	f[Sent] = true
	for i := range r.Outcomes {
		o := &r.Outcomes[i]
		switch o.Kind {
		case store.Delivered:
			f[Delivered] = true
		case store.Bounced:
			f[Bounced] = true
		case store.Opened:
			f[Delivered] = true
			if o.Machine {
				f[MachineOpened] = true
			} else {
				f[Opened] = true
			}
		case store.Clicked:
			f[Delivered] = true
			if !o.Machine {
				f[Clicked], f[Opened] = true, true
			}
		case store.Converted:
			f[Converted] = true
		case store.Unsubscribe:
			f[Unsubscribed] = true
		case store.Complained:
			f[Complained] = true
		}
	}
	if f[Opened] {
		f[MachineOpened] = false
	}
	return f
}

func (c *Counts) add(f *[nEvents]bool) {
	for e, on := range f {
		if on {
			c[e]++
		}
	}
}

// Dim is a way of grouping sends.
type Dim string

// The groupings of a report.
const (
	All     Dim = "all"
	Segment Dim = "segment"
	Tier    Dim = "tier"    // Group is the score
	Module  Dim = "module"  // Group is the slot
	Variant Dim = "variant" // Group is the experiment
)

// Key names one group of sends: a segment (Group empty), a score's tier,
// a slot's module or an experiment's variant.
type Key struct {
	Dim   Dim
	Group string
	Name  string
}

// NoSegment is the segment name of sends in no segment.
const NoSegment = "(none)"

// tally aggregates records as they stream by.
type tally struct {
	from, to    time.Time // the range of send times kept; zero for open
	template    string    // the email kept; "" for every one
	groups      map[Key]*Counts
	sends       map[int64]*Counts // per hour of the send time: Sent only
	events      map[int64]*Counts // per hour of the outcome time
	first, last time.Time
	skipped     int64 // sends outside the range or of another email
}

func newTally(from, to time.Time, template string) *tally {
	return &tally{from: from, to: to, template: template, groups: map[Key]*Counts{},
		sends: map[int64]*Counts{}, events: map[int64]*Counts{}}
}

// add counts one record.
func (t *tally) add(r *Record) {
	s := &r.Send
	if (!t.from.IsZero() && s.At.Before(t.from)) || (!t.to.IsZero() && !s.At.Before(t.to)) ||
		(t.template != "" && s.Template != t.template) {
		t.skipped++
		return
	}
	f := flags(r)
	t.group(Key{All, "", ""}).add(&f)
	if len(s.Segments) == 0 {
		t.group(Key{Segment, "", NoSegment}).add(&f)
	}
	for _, seg := range s.Segments {
		t.group(Key{Segment, "", seg}).add(&f)
	}
	for score, tier := range s.Tiers {
		t.group(Key{Tier, score, tier}).add(&f)
	}
	for slot, mod := range s.Modules {
		t.group(Key{Module, slot, mod}).add(&f)
	}
	for exp, v := range s.Variants {
		t.group(Key{Variant, exp, v}).add(&f)
	}
	t.times(r)
}

// times counts the send in its hour and each outcome in its own, as the
// time series shows them (machine opens apart from human ones).
func (t *tally) times(r *Record) {
	if t.first.IsZero() || r.Send.At.Before(t.first) {
		t.first = r.Send.At
	}
	if r.Send.At.After(t.last) {
		t.last = r.Send.At
	}
	hour(t.sends, r.Send.At)[Sent]++
	for i := range r.Outcomes {
		o := &r.Outcomes[i]
		e, ok := eventOf(o)
		if !ok {
			continue
		}
		if o.At.After(t.last) {
			t.last = o.At
		}
		hour(t.events, o.At)[e]++
	}
}

// eventOf maps one outcome to the event the time series counts it as.
func eventOf(o *store.Outcome) (Event, bool) {
	switch o.Kind {
	case store.Delivered:
		return Delivered, true
	case store.Bounced:
		return Bounced, true
	case store.Opened:
		if o.Machine {
			return MachineOpened, true
		}
		return Opened, true
	case store.Clicked:
		return Clicked, !o.Machine
	case store.Converted:
		return Converted, true
	case store.Unsubscribe:
		return Unsubscribed, true
	case store.Complained:
		return Complained, true
	}
	return 0, false
}

func hour(m map[int64]*Counts, at time.Time) *Counts {
	h := at.Unix() / 3600
	if at.Unix() < 0 && at.Unix()%3600 != 0 {
		h--
	}
	c := m[h]
	if c == nil {
		c = new(Counts)
		m[h] = c
	}
	return c
}

func (t *tally) group(k Key) *Counts {
	c := t.groups[k]
	if c == nil {
		c = new(Counts)
		t.groups[k] = c
	}
	return c
}

// Records yields the records of a slice, as store.JoinFiles gives them.
func Records(rs []Record) iter.Seq2[Record, error] {
	return func(yield func(Record, error) bool) {
		for _, r := range rs {
			if !yield(r, nil) {
				return
			}
		}
	}
}
