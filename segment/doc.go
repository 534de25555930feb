// Package segment decides who a recipient is: it compiles segments.yaml
// (segments, scores and tiers) once and evaluates it per recipient, compiles
// module `when:` conditions, and assigns experiment variants.
//
// # segments.yaml
//
//	segments:
//	  - name: recent_purchaser
//	    description: Bought in the last 30 days
//	    when: days_since(last_purchase_at) <= 30
//	  - name: high_value
//	    when: sum(filter(orders, days_since(.at) <= 90), .total) >= 500 and segments.recent_purchaser
//	scores:
//	  - name: engagement
//	    rules:
//	      - {when: "days_since(last_purchase_at) <= 30", points: 10}
//	      - {when: "opens_30d > 0", points: 5}
//	      - {when: "days_since(last_activity_at) > 90", points: -3}
//	    tiers:            # lowest threshold first; a score at or above min gets the tier
//	      - {name: cold, min: -100}
//	      - {name: warm, min: 5}
//	      - {name: hot, min: 15}
//
// Names are identifiers (letters, digits, _). A rule may read another
// segment as segments.NAME and another score as scores.NAME or tiers.NAME;
// Parse orders evaluation so that what a rule reads is decided first (file
// order otherwise, segments before scores) and rejects unknown names and
// cycles. A score below every tier's min has the tier "". An expression
// that does not compile is reported as "segments.yaml:LINE:COL: message",
// LINE:COL being the offending character inside the YAML value.
//
// # Expressions
//
// Rules and conditions are github.com/expr-lang/expr expressions. They see
// every profile field as a top-level variable (orders, last_purchase_at,
// churn_risk, ...), and these reserved names, which win over a profile field
// of the same name (still readable as profile.NAME):
//
//	profile   the whole profile map
//	segments  segment name -> bool
//	scores    score name -> points
//	tiers     score name -> tier name
//	variants  experiment name -> variant (empty for segments.yaml rules)
//	predict   model name -> prediction (see Models)
//	now       the evaluation time (injected, never the wall clock)
//
// Missing data is nil-safe, never an error:
//   - a missing field is nil; x.y is nil when x is nil (every member access
//     behaves like expr's ?.);
//   - <, <=, > and >= with nil on either side are false, so "opens_30d > 0"
//     and "opens_30d <= 0" are both false for a profile without opens_30d;
//     use "(opens_30d ?? 0) <= 0" to treat it as zero; == and != compare nil
//     normally (nil == 0 is false);
//   - collection builtins (count, sum, all, any, filter, map, len, ...) see
//     a nil collection as empty, so all(nil, ...) is true and count(nil, ...) is 0;
//   - not, and, or treat nil as false ("not vip" is true without vip);
//   - segments.NAME of a segment the recipient is not in is false;
//     variants.NAME of an experiment without an assignment is "";
//   - arithmetic on nil (orders_count + 1) is an error: use ??.
//
// Helpers, all with the injected clock:
//
//	days_since(x)    days from x to now (fractional); x is a time, an RFC 3339
//	                 string, YYYY-MM-DD or Unix seconds; a missing date is
//	                 unknown, not long ago: days_since(nil) is nil, so both
//	                 "days_since(x) <= 30" and "days_since(x) > 90" are false
//	                 without x; "(days_since(x) ?? 1e9) > 90" counts a
//	                 missing date as long ago
//	hours_since(x)   the same in hours
//	within(x, "30d") x is at most 30 days before now (units m, h, d, w); nil is false
//	last(xs, n)      the last n elements of xs (all of it when shorter);
//	                 last(xs) is still the last element
//
// The collection helpers are expr's own builtins, with # (or a leading
// dot) for the element:
//
//	count(orders, days_since(.at) <= 30) >= 2          two orders this month
//	sum(filter(orders, within(.at, "90d")), .total)    90-day spend
//	all(last(emails, 5), .opened)                      opened each of the last 5 emails
//	any(views, "premium" in .tags)                     viewed a product tagged premium
//
// A date that does not parse is a run-time error: Evaluate counts that rule
// as false and returns the error naming the rule's place. days_since is
// fractional: with now at noon, a purchase at noon 30 days ago gives 30
// (in "<= 30"), one a second earlier does not; a YYYY-MM-DD date is
// midnight UTC.
//
// Rules.Fields lists the profile fields the rules read, so a report can
// count recipients without them; tailor segments prints those counts.
//
// # Models
//
// models: scores gradient-boosted tree models (package model) for every
// recipient before any rule runs; each feature is an expression over the
// profile with the same helpers (a number, a boolean as 1 or 0, nil as
// missing), and may not read segments, scores or predictions:
//
//	models:
//	  - name: churn
//	    file: models/churn.json      # XGBoost JSON, relative to the workspace
//	    output: probability          # probability | score | actions
//	    label: churned               # optional: what tailor features export labels rows with
//	    features:                    # in the order the model was trained on
//	      recency: days_since(last_purchase_at)
//	      orders_90d: count(orders, within(.at, "90d"))
//
// Rules read predict.NAME (a float64; for output: actions, a map of
// action -> probability, predict.nba.discount), Membership.Predictions
// holds the same, and Explain records each model's feature values.
// ParseWith reads the model files from Options.Models and holds each
// declaration to its file: the objective the output needs
// (probability: binary:logistic, score: reg:squarederror, actions:
// multi:softprob, one action per class), the number of features, and
// their names when the file has them.
//
// A precomputed prediction from a data source is an ordinary profile
// field, read like any other (churn_probability >= 0.7).
//
// # Experiments
//
// Experiment.Assign is a stable hash of (experiment name, recipient ID):
// the first 8 bytes of SHA-256("name\x00id") as a big-endian integer, top
// 53 bits scaled to [0,1) (easy to reproduce elsewhere), the first Holdout share being
// "holdout" and the rest split by weight in list order.
package segment
