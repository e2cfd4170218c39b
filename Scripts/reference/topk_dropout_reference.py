#!/usr/bin/env python3
"""Reference holdings for Quant's top-k dropout rule (Backtest selection `.topKDropout`), from an
independent re-implementation of qlib's `TopkDropoutStrategy.generate_trade_decision` with its
defaults `method_sell="bottom"`, `method_buy="top"`, `only_tradable=False` (qlib 0.9,
qlib/contrib/strategy/signal_strategy.py), written with pandas exactly as qlib ranks:

  last  = scores of the holdings, sorted descending (a holding without a score sorts last)
  today = the best `n_drop + topk - len(last)` scored names not held
  comb  = last and today together, sorted descending
  sell  = holdings among the last `n_drop` names of comb
  buy   = the first `len(sold) + topk - len(last)` names of today

One documented difference from qlib: a holding held fewer than `hold_thresh` rows is not sold
(as in qlib) and FactorLab then buys one name fewer (`len(sold)`, qlib buys `len(sell)`, going
over topk). The universe here is large enough (>= 2 topk + n_drop scored names every row) that
qlib's rule and FactorLab's coincide otherwise. Scores are distinct (continuous draws), so pandas'
unstable sort cannot matter.

Writes Tests/QuantTests/Resources/backtest/topk_dropout_reference.json. Run with any Python that
has numpy and pandas:  python Scripts/reference/topk_dropout_reference.py
"""
import json, math, os
import numpy as np
import pandas as pd

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(os.path.dirname(here))
out_path = os.path.join(root, "Tests", "QuantTests", "Resources", "backtest", "topk_dropout_reference.json")

rng = np.random.default_rng(20261204)
assets, rows, topk, n_drop, hold_thresh = 30, 16, 5, 2, 3
scores = rng.normal(size=(rows, assets))
scores[rng.random((rows, assets)) < 0.12] = np.nan
labels = list(range(assets))

held = {}  # asset -> row at whose close it was bought
decisions = []
for t in range(rows - 1):  # the last row only earns returns
    pred = pd.Series(scores[t], index=labels).dropna()
    last = pred.reindex(list(held)).sort_values(ascending=False).index
    today = list(pred[~pred.index.isin(last)].sort_values(ascending=False).index)[: n_drop + topk - len(last)]
    comb = pred.reindex(last.union(pd.Index(today))).sort_values(ascending=False).index
    sell = last[last.isin(list(comb)[-n_drop:])]
    sold = [a for a in sell if t - held[a] >= hold_thresh]
    buy = today[: len(sold) + topk - len(last)]
    for a in sold:
        del held[a]
    for a in buy:
        held[a] = t
    decisions.append({"row": t, "sold": sorted(int(a) for a in sold), "bought": sorted(int(a) for a in buy),
                      "holdings": sorted(int(a) for a in held)})

doc = {
    "generator": "Scripts/reference/topk_dropout_reference.py (numpy %s, pandas %s)" % (np.__version__, pd.__version__),
    "k": topk, "n_drop": n_drop, "hold_days": hold_thresh,
    "scores": [[None if math.isnan(x) else float(x) for x in row] for row in scores],
    "decisions": decisions,
}
os.makedirs(os.path.dirname(out_path), exist_ok=True)
with open(out_path, "w") as f:
    json.dump(doc, f, indent=1)
    f.write("\n")
print("wrote", out_path)
