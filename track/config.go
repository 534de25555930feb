package track

import (
	"fmt"
	"strings"
	"time"

	"github.com/tailor-email/tailor/workspace"
)

// Config is tailor.yaml's tracking: section.
type Config = workspace.Tracking

// Settings are a workspace's tracking, resolved.
type Settings struct {
	Base          string // no trailing slash
	Clicks, Opens bool
	Conversion    string
	Window        time.Duration
	ValueField    string
}

// DefaultWindow is the attribution window of conversions.
const DefaultWindow = 7 * 24 * time.Hour

// FromConfig resolves the tracking: section of cfg. Without one,
// tracking is off (the zero Clicks and Opens), and conversions still
// count the purchase event within 7 days. An error names the section's
// place in tailor.yaml.
func FromConfig(cfg *workspace.Config) (Settings, error) {
	s := Settings{Conversion: "purchase", Window: DefaultWindow, ValueField: "value"}
	c, err := workspace.DecodeSection[Config](cfg.Tracking)
	if err != nil || c == nil {
		return s, err
	}
	s.Clicks, s.Opens = c.Clicks == nil || *c.Clicks, c.Opens == nil || *c.Opens
	if s.Base = cfg.TrackingBase(c); s.Base == "" && s.On() {
		return s, cfg.ErrorAt("$.tracking", "tracking: base: want the https:// origin of the tailor serve that answers /t/ (or an unsubscribe: URL to take it from), got %q", c.Base)
	}
	if c.Conversion != "" {
		s.Conversion = c.Conversion
	}
	if c.ValueField != "" {
		s.ValueField = c.ValueField
	}
	if c.Window != "" {
		if s.Window, err = ParseWindow(c.Window); err != nil {
			return s, cfg.ErrorAt("$.tracking.window", "tracking: window: %v", err)
		}
	}
	return s, nil
}

// On says whether messages carry tracking URLs.
func (s Settings) On() bool { return s.Clicks || s.Opens }

// ParseWindow reads a duration: Go's form (72h) or whole days (7d).
func ParseWindow(v string) (time.Duration, error) {
	var d time.Duration
	var err error
	if days, ok := strings.CutSuffix(v, "d"); ok {
		var n int
		if _, err = fmt.Sscanf(days, "%d", &n); err == nil && fmt.Sprint(n) == days {
			d = time.Duration(n) * 24 * time.Hour
		} else {
			err = fmt.Errorf("%q: want a duration such as 72h or 7d", v)
		}
	} else if d, err = time.ParseDuration(v); err != nil {
		err = fmt.Errorf("%q: want a duration such as 72h or 7d", v)
	}
	if err == nil && d <= 0 {
		err = fmt.Errorf("%q: want a duration above zero", v)
	}
	return d, err
}
