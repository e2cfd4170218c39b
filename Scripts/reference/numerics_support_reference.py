#!/usr/bin/env python3
"""Reference values for Tests/NumericsSupportTests (scipy distributions, numpy Newey-West).

Writes Tests/NumericsSupportTests/Resources/numerics_reference.json. Values are written with
repr() (shortest round-trip), so the Swift side reads exactly the doubles scipy produced.
Run: python3 Scripts/reference/numerics_support_reference.py
"""
import json
import pathlib

import numpy as np
import scipy
from scipy import special, stats

OUT = pathlib.Path(__file__).resolve().parents[2] / "Tests/NumericsSupportTests/Resources/numerics_reference.json"


def f(x):
    x = float(x)
    if np.isnan(x):
        return "NaN"
    if np.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    return x


beta = []
for a, b, x in [(0.5, 0.5, 0.3), (2, 3, 0.4), (10, 0.5, 0.99), (0.5, 10, 1e-6), (50, 50, 0.45),
                (1e-3, 2, 0.5), (200, 300, 0.4), (3, 1e4, 1e-4), (5, 5, 1e-12), (0.5, 1.5, 1 - 1e-10)]:
    beta.append({"a": a, "b": b, "x": x, "i": f(special.betainc(a, b, x)), "ic": f(special.betaincc(a, b, x))})

student_t = []
for t, df in [(0.0, 5), (0.5, 1), (-1.3, 3), (2.1, 10), (-2.7, 30), (4.0, 2.5), (12.0, 7), (-40.0, 20),
              (1e3, 4), (1e8, 3), (3.0, 1e3), (3.0, 1e4), (3.0, 1e6), (-0.25, 0.5), (60.0, 100)]:
    student_t.append({"t": t, "df": df, "cdf": f(stats.t.cdf(t, df)), "sf": f(stats.t.sf(t, df)),
                      "two_sided": f(2 * stats.t.sf(abs(t), df)), "pdf": f(stats.t.pdf(t, df))})

student_t_quantile = []
for p, df in [(0.975, 10), (0.5, 3), (0.05, 1), (1e-10, 5), (0.999999, 2.5), (1e-300, 30), (0.3, 200)]:
    student_t_quantile.append({"p": p, "df": df, "q": f(stats.t.ppf(p, df))})

f_dist = []
for x, d1, d2 in [(0.5, 1, 1), (1.0, 3, 10), (2.5, 5, 20), (10.0, 2, 50), (0.01, 4, 4), (150.0, 3, 100),
                  (1e4, 10, 10), (3.0, 1e3, 1e3), (0.9, 0.5, 7)]:
    f_dist.append({"f": x, "df1": d1, "df2": d2, "cdf": f(stats.f.cdf(x, d1, d2)), "sf": f(stats.f.sf(x, d1, d2))})

normal = []
for z in [0.0, 0.3, -1.96, 3.5, -8.0, 20.0, -37.5]:
    normal.append({"z": z, "cdf": f(stats.norm.cdf(z)), "sf": f(stats.norm.sf(z)), "pdf": f(stats.norm.pdf(z)),
                   "two_sided": f(2 * stats.norm.sf(abs(z)))})
normal_quantile = [{"p": p, "q": f(stats.norm.ppf(p))} for p in [1e-300, 1e-20, 0.001, 0.025, 0.3, 0.5, 0.9, 0.999999]]


def newey_west_t(x, lags):
    """statsmodels OLS on a constant, cov_type='HAC', maxlags=lags, use_correction=False, by numpy."""
    x = np.asarray(x, dtype=float)
    n = len(x)
    d = x - x.mean()
    lrv = d @ d / n
    for lag in range(1, min(lags, n - 1) + 1):
        lrv += 2 * (1 - lag / (lags + 1)) * (d[lag:] @ d[:-lag]) / n
    return x.mean() / np.sqrt(lrv / n)


rng = np.random.default_rng(20261204)
e = rng.standard_normal(120)
series = (0.02 + np.convolve(e, [1.0, 0.6, 0.3], mode="valid") * 0.05).tolist()  # MA(2): serially correlated
newey_west = [{"lags": L, "t": f(newey_west_t(series, L))} for L in [0, 1, 2, 4, 9]]

doc = {"versions": {"scipy": scipy.__version__, "numpy": np.__version__},
       "incomplete_beta": beta, "student_t": student_t, "student_t_quantile": student_t_quantile,
       "f": f_dist, "normal": normal, "normal_quantile": normal_quantile,
       "newey_west": {"x": series, "cases": newey_west}}
OUT.write_text(json.dumps(doc, indent=1) + "\n")
print("wrote", OUT)
