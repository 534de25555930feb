#!/usr/bin/python3
"""Regenerates model/testdata: small XGBoost models and XGBoost's own
predictions on rows with missing values and values exactly at split
thresholds. Run with Debian's python3-xgboost (1.7.4):
    /usr/bin/python3 model/testdata/gen.py
"""
import json
import os

import numpy as np
import xgboost as xgb

HERE = os.path.dirname(os.path.abspath(__file__))


def data(rng, rows, cols):
    x = rng.normal(size=(rows, cols)) * 10
    x[rng.random_sample(size=x.shape) < 0.2] = np.nan
    return x


def at_thresholds(path, cols, rng):
    """Rows whose values sit exactly on the model's split thresholds."""
    with open(path) as f:
        trees = json.load(f)["learner"]["gradient_booster"]["model"]["trees"]
    rows = []
    for tree in trees[:10]:
        for i, left in enumerate(tree["left_children"]):
            if left == -1:
                continue
            row = rng.normal(size=cols) * 10
            row[tree["split_indices"][i]] = tree["split_conditions"][i]
            rows.append(row)
    return np.array(rows)


def save(name, params, rounds, x, y, names=None):
    rng = np.random.RandomState(11)
    dtrain = xgb.DMatrix(x, label=y, missing=np.nan, feature_names=names)
    bst = xgb.train(params, dtrain, rounds)
    path = os.path.join(HERE, name + ".json")
    bst.save_model(path)
    test = np.vstack([data(rng, 100, x.shape[1]), at_thresholds(path, x.shape[1], rng)])
    pred = bst.predict(xgb.DMatrix(test, missing=np.nan, feature_names=names))
    pred = pred.reshape(len(test), -1)
    with open(os.path.join(HERE, name + ".cases.csv"), "w") as f:
        for row, p in zip(test, pred):
            xs = ["" if np.isnan(v) else repr(float(v)) for v in row]
            f.write(",".join(xs) + ";" + ",".join(repr(float(v)) for v in p) + "\n")


def main():
    rng = np.random.RandomState(7)
    x = data(rng, 500, 6)
    margin = np.nan_to_num(x[:, 0]) * 0.3 - np.nan_to_num(x[:, 1]) * 0.2 + rng.normal(size=500)
    save("binary", {"objective": "binary:logistic", "max_depth": 4, "eta": 0.3,
                    "base_score": 0.3, "seed": 1}, 40, x, (margin > 0).astype(int),
         names=["f%d" % i for i in range(6)])
    y = np.nan_to_num(x[:, 2]) * 1.5 + np.nan_to_num(x[:, 3]) ** 2 / 10 + rng.normal(size=500)
    save("regression", {"objective": "reg:squarederror", "max_depth": 5, "eta": 0.2,
                        "base_score": 2.5, "seed": 1}, 30, x, y)
    save("forest", {"objective": "reg:squarederror", "max_depth": 3, "eta": 1,
                    "num_parallel_tree": 4, "subsample": 0.7, "colsample_bynode": 0.6,
                    "seed": 1}, 2, x, y)
    cls = np.digitize(np.nan_to_num(x[:, 0]) + np.nan_to_num(x[:, 4]), [-5, 5])
    save("multiclass", {"objective": "multi:softprob", "num_class": 3, "max_depth": 3,
                        "eta": 0.3, "seed": 1}, 15, x, cls)


if __name__ == "__main__":
    main()
