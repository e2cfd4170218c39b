#!/usr/bin/env python3
"""Python baselines for Benchmarks/ols-bench (run with /work/venv/bin/python).

1. numpy.linalg.lstsq on n=100,000 x p=50 (median of R runs).
2. A Python loop of statsmodels OLS fits over cross-sections of 3,000 x 20 (+ const): a
   subset of S dates is timed and extrapolated linearly to 2,500 dates.
"""
import os, sys, time
import numpy as np
import statsmodels.api as sm

reps = int(os.environ.get("REPS", "5"))
subset = int(os.environ.get("SUBSET", "100"))
rng = np.random.default_rng(0)
print("load", os.getloadavg()[0], "OPENBLAS_NUM_THREADS", os.environ.get("OPENBLAS_NUM_THREADS", "(default)"))

X = rng.normal(size=(100_000, 50))
y = X @ (np.arange(50) % 7 - 3) * 0.1 + rng.normal(size=100_000)
ts = []
for _ in range(reps):
    t = time.perf_counter(); np.linalg.lstsq(X, y, rcond=None); ts.append(time.perf_counter() - t)
print(f"numpy lstsq 100000x50: median {np.median(ts)*1e3:.1f} ms")

sections = []
for _ in range(subset):
    Xs = rng.normal(size=(3000, 20)); ys = Xs @ (0.05 * np.arange(20)) + rng.normal(size=3000)
    sections.append((ys, sm.add_constant(Xs)))
t = time.perf_counter()
for ys, Xs in sections:
    r = sm.OLS(ys, Xs).fit()
    r.params; r.bse; r.tvalues; r.pvalues; r.rsquared; r.rsquared_adj
dt = time.perf_counter() - t
print(f"statsmodels loop: {subset} fits in {dt:.3f} s = {dt/subset*1e3:.2f} ms/fit -> 2500 dates ≈ {dt/subset*2500:.2f} s (extrapolated)")
