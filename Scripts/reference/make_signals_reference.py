"""Filters shared/refdata/quant/quant_reference.json to the signal metrics (preprocessing and IC)
and writes Tests/QuantTests/Resources/signals/quant_reference_signals.json: the cases
(id, metric, params, input_ref, expected, agree) and only the inputs they use.

Usage: /work/venv/bin/python Scripts/reference/make_signals_reference.py [path/to/quant_reference.json]
"""
import json, sys, os

SRC = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "../../../shared/refdata/quant/quant_reference.json")
OUT = os.path.join(os.path.dirname(__file__), "../../Tests/QuantTests/Resources/signals/quant_reference_signals.json")
METRICS = {"mad_winsorize", "ic_pearson", "rank_ic_spearman", "zscore", "interpolate_linear",
           "rank_ic_series", "ic_series", "ic_summary", "cs_zscore", "cs_mad_winsorize"}

d = json.load(open(SRC))
cases = [{k: c[k] for k in ("id", "metric", "params", "input_ref", "expected", "agree")}
         for c in d["cases"] if c["metric"] in METRICS]
used = sorted({c["input_ref"] for c in cases})
inputs = {k: {kk: vv for kk, vv in d["inputs"][k].items() if kk != "generator"} for k in used}
out = {"source": "shared/refdata/quant/quant_reference.json", "generated_at_utc": d.get("generated_at_utc"),
       "encoding": d["encoding"], "inputs": inputs, "cases": cases}
json.dump(out, open(OUT, "w"), separators=(",", ":"))
print(f"{len(cases)} cases, {len(inputs)} inputs -> {OUT}")
