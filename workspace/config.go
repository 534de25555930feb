package workspace

import (
	"errors"
	"fmt"
	"io/fs"
	"time"

	"github.com/tailor-email/tailor/internal/source"
	"github.com/tailor-email/tailor/segment"
)

// ConfigFile is the workspace's settings file.
const ConfigFile = "tailor.yaml"

// Config is a workspace's tailor.yaml, checked and with its defaults.
type Config struct {
	Name string `yaml:"name"`
	// From is the sender, e.g. "Tailor Shop <hello@shop.example>".
	From string `yaml:"from"`
	// Unsubscribe is a text/template for the recipient's unsubscribe URL,
	// e.g. "https://shop.example/unsubscribe?u={{ .Profile.id }}". It fills
	// .Unsubscribe in templates and the List-Unsubscribe header.
	Unsubscribe string `yaml:"unsubscribe"`
	// Now fixes the clock (RFC 3339) for tests and goldens; --now overrides
	// it. Clock returns it parsed.
	Now string `yaml:"now"`
	// Locale, Currency and TimeZone are the defaults of money and
	// formatDate. Location returns TimeZone loaded.
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
	// Text shapes the text part of every email.
	Text Text `yaml:"text"`
	// Experiments are A/B tests; modules and subject lines name their variants.
	Experiments []segment.Experiment `yaml:"experiments"`
	// Clients are the email clients check lints for (caniemail client IDs,
	// e.g. gmail.desktop-webmail); empty means check's defaults.
	Clients []string `yaml:"clients"`
	// Sources are the data files that merge into recipient profiles; the
	// section decodes into a segment/source Spec (render --sources,
	// segments --sources).
	Sources Section `yaml:"sources"`
	// Assets is a folder of the workspace that stands for a public URL
	// prefix: preview serves it in place of the published files.
	Assets Assets `yaml:"assets"`
	// Check configures tailor check; the section decodes into a
	// check.Settings (the warnings the workspace accepts on purpose).
	Check Section `yaml:"check"`
	// SMTP is where preview and serve send messages; the section decodes
	// into an smtp.Config.
	SMTP Section `yaml:"smtp"`
	// Events map webhook event names to the email they trigger and how the
	// event's payload merges into the profile; the section decodes into
	// serve/events' map of Config.
	Events Section `yaml:"events"`
	// Triggers schedule an email when a stored recipient enters or leaves
	// a segment; the section decodes into package trigger's Triggers.
	Triggers Section `yaml:"triggers"`
	// SendTime picks each recipient's send time from their open and click
	// history; the section decodes into a sendtime.Config.
	SendTime Section `yaml:"send_time"`
	// Slots configure slots by name: select: has a model of segments.yaml
	// choose the slot's module (next-best action; see render).
	Slots Section `yaml:"slots"`
	// Tracking turns on click and open tracking and sets conversions'
	// event and window; the section decodes into a track.Config (#21).
	Tracking Section `yaml:"tracking"`
	// Refresh is when tailor serve refreshes the stored profiles'
	// segments (#20): a cron schedule of five fields, minute hour
	// day-of-month month day-of-week, in the workspace's time zone; the
	// section decodes into a string (serve/refresh.go).
	Refresh Section `yaml:"refresh"`

	src     []byte         // tailor.yaml, for the places of errors
	clock   time.Time      // Now, parsed
	loc     *time.Location // TimeZone, loaded
	timeout time.Duration  // Limits.Timeout, parsed
}

// Limits bound each recipient's render.
type Limits struct {
	// Timeout is a Go duration ("2s"); default 2s. Config.Timeout returns
	// it parsed.
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

// defaultTimeout is Limits.Timeout when tailor.yaml sets none.
const defaultTimeout = 2 * time.Second

// ReadConfig reads, checks and completes the workspace's tailor.yaml:
// strict YAML within its bounds, every problem at tailor.yaml:line:col. A
// workspace without one is an error that wraps fs.ErrNotExist.
func ReadConfig(fsys fs.FS) (*Config, error) {
	b, err := source.Files{FS: fsys}.ReadText(ConfigFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("no tailor.yaml: not a workspace (tailor init DIR makes one): %w", errors.Unwrap(err))
	}
	if err != nil {
		return nil, err
	}
	return ParseConfig(b)
}

// ParseConfig decodes and checks src, the text of a tailor.yaml, and fills
// in its defaults. An empty src gives the defaults.
func ParseConfig(src []byte) (*Config, error) {
	c := &Config{}
	if err := source.DecodeYAML(ConfigFile, 0, src, c, source.YAMLLimit{MaxBytes: source.MaxConfigBytes}); err != nil {
		return nil, err
	}
	c.src = src
	if err := c.checkFrontMatter(); err != nil {
		return nil, err
	}
	c.defaults()
	if err := c.checkExperiments(); err != nil {
		return nil, err
	}
	if err := c.Assets.check(c); err != nil {
		return nil, err
	}
	return c, c.parseValues()
}

func (c *Config) defaults() {
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
}

// ErrorAt returns an error at the value of tailor.yaml that path (a YAML
// path such as "$.limits.timeout") names, or at the nearest enclosing
// value that is there.
func (c *Config) ErrorAt(path, format string, args ...any) error {
	return source.YAMLErrorf(ConfigFile, c.src, path, format, args...)
}

// checkExperiments validates each experiment, at its place.
func (c *Config) checkExperiments() error {
	var errs []error
	seen := map[string]bool{}
	for i, x := range c.Experiments {
		at := source.Index("$.experiments", i)
		if err := x.Validate(); err != nil {
			errs = append(errs, c.ErrorAt(at, "experiments: %v", err))
		}
		if seen[x.Name] {
			errs = append(errs, c.ErrorAt(at, "experiments: experiment %s: duplicate name", x.Name))
		}
		seen[x.Name] = true
	}
	return errors.Join(errs...)
}

// HasExperiment reports whether tailor.yaml has an experiment of that name.
func (c *Config) HasExperiment(name string) bool {
	for _, x := range c.Experiments {
		if x.Name == name {
			return true
		}
	}
	return false
}

// checkFrontMatter defaults limits.max_front_matter and refuses a value
// no file could use.
func (c *Config) checkFrontMatter() error {
	l := &c.Limits
	switch {
	case l.MaxFrontMatter == 0:
		l.MaxFrontMatter = source.DefaultMaxFrontMatter
	case l.MaxFrontMatter < 0 || l.MaxFrontMatter > source.MaxFileBytes:
		return c.ErrorAt("$.limits.max_front_matter", "limits.max_front_matter: want 1 to %d bytes, got %d", source.MaxFileBytes, l.MaxFrontMatter)
	}
	return nil
}
