package events

import (
	"fmt"
	"maps"
	"regexp"
	"sort"
	"strings"
	"time"
)

// Event is one compiled event: its email and its profile changes.
type Event struct {
	Name   string
	Config Config
	merge  []field
	append []field
}

// field is one profile field and the value computed for it.
type field struct {
	key string
	val value
}

// Compile parses the templates of one event's merge and append values.
func Compile(name string, c Config) (*Event, error) {
	where := "tailor.yaml: events." + name
	if c.Email == "" {
		return nil, fmt.Errorf("%s: email: missing (which email does the event render?)", where)
	}
	ev := &Event{Name: name, Config: c}
	var err error
	if ev.merge, err = compileFields(where+".merge", c.Merge); err != nil {
		return nil, err
	}
	if ev.append, err = compileFields(where+".append", c.Append); err != nil {
		return nil, err
	}
	return ev, nil
}

func compileFields(where string, m map[string]any) ([]field, error) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]field, 0, len(keys))
	for _, k := range keys {
		v, err := compileValue(where+"."+k, m[k])
		if err != nil {
			return nil, err
		}
		out = append(out, field{key: k, val: v})
	}
	return out, nil
}

// Apply returns a copy of profile changed by the event's payload: Clear,
// then Merge, then Append. The input profile is never modified.
func (e *Event) Apply(profile, payload map[string]any, now time.Time) (map[string]any, error) {
	out := make(map[string]any, len(profile)+len(e.merge))
	maps.Copy(out, profile)
	d := data{Event: payload, Profile: profile, Now: now.UTC().Format(time.RFC3339)}
	for _, k := range e.Config.Clear {
		delete(out, k)
	}
	for _, f := range e.merge {
		v, err := f.val.eval(d)
		if err != nil {
			return nil, fmt.Errorf("merge.%s: %w", f.key, err)
		}
		out[f.key] = v
	}
	for _, f := range e.append {
		v, err := f.val.eval(d)
		if err != nil {
			return nil, fmt.Errorf("append.%s: %w", f.key, err)
		}
		var list []any
		switch old := out[f.key].(type) {
		case nil:
		case []any:
			list = make([]any, len(old), len(old)+1)
			copy(list, old)
		default:
			return nil, fmt.Errorf("append.%s: the profile's %s is a %T, not a list", f.key, f.key, old)
		}
		out[f.key] = append(list, v)
	}
	return out, nil
}

// data is what event templates see.
type data struct {
	Event   map[string]any
	Profile map[string]any
	Now     string
}

// value is a merge or append value, computed per event.
type value interface {
	eval(d data) (any, error)
}

type constant struct{ v any }

func (c constant) eval(data) (any, error) { return c.v, nil }

// refPattern is a string that is exactly one field reference.
var refPattern = regexp.MustCompile(`^\{\{-?\s*\.(Event|Profile|Now)((?:\.[A-Za-z_][A-Za-z0-9_]*)*)\s*-?\}\}$`)

func compileValue(where string, v any) (value, error) {
	switch v := v.(type) {
	case string:
		return compileString(where, v)
	case map[string]any:
		fs, err := compileFields(where, v)
		if err != nil {
			return nil, err
		}
		return object(fs), nil
	case []any:
		out := make(list, len(v))
		for i, x := range v {
			var err error
			if out[i], err = compileValue(fmt.Sprintf("%s[%d]", where, i), x); err != nil {
				return nil, err
			}
		}
		return out, nil
	}
	return constant{number(v)}, nil
}

// number gives YAML integers the float64 type JSON profiles use.
func number(v any) any {
	switch n := v.(type) {
	case int:
		return float64(n)
	case int64:
		return float64(n)
	case uint64:
		return float64(n)
	}
	return v
}

func compileString(where, s string) (value, error) {
	if m := refPattern.FindStringSubmatch(strings.TrimSpace(s)); m != nil {
		r := ref{root: m[1]}
		if m[2] != "" {
			r.path = strings.Split(m[2][1:], ".")
		}
		if r.root == "Now" && len(r.path) > 0 {
			return nil, fmt.Errorf("%s: .Now has no fields", where)
		}
		return r, nil
	}
	if !strings.Contains(s, "{{") {
		return constant{s}, nil
	}
	return compileTemplate(where, s)
}

// ref is "{{ .Event.a.b }}": the referenced value, typed.
type ref struct {
	root string
	path []string
}

func (r ref) eval(d data) (any, error) {
	var cur any
	switch r.root {
	case "Now":
		return d.Now, nil
	case "Event":
		cur = d.Event
	default:
		cur = d.Profile
	}
	for i, k := range r.path {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("%s: not an object", r.name(i))
		}
		if cur, ok = m[k]; !ok {
			return nil, fmt.Errorf("%s: missing", r.name(i+1))
		}
	}
	return cur, nil
}

// name spells the first n steps of the reference, e.g. "event field total".
func (r ref) name(n int) string {
	if n == 0 {
		return strings.ToLower(r.root)
	}
	return strings.ToLower(r.root) + " field " + strings.Join(r.path[:n], ".")
}

type object []field

func (o object) eval(d data) (any, error) {
	out := make(map[string]any, len(o))
	for _, f := range o {
		v, err := f.val.eval(d)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.key, err)
		}
		out[f.key] = v
	}
	return out, nil
}

type list []value

func (l list) eval(d data) (any, error) {
	out := make([]any, len(l))
	for i, v := range l {
		var err error
		if out[i], err = v.eval(d); err != nil {
			return nil, fmt.Errorf("[%d]: %w", i, err)
		}
	}
	return out, nil
}
