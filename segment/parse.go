package segment

import (
	"errors"
	"fmt"
	"regexp"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"

	"github.com/tailor-email/tailor/internal/source"
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
	pos   source.Pos
}

// Parse compiles segments.yaml. Errors read "FILE:LINE:COL: message",
// pointing inside an expression at the offending character. A models:
// section needs ParseWith.
func Parse(filename string, src []byte) (*Rules, error) {
	return ParseWith(filename, src, Options{})
}

// ParseWith is Parse reading the model files of models: from opts.Models.
func ParseWith(filename string, src []byte, opts Options) (*Rules, error) {
	if err := source.CheckYAML(filename, 0, src, source.YAMLLimit{MaxBytes: source.MaxConfigBytes}); err != nil {
		return nil, err
	}
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
		if kv.Key.String() == "models" {
			if err := r.parseModels(f, list, opts); err != nil {
				return nil, err
			}
			continue
		}
		for _, item := range list {
			var u *pending
			switch key := kv.Key.String(); key {
			case "segments":
				u, err = f.parseSegment(item)
			case "scores":
				u, err = f.parseScore(item)
			default:
				return nil, f.errorf(nodePos(kv.Key), "unknown key %q (want models, segments or scores)", key)
			}
			if err != nil {
				return nil, err
			}
			units = append(units, u)
		}
	}
	if err := r.link(f, units); err != nil {
		return nil, err
	}
	r.share()
	return r, nil
}

// parseModels reads the models: list.
func (r *Rules) parseModels(f *srcFile, list []ast.Node, opts Options) error {
	for _, item := range list {
		m, err := f.parseModel(item, opts)
		if err != nil {
			return err
		}
		r.models = append(r.models, m)
	}
	return r.linkModels(f)
}

// yamlError converts a YAML syntax error to "file:line:col: message".
func (f *srcFile) yamlError(err error) error {
	var se *yaml.SyntaxError
	if errors.As(err, &se) && se.Token != nil && se.Token.Position != nil {
		return source.Wrap(f.name, se.Token.Position.Line, se.Token.Position.Column, fmt.Errorf("%s: %w", se.Message, errSyntax))
	}
	return source.Wrap(f.name, 1, 1, err)
}

// errSyntax marks YAML syntax errors.
var errSyntax = errors.New("YAML syntax error")

// parseSegment reads {name, description, when}.
func (f *srcFile) parseSegment(n ast.Node) (*pending, error) {
	s := &SegmentRule{}
	fields, err := f.named(n, &s.Name, &s.Description, "when")
	if err != nil {
		return nil, err
	}
	u := &pending{unit: unit{seg: s}, pos: nodePos(n)}
	sc, c, err := f.when(u, n, fields, "segment "+s.Name+": missing when")
	if err != nil {
		return nil, err
	}
	s.When, s.Pos, s.compiled = sc.Value, sc.pos(0), c
	return u, nil
}

// named reads the mapping of a segment or a score, which has the keys
// name, description (optional) and more, into name and description, and
// returns its fields.
func (f *srcFile) named(n ast.Node, name, description *string, more ...string) (map[string]ast.Node, error) {
	fields, err := f.fields(n, append([]string{"name", "description"}, more...)...)
	if err != nil {
		return nil, err
	}
	if *name, err = f.nameField(n, fields); err != nil {
		return nil, err
	}
	*description, err = f.optString(fields["description"])
	return fields, err
}

// when reads and compiles the when: of a segment or a point rule (the
// node n, with its fields) and adds it to u; missing is the error when it
// has none.
func (f *srcFile) when(u *pending, n ast.Node, fields map[string]ast.Node, missing string) (scalar, compiled, error) {
	when, ok := fields["when"]
	if !ok {
		return scalar{}, compiled{}, f.errorf(nodePos(n), "%s", missing)
	}
	sc, err := f.stringScalar(when)
	if err != nil {
		return scalar{}, compiled{}, err
	}
	prog, err := compile(sc.Value)
	if err != nil {
		return scalar{}, compiled{}, sc.exprError(err)
	}
	rs := collectRefs(prog)
	u.whens, u.refs = append(u.whens, sc), append(u.refs, rs)
	return sc, compiled{prog: prog, fields: rs.names(""), uses: rs.uses()}, nil
}

// parseScore reads {name, description, rules: [{when, points}], tiers: [{name, min}]}.
func (f *srcFile) parseScore(n ast.Node) (*pending, error) {
	s := &Score{}
	fields, err := f.named(n, &s.Name, &s.Description, "rules", "tiers")
	if err != nil {
		return nil, err
	}
	u := &pending{unit: unit{score: s}, pos: nodePos(n)}
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
		sc, c, err := f.when(u, item, fields, "score "+u.score.Name+": rule without when")
		if err != nil {
			return err
		}
		pr := &PointRule{When: sc.Value, Pos: sc.pos(0), compiled: c}
		if pr.Points, err = f.integer(fields["points"], item, "points"); err != nil {
			return err
		}
		u.score.Rules = append(u.score.Rules, pr)
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
