#!/usr/bin/env python3
"""Tabulates feature_label_study.sh's run directories: per feature set and label, each model's
rank IC, IC, annualised excess return, information ratio and top-k Sharpe as mean ± std over seeds
(from each run's benchmark.json and summary.json). Writes OUT/study.md and OUT/study.json."""
import json
import os
import sys

out = sys.argv[1]
rows = []
for name in sorted(os.listdir(out)):
    path = os.path.join(out, name)
    if not os.path.isfile(os.path.join(path, "benchmark.json")):
        continue
    bench = json.load(open(os.path.join(path, "benchmark.json")))
    summary = json.load(open(os.path.join(path, "summary.json")))
    feature_set, label = name.split("-", 1)
    for m in bench["models"]:
        model = m["model"]
        s = summary.get(model, {})
        sharpe = s.get("sharpe"), (s.get("std") or {}).get("sharpe", 0.0)
        cols = {k: (m[k]["mean"], m[k]["std"]) for k in m if isinstance(m[k], dict) and "mean" in m[k]}
        # Walk-forward validation: the tuned candidate's rank IC on each fold's validation split
        # (inner CV, dates before the fold's test period), mean over folds (base seed).
        val = [f["tuning"][model]["candidates"][f["tuning"][model]["chosen_index"]]["mean_rank_ic"]
               for f in summary.get("folds", []) if model in f.get("tuning", {})]
        rows.append({"feature_set": feature_set, "label": label, "model": model, "sharpe": sharpe, **cols,
                     "validation_rank_ic": (sum(val) / len(val), "") if val else ("—", ""),
                     "factors": len(summary.get("selected_factors", []))})
json.dump(rows, open(os.path.join(out, "study.json"), "w"), indent=1)
keys = [k for k in ["ic", "rank_ic", "rank_icir", "annualized_return", "information_ratio"] if rows and k in rows[0]]
def fmt(v):
    m, s = v
    return f"{m:.4f} ± {s:.4f}" if isinstance(m, (int, float)) and isinstance(s, (int, float)) else str(m)
lines = ["| feature set | label | model | factors | validation rank IC | " + " | ".join(keys) + " | top-k Sharpe |",
         "|---|---|---|---|---|" + "---|" * len(keys) + "---|"]
for r in rows:
    v = r["validation_rank_ic"][0]
    lines.append(f"| {r['feature_set']} | {r['label']} | {r['model']} | {r['factors']} | {v if isinstance(v, str) else f'{v:.4f}'} | "
                 + " | ".join(fmt(r[k]) for k in keys) + f" | {fmt(r['sharpe'])} |")
open(os.path.join(out, "study.md"), "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
