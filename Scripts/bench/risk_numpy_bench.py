#!/usr/bin/env python3
"""Empyrical-style numpy computation of the risk summary on a 10M-point series, for comparison
with `quant-bench risk`. Each metric is written as empyrical-reloaded 0.7.1 computes it (nanmean,
nanstd ddof 1, np.percentile, np.partition for CVaR, cumprod drawdown), so the timing is what a
numpy/empyrical user pays. Usage: /work/venv/bin/python Scripts/bench/risk_numpy_bench.py [points] [repeats]
"""
import os, sys, time
import numpy as np

n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000_000
repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 5
A = 252.0
rng = np.random.default_rng(7)
r = 0.0003 + 0.01 * rng.standard_normal(n)

def summary(r):
    mean = np.nanmean(r)
    std = np.nanstd(r, ddof=1)
    vol = std * np.sqrt(A)
    sharpe = mean / std * np.sqrt(A)
    downside = np.sqrt(np.nanmean(np.square(np.clip(r, -np.inf, 0)))) * np.sqrt(A)
    sortino = mean * A / downside
    wealth = np.nanprod(1 + r)
    cagr = wealth ** (1 / (len(r) / A)) - 1
    cum = np.empty(len(r) + 1); cum[0] = 100
    np.cumprod(1 + np.where(np.isnan(r), 0, r), out=cum[1:]); cum[1:] *= 100
    peak = np.fmax.accumulate(cum)
    mdd = np.nanmin((cum - peak) / peak)
    calmar = cagr / abs(mdd) if mdd < 0 else np.nan
    var = np.percentile(r, 5)
    v = r[~np.isnan(r)]
    k = int((len(v) - 1) * 0.05)
    cvar = np.mean(np.partition(v, k)[: k + 1])
    return sharpe, sortino, mdd, var, cvar, cagr, vol, calmar

summary(r)
times = []
for _ in range(repeats):
    t0 = time.perf_counter(); s = summary(r); times.append(time.perf_counter() - t0)
load = os.getloadavg()[0]
print(f"numpy risk summary: {n} points, numpy {np.__version__}, load {load:.2f}")
print(f"median {np.median(times):.4f} s over {repeats} runs (all: {' '.join(f'{t:.4f}' for t in times)})")
print("  sharpe %.6f sortino %.6f mdd %.6f var %.6f cvar %.6f cagr %.6f" % s[:6])
