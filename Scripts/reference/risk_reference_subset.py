#!/usr/bin/env python3
"""Filter shared/refdata/quant/quant_reference.json down to the risk metrics owned by
Sources/Quant/Risk and write Tests/QuantTests/Resources/risk/risk_reference.json.

Usage: python Scripts/reference/risk_reference_subset.py [path/to/quant_reference.json]
Only cases of the metrics below and the inputs they reference are kept; every other
field (params, expected, anchors, agree, disagree, anchor notes) is copied verbatim.
"""
import json, os, sys

METRICS = {
    "value_at_risk_historical", "cvar_historical", "value_at_risk_gaussian", "cvar_gaussian",
    "sharpe_ratio", "sortino_ratio", "downside_risk", "annual_return", "total_return",
    "max_drawdown", "annual_volatility", "calmar_ratio",
}
here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(os.path.dirname(here))
src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "..", "shared", "refdata", "quant", "quant_reference.json")
with open(src) as f:
    ref = json.load(f)
cases = [c for c in ref["cases"] if c["metric"] in METRICS]
refs = sorted({c["input_ref"] for c in cases})
out = {
    "schema": ref["schema"],
    "source": "quant_reference.json generated_at_utc " + ref["generated_at_utc"],
    "versions": ref["versions"],
    "to_spec_transforms_for_agree": ref["to_spec_transforms_for_agree"],
    "tolerance_used_for_agree": ref["encoding"]["tolerance_used_for_agree"],
    "inputs": {k: {"desc": ref["inputs"][k].get("desc", ""), "values": ref["inputs"][k]["values"]} for k in refs},
    "cases": cases,
}
dst = os.path.join(root, "Tests", "QuantTests", "Resources", "risk", "risk_reference.json")
tmp = dst + ".tmp"
with open(tmp, "w") as f:
    json.dump(out, f, separators=(",", ":"))
os.replace(tmp, dst)
print(f"{len(cases)} cases, {len(refs)} inputs -> {dst}")
