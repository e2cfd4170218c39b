#!/usr/bin/env python3
"""Small, real test panel for Tests/FactorLabTests: 12 tickers x the first 420 dates of the bundled
100-stock file (Data/), plus the matching S&P 500 index rows. Standard library only, deterministic."""
import csv, os
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
out = os.path.join(root, "Tests", "FactorLabTests", "Resources", "pipeline")
tickers = ["AAPL", "AMZN", "BAC", "CSCO", "GE", "INTC", "JPM", "MSFT", "PFE", "T", "WFC", "XOM"]
with open(os.path.join(root, "Data", "sp500_top100_2013-2018_ohlcv.csv")) as f:
    r = csv.reader(f); h = next(r); rows = [x for x in r if x[1] in tickers]
dates = sorted({x[0] for x in rows})[:420]
keep = set(dates)
with open(os.path.join(out, "small_ohlcv.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n"); w.writerow(h); w.writerows(x for x in rows if x[0] in keep)
with open(os.path.join(root, "Data", "sp500_index_2013-2018_ohlcv.csv")) as f:
    r = csv.reader(f); ih = next(r); irows = [x for x in r if dates[0] <= x[0] <= dates[-1]]
with open(os.path.join(out, "small_index.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n"); w.writerow(ih); w.writerows(irows)
print(len(dates), "dates", dates[0], dates[-1])
