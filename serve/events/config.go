package events

import (
	"errors"
	"sort"

	"github.com/tailor-email/tailor/workspace"
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

// FromConfig compiles the events: section of a tailor.yaml the workspace
// read. Keys inside an event are strict; errors are at tailor.yaml:line:col.
func FromConfig(cfg *workspace.Config) (map[string]*Event, error) {
	var section map[string]Config
	if err := cfg.Events.Decode(&section); err != nil {
		return nil, err
	}
	return CompileAll(section)
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
