package model

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// xgbFile is the part of XGBoost's JSON model that scoring needs.
type xgbFile struct {
	Version []int      `json:"version"`
	Learner xgbLearner `json:"learner"`
}

type xgbLearner struct {
	FeatureNames []string        `json:"feature_names"`
	FeatureTypes []string        `json:"feature_types"`
	Booster      xgbBooster      `json:"gradient_booster"`
	Param        xgbLearnerParam `json:"learner_model_param"`
	Objective    struct {
		Name string `json:"name"`
	} `json:"objective"`
}

type xgbLearnerParam struct {
	BaseScore  string `json:"base_score"`
	NumClass   string `json:"num_class"`
	NumFeature string `json:"num_feature"`
	NumTarget  string `json:"num_target"`
}

type xgbBooster struct {
	Name  string `json:"name"`
	Model struct {
		TreeInfo []int     `json:"tree_info"`
		Trees    []xgbTree `json:"trees"`
	} `json:"model"`
}

type xgbTree struct {
	Left        []int     `json:"left_children"`
	Right       []int     `json:"right_children"`
	SplitIndex  []int64   `json:"split_indices"`
	SplitCond   []float32 `json:"split_conditions"`
	DefaultLeft flags     `json:"default_left"`
	SplitType   []int     `json:"split_type"`
	Categories  []int     `json:"categories"`
	Param       struct {
		NumNodes       string `json:"num_nodes"`
		SizeLeafVector string `json:"size_leaf_vector"`
	} `json:"tree_param"`
}

// flags reads default_left, which XGBoost 1.7 writes as 0/1 and older
// versions as booleans.
type flags []bool

// UnmarshalJSON accepts an array of booleans or of 0/1.
func (f *flags) UnmarshalJSON(b []byte) error {
	var raw []json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return fmt.Errorf("default_left: %w", err)
	}
	out := make([]bool, len(raw))
	for i, r := range raw {
		switch string(bytes.TrimSpace(r)) {
		case "true", "1":
			out[i] = true
		case "false", "0":
		default:
			return fmt.Errorf("default_left[%d]: %w: %s", i, errNotFlag, r)
		}
	}
	*f = out
	return nil
}

var (
	errNotFlag  = errors.New("not a boolean or 0/1")
	errNotCount = errors.New("not a count")
)

// ErrUnsupported is wrapped by every error about a valid XGBoost model
// that uses something this package does not score.
var ErrUnsupported = errors.New("unsupported")

// header checks the learner-level settings and returns the objective,
// the number of features and classes, and the starting margin.
func (f *xgbFile) header() (obj objective, nFeat, nClass int, base float32, err error) {
	l := &f.Learner
	if len(f.Version) == 0 || f.Version[0] != 1 {
		return 0, 0, 0, 0, fmt.Errorf("%w: XGBoost version %v (1.x JSON models only)", ErrUnsupported, f.Version)
	}
	if l.Booster.Name != "gbtree" {
		return 0, 0, 0, 0, fmt.Errorf("%w: booster %q (gbtree only)", ErrUnsupported, l.Booster.Name)
	}
	obj, ok := objectives[l.Objective.Name]
	if !ok {
		return 0, 0, 0, 0, fmt.Errorf("%w: objective %q (binary:logistic, reg:squarederror, multi:softprob only)", ErrUnsupported, l.Objective.Name)
	}
	for i, t := range l.FeatureTypes {
		if t == "c" || t == "categorical" {
			return 0, 0, 0, 0, fmt.Errorf("%w: categorical feature %d", ErrUnsupported, i)
		}
	}
	if nFeat, err = intParam("num_feature", l.Param.NumFeature, 1); err != nil {
		return 0, 0, 0, 0, err
	}
	if len(l.FeatureNames) != 0 && len(l.FeatureNames) != nFeat {
		return 0, 0, 0, 0, fmt.Errorf("%d feature names for num_feature %d", len(l.FeatureNames), nFeat)
	}
	if t, err := intParam("num_target", l.Param.NumTarget, 1); err != nil || t > 1 {
		return 0, 0, 0, 0, fmt.Errorf("%w: num_target %q (one target only)", ErrUnsupported, l.Param.NumTarget)
	}
	if nClass, err = intParam("num_class", l.Param.NumClass, 0); err != nil {
		return 0, 0, 0, 0, err
	}
	if nClass, err = obj.classes(nClass); err != nil {
		return 0, 0, 0, 0, err
	}
	b, err := strconv.ParseFloat(strings.TrimSpace(l.Param.BaseScore), 32)
	if err != nil {
		return 0, 0, 0, 0, fmt.Errorf("base_score %q: %w", l.Param.BaseScore, err)
	}
	base, err = obj.margin(float32(b))
	return obj, nFeat, nClass, base, err
}

// intParam parses one of XGBoost's string-valued integer parameters; an
// absent one is def.
func intParam(name, s string, def int) (int, error) {
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 || n > 1<<24 {
		return 0, fmt.Errorf("%s %q: %w", name, s, errNotCount)
	}
	return n, nil
}
