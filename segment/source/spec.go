package source

import (
	"errors"
	"fmt"
	"path"
	"strings"
	"time"

	"github.com/tailor-email/tailor/segment"
)

// Spec is the tailor.yaml `sources:` block.
type Spec struct {
	// Key is the profile field that holds the merged, normalized key.
	Key string `yaml:"key,omitempty" json:"key,omitempty"`
	// Conflict is "precedence" (default) or "most_recent".
	Conflict string  `yaml:"conflict,omitempty" json:"conflict,omitempty"`
	Inputs   []Input `yaml:"inputs" json:"inputs"`
}

// Input is one data file.
type Input struct {
	Name   string `yaml:"name" json:"name"`
	Path   string `yaml:"path" json:"path"`                         // slash-separated, within the workspace
	Format string `yaml:"format,omitempty" json:"format,omitempty"` // csv, json or jsonl; default from the extension
	Kind   string `yaml:"kind,omitempty" json:"kind,omitempty"`     // profiles (default) or events
	Key    string `yaml:"key" json:"key"`                           // column holding the recipient key

	Fields    map[string]string `yaml:"fields,omitempty" json:"fields,omitempty"` // profile field -> column
	Types     map[string]string `yaml:"types,omitempty" json:"types,omitempty"`   // profile field -> type
	Timestamp string            `yaml:"timestamp,omitempty" json:"timestamp,omitempty"`

	At       string `yaml:"at,omitempty" json:"at,omitempty"`
	Amount   string `yaml:"amount,omitempty" json:"amount,omitempty"`
	Window   string `yaml:"window,omitempty" json:"window,omitempty"`
	Prefix   string `yaml:"prefix,omitempty" json:"prefix,omitempty"`
	KeepLast int    `yaml:"keep_last,omitempty" json:"keep_last,omitempty"`
	List     string `yaml:"list,omitempty" json:"list,omitempty"`
}

// Conflict policies.
const (
	Precedence = "precedence"
	MostRecent = "most_recent"
)

// Input kinds.
const (
	Profiles = "profiles"
	Events   = "events"
)

// types are the field types an input may declare.
var types = map[string]bool{"string": true, "number": true, "int": true, "bool": true, "date": true, "list": true, "json": true}

// withDefaults fills in the defaults of the spec and its inputs.
func (s Spec) withDefaults() Spec {
	if s.Key == "" {
		s.Key = "email"
	}
	if s.Conflict == "" {
		s.Conflict = Precedence
	}
	in := make([]Input, len(s.Inputs))
	for i, x := range s.Inputs {
		if x.Format == "" {
			x.Format = strings.TrimPrefix(path.Ext(x.Path), ".")
		}
		if x.Kind == "" {
			x.Kind = Profiles
		}
		if x.Kind == Events && x.Window == "" {
			x.Window = "365d"
		}
		if x.List == "" {
			x.List = x.Name
		}
		in[i] = x
	}
	s.Inputs = in
	return s
}

// Validate checks the spec; each error names the input.
func (s Spec) Validate() error {
	s = s.withDefaults()
	var errs []error
	if s.Conflict != Precedence && s.Conflict != MostRecent {
		errs = append(errs, fmt.Errorf("sources: conflict %q: want %s or %s", s.Conflict, Precedence, MostRecent))
	}
	names := map[string]bool{}
	prefixes := map[string]string{}
	for i, in := range s.Inputs {
		if err := in.validate(s.Conflict); err != nil {
			errs = append(errs, fmt.Errorf("sources: input %d (%s): %w", i+1, in.Name, err))
		}
		if names[in.Name] {
			errs = append(errs, fmt.Errorf("sources: duplicate input name %q", in.Name))
		}
		names[in.Name] = true
		if in.Kind == Events {
			if other, dup := prefixes[in.Prefix]; dup {
				errs = append(errs, fmt.Errorf("sources: inputs %s and %s share the feature prefix %q", other, in.Name, in.Prefix))
			}
			prefixes[in.Prefix] = in.Name
		}
	}
	return errors.Join(errs...)
}

// validate checks one input (with defaults applied).
func (in Input) validate(conflict string) error {
	var errs []error
	add := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	if in.Name == "" {
		add("missing name")
	}
	if in.Path == "" {
		add("missing path")
	}
	if in.Key == "" {
		add("missing key (the column holding the recipient key)")
	}
	switch in.Format {
	case "csv", "json", "jsonl":
	default:
		add("format %q: want csv, json or jsonl", in.Format)
	}
	for field, typ := range in.Types {
		if !types[typ] {
			add("field %s: unknown type %q (want string, number, int, bool, date, list or json)", field, typ)
		}
	}
	switch in.Kind {
	case Profiles:
		if conflict == MostRecent && in.Timestamp == "" {
			add("conflict most_recent needs a timestamp column")
		}
	case Events:
		if in.At == "" {
			add("events need an at column (the event time)")
		}
		if _, err := segment.ParseSpan(in.Window); err != nil {
			add("window: %w", err)
		}
		if in.KeepLast < 0 {
			add("keep_last %d must be >= 0", in.KeepLast)
		}
	default:
		add("kind %q: want %s or %s", in.Kind, Profiles, Events)
	}
	return errors.Join(errs...)
}

// window returns the parsed window of an events input.
func (in Input) window() time.Duration {
	d, _ := segment.ParseSpan(in.Window)
	return d
}

// Normalize returns the merge key for a raw key: trimmed and lower-cased.
func Normalize(key string) string {
	return strings.ToLower(strings.TrimSpace(key))
}

// keyString renders a raw key value (a string, or a JSON number).
func keyString(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	return fmt.Sprint(v)
}
