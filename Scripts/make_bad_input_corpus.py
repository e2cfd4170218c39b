#!/usr/bin/env python3
"""Writes the small input files of the bad-input corpus (Tests/FactorLabTests/Resources/bad-inputs/).

Deterministic (fixed seed, no dependencies). The cases themselves are in cases.json next to the
files; most bad CSVs are written inline there, these are the ones too long to write by hand:

  short30.csv          2 tickers x 30 dates, clean: every pipeline command fails fast with too few dates
  panel200.csv         4 tickers x 200 dates, clean: enough for an OLS-only run with short folds
  index200.csv         the index on the same 200 dates
  index_stops.csv      the index stopping after 150 of the 200 dates
  index_nan.csv        the index with NaN closes from date 151 on
  huge200.csv          panel200 with every price x 1e200 (rejected: outside 1e-100..1e100)
  big200.csv           panel200 with every price x 1e13 (accepted with an implausible-price warning)
  constant300.csv      2 tickers x 300 dates of constant prices (no factor is ever finite)
  latin1.csv           a Latin-1 ticker (not UTF-8)
  binary.csv           random bytes
  ic_small.csv         date,ticker,factor,close for `factorlab ic`
  risk_small.csv       date,a,b returns for `factorlab risk`

It also keeps the option cases of SCRIPTED_CASES in cases.json (added, or replaced by name; the
other cases are edited by hand).
"""
import datetime
import json
import math
import os
import random

OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "FactorLabTests", "Resources", "bad-inputs")


def business_days(n, start=datetime.date(2013, 1, 2)):
    days, d = [], start
    while len(days) < n:
        if d.weekday() < 5:
            days.append(d.isoformat())
        d += datetime.timedelta(days=1)
    return days


def panel_rows(tickers, n, rng, scale=1.0, constant=False):
    dates = business_days(n)
    rows = []
    level = {t: 50.0 + 10 * i for i, t in enumerate(tickers)}
    for d in dates:
        for t in tickers:
            if not constant:
                level[t] *= math.exp(rng.gauss(0.0003, 0.015))
            c = level[t]
            o = c * (1 + rng.uniform(-0.005, 0.005)) if not constant else c
            h = max(o, c) * (1 + (rng.uniform(0, 0.01) if not constant else 0))
            lo = min(o, c) * (1 - (rng.uniform(0, 0.01) if not constant else 0))
            v = int(rng.uniform(1e5, 1e6)) if not constant else 100000
            rows.append(f"{d},{t},{o * scale:.6g},{h * scale:.6g},{lo * scale:.6g},{c * scale:.6g},{v}")
    return "date,ticker,open,high,low,close,volume\n" + "\n".join(rows) + "\n"


def index_rows(n, rng, stop=None, nan_from=None):
    lines, level = [], 1500.0
    for i, d in enumerate(business_days(n)):
        level *= math.exp(rng.gauss(0.0003, 0.01))
        if stop is not None and i >= stop:
            break
        value = "NaN" if nan_from is not None and i >= nan_from else f"{level:.4f}"
        lines.append(f"{d},^GSPC,{value}")
    return "date,ticker,close\n" + "\n".join(lines) + "\n"


def seeds_case(name, command, value, stderr):
    return {"name": f"{command}: --seeds {name}", "args": [command, "--data", "@res/short30.csv", "--out", "out", "--seeds", value]
            if command == "run" else [command, "--out", "out", "--seeds", value], "expect": "usage", "stderr": [stderr]}


SCRIPTED_CASES = [
    seeds_case("0", "run", "0", "--seeds must be in 1…1000 (got 0)"),
    seeds_case("1001", "run", "1001", "--seeds must be in 1…1000 (got 1001)"),
    seeds_case("-1 as typed (read as a missing value)", "run", "-1", "Missing value for '--seeds <seeds>'"),
    seeds_case("text", "run", "abc", "The value 'abc' is invalid for '--seeds <seeds>'"),
    seeds_case("beyond Int", "run", "99999999999999999999999", "is invalid for '--seeds <seeds>'"),
    seeds_case("0", "demo", "0", "--seeds must be in 1…1000 (got 0)"),
    # The accepted path: OLS does not depend on the seed, so its replicates agree (std 0).
    {"name": "run: --seeds 2 with OLS only (identical replicates, std 0)",
     "args": ["run", "--data", "@res/panel200.csv", "--out", "out", "--models", "ols", "--tune", "off", "--random-portfolios", "2",
              "--train-days", "40", "--validation-days", "10", "--test-days", "20", "--window", "5", "--seeds", "2"],
     "expect": "ok", "stdout": ["mean±std over 2 seeds", "benchmark.md"],
     "outputs": {"out/benchmark.md": ["| Model Name | Dataset | IC | ICIR | Rank IC", "| ols |", "±0.0000 |"],
                 "out/predictions-seeds.csv": ["date,ticker,model,replicate,seed,prediction"],
                 "out/summary.json": ["\"seeds\": 2", "\"per_seed\""]}},
]


def update_cases():
    path = os.path.join(OUT, "cases.json")
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    names = {c["name"] for c in SCRIPTED_CASES}
    doc["cases"] = [c for c in doc["cases"] if c["name"] not in names] + SCRIPTED_CASES
    with open(path, "w", encoding="utf-8") as f:
        f.write(json.dumps(doc, indent=1, ensure_ascii=False))


def write(name, text, mode="w"):
    with open(os.path.join(OUT, name), mode) as f:
        f.write(text)


def main():
    os.makedirs(OUT, exist_ok=True)
    tickers = ["AAA", "BBB", "CCC", "DDD"]
    write("short30.csv", panel_rows(tickers[:2], 30, random.Random(1)))
    write("panel200.csv", panel_rows(tickers, 200, random.Random(2)))
    write("huge200.csv", panel_rows(tickers, 200, random.Random(2), scale=1e200))
    write("big200.csv", panel_rows(tickers, 200, random.Random(2), scale=1e13))
    write("constant300.csv", panel_rows(tickers[:2], 300, random.Random(3), constant=True))
    write("index200.csv", index_rows(200, random.Random(4)))
    write("index_stops.csv", index_rows(200, random.Random(4), stop=150))
    write("index_nan.csv", index_rows(200, random.Random(4), nan_from=150))
    write("latin1.csv", "date,ticker,close\n2013-01-02,CAF\xc9,10\n".encode("latin-1"), mode="wb")
    write("binary.csv", bytes(random.Random(5).randrange(256) for _ in range(512)), mode="wb")
    rng = random.Random(6)
    lines = ["date,ticker,factor,close"]
    level = {t: 20.0 for t in tickers}
    for d in business_days(40):
        for t in tickers:
            level[t] *= math.exp(rng.gauss(0, 0.02))
            lines.append(f"{d},{t},{rng.gauss(0, 1):.6f},{level[t]:.4f}")
    write("ic_small.csv", "\n".join(lines) + "\n")
    lines = ["date,a,b"] + [f"{d},{rng.gauss(0, 0.01):.6f},{rng.gauss(0, 0.01):.6f}" for d in business_days(60)]
    write("risk_small.csv", "\n".join(lines) + "\n")
    update_cases()


if __name__ == "__main__":
    main()
