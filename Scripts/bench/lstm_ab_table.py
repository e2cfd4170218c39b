#!/usr/bin/env python3
"""Table of lstm_ab_local.sh results: median step/floor per point over rounds, old vs new.
Usage: lstm_ab_table.py OUTDIR"""
import glob, json, os, statistics, sys
d = sys.argv[1]
rows = {}
for f in sorted(glob.glob(os.path.join(d, "*.json"))):
    tag, dtype, t, _ = os.path.basename(f)[:-5].split("_")
    try:
        recs = json.load(open(f))
    except Exception:
        continue
    for r in recs:
        key = (dtype, int(t[1:]), f"{r['batch']}/{r['seq']}/{r['input']}/{r['hidden']}/{r['layers']}")
        rows.setdefault(key, {}).setdefault(tag, []).append((r["step_ms"], r["floor_ms"]))
print("| dtype | threads | B/T/I/H/L | old step | new step | new/old | old step/floor | new step/floor |")
print("|---|---:|---|---:|---:|---:|---:|---:|")
for key in sorted(rows, key=lambda k: (k[0], k[1])):
    v = rows[key]
    if "old" not in v or "new" not in v:
        continue
    os_, ns = statistics.median(s for s, _ in v["old"]), statistics.median(s for s, _ in v["new"])
    of = statistics.median(s / f for s, f in v["old"]); nf = statistics.median(s / f for s, f in v["new"])
    print(f"| {key[0]} | {key[1]} | {key[2]} | {os_:.3g} | {ns:.3g} | {ns / os_:.2f} | {of:.2f} | {nf:.2f} |")
