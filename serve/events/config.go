package events

import (
	"errors"
	"fmt"
	"io/fs"
	"sort"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/parser"

	"github.com/tailor-email/tailor/internal/source"
)

// Config is one entry of tailor.yaml's events: section, keyed by the event
// name used in POST /v1/events/{name}.
//
//	events:
//	  purchase:
//	    email: newsletter
//	    merge: {last_purchase_at: "{{ .Now }}"}
//	    append: {orders: {at: "{{ .Now }}", total: "{{ .Event.total }}"}}
//	    clear: [cart, cart_updated_at]
//	    secret_env: SHOP_WEBHOOK_SECRET
//	    outbox: true
type Config struct {
	// Email is the email the event renders.
	Email string `yaml:"email"`
	// Merge sets profile fields, replacing what was there.
	Merge map[string]any `yaml:"merge"`
	// Append adds one entry to each named list field (created when absent).
	Append map[string]any `yaml:"append"`
	// Clear removes profile fields before Merge and Append apply.
	Clear []string `yaml:"clear"`
	// SecretEnv names the environment variable that holds this event's
	// HMAC-SHA256 webhook secret; it overrides the server-wide secret.
	SecretEnv string `yaml:"secret_env"`
	// Outbox writes each rendered message as .eml to the server's outbox.
	Outbox bool `yaml:"outbox"`
	// Send delivers each rendered message through tailor.yaml's smtp:.
	Send bool `yaml:"send"`
}

// Load reads the events: section of the workspace's tailor.yaml and
// compiles every event. A workspace without one has no events. Other keys
// are left to the engine; keys inside an event are strict.
func Load(fsys fs.FS) (map[string]*Event, error) {
	b, err := source.Files{FS: fsys}.ReadText("tailor.yaml")
	if err != nil {
		return nil, fmt.Errorf("workspace: %w", err)
	}
	cfg, err := Parse("tailor.yaml", b)
	if err != nil {
		return nil, err
	}
	return CompileAll(cfg)
}

// Parse decodes the events: section of a tailor.yaml document.
func Parse(file string, data []byte) (map[string]Config, error) {
	if err := source.CheckYAML(file, 0, data, source.YAMLLimit{MaxBytes: source.MaxConfigBytes}); err != nil {
		return nil, err
	}
	f, err := parser.ParseBytes(data, 0)
	if err != nil {
		return nil, yamlError(file, err)
	}
	path, err := yaml.PathString("$.events")
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	node, err := path.FilterFile(f)
	if errors.Is(err, yaml.ErrNotFoundNode) || (err == nil && node == nil) {
		return nil, nil
	}
	if err != nil {
		return nil, yamlError(file, err)
	}
	var out map[string]Config
	if err := yaml.NodeToValue(node, &out, yaml.Strict()); err != nil {
		return nil, yamlError(file, err)
	}
	return out, nil
}

// CompileAll compiles every event of a parsed section.
func CompileAll(cfg map[string]Config) (map[string]*Event, error) {
	names := make([]string, 0, len(cfg))
	for name := range cfg {
		names = append(names, name)
	}
	sort.Strings(names)
	out := make(map[string]*Event, len(cfg))
	var errs []error
	for _, name := range names {
		ev, err := Compile(name, cfg[name])
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out[name] = ev
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return out, nil
}

// yamlError places a YAML error at its file:line:col.
func yamlError(file string, err error) error {
	var ye yaml.Error
	if errors.As(err, &ye) && ye.GetToken() != nil {
		p := ye.GetToken().Position
		return &source.Error{File: file, Line: p.Line, Col: p.Column, Msg: ye.GetMessage(), Err: err}
	}
	return &source.Error{File: file, Msg: err.Error(), Err: err}
}
