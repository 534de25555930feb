package audience

import (
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/tailor-email/tailor/segment"
)

// writePredictions prints each model's prediction and the feature values
// that went in (models: of segments.yaml); nothing without models.
func writePredictions(w io.Writer, preds []segment.PredictionTrace) {
	if len(preds) == 0 {
		return
	}
	fmt.Fprint(w, "\nmodels:\n")
	for _, p := range preds {
		m := p.Model
		fmt.Fprintf(w, "  predict.%s = %s (%s, %s, %d trees)\n", m.Name, showPrediction(p.Value, m.Actions), m.Output, m.File, m.Model.NumTrees())
		for i, ft := range m.Features {
			fmt.Fprintf(w, "        %s = %s  (%s)\n", ft.Name, showFeature(p.Features[i]), oneLine(ft.Expr))
		}
		if p.Err != nil {
			fmt.Fprintf(w, "        error: %s\n", p.Err.Error())
		}
	}
}

// showPrediction prints a prediction: a number, or each action's in the
// model's order.
func showPrediction(v any, actions []string) string {
	switch x := v.(type) {
	case float64:
		return strconv.FormatFloat(x, 'g', 6, 64)
	case map[string]float64:
		s := ""
		for i, a := range actions {
			if i > 0 {
				s += ", "
			}
			s += a + " " + strconv.FormatFloat(x[a], 'g', 6, 64)
		}
		return "{" + s + "}"
	}
	return showValue(v)
}

// showFeature prints a feature value; NaN is missing.
func showFeature(v float64) string {
	if math.IsNaN(v) {
		return "(missing)"
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}
