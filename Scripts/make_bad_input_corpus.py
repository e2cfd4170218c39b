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

It also writes the cases listed in CASES below into cases.json (replacing cases of the same name,
appending new ones; the hand-written cases stay as they are).
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


def write(name, text, mode="w"):
    with open(os.path.join(OUT, name), mode) as f:
        f.write(text)


# Cases kept here rather than written by hand in cases.json (same schema; see its "about").
PANEL_RUN = ["run", "--data", "@res/panel200.csv", "--out", "out", "--models", "ols", "--tune", "off",
             "--random-portfolios", "2", "--train-days", "40", "--validation-days", "10", "--test-days", "20",
             "--window", "5"]
STRATEGY_CASES = [
    {"name": "run: --strategy dropout (unknown)", "args": ["run", "--data", "@res/short30.csv", "--out", "out", "--strategy", "dropout"],
     "expect": "usage", "stderr": ["--strategy must be topk or topk-dropout (got 'dropout')"]},
    {"name": "run: --n-drop without --strategy topk-dropout",
     "args": ["run", "--data", "@res/short30.csv", "--out", "out", "--n-drop", "2"],
     "expect": "usage", "stderr": ["--n-drop goes with --strategy topk-dropout"]},
    {"name": "run: --hold-days with --strategy topk",
     "args": ["run", "--data", "@res/short30.csv", "--out", "out", "--strategy", "topk", "--hold-days", "5"],
     "expect": "usage", "stderr": ["--hold-days goes with --strategy topk-dropout"]},
    {"name": "run: --n-drop 0", "args": ["run", "--data", "@res/short30.csv", "--out", "out", "--strategy", "topk-dropout", "--n-drop", "0"],
     "expect": "usage", "stderr": ["--n-drop must be in 1\u2026100000 (got 0)"]},
    {"name": "run: --n-drop above --top-k",
     "args": ["run", "--data", "@res/short30.csv", "--out", "out", "--strategy", "topk-dropout", "--top-k", "3", "--n-drop", "4"],
     "expect": "usage", "stderr": ["--n-drop must be \u2264 --top-k (3) (got 4)"]},
    {"name": "run: --hold-days 0", "args": ["run", "--data", "@res/short30.csv", "--out", "out", "--strategy", "topk-dropout", "--hold-days", "0"],
     "expect": "usage", "stderr": ["--hold-days must be in 1\u2026100000 (got 0)"]},
    {"name": "run: --n-drop not a number", "args": ["run", "--data", "@res/short30.csv", "--out", "out", "--strategy", "topk-dropout", "--n-drop", "two"],
     "expect": "usage", "stderr": ["--n-drop"]},
    {"name": "demo: --strategy TOPK (case matters)", "args": ["demo", "--out", "out", "--strategy", "TOPK"],
     "expect": "usage", "stderr": ["--strategy must be topk or topk-dropout (got 'TOPK')"]},
    {"name": "sweep: --n-drop above the default top-k",
     "args": ["sweep", "--data", "@res/short30.csv", "--out", "out", "--strategy", "topk-dropout", "--n-drop", "11"],
     "expect": "usage", "stderr": ["--n-drop must be \u2264 --top-k (10) (got 11)"]},
    {"name": "run: --strategy topk-dropout (trades.csv, costs in summary.json)",
     "args": PANEL_RUN + ["--top-k", "2", "--strategy", "topk-dropout", "--n-drop", "1", "--hold-days", "10"],
     "expect": "ok",
     "outputs": {"out/summary.json": ["\"strategy\": \"topk-dropout\"", "\"n_drop\": 1", "\"hold_days\": 10", "\"total_cost\": "],
                 "out/trades.csv": ["strategy,date,bought,sold,turnover,cost\nols,", ",0.5,"],
                 "out/manifest.json": ["trades.csv"]}},
    {"name": "run: default strategy (topk recorded, n_drop null)", "args": PANEL_RUN,
     "expect": "ok",
     "outputs": {"out/summary.json": ["\"strategy\": \"topk\"", "\"n_drop\": null", "\"hold_days\": null"],
                 "out/trades.csv": ["strategy,date,bought,sold,turnover,cost\nols,"]}},
]


FEATURE_CASES = [
    {"name": "run: --feature-set alpha999", "args": ["run", "--data", "@res/short30.csv", "--out", "out", "--feature-set", "alpha999"],
     "expect": "usage", "stderr": ["--feature-set must be one of paper, alpha158, alpha360, all (got 'alpha999')"]},
    {"name": "run: --label zscore", "args": ["run", "--data", "@res/short30.csv", "--out", "out", "--label", "zscore"],
     "expect": "usage", "stderr": ["--label must be one of raw, cs-zscore, cs-rank (got 'zscore')"]},
    {"name": "screen: --screen maybe", "args": ["screen", "--data", "@res/short30.csv", "--screen", "maybe"],
     "expect": "usage", "stderr": ["--screen must be paper or off (got 'maybe')"]},
    {"name": "run: --factors with an empty item", "args": ["run", "--data", "@res/short30.csv", "--out", "out", "--factors", "ma5_rel,,pe"],
     "expect": "usage", "stderr": ["--factors needs comma-separated names or globs"]},
    {"name": "run: --factors matching nothing", "args": PANEL_RUN + ["--factors", "mom20,nosuch*"],
     "expect": "error", "stderr": ["--factors: 'nosuch*' matches none of the"]},
    {"name": "run: --sector-neutral without --sectors", "args": PANEL_RUN + ["--sector-neutral"],
     "expect": "error", "stderr": ["--sector-neutral needs a sector map (--sectors FILE)"]},
    {"name": "run: --fundamentals missing file", "args": PANEL_RUN + ["--fundamentals", "@res/no-such-fundamentals.csv"],
     "expect": "error", "stderr": ["no-such-fundamentals.csv"]},
    {"name": "run: --sectors with an overlapping dated range",
     "args": PANEL_RUN + ["--sectors", "@res/sectors_overlap.csv"],
     "expect": "error", "stderr": ["sectors_overlap.csv:3"]},
]

CASES = SCRIPTED_CASES + STRATEGY_CASES + FEATURE_CASES


def update_cases():
    path = os.path.join(OUT, "cases.json")
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    by_name = {c["name"]: i for i, c in enumerate(doc["cases"])}
    for case in CASES:
        if case["name"] in by_name:
            doc["cases"][by_name[case["name"]]] = case
        else:
            doc["cases"].append(case)
    with open(path, "w", encoding="utf-8") as f:
        f.write(json.dumps(doc, indent=1, ensure_ascii=False))


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
    write("sectors_overlap.csv", "ticker,start,end,sector\nAAA,2013-01-01,2013-06-30,Tech\nAAA,2013-06-01,,Energy\nBBB,2013-01-01,,Tech\n")
    update_cases()


if __name__ == "__main__":
    main()
