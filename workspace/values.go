package workspace

import (
	"time"

	"github.com/tailor-email/tailor/text"
)

// parseValues parses the settings that are written as text: the time
// zone, the timeout, the clock and where text parts write urls.
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
	if _, err = text.ParseLinks(c.Text.Links); err != nil {
		return c.ErrorAt("$.text.links", "text.links: %v", err)
	}
	return nil
}

// Text is tailor.yaml's text section: how the text part is written.
type Text struct {
	// Links is where the urls of links go: "inline", the default, after
	// the link's text, "text (url)"; or "references", "text [1]" for a url
	// longer than text.RefMin, with those urls numbered in a list at the
	// end of the part. Config.TextLinks returns it parsed.
	Links string `yaml:"links"`
}

// TextLinks is text.links: where the text part writes the urls of links
// (parseValues has checked it).
func (c *Config) TextLinks() text.Links {
	l, _ := text.ParseLinks(c.Text.Links)
	return l
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
