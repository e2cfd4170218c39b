#!/usr/bin/env python3
"""Reference values for the risk metrics that quant_reference.json does not cover, computed by
empyrical-reloaded 0.7.1 itself (omega, tail ratio, stability, alpha/beta, excess Sharpe,
rolling Sharpe/volatility/max drawdown) plus numpy formulas for tracking error and
quantstats-style win rate. Writes Tests/QuantTests/Resources/risk/risk_extra_reference.json.

Run with a Python that has empyrical-reloaded==0.7.1, numpy, pandas, scipy, e.g.
  python -m venv /tmp/risk-venv && /tmp/risk-venv/bin/pip install --no-deps empyrical-reloaded==0.7.1
  PYTHONPATH=/work/venv/lib/python3.11/site-packages /tmp/risk-venv/bin/python Scripts/reference/risk_extra_reference.py
"""
import json, math, os
import numpy as np
import empyrical as ep

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(os.path.dirname(here))
res = os.path.join(root, "Tests", "QuantTests", "Resources", "risk")
with open(os.path.join(res, "risk_reference.json")) as f:
    base = json.load(f)

def arr(v):
    return np.array([float(x) if not isinstance(x, str) else float(x.replace("Infinity", "inf")) for x in v])

def enc(x):
    x = float(x)
    if math.isnan(x): return "NaN"
    if math.isinf(x): return "Infinity" if x > 0 else "-Infinity"
    return x

names = ["normal_n252_s18", "nan_sprinkled_5pct_n252", "student_t_df3_n252_s43", "crash_path_n60",
         "first_day_loss", "all_positive_n20", "nan_mixed_small", "const_zero_n252", "monthly_n36", "two_values"]
rng = np.random.default_rng(20261122)
out = {"empyrical_version": ep.__version__ if hasattr(ep, "__version__") else "0.7.1", "series": []}
for name in names:
    r = arr(base["inputs"][name]["values"])
    n = len(r)
    b = 0.6 * np.nan_to_num(r) + rng.normal(0.0002, 0.006, size=n)
    if n > 10: b[3] = np.nan
    A = 12 if name.startswith("monthly") else 252
    ab = ep.alpha_beta(r, b, risk_free=0.0001, annualization=A)
    rec = {
        "name": name, "returns": [enc(x) for x in r], "benchmark": [enc(x) for x in b], "annualization": A,
        "omega": enc(ep.omega_ratio(r, risk_free=0.0, required_return=0.0, annualization=A)),
        "omega_rf_req": enc(ep.omega_ratio(r, risk_free=0.0002, required_return=0.05, annualization=A)),
        "tail_ratio": enc(ep.tail_ratio(r)),
        "stability": enc(ep.stability_of_timeseries(r)),
        "alpha_rf": enc(ab[0]), "beta_rf": enc(ab[1]),
        "alpha": enc(ep.alpha(r, b, annualization=A)), "beta": enc(ep.beta(r, b)),
        "excess_sharpe": enc(ep.excess_sharpe(r, b)),
        "tracking_error": enc(np.nanstd(r - b, ddof=1) * np.sqrt(A)),
        "win_rate_quantstats": enc((np.sum(r > 0) / np.sum((r != 0) & ~np.isnan(r))) if np.sum((r != 0) & ~np.isnan(r)) else float("nan")),
    }
    if n >= 30:
        W = 21
        rec["window"] = W
        rec["roll_sharpe"] = [enc(x) for x in ep.roll_sharpe_ratio(r, window=W, annualization=A)]
        rec["roll_volatility"] = [enc(x) for x in ep.roll_annual_volatility(r, window=W, annualization=A)]
        rec["roll_max_drawdown"] = [enc(x) for x in ep.roll_max_drawdown(r, window=W)]
    out["series"].append(rec)

dst = os.path.join(res, "risk_extra_reference.json")
with open(dst + ".tmp", "w") as f:
    json.dump(out, f, separators=(",", ":"))
os.replace(dst + ".tmp", dst)
print("wrote", dst, len(out["series"]), "series")
