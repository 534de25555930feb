package segment

import "sort"

// link checks names and references, orders evaluation so that every rule
// runs after the segments and scores it reads, and collects fields.
func (r *Rules) link(f *srcFile, units []*pending) error {
	defined := map[string]*pending{} // "segments.x" / "scores.x"
	for _, u := range units {
		key, name := u.key()
		if _, dup := defined[key]; dup {
			return f.errorf(u.pos, "duplicate name %s", name)
		}
		defined[key] = u
		if u.seg != nil {
			r.segments = append(r.segments, u.seg)
		} else {
			r.scores = append(r.scores, u.score)
		}
	}
	fields := map[string]bool{}
	deps := map[*pending][]*pending{}
	for _, u := range units {
		for i, rs := range u.refs {
			for _, rf := range rs {
				if rf.root == "" {
					fields[rf.name] = true
					continue
				}
				root := rf.root
				if root == envPredict {
					if !r.hasModel(rf.name) {
						return f.errorf(u.whens[i].pos(rf.at), "unknown model %q (predict.NAME reads a model of models:)", rf.name)
					}
					continue
				}
				if root == envTiers {
					root = envScores
				}
				d, ok := defined[root+"."+rf.name]
				if !ok {
					return f.errorf(u.whens[i].pos(rf.at), "unknown %s %q", root[:len(root)-1], rf.name)
				}
				deps[u] = append(deps[u], d)
			}
		}
	}
	for name := range fields {
		r.fields = append(r.fields, name)
	}
	sort.Strings(r.fields)
	return r.sortUnits(f, units, deps)
}

// key names a unit for lookups: "segments.x" or "scores.x".
func (u *pending) key() (string, string) {
	if u.seg != nil {
		return envSegments + "." + u.seg.Name, "segment " + u.seg.Name
	}
	return envScores + "." + u.score.Name, "score " + u.score.Name
}

// sortUnits sorts units so that each comes after what it reads, keeping file
// order otherwise (segments before scores on ties); a cycle is an error.
func (r *Rules) sortUnits(f *srcFile, units []*pending, deps map[*pending][]*pending) error {
	sort.SliceStable(units, func(i, j int) bool { return units[i].seg != nil && units[j].seg == nil })
	done := map[*pending]bool{}
	for len(r.order) < len(units) {
		progressed := false
		for _, u := range units {
			if done[u] || !allDone(deps[u], done) {
				continue
			}
			done[u] = true
			r.order = append(r.order, u.unit)
			progressed = true
			break
		}
		if !progressed {
			for _, u := range units {
				if !done[u] {
					_, name := u.key()
					return f.errorf(u.pos, "%s is part of a reference cycle", name)
				}
			}
		}
	}
	return nil
}

// allDone reports whether every dependency is evaluated.
func allDone(deps []*pending, done map[*pending]bool) bool {
	for _, d := range deps {
		if !done[d] {
			return false
		}
	}
	return true
}
