package shop_test

import (
	"encoding/csv"
	"math"
	"os"
	"strconv"
	"testing"

	"github.com/tailor-email/tailor/examples/shop"
	"github.com/tailor-email/tailor/recipients"
	"github.com/tailor-email/tailor/segment"
	"github.com/tailor-email/tailor/workspace"
)

// churnModel is the example's churn model as the workspace loads it.
func churnModel(t testing.TB) (*workspace.Workspace, *segment.ModelRule) {
	t.Helper()
	ws, err := workspace.Load(shop.FS())
	if err != nil {
		t.Fatal(err)
	}
	m := ws.Rules.Model("churn")
	if m == nil || m.Model == nil || m.Model.NumTrees() != 300 {
		t.Fatalf("the example's churn model: %+v", m)
	}
	return ws, m
}

// readCSV reads a committed CSV of the example's models/ folder.
func readCSV(t *testing.T, name string) [][]string {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func parseCell(t *testing.T, s string) float64 {
	t.Helper()
	if s == "" {
		return math.NaN()
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestChurnMatchesXGBoost: tailor's churn predictions on the committed
// export (models/churn.features.csv) equal the ones XGBoost 1.7.4 made
// when it trained the model on it (models/churn.xgboost.csv) to 1e-6.
func TestChurnMatchesXGBoost(t *testing.T) {
	_, m := churnModel(t)
	feats := readCSV(t, "models/churn.features.csv")
	want := readCSV(t, "models/churn.xgboost.csv")
	if len(feats) != len(want) || len(feats) < 1000 {
		t.Fatalf("%d feature rows, %d predictions", len(feats), len(want))
	}
	worst := 0.0
	var out []float64
	for i, row := range feats[1:] {
		x := make([]float64, len(m.Features))
		for j := range x {
			x[j] = parseCell(t, row[1+j])
		}
		out = m.Model.Predict(x, out)
		p := want[i+1]
		if p[0] != row[0] {
			t.Fatalf("row %d: export %s, predictions %s", i, row[0], p[0])
		}
		d := math.Abs(out[0] - parseCell(t, p[1]))
		worst = max(worst, d)
		if d > 1e-6 {
			t.Errorf("%s: tailor %v, XGBoost %s", row[0], out[0], p[1])
		}
	}
	t.Logf("%d recipients, largest difference %.3g", len(feats)-1, worst)
}

// TestChurnExportCurrent: the committed export is what tailor computes
// now from models/train.jsonl, cell for cell, so the model was trained on
// the features rendering uses (change a feature, and this fails until
// the export and the model are made again: scripts/train/README.md).
func TestChurnExportCurrent(t *testing.T) {
	ws, m := churnModel(t)
	now := ws.Config.Clock()
	f, err := os.Open("models/train.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	feats := readCSV(t, "models/churn.features.csv")
	header := []string{"id"}
	for _, ft := range m.Features {
		header = append(header, ft.Name)
	}
	header = append(header, "label")
	if got := feats[0]; len(got) != len(header) || got[0] != "id" || got[len(got)-1] != "label" {
		t.Fatalf("export header %v, want %v", got, header)
	}
	for j, h := range header {
		if feats[0][j] != h {
			t.Fatalf("export column %d is %s, the model's is %s", j, feats[0][j], h)
		}
	}
	n := 0
	for rec := range recipients.ReadWith("models/train.jsonl", f, recipients.JSONL, ws.ReadOptions()) {
		if rec.Err != nil {
			t.Fatal(rec.Err)
		}
		n++
		x, label, err := m.Row(rec.Profile, now)
		if err != nil {
			t.Fatal(err)
		}
		row := feats[n]
		for j, v := range append(x, label) {
			if got := cellOf(v); got != row[j+1] {
				t.Errorf("%s %s: tailor %s, the export %s", row[0], header[j+1], got, row[j+1])
			}
		}
	}
	if n != len(feats)-1 {
		t.Errorf("%d profiles, %d export rows", n, len(feats)-1)
	}
}

// cellOf formats a value as tailor features export does.
func cellOf(v float64) string {
	if math.IsNaN(v) {
		return ""
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}
