#!/usr/bin/env python3
"""Writes Data/sp500_top100_sectors.csv: the GICS sector of each bundled stock.

Source: https://github.com/datasets/s-and-p-500-companies, file data/constituents.csv at commit
5bfe9b1 (2017-03-08, inside the bundled data's 2013-02-08 … 2018-02-07 period; every one of the
100 bundled tickers is listed in it). Licence: Open Data Commons Public Domain Dedication and
License (PDDL) v1.0 — see Data/LICENSE-datasets-sp500-companies-PDDL.txt.

Usage: python3 Scripts/make_sector_map.py CONSTITUENTS_CSV
  (e.g. `git -C s-and-p-500-companies show 5bfe9b1:data/constituents.csv > constituents.csv`)
Standard library only; deterministic (rows in Data/tickers.txt order).
"""
import csv
import os
import sys

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
tickers = open(os.path.join(root, "Data", "tickers.txt")).read().split()
with open(sys.argv[1], newline="") as f:
    rows = list(csv.DictReader(f))
sector = {r["Symbol"]: r.get("Sector") or r["GICS Sector"] for r in rows}
missing = [t for t in tickers if t not in sector]
if missing:
    sys.exit(f"no sector for {missing}")
out = os.path.join(root, "Data", "sp500_top100_sectors.csv")
with open(out + ".tmp", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["ticker", "sector"])
    for t in tickers:
        w.writerow([t, sector[t]])
os.replace(out + ".tmp", out)
print(f"wrote {out}: {len(tickers)} tickers")
