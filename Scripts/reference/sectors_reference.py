"""Independent pandas/scipy reference for the sector tools of Quant (Docs/Fundamentals.md):
sector-neutral MAD-clip + z-score, leave-one-out industry return (equal and cap-weighted) and
per-sector daily Spearman IC with its summary. Writes
Tests/QuantTests/Resources/sectors/sectors_reference.json (inputs and expected outputs, asset-major).

Usage: /work/.venv/bin/python Scripts/reference/sectors_reference.py
"""
import json, os
import numpy as np, pandas as pd, scipy, scipy.stats as st

OUT = os.path.join(os.path.dirname(__file__), "../../Tests/QuantTests/Resources/sectors/sectors_reference.json")
rng = np.random.default_rng(20261204)
A, T, G = 24, 15, 3
enc = lambda a: [None if np.isnan(v) else float(v) for v in np.asarray(a, dtype=float).ravel()]

# Codes per (asset, date): a base sector, some unknown (-1), two reclassifications mid-sample.
base = rng.integers(0, G, size=A)
codes = np.repeat(base[:, None], T, axis=1)
codes[0, :] = -1
codes[1, 8:] = (base[1] + 1) % G
codes[2, :5] = -1
factor = rng.normal(size=(A, T)) + codes * 0.5
factor[rng.random((A, T)) < 0.1] = np.nan
factor[5, 3] = 25.0  # an outlier to clip
fwd = 0.02 * np.nan_to_num(factor) + rng.normal(scale=0.05, size=(A, T))
fwd[rng.random((A, T)) < 0.08] = np.nan
caps = np.exp(rng.normal(20, 1.5, size=(A, T)))
caps[rng.random((A, T)) < 0.05] = np.nan

df = pd.DataFrame({
    "asset": np.repeat(np.arange(A), T), "date": np.tile(np.arange(T), A),
    "code": codes.ravel(), "factor": factor.ravel(), "fwd": fwd.ravel(), "cap": caps.ravel(),
})
known = df[df.code >= 0]

# Sector-neutral: per (date, code) MAD clip (median ± 3·1.4826·MAD, MAD = 0 leaves data) then z (ddof 0);
# fewer than 3 finite values → NaN; std 0 → NaN.
def neutral(x):
    v = x.dropna()
    if len(v) < 3:
        return x * np.nan
    med = v.median(); mad = (v - med).abs().median()
    if mad > 0:
        x = x.clip(med - 3 * 1.4826 * mad, med + 3 * 1.4826 * mad)
    sd = x.std(ddof=0)
    return (x - x.mean()) / sd if sd > 0 else x * np.nan
z = pd.Series(np.nan, index=df.index)
z.loc[known.index] = known.groupby(["date", "code"])["factor"].transform(neutral)

# Leave-one-out industry return: members with a finite return (and, weighted, a finite cap > 0).
def loo(weighted):
    w = df.cap.where(df.cap > 0) if weighted else pd.Series(1.0, index=df.index)
    ok = df.fwd.notna() & w.notna() & (df.code >= 0)
    ws = (w * df.fwd).where(ok, 0.0); ww = w.where(ok, 0.0)
    g = df.code.where(df.code >= 0)
    s = ws.groupby([df.date, g]).transform("sum"); n = ww.groupby([df.date, g]).transform("sum")
    num, den = s - ws, n - ww
    return (num / den).where((den > 0) & (df.code >= 0))
eq, cw = loo(False), loo(True)

# Per-sector daily Spearman IC (complete pairs, at least 3) and its summary.
ics = {}
for c in range(G):
    series = []
    for t in range(T):
        m = known[(known.code == c) & (known.date == t)].dropna(subset=["factor", "fwd"])
        series.append(st.spearmanr(m.factor, m.fwd).statistic if len(m) >= 3 else np.nan)
    v = np.array(series); f = v[~np.isnan(v)]
    tt = st.ttest_1samp(f, 0.0)
    ics[str(c)] = {"ics": enc(v), "mean": float(f.mean()), "std": float(f.std(ddof=1)),
                   "icir": float(f.mean() / f.std(ddof=1)), "t": float(tt.statistic), "p": float(tt.pvalue), "n": int(len(f))}

json.dump({
    "generator": f"Scripts/reference/sectors_reference.py (pandas {pd.__version__}, scipy {scipy.__version__}, numpy {np.__version__})",
    "assets": A, "dates": T, "groups": G,
    "codes": [int(c) for c in codes.ravel()], "factor": enc(factor), "fwd": enc(fwd), "caps": enc(caps),
    "sector_neutral": enc(z.values), "industry_return_equal": enc(eq.values), "industry_return_cap": enc(cw.values),
    "ic": ics,
}, open(OUT, "w"), indent=1)
print("wrote", os.path.normpath(OUT))
