"""Independent pandas reference for qlib's Alpha158 and Alpha360 feature sets (FactorRegistry.alpha158 /
.alpha360), written from qlib's expressions (qlib/contrib/data/loader.py: Alpha158DL / Alpha360DL) and
operator definitions (qlib/data/ops.py, qlib/data/_libs/rolling.pyx), not from the Swift code.

Conventions reproduced (Docs/Factors.md): pandas rolling windows with min_periods = window, so a value
is NaN until the window is full and wherever a value in it is missing (qlib itself uses min_periods=1);
comparisons with a missing previous close are NaN (qlib: False); any ±inf/NaN result is NaN; qlib's
1e-12 denominators; Corr and Rsquare NaN where a window's sample std is <= 2e-5.

Input: 3 tickers x 300 dates of Data/sp500_top100_2013-2018_ohlcv.csv with a synthetic vwap = (H+L+C)/3,
plus injected defects (a missing close, a missing volume, a zero volume) so NaN handling is covered.
Output: Tests/QuantTests/Resources/alpha_features_reference.json with the inputs and every feature at
~40 sampled dates per ticker (warm-up edges of every window, the defects, then spread out).

Usage: /work/.venv/bin/python Scripts/reference/make_alpha_features.py
"""
import json, os
import numpy as np, pandas as pd

ROOT = os.path.join(os.path.dirname(__file__), "../..")
OUT = os.path.join(ROOT, "Tests/QuantTests/Resources/alpha_features_reference.json")
TICKERS, NDATES = ["AAPL", "JPM", "XOM"], 300
WINDOWS = [5, 10, 20, 30, 60]
EPS = 1e-12


def load():
    df = pd.read_csv(os.path.join(ROOT, "Data/sp500_top100_2013-2018_ohlcv.csv"))
    dates = sorted(df["date"].unique())[:NDATES]
    df = df[df["ticker"].isin(TICKERS) & df["date"].isin(dates)]
    out = {}
    for t in TICKERS:
        d = df[df["ticker"] == t].set_index("date").reindex(dates)[["open", "high", "low", "close", "volume"]].astype(float)
        d["vwap"] = (d["high"] + d["low"] + d["close"]) / 3
        out[t] = d
    # Defects: a missing close (AAPL), a missing volume and a zero volume (JPM).
    out["AAPL"].iloc[100, out["AAPL"].columns.get_loc("close")] = np.nan
    out["JPM"].iloc[150, out["JPM"].columns.get_loc("volume")] = np.nan
    out["JPM"].iloc[200, out["JPM"].columns.get_loc("volume")] = 0.0
    return dates, out


def ref(x, d):
    return x.shift(d)


def slope_r2_resi(y, n):
    """Rolling OLS of y on 1..n: slope, r^2, residual of the last point (np.polyfit per window)."""
    xs = np.arange(1, n + 1, dtype=float)

    def fit(w):
        return np.polyfit(xs, w, 1)

    slope = y.rolling(n).apply(lambda w: fit(w)[0], raw=True)
    resi = y.rolling(n).apply(lambda w: w[-1] - np.polyval(fit(w), n), raw=True)
    r2 = y.rolling(n).apply(lambda w: np.corrcoef(xs, w)[0, 1] ** 2 if np.std(w) > 0 else np.nan, raw=True)
    r2[y.rolling(n).std() <= 2e-5] = np.nan
    return slope, r2, resi


def corr(a, b, n):
    ok = a.notna() & b.notna() & np.isfinite(a) & np.isfinite(b)
    a, b = a.where(ok), b.where(ok)
    c = a.rolling(n).corr(b)
    c[(a.rolling(n).std() <= 2e-5) | (b.rolling(n).std() <= 2e-5)] = np.nan
    return c


def gt(a, b):
    """Comparison that is NaN where an operand is missing (qlib gives False there)."""
    return (a > b).astype(float).where(a.notna() & b.notna())


def alpha158(d):
    o, h, l, c, v, vw = (d[k] for k in ["open", "high", "low", "close", "volume", "vwap"])
    f = {}
    f["KMID"] = (c - o) / o
    f["KLEN"] = (h - l) / o
    f["KMID2"] = (c - o) / (h - l + EPS)
    f["KUP"] = (h - np.maximum(o, c)) / o
    f["KUP2"] = (h - np.maximum(o, c)) / (h - l + EPS)
    f["KLOW"] = (np.minimum(o, c) - l) / o
    f["KLOW2"] = (np.minimum(o, c) - l) / (h - l + EPS)
    f["KSFT"] = (2 * c - h - l) / o
    f["KSFT2"] = (2 * c - h - l) / (h - l + EPS)
    for name, x in [("OPEN", o), ("HIGH", h), ("LOW", l), ("VWAP", vw)]:
        f[name + "0"] = x / c
    W = WINDOWS
    reg = {n: slope_r2_resi(c, n) for n in W}
    for n in W: f[f"ROC{n}"] = ref(c, n) / c
    for n in W: f[f"MA{n}"] = c.rolling(n).mean() / c
    for n in W: f[f"STD{n}"] = c.rolling(n).std() / c
    for n in W: f[f"BETA{n}"] = reg[n][0] / c
    for n in W: f[f"RSQR{n}"] = reg[n][1]
    for n in W: f[f"RESI{n}"] = reg[n][2] / c
    for n in W: f[f"MAX{n}"] = h.rolling(n).max() / c
    for n in W: f[f"MIN{n}"] = l.rolling(n).min() / c
    for n in W: f[f"QTLU{n}"] = c.rolling(n).quantile(0.8) / c
    for n in W: f[f"QTLD{n}"] = c.rolling(n).quantile(0.2) / c
    for n in W: f[f"RANK{n}"] = c.rolling(n).rank(pct=True)
    for n in W: f[f"RSV{n}"] = (c - l.rolling(n).min()) / (h.rolling(n).max() - l.rolling(n).min() + EPS)
    imax = {n: h.rolling(n).apply(lambda w: np.argmax(w) + 1, raw=True) for n in W}
    imin = {n: l.rolling(n).apply(lambda w: np.argmin(w) + 1, raw=True) for n in W}
    for n in W: f[f"IMAX{n}"] = imax[n] / n
    for n in W: f[f"IMIN{n}"] = imin[n] / n
    for n in W: f[f"IMXD{n}"] = (imax[n] - imin[n]) / n
    logv = np.log(v + 1)
    for n in W: f[f"CORR{n}"] = corr(c, logv, n)
    cr = c / ref(c, 1)
    with np.errstate(divide="ignore", invalid="ignore"):
        vr = np.log(v / ref(v, 1) + 1)
    vr = vr.replace([np.inf, -np.inf], np.nan)
    for n in W: f[f"CORD{n}"] = corr(cr, vr, n)
    up, down = gt(c, ref(c, 1)), gt(ref(c, 1), c)
    for n in W: f[f"CNTP{n}"] = up.rolling(n).mean()
    for n in W: f[f"CNTN{n}"] = down.rolling(n).mean()
    for n in W: f[f"CNTD{n}"] = up.rolling(n).mean() - down.rolling(n).mean()

    def sums(x, prefix):
        dx = x - ref(x, 1)
        g, lo, a = np.maximum(dx, 0), np.maximum(-dx, 0), dx.abs()
        # Window sums of a few values: sum each window exactly (sliding view), so all-zero windows give 0.
        s = lambda y, n: y.rolling(n).apply(np.sum, raw=True)
        for n in W: f[f"{prefix}SUMP{n}"] = s(g, n) / (s(a, n) + EPS)
        for n in W: f[f"{prefix}SUMN{n}"] = s(lo, n) / (s(a, n) + EPS)
        for n in W: f[f"{prefix}SUMD{n}"] = (s(g, n) - s(lo, n)) / (s(a, n) + EPS)

    sums(c, "")
    for n in W: f[f"VMA{n}"] = v.rolling(n).mean() / (v + EPS)
    for n in W: f[f"VSTD{n}"] = v.rolling(n).std() / (v + EPS)
    wv = (c / ref(c, 1) - 1).abs() * v
    for n in W: f[f"WVMA{n}"] = wv.rolling(n).std() / (wv.rolling(n).mean() + EPS)
    sums(v, "V")
    return f


def alpha360(d):
    c, v = d["close"], d["volume"]
    f = {}
    for name in ["CLOSE", "OPEN", "HIGH", "LOW", "VWAP"]:
        x = d[name.lower()]
        for i in range(59, -1, -1):
            f[f"{name}{i}"] = ref(x, i) / c
    for i in range(59, -1, -1):
        f[f"VOLUME{i}"] = ref(v, i) / (v + EPS)
    return f


def enc(a):
    return [None if not np.isfinite(x) else float(x) for x in np.asarray(a, dtype=float)]


def main():
    dates, data = load()
    edges = sorted({i for n in [1, 5, 10, 20, 30, 60] for i in (n - 2, n - 1, n, n + 1) if 0 <= i < NDATES})
    defects = [99, 100, 101, 104, 105, 149, 150, 151, 155, 200, 201, 202, 210]
    spread = list(range(70, NDATES, 23)) + [NDATES - 1]
    sample = sorted(set(edges + defects + spread))
    names158 = list(alpha158(data[TICKERS[0]]).keys())
    names360 = list(alpha360(data[TICKERS[0]]).keys())
    assert len(names158) == 158 and len(names360) == 360, (len(names158), len(names360))
    out = {"source": "Scripts/reference/make_alpha_features.py (pandas %s, numpy %s)" % (pd.__version__, np.__version__),
           "dates": dates, "tickers": TICKERS, "sample": sample,
           "alpha158_names": names158, "alpha360_names": names360, "inputs": {}, "features": {}}
    for t in TICKERS:
        d = data[t]
        out["inputs"][t] = {k: enc(d[k]) for k in ["open", "high", "low", "close", "volume", "vwap"]}
        feats = {**alpha158(d), **alpha360(d)}
        out["features"][t] = {k: enc(s.replace([np.inf, -np.inf], np.nan).to_numpy()[sample]) for k, s in feats.items()}
    tmp = OUT + ".tmp"
    with open(tmp, "w") as fh:
        json.dump(out, fh, separators=(",", ":"), allow_nan=False)
    os.replace(tmp, OUT)
    print("wrote", OUT, os.path.getsize(OUT), "bytes;", len(sample), "dates per ticker")


if __name__ == "__main__":
    main()
