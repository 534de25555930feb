package segment

import (
	"fmt"
	"slices"
	"strings"

	"github.com/goccy/go-yaml/ast"
)

// outputObjective is the objective each output kind needs.
var outputObjective = map[string]string{
	OutputProbability: "binary:logistic",
	OutputScore:       "reg:squarederror",
	OutputActions:     "multi:softprob",
}

// checkModel holds a declaration to its model file: the output kind to
// the objective, the actions to the classes, the features to the
// model's (by count, and by name when the file names them).
func (f *srcFile) checkModel(m *ModelRule, fields map[string]ast.Node) error {
	mod := m.Model
	want, ok := outputObjective[m.Output]
	if !ok {
		return f.errorf(nodePos(fields["output"]), "model %s: output %q (want probability, score or actions)", m.Name, m.Output)
	}
	if mod.Objective() != want {
		return f.errorf(nodePos(fields["output"]), "model %s: output %s needs objective %s; %s has %s", m.Name, m.Output, want, m.File, mod.Objective())
	}
	if m.Output == OutputActions && len(m.Actions) != mod.NumOutputs() {
		at := fields["actions"]
		if at == nil {
			at = fields["output"]
		}
		return f.errorf(nodePos(at), "model %s: %d actions for the %d classes of %s (list one name per class, class 0 first)", m.Name, len(m.Actions), mod.NumOutputs(), m.File)
	}
	if m.Output != OutputActions && fields["actions"] != nil {
		return f.errorf(nodePos(fields["actions"]), "model %s: actions are for output: actions", m.Name)
	}
	names := make([]string, len(m.Features))
	for i, ft := range m.Features {
		names[i] = ft.Name
	}
	if len(names) != mod.NumFeatures() {
		return f.errorf(nodePos(fields["features"]), "model %s: %d features declared, %s takes %d", m.Name, len(names), m.File, mod.NumFeatures())
	}
	if fn := mod.FeatureNames(); fn != nil && !slices.Equal(fn, names) {
		return f.errorf(nodePos(fields["features"]), "model %s: features %s, but %s was trained on %s (same names, same order)",
			m.Name, strings.Join(names, ", "), m.File, strings.Join(fn, ", "))
	}
	return nil
}

// linkModels checks that model names are distinct, and gives features
// with the same expression one slot, so that models sharing a feature
// compute it once per recipient.
func (r *Rules) linkModels(f *srcFile) error {
	seen := map[string]bool{}
	slots := map[string]int{}
	for _, m := range r.models {
		if seen[m.Name] {
			return f.errorf(m.Pos, "duplicate model %s", m.Name)
		}
		seen[m.Name] = true
		for _, ft := range m.Features {
			slot, ok := slots[ft.Expr]
			if !ok {
				slot = len(slots)
				slots[ft.Expr] = slot
			}
			ft.slot = slot
		}
	}
	r.nfeatures = len(slots)
	return nil
}

// hasModel reports whether predict.name names a model.
func (r *Rules) hasModel(name string) bool {
	return slices.ContainsFunc(r.models, func(m *ModelRule) bool { return m.Name == name })
}

// Models returns segments.yaml's models in file order (read-only).
func (r *Rules) Models() []*ModelRule {
	if r == nil {
		return nil
	}
	return r.models
}

// Model returns the model of that name, or nil.
func (r *Rules) Model(name string) *ModelRule {
	for _, m := range r.Models() {
		if m.Name == name {
			return m
		}
	}
	return nil
}

// errFeatureType is a feature whose value is not a number, a boolean or nil.
type errFeatureType struct{ v any }

func (e errFeatureType) Error() string { return fmt.Sprintf("value is %T, not a number", e.v) }
