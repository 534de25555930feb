package model_test

import (
	"bufio"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	_ "github.com/tailor-email/tailor/internal/goldentest"
	"github.com/tailor-email/tailor/model"
	"github.com/tailor-email/tailor/model/modeltest"
)

// TestMatchesXGBoost scores the rows XGBoost 1.7.4 scored in
// testdata/gen.py (missing values, values on split thresholds) and
// expects XGBoost's predictions to 1e-6.
func TestMatchesXGBoost(t *testing.T) {
	for _, name := range []string{"binary", "regression", "forest", "multiclass"} {
		t.Run(name, func(t *testing.T) {
			m, err := model.Load(filepath.Join("testdata", name+".json"))
			if err != nil {
				t.Fatal(err)
			}
			rows := readCases(t, filepath.Join("testdata", name+".cases.csv"))
			if len(rows) < 100 {
				t.Fatalf("%d cases", len(rows))
			}
			var out []float64
			worst := 0.0
			for i, c := range rows {
				out = m.Predict(c.x, out)
				if len(out) != len(c.want) || len(out) != m.NumOutputs() {
					t.Fatalf("row %d: %d outputs, XGBoost gave %d, NumOutputs %d", i, len(out), len(c.want), m.NumOutputs())
				}
				for j := range out {
					d := math.Abs(out[j] - c.want[j])
					worst = max(worst, d)
					if d > 1e-6 {
						t.Errorf("row %d output %d: %v, XGBoost %v", i, j, out[j], c.want[j])
					}
				}
			}
			t.Logf("%s: %d rows, %d trees, largest difference %.3g", name, len(rows), m.NumTrees(), worst)
		})
	}
}

type testCase struct{ x, want []float64 }

// readCases reads gen.py's rows: features (empty = missing) ; predictions.
func readCases(t *testing.T, path string) []testCase {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows []testCase
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		xs, ps, _ := strings.Cut(sc.Text(), ";")
		rows = append(rows, testCase{floats(t, xs), floats(t, ps)})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return rows
}

func floats(t *testing.T, s string) []float64 {
	var out []float64
	for _, f := range strings.Split(s, ",") {
		if f == "" {
			out = append(out, math.NaN())
			continue
		}
		v, err := strconv.ParseFloat(f, 64)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, v)
	}
	return out
}

func TestHeader(t *testing.T) {
	m, err := model.Load("testdata/multiclass.json")
	if err != nil {
		t.Fatal(err)
	}
	if m.NumFeatures() != 6 || m.NumOutputs() != 3 || m.Objective() != "multi:softprob" || m.Name() != "testdata/multiclass.json" {
		t.Errorf("features %d outputs %d objective %q name %q", m.NumFeatures(), m.NumOutputs(), m.Objective(), m.Name())
	}
	b, err := model.Load("testdata/binary.json")
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(b.FeatureNames(), ","); got != "f0,f1,f2,f3,f4,f5" || b.NumTrees() != 40 {
		t.Errorf("feature names %q, %d trees", got, b.NumTrees())
	}
}

// TestRefuses edits a real model into each unsupported form and expects
// an error naming the file and the unsupported thing.
func TestRefuses(t *testing.T) {
	src, err := os.ReadFile("testdata/binary.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ from, to, want string }{
		{`"name":"binary:logistic"`, `"name":"rank:pairwise"`, `objective "rank:pairwise"`},
		{`"name":"binary:logistic"`, `"name":"binary:logitraw"`, `objective "binary:logitraw"`},
		{`"name":"gbtree"`, `"name":"dart"`, `booster "dart"`},
		{`"version":[1,7,4]`, `"version":[2,0,3]`, `XGBoost version [2 0 3]`},
		{`"feature_types":[]`, `"feature_types":["q","c","q","q","q","q"]`, `categorical feature 1`},
		{`"split_type":[0,`, `"split_type":[1,`, `categorical split`},
		{`"categories":[]`, `"categories":[1]`, `categorical splits`},
		{`"size_leaf_vector":"0"}}`, `"size_leaf_vector":"3"}}`, `vector leaves`},
		{`"num_target":"1"`, `"num_target":"2"`, `num_target "2"`},
	} {
		data := strings.Replace(string(src), c.from, c.to, 1)
		if data == string(src) {
			t.Fatalf("%s not in the model", c.from)
		}
		_, err := model.Parse("models/churn.json", []byte(data))
		if err == nil || !errors.Is(err, model.ErrUnsupported) ||
			!strings.HasPrefix(err.Error(), "models/churn.json: ") || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want models/churn.json: ...%s", c.to, err, c.want)
		}
	}
}

// TestBroken: files that are not a well-formed model fail with the file
// named, never a panic.
func TestBroken(t *testing.T) {
	src, err := os.ReadFile("testdata/regression.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ from, to, want string }{
		{`"left_children":[1,`, `"left_children":[0,`, "not a tree"},
		{`"left_children":[1,`, `"left_children":[99999,`, "child out of range"},
		{`"split_indices":[`, `"split_indices":[7,`, "arrays of different lengths"},
		{`"split_indices":[2,`, `"split_indices":[6,`, "feature 6 of 6"},
		{`"tree_info":[0,`, `"tree_info":[1,`, "tree_info"},
		{`"base_score":"2.5E0"`, `"base_score":"x"`, "base_score"},
		{`"default_left":[1,`, `"default_left":[2,`, "default_left"},
		{`{`, `[`, "not an XGBoost JSON model"},
	} {
		data := strings.Replace(string(src), c.from, c.to, 1)
		if data == string(src) {
			t.Fatalf("%s not in the model", c.from)
		}
		if _, err := model.Parse("m.json", []byte(data)); err == nil || !strings.HasPrefix(err.Error(), "m.json: ") || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %s", c.to, err, c.want)
		}
	}
	if _, err := model.Load("testdata/absent.json"); err == nil || !strings.Contains(err.Error(), "testdata/absent.json") {
		t.Errorf("absent file: %v", err)
	}
}

// TestBooleanDefaultLeft: older XGBoost writes default_left as booleans;
// the model scores the same.
func TestBooleanDefaultLeft(t *testing.T) {
	src, err := os.ReadFile("testdata/binary.json")
	if err != nil {
		t.Fatal(err)
	}
	s := string(src)
	var b strings.Builder
	for {
		i := strings.Index(s, `"default_left":[`)
		if i < 0 {
			break
		}
		j := i + strings.Index(s[i:], "]")
		list := strings.NewReplacer("1", "true", "0", "false").Replace(s[i+len(`"default_left":[`) : j])
		b.WriteString(s[:i] + `"default_left":[` + list)
		s = s[j:]
	}
	b.WriteString(s)
	old, err := model.Parse("old.json", []byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	m, err := model.Load("testdata/binary.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range readCases(t, "testdata/binary.cases.csv") {
		if a, b := m.Predict(c.x, nil)[0], old.Predict(c.x, nil)[0]; a != b {
			t.Fatalf("%v: %v with 0/1, %v with booleans", c.x, a, b)
		}
	}
}

func TestPredictAllocatesNothing(t *testing.T) {
	m, err := model.Parse("forest", modeltest.Forest(300, 6, 20, 1))
	if err != nil {
		t.Fatal(err)
	}
	x := make([]float64, 20)
	x[3] = math.NaN()
	out := make([]float64, 0, 1)
	if n := testing.AllocsPerRun(100, func() { out = m.Predict(x, out) }); n != 0 {
		t.Errorf("%v allocations per Predict", n)
	}
	if p := out[0]; !(p > 0 && p < 1) {
		t.Errorf("probability %v", p)
	}
}

func TestPredictWrongLength(t *testing.T) {
	m, err := model.Load("testdata/binary.json")
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if r := recover(); r == nil || !strings.Contains(r.(string), "5 features, want 6") {
			t.Errorf("recovered %v", r)
		}
	}()
	m.Predict(make([]float64, 5), nil)
}

// BenchmarkPredict300 is one recipient's cost of a 300-tree, depth-6
// model over 20 features.
func BenchmarkPredict300(b *testing.B) {
	m, err := model.Parse("forest", modeltest.Forest(300, 6, 20, 1))
	if err != nil {
		b.Fatal(err)
	}
	x := make([]float64, 20)
	for i := range x {
		x[i] = float64(i%5) - 2
	}
	out := make([]float64, 0, 1)
	b.ReportAllocs()
	for b.Loop() {
		out = m.Predict(x, out)
	}
}
