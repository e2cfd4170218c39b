"""Times pandas cross-sectional rank IC on the same sizes as `quant-bench ic`.

(a) per-date loop: f.iloc[t].corr(r.iloc[t], method="spearman")  (what the brief calls per date)
(b) vectorised: f.corrwith(r, axis=1, method="spearman")
Usage: /work/venv/bin/python Scripts/bench/rank_ic_pandas.py [dates] [assets] [loop_dates]
The per-date loop is timed on `loop_dates` dates and scaled linearly to `dates`.
"""
import sys, time, os
import numpy as np, pandas as pd

T = int(sys.argv[1]) if len(sys.argv) > 1 else 2500
N = int(sys.argv[2]) if len(sys.argv) > 2 else 3000
L = int(sys.argv[3]) if len(sys.argv) > 3 else 250
rng = np.random.default_rng(42)
a = rng.uniform(-1, 1, (T, N)); b = rng.uniform(-1, 1, (T, N))
f = np.where(rng.uniform(size=(T, N)) < 0.05, np.nan, a)
r = 0.1 * a + b
F, R = pd.DataFrame(f), pd.DataFrame(r)

def median_time(fn, k):
    ts = []
    for _ in range(k):
        t0 = time.perf_counter(); fn(); ts.append(time.perf_counter() - t0)
    return sorted(ts)[len(ts) // 2]

loop = median_time(lambda: [F.iloc[t].corr(R.iloc[t], method="spearman") for t in range(L)], 3) * T / L
vec = median_time(lambda: F.corrwith(R, axis=1, method="spearman"), 3)
print(f"pandas {pd.__version__}, {T} dates x {N} assets, load {os.getloadavg()[0]:.2f}")
print(f"per-date loop (scaled from {L} dates): {loop:.3f} s; corrwith(axis=1): {vec:.3f} s")
