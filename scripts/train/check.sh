#!/usr/bin/env bash
# Retrains the example's churn model from a fixed seed and checks that
# training and serving agree (CI runs it from .ci/run):
#   1. scripts/train/profiles.py makes the committed training profiles;
#   2. tailor features export makes the committed feature table from them;
#   3. scripts/train/train.py retrains on that table with XGBoost (Debian's
#      python3-xgboost, /usr/bin/python3), writing XGBoost's predictions;
#   4. tailor's predictions with the retrained model equal XGBoost's to 1e-6;
#   5. the retrained model is the committed one.
set -euo pipefail
cd "$(dirname "$0")/../.."
py=/usr/bin/python3
ws=examples/shop
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$py" -c 'import xgboost' || { echo "train/check: $py cannot import xgboost (apt-get install python3-xgboost)"; exit 1; }
go build -o "$tmp/tailor" ./cmd/tailor

"$py" scripts/train/profiles.py >"$tmp/train.jsonl"
cmp "$tmp/train.jsonl" "$ws/models/train.jsonl"
"$tmp/tailor" features export --workspace "$ws" --model churn --recipients "$ws/models/train.jsonl" >"$tmp/features.csv"
cmp "$tmp/features.csv" "$ws/models/churn.features.csv"

"$py" scripts/train/train.py "$tmp/features.csv" "$tmp/churn.json" "$tmp/xgboost.csv"
cp -r "$ws" "$tmp/ws"
cp "$tmp/churn.json" "$tmp/ws/models/churn.json"
"$tmp/tailor" features export --workspace "$tmp/ws" --model churn --recipients "$ws/models/train.jsonl" --predictions >"$tmp/tailor.csv"
"$py" - "$tmp/tailor.csv" "$tmp/xgboost.csv" <<'PY'
import csv, sys
tailor = {r["id"]: float(r["prediction"]) for r in csv.DictReader(open(sys.argv[1]))}
xgb = {r["id"]: float(r["prediction"]) for r in csv.DictReader(open(sys.argv[2]))}
assert tailor.keys() == xgb.keys() and tailor, "the two files name different recipients"
worst = max(abs(tailor[k] - xgb[k]) for k in tailor)
print("train/check: %d recipients, largest difference between tailor and XGBoost %.3g" % (len(tailor), worst))
sys.exit(0 if worst <= 1e-6 else 1)
PY
cmp "$tmp/churn.json" "$ws/models/churn.json"
cmp "$tmp/xgboost.csv" "$ws/models/churn.xgboost.csv"
echo "train/check: the fixed seed retrains the committed model"
