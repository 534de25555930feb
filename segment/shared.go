package segment

import (
	"strings"

	"github.com/expr-lang/expr/vm"
)

// A condition that reads no other rule and appears more than once in
// segments.yaml (a segment's when: reused as a score's rule, say) is
// evaluated once per recipient: its result depends only on the profile and
// the clock, which do not change during an evaluation.

// share numbers the conditions that can share a result: each such rule's
// shared is its slot in a result cache, and -1 for every other rule.
func (r *Rules) share() {
	type cond struct {
		when   string
		uses   []string
		shared *int
	}
	var all []cond
	for _, s := range r.segments {
		all = append(all, cond{s.When, s.uses, &s.shared})
	}
	for _, sc := range r.scores {
		for _, pr := range sc.Rules {
			all = append(all, cond{pr.When, pr.uses, &pr.shared})
		}
	}
	count := map[string]int{}
	for _, c := range all {
		if len(c.uses) == 0 {
			count[strings.TrimSpace(c.when)]++
		}
	}
	slot := map[string]int{}
	for _, c := range all {
		*c.shared = -1
		key := strings.TrimSpace(c.when)
		if len(c.uses) > 0 || count[key] < 2 {
			continue
		}
		n, ok := slot[key]
		if !ok {
			n = len(slot)
			slot[key] = n
		}
		*c.shared = n
	}
	r.nshared = len(slot)
}

// results caches the shared conditions' results during one evaluation.
type results []result

type result struct {
	done, in bool
	err      error
}

// newResults returns a cache for n shared conditions, in buf when it fits.
func newResults(buf []result, n int) results {
	if n <= len(buf) {
		return buf[:n]
	}
	return make(results, n)
}

// run runs a rule's program on machine, or takes the result of the same
// condition from the cache.
func (rs results) run(machine *vm.VM, p *vm.Program, shared int, env map[string]any) (bool, error) {
	if shared < 0 {
		return runOn(machine, p, env)
	}
	if c := &rs[shared]; c.done {
		return c.in, c.err
	}
	in, err := runOn(machine, p, env)
	rs[shared].done, rs[shared].in, rs[shared].err = true, in, err
	return in, err
}
