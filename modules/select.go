package modules

import (
	"fmt"
	"sort"
	"strings"

	"github.com/tailor-email/tailor/segment"
)

// Library is every module of a workspace, by slot.
type Library struct {
	slots map[string][]*Module // each sorted: priority high to low, then ID
}

func (lib *Library) add(m *Module) { lib.slots[m.Slot] = append(lib.slots[m.Slot], m) }

func (lib *Library) sort() {
	for _, ms := range lib.slots {
		sort.SliceStable(ms, func(i, j int) bool {
			if ms[i].Priority != ms[j].Priority {
				return ms[i].Priority > ms[j].Priority
			}
			return ms[i].ID < ms[j].ID
		})
	}
}

func (lib *Library) byID(id string) *Module {
	for _, ms := range lib.slots {
		for _, m := range ms {
			if m.ID == id {
				return m
			}
		}
	}
	return nil
}

// Slots returns the slot names that have modules, sorted.
func (lib *Library) Slots() []string {
	names := make([]string, 0, len(lib.slots))
	for s := range lib.slots {
		names = append(names, s)
	}
	sort.Strings(names)
	return names
}

// Modules returns the modules of a slot, in the order selection tries them.
func (lib *Library) Modules(slot string) []*Module { return lib.slots[slot] }

// All returns every module, by slot then selection order.
func (lib *Library) All() []*Module {
	var all []*Module
	for _, s := range lib.Slots() {
		all = append(all, lib.slots[s]...)
	}
	return all
}

// Fallback returns the slot's fallback module: the first module with no
// condition, or nil when the slot has none.
func (lib *Library) Fallback(slot string) *Module {
	for _, m := range lib.slots[slot] {
		if m.Fallback() {
			return m
		}
	}
	return nil
}

// Candidate is one module considered for a slot and why it did or did
// not qualify.
type Candidate struct {
	Module  *Module
	Matched bool
	Reason  string
}

// Select picks the module for a slot: the highest-priority module whose
// conditions all hold, else the slot's fallback. It returns nil when
// nothing qualifies. Conditions that fail to evaluate are returned as errors.
func (lib *Library) Select(slot string, env segment.Env) (*Module, error) {
	var fallback *Module
	for _, m := range lib.slots[slot] {
		if m.Fallback() {
			if fallback == nil {
				fallback = m
			}
			continue
		}
		ok, _, err := m.Matches(env)
		if err != nil {
			return nil, err
		}
		if ok {
			return m, nil
		}
	}
	return fallback, nil
}

// Explain lists every module of a slot with the reason it did or did not
// qualify, in the order Select tries them; the winner is the first matched
// non-fallback, else the first fallback.
func (lib *Library) Explain(slot string, env segment.Env) []Candidate {
	var out []Candidate
	for _, m := range lib.slots[slot] {
		ok, why, err := m.Matches(env)
		if err != nil {
			why = "error: " + err.Error()
		}
		out = append(out, Candidate{Module: m, Matched: ok, Reason: why})
	}
	return out
}

// Matches reports whether every condition of the module holds for env, and
// says which one failed or why it matched.
func (m *Module) Matches(env segment.Env) (bool, string, error) {
	if !m.Starts.IsZero() && env.Now.Before(m.Starts) {
		return false, "not started (starts " + m.Starts.Format("2006-01-02") + ")", nil
	}
	if !m.Ends.IsZero() && !env.Now.Before(m.Ends) {
		return false, "ended (" + m.Ends.Format("2006-01-02") + ")", nil
	}
	if m.Locale != "" && !localeMatches(m.Locale, env.Profile["locale"]) {
		return false, "locale is not " + m.Locale, nil
	}
	if m.Experiment != "" && env.Variants[m.Experiment] != m.Variant {
		return false, fmt.Sprintf("experiment %s: variant is %q, not %q", m.Experiment, env.Variants[m.Experiment], m.Variant), nil
	}
	var why []string
	if len(m.Segments) > 0 {
		in := ""
		for _, s := range m.Segments {
			if env.Membership.Segments[s] {
				in = s
				break
			}
		}
		if in == "" {
			return false, "not in " + strings.Join(m.Segments, " or "), nil
		}
		why = append(why, "in segment "+in)
	}
	if m.When != nil {
		ok, err := m.When.Match(env)
		if err != nil {
			return false, "", fmt.Errorf("%s: when: %w", m.Pos("when"), err)
		}
		if !ok {
			return false, "when is false: " + m.When.String(), nil
		}
		why = append(why, "when is true: "+m.When.String())
	}
	if len(why) == 0 {
		why = append(why, "fallback: no condition")
	}
	return true, strings.Join(why, "; "), nil
}

func localeMatches(want string, got any) bool {
	s, _ := got.(string)
	s, want = strings.ToLower(s), strings.ToLower(want)
	return s == want || strings.HasPrefix(s, want+"-") || strings.HasPrefix(s, want+"_")
}
