package sendtime

import (
	"fmt"
	"strings"
	"time"
)

// Config is tailor.yaml's send_time section.
//
//	send_time:
//	  zone_field: time_zone           # the profile's IANA zone; default time_zone
//	  history: [emails.opened_at]     # profile fields of open and click times
//	  events: [open, click]           # the audience store's events that count (the default)
//	  fallback: "10:00"               # local time for a recipient with no history; none by default
type Config struct {
	// ZoneField names the profile field holding the recipient's IANA time
	// zone (Europe/Paris); default "time_zone". A recipient without one,
	// or with a zone tzdata does not know, is in the workspace's timezone.
	ZoneField string `yaml:"zone_field"`
	// History names the profile fields that hold open and click times: a
	// time field, a list of times, or a field of a list of objects
	// (emails.opened_at). A missing or empty value counts nothing.
	History []string `yaml:"history"`
	// Events are the names of the audience store's events that count as
	// an open or a click; default open and click.
	Events []string `yaml:"events"`
	// Fallback is the local time ("10:00") at which a recipient with no
	// history is sent; empty means such a recipient gets no send time
	// (send at once).
	Fallback string `yaml:"fallback"`
}

// Defaults for Config's empty fields.
const (
	DefaultZoneField = "time_zone"
)

// DefaultEvents are the store events that count when Config.Events is empty.
func DefaultEvents() []string { return []string{"open", "click"} }

// clock is a local time of day.
type clock struct{ hour, minute int }

// parseClock reads "HH:MM" (24-hour).
func parseClock(s string) (clock, error) {
	t, err := time.Parse("15:04", strings.TrimSpace(s))
	if err != nil {
		return clock{}, fmt.Errorf("%q is not a time of day as HH:MM (24-hour): %w", s, err)
	}
	return clock{t.Hour(), t.Minute()}, nil
}

// String writes the clock as HH:MM.
func (c clock) String() string { return fmt.Sprintf("%02d:%02d", c.hour, c.minute) }

// FieldError is a problem of one field of Config, as a YAML path below
// the section ("fallback", "history[1]").
type FieldError struct {
	Field string
	Err   error
}

// Error says what is wrong with the field.
func (e *FieldError) Error() string { return e.Err.Error() }

// Unwrap returns the field's error.
func (e *FieldError) Unwrap() error { return e.Err }
