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
    ts, cs = [], []
    for _ in range(k):
        t0, c0 = time.perf_counter(), time.process_time(); fn()
        ts.append(time.perf_counter() - t0); cs.append(time.process_time() - c0)
    return sorted(ts)[len(ts) // 2], sorted(cs)[len(cs) // 2]

loop, loop_cpu = median_time(lambda: [F.iloc[t].corr(R.iloc[t], method="spearman") for t in range(L)], 3)
loop, loop_cpu = loop * T / L, loop_cpu * T / L
vec, vec_cpu = median_time(lambda: F.corrwith(R, axis=1, method="spearman"), 3)
print(f"pandas {pd.__version__}, {T} dates x {N} assets, load {os.getloadavg()[0]:.2f}")
print(f"per-date loop (scaled from {L} dates): wall {loop:.3f} s, CPU {loop_cpu:.3f} s")
print(f"corrwith(axis=1): wall {vec:.3f} s, CPU {vec_cpu:.3f} s")
