package segment_test

import (
	"math"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/tailor-email/tailor/model"
	"github.com/tailor-email/tailor/segment"
)

// modelFS holds model/testdata's binary model (features f0..f5) and
// multiclass model (3 classes, unnamed features) as a workspace's files.
func modelFS(t *testing.T) fstest.MapFS {
	t.Helper()
	fs := fstest.MapFS{}
	for name, src := range map[string]string{"models/churn.json": "binary.json", "models/nba.json": "multiclass.json"} {
		b, err := os.ReadFile("../model/testdata/" + src)
		if err != nil {
			t.Fatal(err)
		}
		fs[name] = &fstest.MapFile{Data: b}
	}
	return fs
}

const modelRules = `models:
  - name: churn
    file: models/churn.json
    output: probability
    label: churned
    features:
      f0: days_since(last_purchase_at)
      f1: count(orders, within(.at, "90d"))
      f2: sum(orders, .total)
      f3: vip
      f4: opens_30d
      f5: -opens_30d ?? 0
  - name: nba
    file: models/nba.json
    output: actions
    actions: [discount, newsletter, bundle]
    features: {a: opens_30d, b: 1, c: 2, d: 3, e: 4, f: 5}
segments:
  - name: at_risk
    when: predict.churn >= 0.5
  - name: likes_discount
    when: predict.nba.discount > predict.nba.bundle
scores:
  - name: risk
    rules:
      - {when: "predict.churn >= 0.5", points: 10}
`

var modelNow = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

// TestPredictions: predict.NAME in rules is the model's prediction on the
// declared features, computed with the rules' helpers (nil as missing,
// booleans as 1/0).
func TestPredictions(t *testing.T) {
	fs := modelFS(t)
	r, err := segment.ParseWith("segments.yaml", []byte(modelRules), segment.Options{Models: fs})
	if err != nil {
		t.Fatal(err)
	}
	p := segment.Profile{
		"last_purchase_at": "2026-05-02T12:00:00Z",
		"orders":           []any{map[string]any{"at": "2026-05-02T12:00:00Z", "total": 40.0}, map[string]any{"at": "2025-01-01", "total": 12.5}},
		"vip":              true,
		"churned":          false,
	}
	ex, err := r.Explain(p, modelNow)
	if err != nil {
		t.Fatal(err)
	}
	churn, err := model.Parse("churn", fs["models/churn.json"].Data)
	if err != nil {
		t.Fatal(err)
	}
	want := churn.Predict([]float64{30, 1, 52.5, 1, math.NaN(), 0}, nil)[0]
	got := ex.Membership.Predictions["churn"]
	if got != want {
		t.Errorf("predict.churn = %v, want %v", got, want)
	}
	if in := ex.Membership.Segments["at_risk"]; in != (want >= 0.5) {
		t.Errorf("at_risk %v with churn %v", in, want)
	}
	if pts := ex.Membership.Scores["risk"]; (pts == 10) != (want >= 0.5) {
		t.Errorf("score risk %d with churn %v", pts, want)
	}
	tr := ex.Predictions[0]
	if tr.Model.Name != "churn" || len(tr.Features) != 6 || tr.Features[0] != 30 || !math.IsNaN(tr.Features[4]) || tr.Features[5] != 0 {
		t.Errorf("trace %s %v", tr.Model.Name, tr.Features)
	}
	nba := ex.Membership.Predictions["nba"].(map[string]float64)
	if s := nba["discount"] + nba["newsletter"] + nba["bundle"]; math.Abs(s-1) > 1e-6 {
		t.Errorf("nba %v sums to %v", nba, s)
	}
	if in := ex.Membership.Segments["likes_discount"]; in != (nba["discount"] > nba["bundle"]) {
		t.Errorf("likes_discount %v with %v", in, nba)
	}
	x, label, err := r.Model("churn").Row(p, modelNow)
	if err != nil || label != 0 || x[0] != 30 || x[2] != 52.5 {
		t.Errorf("Row: %v %v %v", x, label, err)
	}
}

// TestModelErrors: each mistake in models: is reported at its place.
func TestModelErrors(t *testing.T) {
	fs := modelFS(t)
	for _, c := range []struct{ from, to, want string }{
		{"file: models/churn.json", "file: models/gone.json", "segments.yaml:3:11: model churn: model file: open models/gone.json"},
		{"output: probability", "output: score", "segments.yaml:4:13: model churn: output score needs objective reg:squarederror; models/churn.json has binary:logistic"},
		{"output: probability", "output: odds", `segments.yaml:4:13: model churn: output "odds"`},
		{"      f5: -opens_30d ?? 0\n", "", "segments.yaml:7:7: model churn: 5 features declared, models/churn.json takes 6"},
		{"f5: -opens_30d", "g5: -opens_30d", "segments.yaml:7:7: model churn: features f0, f1, f2, f3, f4, g5, but models/churn.json was trained on f0, f1, f2, f3, f4, f5"},
		{"f4: opens_30d", "f4: segments.at_risk", "segments.yaml:11:20: feature f4: reads segments.at_risk; features read only the profile"},
		{"f4: opens_30d", "f4: upper(\"x\")", "segments.yaml:11:11: expression is string, not a number"},
		{"f4: opens_30d", "f4: within(x, \"9y\")", "segments.yaml:11:21: within:"},
		{"actions: [discount, newsletter, bundle]", "actions: [discount, bundle]", "segments.yaml:16:14: model nba: 2 actions for the 3 classes of models/nba.json"},
		{"when: predict.churn >= 0.5", "when: predict.chrun >= 0.5", `segments.yaml:20:19: unknown model "chrun"`},
		{"  - name: nba", "  - name: churn", "segments.yaml:13:5: duplicate model churn"},
	} {
		src := strings.Replace(modelRules, c.from, c.to, 1)
		if src == modelRules {
			t.Fatalf("%q not in the rules", c.from)
		}
		_, err := segment.ParseWith("segments.yaml", []byte(src), segment.Options{Models: fs})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v\nwant %s", c.to, err, c.want)
		}
	}
	if _, err := segment.Parse("segments.yaml", []byte(modelRules)); err == nil || !strings.Contains(err.Error(), "segments.yaml:3:11: model churn: models are read from a workspace folder") {
		t.Errorf("without files: %v", err)
	}
	broken := fstest.MapFS{"models/churn.json": &fstest.MapFile{Data: []byte(`{"version":[1,7,4],"learner":{"gradient_booster":{"name":"dart"}}}`)}, "models/nba.json": fs["models/nba.json"]}
	if _, err := segment.ParseWith("segments.yaml", []byte(modelRules), segment.Options{Models: broken}); err == nil ||
		!strings.Contains(err.Error(), `segments.yaml:3:11: model churn: models/churn.json: unsupported: booster "dart"`) {
		t.Errorf("dart: %v", err)
	}
}

// TestFeatureRuntimeError: a feature that fails at run time is missing,
// and the error names its place.
func TestFeatureRuntimeError(t *testing.T) {
	r, err := segment.ParseWith("segments.yaml", []byte(modelRules), segment.Options{Models: modelFS(t)})
	if err != nil {
		t.Fatal(err)
	}
	ex, err := r.Explain(segment.Profile{"last_purchase_at": "not a date", "vip": "yes"}, modelNow)
	if err == nil || !strings.Contains(err.Error(), "segments.yaml:7:11: model churn: feature f0:") {
		t.Errorf("err %v", err)
	}
	if f := ex.Predictions[0].Features; !math.IsNaN(f[0]) || !math.IsNaN(f[3]) {
		t.Errorf("features %v", f)
	}
	if _, ok := ex.Membership.Predictions["churn"].(float64); !ok {
		t.Errorf("no prediction: %v", ex.Membership.Predictions)
	}
}

// TestMissingModels: with Options.MissingModels a model file that does
// not exist yet loads as no model (for the first features export): it
// predicts nothing, and its features still compute.
func TestMissingModels(t *testing.T) {
	fs := modelFS(t)
	delete(fs, "models/churn.json")
	if _, err := segment.ParseWith("segments.yaml", []byte(modelRules), segment.Options{Models: fs}); err == nil {
		t.Fatal("a missing model file loads without MissingModels")
	}
	r, err := segment.ParseWith("segments.yaml", []byte(modelRules), segment.Options{Models: fs, MissingModels: true})
	if err != nil {
		t.Fatal(err)
	}
	m := r.Model("churn")
	if m.Model != nil || r.Model("nba").Model == nil {
		t.Fatalf("churn %v, nba %v", m.Model, r.Model("nba").Model)
	}
	p := segment.Profile{"last_purchase_at": "2026-05-02T12:00:00Z", "churned": true}
	got, err := r.Evaluate(p, modelNow)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := got.Predictions["churn"]; ok || got.Segments["at_risk"] {
		t.Errorf("predictions %v, at_risk %v", got.Predictions, got.Segments["at_risk"])
	}
	if x, label, err := m.Row(p, modelNow); err != nil || x[0] != 30 || label != 1 {
		t.Errorf("Row %v %v %v", x, label, err)
	}
}

// TestConditionReadsPredictions: a module's when: reads predict.NAME
// from the recipient's Membership, an actions model's per action, and a
// prediction the recipient does not have compares false.
func TestConditionReadsPredictions(t *testing.T) {
	c, err := segment.CompileCondition("predict.churn >= 0.7 and predict.nba.bundle < 0.5")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		preds map[string]any
		want  bool
	}{
		{map[string]any{"churn": 0.8, "nba": map[string]float64{"bundle": 0.2}}, true},
		{map[string]any{"churn": 0.6, "nba": map[string]float64{"bundle": 0.2}}, false},
		{map[string]any{"churn": 0.8, "nba": map[string]float64{"bundle": 0.7}}, false},
		{map[string]any{"churn": 0.8}, false},
		{nil, false},
	} {
		got, err := c.Match(segment.Env{Membership: segment.Membership{Predictions: tc.preds}})
		if err != nil || got != tc.want {
			t.Errorf("%v: %v, %v; want %v", tc.preds, got, err, tc.want)
		}
	}
}
