package workspace

import (
	"net/url"
	"strings"
)

// Tracking is tailor.yaml's tracking: section (package track reads it).
type Tracking struct {
	// Base is the origin (https://host) of the tailor serve that answers
	// the tracking URLs; default the origin of tailor.yaml's unsubscribe:.
	Base string `yaml:"base"`
	// Clicks has the link helper write click redirects; Opens adds the
	// open pixel to the HTML part. Both default to true once the section
	// is there.
	Clicks *bool `yaml:"clicks"`
	Opens  *bool `yaml:"opens"`
	// Conversion is the event that counts as a conversion of the last
	// send to its recipient within Window; default purchase and 7 days.
	Conversion string `yaml:"conversion"`
	// Window is a Go duration, or a number of days such as 7d.
	Window string `yaml:"window"`
	// ValueField is the event's field that holds a conversion's value;
	// default "value".
	ValueField string `yaml:"value_field"`
}

// ClickPath is the path of click redirects: ClickPath + MESSAGE/SIG?u=URL.
const ClickPath = "/t/c/"

// ClickPlaceholder stands, in the links the link helper wraps, for the
// message ID and signature, known once the message is made.
const ClickPlaceholder = "tailor-link"

// TrackingBase is the origin of tracking URLs: tracking.base, else the
// origin of unsubscribe:; "" for none.
func (c *Config) TrackingBase(t *Tracking) string {
	base := ""
	if t != nil {
		base = strings.TrimRight(t.Base, "/")
	}
	if base == "" {
		head, _, _ := strings.Cut(c.Unsubscribe, "{{")
		if u, err := url.Parse(strings.TrimSpace(head)); err == nil && u.Host != "" {
			base = u.Scheme + "://" + u.Host
		}
	}
	if u, err := url.Parse(base); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return ""
	}
	return base
}

// ClickPrefix is what the link helper writes before a wrapped target
// (QueryEscaped) when tailor.yaml tracks clicks; "" when it does not,
// or has no base to track at (package track reports that).
func (c *Config) ClickPrefix() string {
	t, err := DecodeSection[Tracking](c.Tracking)
	if err != nil || t == nil || t.Clicks != nil && !*t.Clicks {
		return ""
	}
	base := c.TrackingBase(t)
	if base == "" {
		return ""
	}
	return base + ClickPath + ClickPlaceholder + "?u="
}
