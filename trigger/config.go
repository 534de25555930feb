package trigger

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/goccy/go-yaml/ast"

	"github.com/tailor-email/tailor/internal/source"
	"github.com/tailor-email/tailor/workspace"
)

// Trigger is one compiled entry of tailor.yaml's triggers: section.
type Trigger struct {
	Name     string
	On       Edge          // the transition that fires it
	Email    string        // the email it sends
	Delay    time.Duration // from the transition to the send
	CancelIf *Edge         // a transition that cancels its pending jobs
	OncePer  time.Duration // at most one job per recipient in this long
	Quiet    *QuietHours   // hours it does not send in, local to the recipient
	Outbox   bool          // write the message to the server's outbox (default)
	Send     bool          // send it through SMTP
	// SendTime moves the job to the recipient's best send hour (tailor.yaml's
	// send_time) at or after the delay, before quiet hours apply.
	SendTime bool

	pos map[string]source.Pos // where each key's value is, for Check
}

// Edge is entering or leaving one segment.
type Edge struct {
	Segment string
	Enter   bool // false: leaving
}

// String is "enter SEGMENT" or "leave SEGMENT".
func (e Edge) String() string {
	if e.Enter {
		return "enter " + e.Segment
	}
	return "leave " + e.Segment
}

// node keeps a YAML value as parsed, with its place, for decoding after.
type node struct{ n ast.Node }

// UnmarshalYAML keeps the node (see yaml.NodeUnmarshaler).
func (v *node) UnmarshalYAML(n ast.Node) error {
	v.n = n
	return nil
}

func (v node) set() bool { return v.n != nil && v.n.Type() != ast.NullType }

// pos is where the node is in tailor.yaml.
func (v node) pos() source.Pos {
	p := source.Pos{File: workspace.ConfigFile, Line: 1, Col: 1}
	if v.n == nil {
		return p
	}
	n := v.n
	if m, ok := n.(*ast.MappingNode); ok && len(m.Values) > 0 {
		n = m.Values[0].Key // a mapping is where its first key is
	}
	if tk := n.GetToken(); tk != nil && tk.Position != nil {
		p.Line, p.Col = tk.Position.Line, tk.Position.Column
	}
	return p
}

// decode decodes the node strictly into out.
func (v node) decode(out any) error { return source.DecodeNode(workspace.ConfigFile, v.n, out) }

// raw is one trigger as written, each value kept for its place.
type raw struct {
	On         node  `yaml:"on"`
	Email      node  `yaml:"email"`
	Delay      node  `yaml:"delay"`
	CancelIf   node  `yaml:"cancel_if"`
	OncePer    node  `yaml:"once_per"`
	QuietHours node  `yaml:"quiet_hours"`
	Outbox     *bool `yaml:"outbox"`
	Send       bool  `yaml:"send"`
	SendTime   node  `yaml:"send_time"`
}

// FromConfig compiles the triggers: section of a tailor.yaml the workspace
// read, by name. Keys are strict; every error is at tailor.yaml:line:col.
func FromConfig(cfg *workspace.Config) ([]*Trigger, error) {
	var section map[string]node
	if err := cfg.Triggers.Decode(&section); err != nil {
		return nil, err
	}
	var out []*Trigger
	var errs []error
	for _, name := range slices.Sorted(maps.Keys(section)) {
		t, err := compile(name, section[name])
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out = append(out, t)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return out, nil
}

// compile checks and compiles one trigger.
func compile(name string, n node) (*Trigger, error) {
	var r raw
	if !n.set() {
		return nil, n.pos().At("triggers.%s: want a mapping with on: and email:", name)
	}
	if err := n.decode(&r); err != nil {
		return nil, err
	}
	t := &Trigger{Name: name, Outbox: r.Outbox == nil || *r.Outbox, Send: r.Send,
		pos: map[string]source.Pos{"on": r.On.pos(), "email": r.Email.pos(), "cancel_if": r.CancelIf.pos()}}
	var errs []error
	add := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}
	if !r.On.set() {
		add(n.pos().At("triggers.%s: on: is missing (want on: {enter: SEGMENT} or {leave: SEGMENT})", name))
	} else {
		e, err := edge(name, "on", r.On)
		add(err)
		t.On = e
	}
	if !r.Email.set() {
		add(n.pos().At("triggers.%s: email: is missing", name))
	} else {
		add(r.Email.decode(&t.Email))
	}
	if r.CancelIf.set() {
		e, err := edge(name, "cancel_if", r.CancelIf)
		add(err)
		t.CancelIf = &e
	}
	var err error
	t.Delay, err = duration(name, "delay", r.Delay)
	add(err)
	t.OncePer, err = duration(name, "once_per", r.OncePer)
	add(err)
	if r.QuietHours.set() {
		t.Quiet, err = quiet(name, r.QuietHours)
		add(err)
	}
	if r.SendTime.set() {
		t.pos["send_time"] = r.SendTime.pos()
		add(r.SendTime.decode(&t.SendTime))
	}
	if !t.Outbox && !t.Send {
		add(n.pos().At("triggers.%s: outbox: false and no send: true: its email would go nowhere", name))
	}
	return t, errors.Join(errs...)
}

// edge decodes {enter: SEGMENT} or {leave: SEGMENT}.
func edge(name, key string, n node) (Edge, error) {
	var v struct {
		Enter string `yaml:"enter"`
		Leave string `yaml:"leave"`
	}
	if err := n.decode(&v); err != nil {
		return Edge{}, err
	}
	if (v.Enter == "") == (v.Leave == "") {
		return Edge{}, n.pos().At("triggers.%s: %s: want one of enter: SEGMENT or leave: SEGMENT", name, key)
	}
	if v.Enter != "" {
		return Edge{Segment: v.Enter, Enter: true}, nil
	}
	return Edge{Segment: v.Leave}, nil
}

// duration decodes a Go duration ("90m", "1h") or a number of days ("7d").
func duration(name, key string, n node) (time.Duration, error) {
	if !n.set() {
		return 0, nil
	}
	var s string
	if err := n.decode(&s); err != nil {
		return 0, err
	}
	d, err := ParseDuration(s)
	if err != nil {
		return 0, n.pos().Wrap(fmt.Errorf("triggers.%s: %s: %w", name, key, err))
	}
	return d, nil
}

// ParseDuration reads a Go duration ("90m", "1h30m") or whole days ("7d"),
// not negative.
func ParseDuration(s string) (time.Duration, error) {
	var d time.Duration
	if days, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.Atoi(days)
		if err != nil || n > 100000 {
			return 0, fmt.Errorf("%q is not a duration (want 1h, 90m or 7d)", s)
		}
		d = time.Duration(n) * 24 * time.Hour
	} else {
		var err error
		if d, err = time.ParseDuration(s); err != nil {
			return 0, fmt.Errorf("%q is not a duration (want 1h, 90m or 7d)", s)
		}
	}
	if d < 0 {
		return 0, fmt.Errorf("%q is negative", s)
	}
	return d, nil
}
