package render

import (
	"errors"
	"fmt"
	"io/fs"
	"time"

	"github.com/tailor-email/tailor/internal/source"
	"github.com/tailor-email/tailor/segment"
	datasource "github.com/tailor-email/tailor/segment/source"
	"github.com/tailor-email/tailor/serve/events"
	"github.com/tailor-email/tailor/smtp"
)

// Config is a workspace's tailor.yaml.
type Config struct {
	Name string `yaml:"name"`
	// From is the sender, e.g. "Tailor Shop <hello@shop.example>".
	From string `yaml:"from"`
	// Unsubscribe is a text/template for the recipient's unsubscribe URL,
	// e.g. "https://shop.example/unsubscribe?u={{ .Profile.id }}". It fills
	// .Unsubscribe in templates and the List-Unsubscribe header.
	Unsubscribe string `yaml:"unsubscribe"`
	// Now fixes the clock (RFC 3339) for tests and goldens; --now overrides it.
	Now string `yaml:"now"`
	// Locale, Currency and TimeZone are the defaults of money and formatDate.
	Locale   string `yaml:"locale"`
	Currency string `yaml:"currency"`
	TimeZone string `yaml:"timezone"`
	// UTM parameters that link adds, without the utm_ prefix.
	UTM map[string]string `yaml:"utm"`
	// IDField and EmailField name the profile fields that hold the
	// recipient's ID and address (default "id" and "email").
	IDField    string `yaml:"id_field"`
	EmailField string `yaml:"email_field"`
	Limits     Limits `yaml:"limits"`
	// Experiments are A/B tests; modules and subject lines name their variants.
	Experiments []segment.Experiment `yaml:"experiments"`
	// Sources are the data files that merge into recipient profiles (see
	// package segment/source); render --sources reads them.
	Sources *datasource.Spec `yaml:"sources"`
	// Clients are the email clients check lints for (caniemail client IDs,
	// e.g. gmail.desktop-webmail); empty means check's defaults.
	Clients []string `yaml:"clients"`
	// SMTP is where preview and serve send messages.
	SMTP *smtp.Config `yaml:"smtp"`
	// Events map webhook event names to the email they trigger and how the
	// event's payload merges into the profile (see package serve/events).
	Events map[string]events.Config `yaml:"events"`

	src []byte // tailor.yaml, for the places of errors
}

// errorAt returns an error at the value of tailor.yaml that path names
// (see source.YAMLErrorf).
func (c *Config) errorAt(path, format string, args ...any) error {
	return source.YAMLErrorf("tailor.yaml", c.src, path, format, args...)
}

// Limits bound each recipient's render.
type Limits struct {
	// Timeout is a Go duration ("2s"); default 2s.
	Timeout string `yaml:"timeout"`
	// MaxBytes bounds each part's output, and each value a template
	// function builds; default 1 MiB.
	MaxBytes int `yaml:"max_bytes"`
	// MaxSteps bounds the work of one recipient's render: every range
	// iteration, function call and template call is a step; default
	// 1,000,000.
	MaxSteps int `yaml:"max_steps"`
	// MaxFrontMatter bounds the YAML front matter of each template and
	// module, in bytes; default 1 MiB, at most the 4 MiB a file may have.
	MaxFrontMatter int `yaml:"max_front_matter"`
}

func loadConfig(fsys fs.FS) (*Config, error) {
	b, err := source.Files{FS: fsys}.ReadText("tailor.yaml")
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("no tailor.yaml: not a workspace (tailor init DIR makes one): %w", errors.Unwrap(err))
	}
	if err != nil {
		return nil, err
	}
	c := &Config{}
	if err := source.DecodeYAML("tailor.yaml", 0, b, c, source.YAMLLimit{MaxBytes: source.MaxConfigBytes}); err != nil {
		return nil, err
	}
	c.src = b
	if err := c.checkFrontMatter(); err != nil {
		return nil, err
	}
	if c.IDField == "" {
		c.IDField = "id"
	}
	if c.EmailField == "" {
		c.EmailField = "email"
	}
	if c.Locale == "" {
		c.Locale = "en-US"
	}
	if c.Limits.MaxBytes <= 0 {
		c.Limits.MaxBytes = 1 << 20
	}
	if c.Limits.MaxSteps <= 0 {
		c.Limits.MaxSteps = 1_000_000
	}
	return c, c.checkExperiments()
}

// checkExperiments validates each experiment, at its place.
func (c *Config) checkExperiments() error {
	var errs []error
	seen := map[string]bool{}
	for i, x := range c.Experiments {
		at := source.Index("$.experiments", i)
		if err := x.Validate(); err != nil {
			errs = append(errs, c.errorAt(at, "experiments: %v", err))
		}
		if seen[x.Name] {
			errs = append(errs, c.errorAt(at, "experiments: experiment %s: duplicate name", x.Name))
		}
		seen[x.Name] = true
	}
	return errors.Join(errs...)
}

// checkFrontMatter defaults limits.max_front_matter and refuses a value
// no file could use.
func (c *Config) checkFrontMatter() error {
	l := &c.Limits
	switch {
	case l.MaxFrontMatter == 0:
		l.MaxFrontMatter = source.DefaultMaxFrontMatter
	case l.MaxFrontMatter < 0 || l.MaxFrontMatter > source.MaxFileBytes:
		return c.errorAt("$.limits.max_front_matter", "limits.max_front_matter: want 1 to %d bytes, got %d", source.MaxFileBytes, l.MaxFrontMatter)
	}
	return nil
}

func (c *Config) timeout() (time.Duration, error) {
	if c.Limits.Timeout == "" {
		return 2 * time.Second, nil
	}
	d, err := time.ParseDuration(c.Limits.Timeout)
	if err != nil || d <= 0 {
		return 0, c.errorAt("$.limits.timeout", "limits.timeout: want a duration like 2s, got %q", c.Limits.Timeout)
	}
	return d, nil
}

func (c *Config) location() (*time.Location, error) {
	if c.TimeZone == "" {
		return time.UTC, nil
	}
	loc, err := time.LoadLocation(c.TimeZone)
	if err != nil {
		return nil, c.errorAt("$.timezone", "timezone: %v", err)
	}
	return loc, nil
}

func (c *Config) clock() (time.Time, error) {
	if c.Now == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339, c.Now)
	if err != nil {
		return time.Time{}, c.errorAt("$.now", "now: want RFC 3339: %v", err)
	}
	return t, nil
}
