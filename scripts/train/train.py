#!/usr/bin/python3
"""Trains a binary:logistic model from a tailor features export and writes
the model (XGBoost JSON) and XGBoost's own prediction for every row of the
export. Debian's python3-xgboost (1.7.4), from the system Python:

    /usr/bin/python3 scripts/train/train.py FEATURES.csv MODEL.json PREDICTIONS.csv

The export's columns are id, the features, label (last). A fixed seed and
one thread make the same model every run.
"""
import csv
import sys

import numpy as np
import xgboost as xgb

PARAMS = {
    "objective": "binary:logistic",
    "max_depth": 4,
    "eta": 0.05,
    "subsample": 0.8,
    "seed": 23,
    "nthread": 1,
    "tree_method": "exact",
}
ROUNDS = 300


def read(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    head, rows = rows[0], rows[1:]
    if head[0] != "id" or head[-1] != "label":
        sys.exit("%s: want the columns id, features..., label" % path)
    ids = [r[0] for r in rows]
    x = np.array([[float(v) if v != "" else np.nan for v in r[1:-1]] for r in rows], dtype=np.float64)
    y = np.array([float(r[-1]) for r in rows])
    return head[1:-1], ids, x, y


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    names, ids, x, y = read(sys.argv[1])
    dtrain = xgb.DMatrix(x, label=y, missing=np.nan, feature_names=names)
    bst = xgb.train(PARAMS, dtrain, ROUNDS)
    bst.save_model(sys.argv[2])
    pred = bst.predict(xgb.DMatrix(x, missing=np.nan, feature_names=names))
    with open(sys.argv[3], "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "prediction"])
        for i, p in zip(ids, pred):
            w.writerow([i, repr(float(p))])


if __name__ == "__main__":
    main()
