package segment

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"reflect"
	"slices"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/file"
	"github.com/expr-lang/expr/vm"
	"github.com/goccy/go-yaml/ast"

	"github.com/tailor-email/tailor/internal/source"
	"github.com/tailor-email/tailor/model"
)

// ModelRule is one model of segments.yaml's models: a scored model file
// with its features, each an expression over the profile.
type ModelRule struct {
	Name     string
	File     string // the model file, relative to the workspace
	Output   string // probability, score or actions
	Actions  []string
	Features []*Feature
	Label    *Feature // what training predicts (tailor features export); nil without
	Pos      source.Pos
	Model    *model.Model
}

// Feature is one input of a model: a named expression whose value is a
// number, a boolean (1 or 0) or nil (missing).
type Feature struct {
	Name string
	Expr string
	Pos  source.Pos // of the expression in segments.yaml
	prog *vm.Program
	slot int // its value's place in a recipient's feature cache (see linkModels)
}

// Output kinds: what predict.NAME holds for each.
const (
	OutputProbability = "probability" // binary:logistic: a float in [0, 1]
	OutputScore       = "score"       // reg:squarederror: a float
	OutputActions     = "actions"     // multi:softprob: action -> probability
)

// Options are Parse's options.
type Options struct {
	// Models holds the model files that models: names (the workspace's
	// files); without it a models: section is an error.
	Models fs.FS
	// MissingModels lets a model file not exist yet: its ModelRule.Model
	// is nil and it predicts nothing, so that tailor features export can
	// write the table the first model is trained on.
	MissingModels bool
}

// maxModelBytes bounds a model file.
const maxModelBytes = 256 << 20

// parseModel reads {name, file, output, actions, features, label}.
func (f *srcFile) parseModel(n ast.Node, opts Options) (*ModelRule, error) {
	var desc string
	m := &ModelRule{Pos: nodePos(n)}
	m.Pos.File = f.name
	fields, err := f.named(n, &m.Name, &desc, "file", "output", "actions", "features", "label")
	if err != nil {
		return nil, err
	}
	for _, key := range []string{"file", "output", "features"} {
		if fields[key] == nil {
			return nil, f.errorf(nodePos(n), "model %s: missing %s", m.Name, key)
		}
	}
	if m.Output, err = f.optString(fields["output"]); err != nil {
		return nil, err
	}
	if err := f.modelFeatures(m, fields["features"]); err != nil {
		return nil, err
	}
	if l := fields["label"]; l != nil {
		if m.Label, err = f.feature("label", l); err != nil {
			return nil, err
		}
	}
	if fields["actions"] != nil {
		if m.Actions, err = f.names(fields["actions"]); err != nil {
			return nil, err
		}
	}
	if m.File, err = f.optString(fields["file"]); err != nil {
		return nil, err
	}
	m.Model, err = loadModel(opts, m.File)
	if opts.MissingModels && errors.Is(err, fs.ErrNotExist) {
		if _, ok := outputObjective[m.Output]; !ok {
			return nil, f.errorf(nodePos(fields["output"]), "model %s: output %q (want probability, score or actions)", m.Name, m.Output)
		}
		return m, nil
	}
	if err != nil {
		return nil, f.errorf(nodePos(fields["file"]), "model %s: %w", m.Name, err)
	}
	return m, f.checkModel(m, fields)
}

// loadModel reads a model file from the workspace.
func loadModel(opts Options, name string) (*model.Model, error) {
	if opts.Models == nil {
		return nil, errNoModelFiles
	}
	fh, err := opts.Models.Open(name)
	if err != nil {
		return nil, fmt.Errorf("model file: %w", err)
	}
	defer fh.Close()
	b, err := io.ReadAll(io.LimitReader(fh, maxModelBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(b) > maxModelBytes {
		return nil, fmt.Errorf("%s: %w", name, errModelSize)
	}
	return model.Parse(name, b)
}

var (
	errNoModelFiles = errors.New("models are read from a workspace folder, and there is none")
	errModelSize    = fmt.Errorf("larger than %d MiB", maxModelBytes>>20)
)

// modelFeatures reads features: a mapping of name -> expression, in order.
func (f *srcFile) modelFeatures(m *ModelRule, n ast.Node) error {
	kvs, err := f.mapping(n)
	if err != nil {
		return err
	}
	for _, kv := range kvs {
		name := kv.Key.String()
		if !nameRE.MatchString(name) {
			return f.errorf(nodePos(kv.Key), "feature %q: use letters, digits and _ (not starting with a digit)", name)
		}
		ft, err := f.feature(name, kv.Value)
		if err != nil {
			return err
		}
		if slices.ContainsFunc(m.Features, func(o *Feature) bool { return o.Name == name }) {
			return f.errorf(nodePos(kv.Key), "duplicate feature %q", name)
		}
		m.Features = append(m.Features, ft)
	}
	if len(m.Features) == 0 {
		return f.errorf(nodePos(n), "model %s: no features", m.Name)
	}
	return nil
}

// feature compiles one feature expression, which may read only the
// profile (and now): models run before every rule.
func (f *srcFile) feature(name string, n ast.Node) (*Feature, error) {
	sc, err := f.stringScalar(n)
	if err != nil {
		return nil, err
	}
	prog, err := compileValue(sc.Value)
	if err != nil {
		return nil, sc.exprError(err)
	}
	for _, rf := range collectRefs(prog) {
		if rf.root != "" {
			return nil, f.errorf(sc.pos(rf.at), "feature %s: reads %s.%s; features read only the profile (models run before the rules)", name, rf.root, rf.name)
		}
	}
	return &Feature{Name: name, Expr: sc.Value, Pos: sc.pos(0), prog: prog}, nil
}

// compileValue compiles a feature: an expression whose value is a
// number, a boolean or nil.
func compileValue(src string) (*vm.Program, error) {
	p, err := expr.Compile(src, exprOptions()...)
	if err != nil {
		return nil, err
	}
	switch t := p.Node().Type(); {
	case t == nil:
	case t.Kind() == reflect.String || t.Kind() == reflect.Slice || t.Kind() == reflect.Map || t.Kind() == reflect.Struct:
		return nil, &file.Error{Line: 1, Message: fmt.Sprintf("expression is %s, not a number", t)}
	}
	return p, checkSpans(p)
}

// names reads a list of identifiers.
func (f *srcFile) names(n ast.Node) ([]string, error) {
	list, err := f.sequence(n)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, item := range list {
		sc, err := f.stringScalar(item)
		if err != nil {
			return nil, err
		}
		if !nameRE.MatchString(sc.Value) || slices.Contains(out, sc.Value) {
			return nil, f.errorf(nodePos(item), "action %q: want distinct names of letters, digits and _", sc.Value)
		}
		out = append(out, sc.Value)
	}
	return out, nil
}
