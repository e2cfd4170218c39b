#!/usr/bin/env python3
"""Builds the bundled dataset in Data/ from the shared reference files.

Deterministic selection (no randomness, standard library only):
  1. keep tickers with a complete history (a row on every one of the 1,259 trading days);
  2. rank them by median daily dollar volume (close * volume) over the whole period,
     descending, ties broken by ticker name;
  3. take the first 100 (the most liquid, in the spirit of the second paper's
     "large market value and good liquidity" criterion).
Rows are copied verbatim (defects included: the loader reports them).
The S&P 500 index (^GSPC) rows from 2013-01-01 to 2018-02-07 are copied from the index file.

Usage: python3 Scripts/make_bundled_data.py [SHARED_MARKET_DIR]
"""
import csv, os, statistics, sys

src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..", "shared", "refdata", "market")
stocks = os.path.join(src, "sp500_stocks_2013-02-08_2018-02-07_ohlcv.csv")
index = os.path.join(src, "indices_sp500_nasdaq_1999-2018_ohlcv.csv")
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Data")
N = 100

with open(stocks, newline="") as f:
    reader = csv.reader(f)
    header = next(reader)
    rows = list(reader)
dates = sorted({r[0] for r in rows})
by_ticker = {}
for r in rows:
    by_ticker.setdefault(r[1], []).append(r)

def dollar_volume(r):
    try:
        return float(r[5]) * float(r[6])
    except ValueError:
        return 0.0

complete = [t for t, rs in by_ticker.items() if len({r[0] for r in rs}) == len(dates)]
ranked = sorted(complete, key=lambda t: (-statistics.median(dollar_volume(r) for r in by_ticker[t]), t))
chosen = set(ranked[:N])

with open(os.path.join(out, "sp500_top100_2013-2018_ohlcv.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(header)
    for r in rows:  # keeps the source order: by date, then ticker
        if r[1] in chosen:
            w.writerow(r)

with open(index, newline="") as f:
    reader = csv.reader(f)
    ih = next(reader)
    irows = [r for r in reader if r[1] == "^GSPC" and "2013-01-01" <= r[0] <= "2018-02-07"]
with open(os.path.join(out, "sp500_index_2013-2018_ohlcv.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(ih)
    w.writerows(irows)

with open(os.path.join(out, "tickers.txt"), "w") as f:
    f.write("\n".join(sorted(chosen)) + "\n")
print(f"{len(complete)} complete tickers; wrote {len(chosen)} tickers, {len(irows)} index rows")
