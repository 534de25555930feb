#!/usr/bin/python3
"""Writes the example shop's training profiles: synthetic customers as the
CRM saw them at the snapshot (tailor.yaml's now, 2026-11-02T09:00:00Z),
each with churned, whether they bought nothing in the 90 days after.
Fixed seed: the same file every run.

    /usr/bin/python3 scripts/train/profiles.py > examples/shop/models/train.jsonl
"""
import datetime
import json
import math
import random
import sys

NOW = datetime.datetime(2026, 11, 2, 9, 0, tzinfo=datetime.timezone.utc)


def stamp(days_ago):
    t = NOW - datetime.timedelta(days=days_ago)
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def profile(rng, i):
    p = {"id": "t-%05d" % i, "email": "t%05d@train.example" % i}
    rate = rng.choice([0.2, 1, 2, 4, 8])  # orders a year
    ages = sorted((rng.uniform(0, 730) for _ in range(min(12, int(rng.expovariate(1 / rate) * 2)))), reverse=True)
    if ages:
        p["orders"] = [{"at": stamp(a), "total": round(rng.uniform(15, 300), 2)} for a in ages]
        p["last_purchase_at"] = stamp(ages[-1])
    active = ages[-1] if ages else rng.uniform(0, 400)
    if rng.random() > 0.15:
        p["last_activity_at"] = stamp(max(0.0, active - rng.uniform(0, 30)))
    opens = rng.betavariate(2, 3)
    if rng.random() > 0.1:
        p["emails"] = [{"sent_at": stamp(7 * w)[:10], "opened": rng.random() < opens} for w in range(rng.randint(1, 8), 0, -1)]
    recency = ages[-1] if ages else 500
    year = sum(1 for a in ages if a <= 365)
    opened = sum(e["opened"] for e in p.get("emails", [])[-5:])
    logit = -0.8 + 0.012 * recency - 0.35 * year - 0.45 * opened + rng.gauss(0, 0.8)
    p["churned"] = rng.random() < 1 / (1 + math.exp(-logit))
    return p


def main():
    rng = random.Random(23)
    for i in range(1000):
        sys.stdout.write(json.dumps(profile(rng, i), separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
