package modules

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/tailor-email/tailor/segment"
)

// Library is every module of a workspace, by slot.
type Library struct {
	slots map[string][]*Module // each sorted: priority high to low, then ID
	index map[string]*slotIndex
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
	lib.index = make(map[string]*slotIndex, len(lib.slots))
	for s, ms := range lib.slots {
		lib.index[s] = newSlotIndex(ms)
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
//
// Only the modules that name no segment, or one the recipient is in, are
// tried (see slotIndex): the others cost no test of their own, only one
// look-up per segment the slot's modules name.
func (lib *Library) Select(slot string, env segment.Env) (*Module, error) {
	ix := lib.index[slot]
	if ix == nil {
		return nil, nil
	}
	var buf [16]uint64 // 1,024 modules without allocating
	set := ix.candidates(env.Membership.Segments, buf[:0])
	var fallback *Module
	for m, i := ix.next(set, 0); m != nil; m, i = ix.next(set, i) {
		if m.Fallback() {
			if fallback == nil {
				fallback = m
			}
			continue
		}
		failed, _, err := m.check(env)
		if err != nil {
			return nil, err
		}
		if failed == none {
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
	failed, in, err := m.check(env)
	if err != nil {
		return false, "", err
	}
	switch failed {
	case notStarted:
		return false, "not started (starts " + m.Starts.Format("2006-01-02") + ")", nil
	case ended:
		return false, "ended (" + m.Ends.Format("2006-01-02") + ")", nil
	case otherLocale:
		return false, "locale is not " + m.Locale, nil
	case otherVariant:
		return false, fmt.Sprintf("experiment %s: variant is %q, not %q", m.Experiment, env.Variants[m.Experiment], m.Variant), nil
	case notInSegment:
		return false, "not in " + strings.Join(m.Segments, " or "), nil
	case whenFalse:
		return false, "when is false: " + m.When.String(), nil
	}
	return true, m.matchedBecause(in), nil
}

// matchedBecause says why the module matched, in the order check tests
// its conditions; "fallback: no condition" only for a module that has
// none. in is the segment that qualified the recipient, if any.
func (m *Module) matchedBecause(in string) string {
	var why []string
	if !m.Starts.IsZero() || !m.Ends.IsZero() {
		why = append(why, "running"+dateRange(m.Starts, " from ")+dateRange(m.Ends, " until "))
	}
	if m.Locale != "" {
		why = append(why, "locale is "+m.Locale)
	}
	if m.Experiment != "" {
		why = append(why, fmt.Sprintf("experiment %s: variant %q", m.Experiment, m.Variant))
	}
	if in != "" {
		why = append(why, "in segment "+in)
	}
	if m.When != nil {
		why = append(why, "when is true: "+m.When.String())
	}
	if len(why) == 0 {
		why = append(why, "fallback: no condition")
	}
	return strings.Join(why, "; ")
}

// dateRange writes t as a date after word, or nothing for a zero t.
func dateRange(t time.Time, word string) string {
	if t.IsZero() {
		return ""
	}
	return word + t.Format("2006-01-02")
}

// condition names the condition of a module that failed.
type condition int

const (
	none condition = iota
	notStarted
	ended
	otherLocale
	otherVariant
	notInSegment
	whenFalse
)

// check returns the first condition of the module that fails for env (none
// when all hold) and the segment that qualified the recipient, if any.
// Select calls it for every module of every recipient, so it builds no
// explanation: Matches does that.
func (m *Module) check(env segment.Env) (failed condition, in string, err error) {
	switch {
	case !m.Starts.IsZero() && env.Now.Before(m.Starts):
		return notStarted, "", nil
	case !m.Ends.IsZero() && !env.Now.Before(m.Ends):
		return ended, "", nil
	case m.Locale != "" && !localeMatches(m.Locale, env.Profile["locale"]):
		return otherLocale, "", nil
	case m.Experiment != "" && env.Variants[m.Experiment] != m.Variant:
		return otherVariant, "", nil
	}
	if len(m.Segments) > 0 {
		for _, s := range m.Segments {
			if env.Membership.Segments[s] {
				in = s
				break
			}
		}
		if in == "" {
			return notInSegment, "", nil
		}
	}
	if m.When != nil {
		ok, err := m.When.Match(env)
		if err != nil {
			return none, "", fmt.Errorf("%s: when: %w", m.Pos("when"), err)
		}
		if !ok {
			return whenFalse, in, nil
		}
	}
	return none, in, nil
}

// localeMatches reports whether the profile's locale is want or a region
// of it ("en" takes "en-GB" and "en_GB"), ignoring case.
func localeMatches(want string, got any) bool {
	s, _ := got.(string)
	if len(s) < len(want) || !strings.EqualFold(s[:len(want)], want) {
		return false
	}
	return len(s) == len(want) || s[len(want)] == '-' || s[len(want)] == '_'
}
