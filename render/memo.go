package render

import (
	"sync"
	"sync/atomic"
)

// memoCap bounds how many results a memo keeps: past it, calls are made
// as they come, so memory does not grow with the number of recipients.
const memoCap = 4096

// memo remembers the results of a pure function of one or two strings,
// such as link: recipients share most product URLs, and link parses and
// re-encodes each one.
type memo struct {
	f    func(string, ...string) (string, error)
	m    sync.Map // memoKey -> string
	size atomic.Int64
}

// memoKey is a call's arguments: raw, and more when there is one.
type memoKey struct {
	raw, more string
	hasMore   bool
}

// call returns f(raw, more...), from the memo when it has it. Errors are
// not kept.
func (m *memo) call(raw string, more ...string) (string, error) {
	if len(more) > 1 {
		return m.f(raw, more...)
	}
	key := memoKey{raw: raw}
	if len(more) == 1 {
		key.more, key.hasMore = more[0], true
	}
	if v, ok := m.m.Load(key); ok {
		return v.(string), nil
	}
	s, err := m.f(raw, more...)
	if err == nil && m.size.Load() < memoCap {
		if _, loaded := m.m.LoadOrStore(key, s); !loaded {
			m.size.Add(1)
		}
	}
	return s, err
}

// memoized returns funcs with link remembered (see memo), for the fast
// evaluator; text/template keeps the functions themselves, which give the
// same results.
func memoized(funcs map[string]any) map[string]any {
	out := make(map[string]any, len(funcs))
	for k, v := range funcs {
		out[k] = v
	}
	if f, ok := funcs["link"].(func(string, ...string) (string, error)); ok && pure["link"] {
		out["link"] = (&memo{f: f}).call
	}
	return out
}
