package shop_test

import (
	"bytes"
	"context"
	"io/fs"
	"math"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tailor-email/tailor/examples/shop"
	"github.com/tailor-email/tailor/render"
	"github.com/tailor-email/tailor/workspace"
)

// TestNBAMatchesXGBoost: the nba model's features are the churn model's,
// so the committed export (models/churn.features.csv) is its training
// table too, and tailor's predictions on it equal the probabilities
// XGBoost 1.7.4 made when scripts/train/nba.py trained it
// (models/nba.xgboost.csv) to 1e-6.
func TestNBAMatchesXGBoost(t *testing.T) {
	ws, err := workspace.Load(shop.FS())
	if err != nil {
		t.Fatal(err)
	}
	churn, nba := ws.Rules.Model("churn"), ws.Rules.Model("nba")
	if nba == nil || nba.Model == nil || nba.Model.NumOutputs() != 3 || len(nba.Features) != len(churn.Features) {
		t.Fatalf("the example's nba model: %+v", nba)
	}
	for i, f := range nba.Features {
		if f.Name != churn.Features[i].Name || f.Expr != churn.Features[i].Expr {
			t.Fatalf("nba feature %d is %s: %s, churn's %s: %s", i, f.Name, f.Expr, churn.Features[i].Name, churn.Features[i].Expr)
		}
	}
	feats := readCSV(t, "models/churn.features.csv")
	want := readCSV(t, "models/nba.xgboost.csv")
	if len(feats) != len(want) || !slices.Equal(want[0][1:], nba.Actions) {
		t.Fatalf("%d feature rows, %d predictions of %v", len(feats), len(want), want[0])
	}
	worst := 0.0
	var out []float64
	for i, row := range feats[1:] {
		x := make([]float64, len(nba.Features))
		for j := range x {
			x[j] = parseCell(t, row[1+j])
		}
		out = nba.Model.Predict(x, out[:0])
		p := want[i+1]
		if p[0] != row[0] {
			t.Fatalf("row %d: export %s, predictions %s", i, row[0], p[0])
		}
		for k := range out {
			d := math.Abs(out[k] - parseCell(t, p[1+k]))
			worst = max(worst, d)
			if d > 1e-6 {
				t.Errorf("%s %s: tailor %v, XGBoost %s", row[0], nba.Actions[k], out[k], p[1+k])
			}
		}
	}
	t.Logf("%d recipients x %d actions, largest difference %.3g", len(feats)-1, len(nba.Actions), worst)
}

// withoutSelect is the example without tailor.yaml's slots section: the
// offer slot chooses by priority.
func withoutSelect(t *testing.T) fs.FS {
	t.Helper()
	src, err := fs.ReadFile(shop.FS(), "tailor.yaml")
	if err != nil {
		t.Fatal(err)
	}
	start, end := bytes.Index(src, []byte("\nslots:\n")), bytes.Index(src, []byte("\nexperiments:\n"))
	if start < 0 || end < start {
		t.Fatal("tailor.yaml has no slots section before experiments")
	}
	return withConfig{fstest.MapFS{"tailor.yaml": {Data: append(append([]byte{}, src[:start]...), src[end:]...)}}, shop.FS()}
}

// withConfig is a workspace with another tailor.yaml.
type withConfig struct{ config, ws fs.FS }

func (w withConfig) Open(name string) (fs.File, error) {
	if name == "tailor.yaml" {
		return w.config.Open(name)
	}
	return w.ws.Open(name)
}

// TestModelChangesOffers: the model chooses some fixtures' offer other
// than priority would (the newsletter goldens show those), records a
// propensity for every fixture, and leaves the other slots alone.
func TestModelChangesOffers(t *testing.T) {
	c, plain := load(t), func() *render.Campaign {
		c, err := render.Load(withoutSelect(t))
		if err != nil {
			t.Fatal(err)
		}
		return c
	}()
	var changed []string
	for _, r := range fixtures(t) {
		got, err := c.Render(context.Background(), render.Request{Email: "newsletter", Profile: r.Profile})
		if err != nil {
			t.Fatal(err)
		}
		was, err := plain.Render(context.Background(), render.Request{Email: "newsletter", Profile: r.Profile})
		if err != nil {
			t.Fatal(err)
		}
		if p := got.Propensity["offer"]; p <= 0 || p > 1 || len(got.Propensity) != 1 || was.Propensity != nil {
			t.Errorf("%s: propensity %v, without the model %v", got.ID, got.Propensity, was.Propensity)
		}
		if got.Modules["hero"] != was.Modules["hero"] || got.Modules["products"] != was.Modules["products"] {
			t.Errorf("%s: the model changed another slot: %v, %v", got.ID, got.Modules, was.Modules)
		}
		if got.Modules["offer"] != was.Modules["offer"] {
			changed = append(changed, got.ID+" "+was.Modules["offer"]+" -> "+got.Modules["offer"])
		}
	}
	// docs/nba.md names the one recipient the model moves.
	if want := []string{"c-1001 offer/discount -> offer/free-shipping"}; !slices.Equal(changed, want) {
		t.Errorf("the model changed %v, want %v", changed, want)
	}
	t.Logf("offers the model changed:\n%s", strings.Join(changed, "\n"))
}
