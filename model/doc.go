// Package model scores gradient-boosted tree models: it loads a model
// saved by XGBoost 1.x as JSON (Booster.save_model("m.json")) into flat
// node arrays and predicts from a feature vector.
//
// API:
//
//	m, err := model.Load("models/churn.json") // or model.Parse(name, data)
//	m.NumFeatures()                           // length of the feature vector
//	m.NumOutputs()                            // 1, or num_class for multi:softprob
//	m.Objective()                             // "binary:logistic", ...
//	out := m.Predict(x, out[:0])              // x[i] NaN = missing
//
// Predict is safe for concurrent use and allocates nothing when out has
// room for NumOutputs values and the model has at most 64 features.
//
// # Supported
//
//   - booster gbtree (num_parallel_tree >= 1, so random forests too);
//   - numeric splits: a feature value v goes left when v < threshold, right
//     otherwise, and a missing value (NaN) follows the node's default
//     direction;
//   - objectives binary:logistic (the probability), reg:squarederror (the
//     raw score) and multi:softprob (one probability per class, summing to
//     1);
//   - base_score, as XGBoost applies it (the logit of base_score for
//     binary:logistic, added as is otherwise);
//   - every tree in the file (XGBoost's Booster.predict default; a
//     best_iteration left by early stopping is not applied).
//
// Load refuses, naming the file and what is unsupported: other boosters
// (dart, gblinear), other objectives, categorical splits or feature types,
// vector leaves (multi-target trees), and files from XGBoost other than 1.x.
//
// Features are float32 and leaves are summed in float32 in tree order, as
// XGBoost does, so predictions equal XGBoost's to within 1e-6.
package model
