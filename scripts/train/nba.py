#!/usr/bin/python3
"""Trains the example's next-best-action model (multi:softprob, one
probability per offer) from a tailor features export, and writes the model
(XGBoost JSON) and XGBoost's own probabilities for every row. Debian's
python3-xgboost (1.7.4), from the system Python:

    /usr/bin/python3 scripts/train/nba.py FEATURES.csv MODEL.json PREDICTIONS.csv

The export is the churn model's (columns id, the features, label); the
offer each customer responded to is not in the example's data, so this
script draws it from the features by a fixed rule with noise and a fixed
seed: frequent buyers take double points, lapsed ones a discount, the
rest free shipping or a discount by what they spend. A real workspace
trains on the offers its send log shows customers responded to.
"""
import csv
import sys

import numpy as np
import xgboost as xgb

ACTIONS = ["discount", "free_shipping", "double_points"]
PARAMS = {
    "objective": "multi:softprob",
    "num_class": len(ACTIONS),
    "max_depth": 3,
    "eta": 0.1,
    "seed": 23,
    "nthread": 1,
    "tree_method": "exact",
}
ROUNDS = 60


def read(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    head, rows = rows[0], rows[1:]
    if head[0] != "id" or head[-1] != "label":
        sys.exit("%s: want the columns id, features..., label" % path)
    ids = [r[0] for r in rows]
    x = np.array([[float(v) if v != "" else np.nan for v in r[1:-1]] for r in rows], dtype=np.float64)
    return head[1:-1], ids, x


def offer(names, row, rng):
    """The offer a customer responded to: a rule of their features, or at
    random one time in five."""
    if rng.random() < 0.2:
        return int(rng.integers(len(ACTIONS)))
    f = dict(zip(names, row))
    recency = f["days_since_purchase"]
    if f["orders_365d"] >= 5:
        return ACTIONS.index("double_points")
    if np.isnan(recency) or recency > 90:
        return ACTIONS.index("discount")
    if f["spend_365d"] < 400:
        return ACTIONS.index("free_shipping")
    return ACTIONS.index("discount")


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    names, ids, x = read(sys.argv[1])
    rng = np.random.default_rng(23)
    y = np.array([offer(names, row, rng) for row in x])
    dtrain = xgb.DMatrix(x, label=y, missing=np.nan, feature_names=names)
    bst = xgb.train(PARAMS, dtrain, ROUNDS)
    bst.save_model(sys.argv[2])
    pred = bst.predict(xgb.DMatrix(x, missing=np.nan, feature_names=names))
    with open(sys.argv[3], "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id"] + ACTIONS)
        for i, p in zip(ids, pred):
            w.writerow([i] + [repr(float(v)) for v in p])


if __name__ == "__main__":
    main()
