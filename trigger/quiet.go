package trigger

import (
	"fmt"
	"strings"
	"time"
)

// QuietHours are the local hours a trigger does not send in: from From up
// to To, across midnight when From is later than To.
type QuietHours struct {
	From, To int // minutes after midnight
	// Zone is the IANA zone of every recipient, or nil; ZoneField, when
	// set, names the profile field that holds each recipient's zone
	// (zone: profile.time_zone). Without either, or for a recipient
	// without a valid zone, the workspace's time zone applies.
	Zone      *time.Location
	ZoneField string
}

// quiet decodes {from: "21:00", to: "08:00", zone: profile.FIELD|IANA}.
func quiet(name string, n node) (*QuietHours, error) {
	var v struct {
		From node `yaml:"from"`
		To   node `yaml:"to"`
		Zone node `yaml:"zone"`
	}
	if err := n.decode(&v); err != nil {
		return nil, err
	}
	q := &QuietHours{}
	var err error
	if q.From, err = clock(name, "from", v.From, n); err != nil {
		return nil, err
	}
	if q.To, err = clock(name, "to", v.To, n); err != nil {
		return nil, err
	}
	if q.From == q.To {
		return nil, n.pos().At("triggers.%s: quiet_hours: from and to are the same time", name)
	}
	if !v.Zone.set() {
		return q, nil
	}
	var zone string
	if err := v.Zone.decode(&zone); err != nil {
		return nil, err
	}
	if field, ok := strings.CutPrefix(zone, "profile."); ok && field != "" {
		q.ZoneField = field
		return q, nil
	}
	if q.Zone, err = time.LoadLocation(zone); err != nil || zone == "" {
		return nil, v.Zone.pos().At("triggers.%s: quiet_hours: zone: %q is neither profile.FIELD nor a time zone (Europe/Paris)", name, zone)
	}
	return q, nil
}

// clock decodes "HH:MM" into minutes after midnight.
func clock(name, key string, n, parent node) (int, error) {
	if !n.set() {
		return 0, parent.pos().At("triggers.%s: quiet_hours: %s: is missing (want \"HH:MM\")", name, key)
	}
	var s string
	if err := n.decode(&s); err != nil {
		return 0, err
	}
	t, err := time.Parse("15:04", s)
	if err != nil {
		return 0, n.pos().At("triggers.%s: quiet_hours: %s: %q is not a time of day (want \"HH:MM\")", name, key, s)
	}
	return t.Hour()*60 + t.Minute(), nil
}

// Next is the first time at or after t outside the quiet hours, in loc.
func (q *QuietHours) Next(t time.Time, loc *time.Location) time.Time {
	local := t.In(loc)
	mins := local.Hour()*60 + local.Minute()
	if !q.quietAt(mins) {
		return t
	}
	day := time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, loc)
	end := time.Date(day.Year(), day.Month(), day.Day(), q.To/60, q.To%60, 0, 0, loc)
	if !end.After(local) {
		end = time.Date(day.Year(), day.Month(), day.Day()+1, q.To/60, q.To%60, 0, 0, loc)
	}
	return end.UTC()
}

// quietAt reports whether mins after midnight is in the quiet hours.
func (q *QuietHours) quietAt(mins int) bool {
	if q.From < q.To {
		return mins >= q.From && mins < q.To
	}
	return mins >= q.From || mins < q.To
}

// String is "HH:MM-HH:MM".
func (q *QuietHours) String() string {
	return fmt.Sprintf("%02d:%02d-%02d:%02d", q.From/60, q.From%60, q.To/60, q.To%60)
}
