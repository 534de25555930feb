package model

import (
	"encoding/json"
	"fmt"
	"os"
)

// Model is a loaded tree ensemble, ready to score. It is read-only after
// Load, so one Model serves every goroutine.
type Model struct {
	name   string
	obj    objective
	nFeat  int
	nOut   int
	base   float32
	names  []string
	nodes  []node
	roots  []int32 // each tree's root in nodes
	output []int32 // the output each tree adds to
}

// Load reads an XGBoost JSON model file. Errors name the file.
func Load(path string) (*Model, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("model: %w", err)
	}
	return Parse(path, data)
}

// Parse reads an XGBoost JSON model from data; name (usually the file's
// path) prefixes every error.
func Parse(name string, data []byte) (*Model, error) {
	m, err := parse(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	m.name = name
	return m, nil
}

func parse(data []byte) (*Model, error) {
	var f xgbFile
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("not an XGBoost JSON model: %w", err)
	}
	obj, nFeat, nOut, base, err := f.header()
	if err != nil {
		return nil, err
	}
	trees := f.Learner.Booster.Model
	if len(trees.TreeInfo) != len(trees.Trees) {
		return nil, fmt.Errorf("%d trees, %d tree_info: %w", len(trees.Trees), len(trees.TreeInfo), errTreeInfo)
	}
	m := &Model{obj: obj, nFeat: nFeat, nOut: nOut, base: base}
	if len(f.Learner.FeatureNames) > 0 {
		m.names = f.Learner.FeatureNames
	}
	for i := range trees.Trees {
		if g := trees.TreeInfo[i]; g < 0 || g >= nOut {
			return nil, fmt.Errorf("tree %d: output %d of %d: %w", i, g, nOut, errTreeInfo)
		}
		var root int32
		m.nodes, root, err = flatten(&trees.Trees[i], nFeat, m.nodes)
		if err != nil {
			return nil, fmt.Errorf("tree %d: %w", i, err)
		}
		m.roots = append(m.roots, root)
		m.output = append(m.output, int32(trees.TreeInfo[i]))
	}
	return m, nil
}

// Name is the name the model was loaded under (its path for Load).
func (m *Model) Name() string { return m.name }

// NumFeatures is the length of the feature vector Predict takes.
func (m *Model) NumFeatures() int { return m.nFeat }

// NumOutputs is how many values Predict gives: 1, or one per class for
// multi:softprob.
func (m *Model) NumOutputs() int { return m.nOut }

// NumTrees is the number of trees summed per prediction.
func (m *Model) NumTrees() int { return len(m.roots) }

// Objective is XGBoost's name for the model's objective.
func (m *Model) Objective() string { return m.obj.String() }

// FeatureNames are the feature names saved with the model (nil when it
// was trained without them).
func (m *Model) FeatureNames() []string { return m.names }

// Predict scores one feature vector x of NumFeatures values (NaN marks a
// missing value) and returns out[:0] with NumOutputs predictions
// appended: a probability for binary:logistic, the score for
// reg:squarederror, one probability per class for multi:softprob. It
// panics when len(x) != NumFeatures.
func (m *Model) Predict(x []float64, out []float64) []float64 {
	if len(x) != m.nFeat {
		panic(fmt.Sprintf("model %s: %d features, want %d", m.name, len(x), m.nFeat))
	}
	out = out[:0]
	for range m.nOut {
		out = append(out, float64(m.base))
	}
	var buf [64]float32 // the features as XGBoost reads them, on the stack when they fit
	x32 := buf[:0]
	if len(x) > len(buf) {
		x32 = make([]float32, 0, len(x))
	}
	for _, v := range x {
		x32 = append(x32, float32(v))
	}
	nodes := m.nodes
	for t, root := range m.roots {
		g := m.output[t]
		out[g] = float64(float32(out[g]) + leaf(nodes, root, x32))
	}
	m.obj.transform(out)
	return out
}

// leaf walks one tree from root to its leaf's value. A NaN compares
// false, so only a missing value whose default is yes needs its own test.
func leaf(nodes []node, i int32, x []float32) float32 {
	for {
		nd := &nodes[i]
		if nd.feat < 0 {
			return nd.cond
		}
		v := x[nd.feat]
		if v < nd.cond || (nd.missYes && v != v) {
			i++
		} else {
			i = nd.no
		}
	}
}
