package sendtime

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"
)

// Planner picks send times for one workspace's recipients. It is safe for
// concurrent use.
type Planner struct {
	zoneField string
	history   [][]string // Config.History, each split at its dots
	events    map[string]bool
	fallback  *clock
	home      *time.Location
	zones     sync.Map // zone name -> *time.Location, nil for one tzdata does not know
}

// New makes the planner of cfg; home is the workspace's time zone, that
// of a recipient without one of their own.
func New(cfg Config, home *time.Location) (*Planner, error) {
	if home == nil {
		home = time.UTC
	}
	p := &Planner{zoneField: cfg.ZoneField, home: home, events: map[string]bool{}}
	if p.zoneField == "" {
		p.zoneField = DefaultZoneField
	}
	var errs []error
	for i, h := range cfg.History {
		path := strings.Split(h, ".")
		if slices.Contains(path, "") {
			errs = append(errs, &FieldError{Field: fmt.Sprintf("history[%d]", i), Err: fmt.Errorf("history: %q is not a field path (name or list.field)", h)})
		}
		p.history = append(p.history, path)
	}
	events := cfg.Events
	if len(events) == 0 {
		events = DefaultEvents()
	}
	for _, e := range events {
		p.events[e] = true
	}
	if cfg.Fallback != "" {
		c, err := parseClock(cfg.Fallback)
		if err != nil {
			errs = append(errs, &FieldError{Field: "fallback", Err: fmt.Errorf("fallback: %w", err)})
		}
		p.fallback = &c
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return p, nil
}

// Counts reports whether a stored event of that name is an open or a
// click that counts towards the send time (Config.Events).
func (p *Planner) Counts(event string) bool { return p.events[event] }

// Decision is a recipient's send time and why it is that.
type Decision struct {
	// At is the send time, in UTC; zero when the recipient has no history
	// and the workspace no fallback: send at once.
	At   time.Time
	Zone *time.Location // the recipient's time zone
	// Hour is the local hour chosen; Count of the Total opens and clicks
	// fell in it.
	Hour, Count, Total int
	// Fallback says the recipient had no history: At is Config.Fallback.
	Fallback bool
}

// String says what was decided and why, for --explain.
func (d Decision) String() string {
	local := d.At.In(d.Zone).Format("2006-01-02 15:04 MST")
	switch {
	case d.At.IsZero():
		return "none: no open or click history and no fallback (send at once)"
	case d.Fallback:
		return fmt.Sprintf("%s (%s, %s): no open or click history, the workspace's fallback", d.At.Format(time.RFC3339), local, d.Zone)
	}
	return fmt.Sprintf("%s (%s, %s): %d of %d opens and clicks between %02d:00 and %02d:00 local time",
		d.At.Format(time.RFC3339), local, d.Zone, d.Count, d.Total, d.Hour, (d.Hour+1)%24)
}

// At decides the recipient's send time at now: the first time at or after
// now that is the start of their best hour in their zone. Their history is
// the profile's (Config.History) and extra (the store's events).
func (p *Planner) At(profile map[string]any, extra []time.Time, now time.Time) Decision {
	d := Decision{Zone: p.zone(profile)}
	var hours [24]int
	count := func(t time.Time) {
		hours[t.In(d.Zone).Hour()]++
		d.Total++
	}
	for _, path := range p.history {
		times(profile[path[0]], path[1:], count)
	}
	for _, t := range extra {
		count(t)
	}
	if d.Total == 0 {
		if p.fallback == nil {
			return d
		}
		d.Fallback, d.Hour = true, p.fallback.hour
		d.At = next(now, d.Zone, *p.fallback)
		return d
	}
	d.Hour = bestHour(hours)
	d.Count = hours[d.Hour]
	d.At = next(now, d.Zone, clock{hour: d.Hour})
	return d
}

// bestHour is the hour whose opens, counted twice, and those of the hours
// either side add up to most (of equals, the first of the day): opens at 18:58 and
// 19:05 are one habit, not two.
func bestHour(hours [24]int) int {
	best, bestScore := 0, -1
	for h := range 24 {
		s := 2*hours[h] + hours[(h+23)%24] + hours[(h+1)%24]
		if s > bestScore {
			best, bestScore = h, s
		}
	}
	return best
}

// next is the first instant at or after now at which the clock in loc
// reads c. time.Date places a local time that a daylight-saving change
// skips after the change.
func next(now time.Time, loc *time.Location, c clock) time.Time {
	l := now.In(loc)
	for day := 0; ; day++ {
		t := time.Date(l.Year(), l.Month(), l.Day()+day, c.hour, c.minute, 0, 0, loc)
		if !t.Before(now) {
			return t.UTC()
		}
	}
}

// zone is the recipient's time zone: their zone field's, else home.
func (p *Planner) zone(profile map[string]any) *time.Location {
	name, _ := profile[p.zoneField].(string)
	if name == "" {
		return p.home
	}
	if v, ok := p.zones.Load(name); ok {
		if loc := v.(*time.Location); loc != nil {
			return loc
		}
		return p.home
	}
	loc, err := time.LoadLocation(name)
	if err != nil || name == "Local" {
		loc = nil
	}
	p.zones.Store(name, loc)
	if loc == nil {
		return p.home
	}
	return loc
}

// times calls f with every time at path under v: v itself when the path
// is done, each element's of a list, a field's of an object. A time is a
// time.Time, or a string in RFC 3339 (profiles read without a schema).
func times(v any, path []string, f func(time.Time)) {
	switch v := v.(type) {
	case []any:
		for _, e := range v {
			times(e, path, f)
		}
		return
	case map[string]any:
		if len(path) > 0 {
			times(v[path[0]], path[1:], f)
		}
		return
	}
	if len(path) > 0 {
		return
	}
	switch v := v.(type) {
	case time.Time:
		if !v.IsZero() {
			f(v)
		}
	case string:
		if t, err := time.Parse(time.RFC3339, v); err == nil {
			f(t)
		}
	}
}
