"""Independent reference values for the signal helpers, computed with numpy/scipy/pandas/statsmodels:
quantile methods, Student-t CDF, normal quantile, per-asset correlation t-tests, Newey-West t,
and rolling/EMA indicators. Writes Tests/QuantTests/Resources/signals/signals_extra.json.

Usage: /work/venv/bin/python Scripts/reference/make_signals_extra.py
"""
import json, os
import numpy as np, pandas as pd, scipy, scipy.stats as st, statsmodels, statsmodels.api as sm

OUT = os.path.join(os.path.dirname(__file__), "../../Tests/QuantTests/Resources/signals/signals_extra.json")
rng = np.random.default_rng(7)
enc = lambda a: [None if (isinstance(v, float) and np.isnan(v)) else float(v) for v in np.asarray(a, dtype=float).ravel()]

# Quantiles: every numpy method on a sample with ties, several probabilities.
x = np.round(rng.normal(size=17), 2); x[3] = x[5]
probs = [0.0, 0.01, 0.05, 0.25, 0.5, 0.9, 0.99, 1.0]
methods = ["inverted_cdf", "averaged_inverted_cdf", "closest_observation", "interpolated_inverted_cdf", "hazen",
           "weibull", "linear", "median_unbiased", "normal_unbiased", "lower", "higher", "nearest", "midpoint"]
quant = {"x": enc(x), "p": probs, "methods": {m: [float(np.quantile(x, p, method=m)) for p in probs] for m in methods}}
ints = np.arange(1, 21, dtype=float)
quant_ints = {"x": enc(ints), "p": [0.05], "methods": {m: [float(np.quantile(ints, 0.05, method=m))] for m in methods}}

tcdf = [{"t": t, "df": df, "cdf": float(st.t.cdf(t, df)), "sf2": float(2 * st.t.sf(abs(t), df))}
        for t in [-40.0, -3.5, -1.0, -0.1, 0.0, 0.7, 2.2, 8.0] for df in [1.0, 2.5, 9.0, 30.0, 500.0]]
nq = [{"p": p, "z": float(st.norm.ppf(p))} for p in [1e-12, 1e-5, 0.01, 0.025, 0.05, 0.3, 0.5, 0.77, 0.975, 0.999999]]

# Per-asset time-series correlation tests (scipy pearsonr / spearmanr on complete pairs).
corr = []
for n, rho, nan in [(30, 0.3, 3), (60, -0.1, 0), (12, 0.8, 2), (250, 0.05, 10)]:
    a = rng.normal(size=n); b = rho * a + rng.normal(size=n)
    b = np.round(b, 1)  # ties in the returns
    a[rng.choice(n, nan, replace=False)] = np.nan
    m = ~np.isnan(a) & ~np.isnan(b)
    pr = st.pearsonr(a[m], b[m]); sr = st.spearmanr(a[m], b[m])
    corr.append({"x": enc(a), "y": enc(b), "pearson": [float(pr[0]), float(pr[1])], "spearman": [float(sr[0]), float(sr[1])]})

# Newey-West t of a mean (statsmodels OLS on a constant, HAC Bartlett, no small-sample correction).
nw = []
for n, lags, phi in [(120, 0, 0.0), (120, 4, 0.6), (500, 9, 0.8), (40, 2, -0.3)]:
    e = rng.normal(size=n); s = np.zeros(n)
    for t in range(n): s[t] = (phi * s[t - 1] if t else 0) + e[t]
    s = 0.05 + 0.1 * s
    res = sm.OLS(s, np.ones(n)).fit(cov_type="HAC", cov_kwds={"maxlags": lags, "use_correction": False})
    nw.append({"x": enc(s), "lags": lags, "t": float(res.tvalues[0])})

# Indicators on a small random-walk OHLCV, with pandas as the reference.
n = 80
c = 20 * np.exp(np.cumsum(rng.normal(0, 0.02, n)))
o = c * (1 + rng.normal(0, 0.005, n)); h = np.maximum(o, c) * (1 + abs(rng.normal(0, 0.01, n)))
l = np.minimum(o, c) * (1 - abs(rng.normal(0, 0.01, n))); v = rng.integers(1000, 5000, n).astype(float)
C = pd.Series(c)
ma = lambda s, k: s.rolling(k).mean()
bbi = (ma(C, 3) + ma(C, 6) + ma(C, 12) + ma(C, 24)) / 4
ema = lambda s, k: s.ewm(span=k, adjust=False).mean()
dif = ema(C, 12) - ema(C, 26); dea = ema(dif, 9)
def wilder(x, k):
    out = np.full(len(x), np.nan); seed = []
    y = np.nan
    for i, val in enumerate(x):
        if np.isnan(val): continue
        if np.isnan(y):
            seed.append(val)
            if len(seed) == k: y = np.mean(seed); out[i] = y
        else:
            y = (y * (k - 1) + val) / k; out[i] = y
    return out
d = np.diff(c, prepend=np.nan)
g = wilder(np.where(np.isnan(d), np.nan, np.maximum(d, 0)), 14); ls = wilder(np.where(np.isnan(d), np.nan, np.maximum(-d, 0)), 14)
pc = np.roll(c, 1); pc[0] = np.nan
tr = np.nanmax(np.vstack([h - l, abs(h - pc), abs(l - pc)]), axis=0); tr[0] = np.nan
term = (C - pd.Series(o)) / (pd.Series(h) - pd.Series(l)) * pd.Series(v)
ind = {"open": enc(o), "high": enc(h), "low": enc(l), "close": enc(c), "volume": enc(v),
       "ma5": enc(ma(C, 5)), "std20": enc(C.rolling(20).std(ddof=1)), "bbi": enc(bbi),
       "bbiboll_up": enc(bbi + 6 * bbi.rolling(11).std(ddof=1)),
       "boll_up": enc(ma(C, 20) + 2 * C.rolling(20).std(ddof=1)), "env_dn": enc(ma(C, 25) * 0.94),
       "expma12": enc(ema(C, 12)), "macd_dif": enc(dif), "macd_dea": enc(dea), "macd_hist": enc(2 * (dif - dea)),
       "rsi14": enc(100 * g / (g + ls)), "atr14": enc(wilder(tr, 14)), "wvad": enc(term.rolling(24).sum()),
       "vol20": enc(np.log(C).diff().rolling(20).std(ddof=1)), "mom20": enc(C / C.shift(20) - 1),
       "vr5": enc(pd.Series(v) / pd.Series(v).rolling(5).mean().shift(1))}

out = {"versions": {"numpy": np.__version__, "scipy": scipy.__version__, "pandas": pd.__version__,
                    "statsmodels": statsmodels.__version__},
       "quantile": [quant, quant_ints], "student_t": tcdf, "normal_quantile": nq, "correlation_tests": corr,
       "newey_west": nw, "indicators": ind}
json.dump(out, open(OUT, "w"), indent=0, allow_nan=False)
print("wrote", OUT)
