package modules

import "github.com/tailor-email/tailor/segment"

// Eligible appends to buf the modules of a slot whose conditions all hold
// for env, fallbacks included, in the order Select tries them: what a
// model may choose among (a slot's select: in tailor.yaml). Select's
// winner is the first that is not a fallback, else the first fallback.
func (lib *Library) Eligible(slot string, env segment.Env, buf []*Module) ([]*Module, error) {
	ix := lib.index[slot]
	if ix == nil {
		return buf, nil
	}
	var words [16]uint64
	set := ix.candidates(env.Membership.Segments, words[:0])
	for m, i := ix.next(set, 0); m != nil; m, i = ix.next(set, i) {
		failed, _, err := m.check(env)
		if err != nil {
			return buf, err
		}
		if failed == none {
			buf = append(buf, m)
		}
	}
	return buf, nil
}
