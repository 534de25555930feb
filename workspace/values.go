package workspace

import (
	"time"
)

// parseValues parses the settings that are written as text: the time
// zone, the timeout and the clock.
func (c *Config) parseValues() error {
	var err error
	if c.TimeZone != "" {
		if c.loc, err = time.LoadLocation(c.TimeZone); err != nil {
			return c.ErrorAt("$.timezone", "timezone: %v", err)
		}
	}
	if c.Limits.Timeout != "" {
		c.timeout, err = time.ParseDuration(c.Limits.Timeout)
		if err != nil || c.timeout <= 0 {
			return c.ErrorAt("$.limits.timeout", "limits.timeout: want a duration like 2s, got %q", c.Limits.Timeout)
		}
	}
	if c.Now != "" {
		if c.clock, err = time.Parse(time.RFC3339, c.Now); err != nil {
			return c.ErrorAt("$.now", "now: want RFC 3339: %v", err)
		}
	}
	return nil
}

// Location is the time zone of timezone:, UTC when it is not set.
func (c *Config) Location() *time.Location {
	if c.loc == nil {
		return time.UTC
	}
	return c.loc
}

// Timeout is limits.timeout, 2s when it is not set.
func (c *Config) Timeout() time.Duration {
	if c.timeout <= 0 {
		return defaultTimeout
	}
	return c.timeout
}

// Clock is the fixed clock of now:, or the zero time when the workspace
// runs on the wall clock.
func (c *Config) Clock() time.Time { return c.clock }
