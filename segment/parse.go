package segment

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// nameRE is what a segment, score or tier name must look like, so that
// segments.NAME reads in an expression.
var nameRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// pending is a unit being compiled, with the scalars of its expressions
// so that reference errors can point inside them.
type pending struct {
	unit
	whens []scalar
	refs  []refs
	pos   Pos
}

// Parse compiles segments.yaml. Errors read "FILE:LINE:COL: message",
// pointing inside an expression at the offending character.
func Parse(filename string, src []byte) (*Rules, error) {
	f := newSrcFile(filename, src)
	doc, err := parser.ParseBytes(src, 0)
	if err != nil {
		return nil, f.yamlError(err)
	}
	r := &Rules{file: filename}
	if len(doc.Docs) == 0 || doc.Docs[0].Body == nil {
		return r, nil
	}
	top, err := f.mapping(doc.Docs[0].Body)
	if err != nil {
		return nil, err
	}
	var units []*pending
	for _, kv := range top {
		list, err := f.sequence(kv.Value)
		if err != nil {
			return nil, err
		}
		for _, item := range list {
			var u *pending
			switch key := kv.Key.String(); key {
			case "segments":
				u, err = f.parseSegment(item)
			case "scores":
				u, err = f.parseScore(item)
			default:
				return nil, f.errorf(nodePos(kv.Key), "unknown key %q (want segments or scores)", key)
			}
			if err != nil {
				return nil, err
			}
			units = append(units, u)
		}
	}
	return r, r.link(f, units)
}

// yamlError converts a YAML syntax error to "file:line:col: message".
func (f *srcFile) yamlError(err error) error {
	var se *yaml.SyntaxError
	if errors.As(err, &se) && se.Token != nil && se.Token.Position != nil {
		p := Pos{Line: se.Token.Position.Line, Col: se.Token.Position.Column}
		return &PosError{File: f.name, Pos: p, Err: fmt.Errorf("%s: %w", se.Message, errSyntax)}
	}
	return &PosError{File: f.name, Pos: Pos{1, 1}, Err: err}
}

// errSyntax marks YAML syntax errors.
var errSyntax = errors.New("YAML syntax error")

// parseSegment reads {name, description, when}.
func (f *srcFile) parseSegment(n ast.Node) (*pending, error) {
	fields, err := f.fields(n, "name", "description", "when")
	if err != nil {
		return nil, err
	}
	s := &SegmentRule{}
	u := &pending{unit: unit{seg: s}, pos: nodePos(n)}
	if s.Name, err = f.nameField(n, fields); err != nil {
		return nil, err
	}
	if s.Description, err = f.optString(fields["description"]); err != nil {
		return nil, err
	}
	when, ok := fields["when"]
	if !ok {
		return nil, f.errorf(nodePos(n), "segment %s: missing when", s.Name)
	}
	sc, err := f.stringScalar(when)
	if err != nil {
		return nil, err
	}
	s.When, s.Pos = sc.Value, sc.pos(0)
	if s.prog, err = compile(sc.Value); err != nil {
		return nil, sc.exprError(err)
	}
	u.whens, u.refs = []scalar{sc}, []refs{collectRefs(s.prog)}
	s.fields = u.refs[0].names("")
	return u, nil
}

// parseScore reads {name, description, rules: [{when, points}], tiers: [{name, min}]}.
func (f *srcFile) parseScore(n ast.Node) (*pending, error) {
	fields, err := f.fields(n, "name", "description", "rules", "tiers")
	if err != nil {
		return nil, err
	}
	s := &Score{}
	u := &pending{unit: unit{score: s}, pos: nodePos(n)}
	if s.Name, err = f.nameField(n, fields); err != nil {
		return nil, err
	}
	if s.Description, err = f.optString(fields["description"]); err != nil {
		return nil, err
	}
	if err := f.parsePointRules(u, fields["rules"]); err != nil {
		return nil, err
	}
	if s.Tiers, err = f.parseTiers(fields["tiers"]); err != nil {
		return nil, err
	}
	return u, nil
}

// parsePointRules reads a score's rules into u.
func (f *srcFile) parsePointRules(u *pending, n ast.Node) error {
	if n == nil {
		return nil
	}
	list, err := f.sequence(n)
	if err != nil {
		return err
	}
	for _, item := range list {
		fields, err := f.fields(item, "when", "points")
		if err != nil {
			return err
		}
		when, ok := fields["when"]
		if !ok {
			return f.errorf(nodePos(item), "score %s: rule without when", u.score.Name)
		}
		sc, err := f.stringScalar(when)
		if err != nil {
			return err
		}
		pr := &PointRule{When: sc.Value, Pos: sc.pos(0)}
		if pr.Points, err = f.integer(fields["points"], item, "points"); err != nil {
			return err
		}
		if pr.prog, err = compile(sc.Value); err != nil {
			return sc.exprError(err)
		}
		u.score.Rules = append(u.score.Rules, pr)
		rs := collectRefs(pr.prog)
		pr.fields = rs.names("")
		u.whens, u.refs = append(u.whens, sc), append(u.refs, rs)
	}
	return nil
}

// parseTiers reads a score's tiers, which must ascend by min.
func (f *srcFile) parseTiers(n ast.Node) ([]Tier, error) {
	if n == nil {
		return nil, nil
	}
	list, err := f.sequence(n)
	if err != nil {
		return nil, err
	}
	var tiers []Tier
	for i, item := range list {
		fields, err := f.fields(item, "name", "min")
		if err != nil {
			return nil, err
		}
		var t Tier
		if t.Name, err = f.nameField(item, fields); err != nil {
			return nil, err
		}
		if t.Min, err = f.integer(fields["min"], item, "min"); err != nil {
			return nil, err
		}
		if i > 0 && t.Min <= tiers[i-1].Min {
			return nil, f.errorf(nodePos(fields["min"]), "tier %s: min %d must be above the previous tier's %d (list tiers lowest first)", t.Name, t.Min, tiers[i-1].Min)
		}
		tiers = append(tiers, t)
	}
	return tiers, nil
}

// mapping returns the key/value pairs of a YAML mapping.
func (f *srcFile) mapping(n ast.Node) ([]*ast.MappingValueNode, error) {
	switch v := unwrap(n).(type) {
	case *ast.MappingNode:
		return v.Values, nil
	case *ast.MappingValueNode:
		return []*ast.MappingValueNode{v}, nil
	}
	return nil, f.errorf(nodePos(n), "expected a mapping, found %s", n.Type())
}

// sequence returns the items of a YAML sequence (null is empty).
func (f *srcFile) sequence(n ast.Node) ([]ast.Node, error) {
	switch v := unwrap(n).(type) {
	case *ast.SequenceNode:
		return v.Values, nil
	case *ast.NullNode:
		return nil, nil
	}
	return nil, f.errorf(nodePos(n), "expected a list, found %s", n.Type())
}

// unwrap skips tags and anchors.
func unwrap(n ast.Node) ast.Node {
	for {
		switch v := n.(type) {
		case *ast.TagNode:
			n = v.Value
		case *ast.AnchorNode:
			n = v.Value
		default:
			return n
		}
	}
}

// fields reads a mapping whose keys must be among allowed.
func (f *srcFile) fields(n ast.Node, allowed ...string) (map[string]ast.Node, error) {
	kvs, err := f.mapping(n)
	if err != nil {
		return nil, err
	}
	out := map[string]ast.Node{}
	for _, kv := range kvs {
		key := kv.Key.String()
		if !contains(allowed, key) {
			return nil, f.errorf(nodePos(kv.Key), "unknown key %q (want one of %v)", key, allowed)
		}
		if _, dup := out[key]; dup {
			return nil, f.errorf(nodePos(kv.Key), "duplicate key %q", key)
		}
		out[key] = kv.Value
	}
	return out, nil
}

// contains reports whether list holds s.
func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// nameField reads the required name field, which must be an identifier.
func (f *srcFile) nameField(n ast.Node, fields map[string]ast.Node) (string, error) {
	v, ok := fields["name"]
	if !ok {
		return "", f.errorf(nodePos(n), "missing name")
	}
	sc, err := f.stringScalar(v)
	if err != nil {
		return "", err
	}
	if !nameRE.MatchString(sc.Value) {
		return "", f.errorf(nodePos(v), "name %q: use letters, digits and _ (not starting with a digit)", sc.Value)
	}
	return sc.Value, nil
}

// optString reads an optional string field.
func (f *srcFile) optString(n ast.Node) (string, error) {
	if n == nil {
		return "", nil
	}
	sc, err := f.stringScalar(n)
	return sc.Value, err
}

// integer reads a required integer field.
func (f *srcFile) integer(n, parent ast.Node, key string) (int, error) {
	if n == nil {
		return 0, f.errorf(nodePos(parent), "missing %s", key)
	}
	iv, ok := unwrap(n).(*ast.IntegerNode)
	if !ok {
		return 0, f.errorf(nodePos(n), "%s: expected an integer, found %s", key, n.Type())
	}
	v, err := strconv.Atoi(fmt.Sprint(iv.Value))
	if err != nil {
		return 0, f.errorf(nodePos(n), "%s: %w", key, err)
	}
	return v, nil
}

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
