#!/usr/bin/env python3
"""Reference vectors for Quant's factor tear sheet (Tests/QuantTests/TearSheet), from alphalens-reloaded.

The case: the first 30 tickers (alphabetical) of the bundled Data/sp500_top100_2013-2018_ohlcv.csv,
the first 250 dates, closes only. Factor = 20-day momentum close[t]/close[t-20] - 1 (causal), with a
few (asset, date) cells knocked out (NaN) so that row dropping is exercised. Three static groups
(asset index mod 3, names G0..G2). Horizons 1, 5, 10; 5 quantiles.

alphalens is called as a user would: get_clean_factor_and_forward_returns (filter_zscore=None: no
look-ahead outlier filter; max_loss=1: report rather than raise), then the functions behind
create_returns/information/turnover_tear_sheet (long_short=True, group_neutral=False).

    /work/.venv/bin/python Scripts/reference/make_tearsheet_reference.py
writes Tests/QuantTests/Resources/tearsheet/tearsheet_reference.json.
"""
import json
import math
import os
import sys
import warnings

import numpy as np
import pandas as pd
import scipy
import alphalens
from alphalens import performance as perf, utils, plotting

warnings.filterwarnings("ignore")
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DATA = os.path.join(ROOT, "Data", "sp500_top100_2013-2018_ohlcv.csv")
OUT = os.path.join(ROOT, "Tests", "QuantTests", "Resources", "tearsheet", "tearsheet_reference.json")

N_ASSETS, N_DATES, LOOKBACK = 30, 250, 20
HORIZONS = (1, 5, 10)
QUANTILES = 5
# (asset index, date index) cells whose factor is knocked out.
HOLES = [(0, 30), (3, 31), (3, 32), (7, 100), (11, 101), (29, 200), (15, 50), (22, 120)]


class Num(float):
    """A float written with 13 significant digits (relative error < 5e-14, far below the tests'
    1e-9 tolerance) to keep the file small."""
    def __repr__(self):
        return "%.13g" % self


def num(x):
    x = float(x)
    return Num(x) if math.isfinite(x) else None  # JSON null = NaN


def by_date(s, day, n):
    """A series indexed by timestamps as a list over all n dates (null where absent or NaN)."""
    out = [None] * n
    for d, v in s.items():
        out[day[d]] = num(v)
    return out


def encode(x):
    """Compact JSON that writes Num with its short repr (json.dump would write full precision)."""
    if isinstance(x, Num):
        return repr(x)
    if isinstance(x, dict):
        return "{" + ",".join(json.dumps(str(k)) + ":" + encode(v) for k, v in x.items()) + "}"
    if isinstance(x, (list, tuple)):
        return "[" + ",".join(encode(v) for v in x) + "]"
    return json.dumps(x)


def main():
    raw = pd.read_csv(DATA, usecols=["date", "ticker", "close"])
    closes = raw.pivot(index="date", columns="ticker", values="close").sort_index()
    tickers = sorted(closes.columns)[:N_ASSETS]
    closes = closes[tickers].iloc[:N_DATES]
    assert not closes.isna().any().any(), "the chosen window must have every close"
    dates = list(closes.index)
    closes.index = pd.DatetimeIndex(pd.to_datetime(closes.index), name="date")

    factor_wide = closes / closes.shift(LOOKBACK) - 1
    for a, t in HOLES:
        factor_wide.iloc[t, a] = np.nan
    factor = factor_wide.stack(future_stack=True)
    factor.index.names = ["date", "asset"]

    groups = {tk: i % 3 for i, tk in enumerate(tickers)}
    group_names = {0: "G0", 1: "G1", 2: "G2"}

    fd = utils.get_clean_factor_and_forward_returns(
        factor, closes, groupby=groups, groupby_labels=group_names, quantiles=QUANTILES,
        periods=HORIZONS, filter_zscore=None, max_loss=1.0)
    cols = utils.get_forward_returns_columns(fd.columns)
    assert list(cols) == ["1D", "5D", "10D"], cols
    ts = pd.DatetimeIndex(pd.to_datetime(dates))
    day = {d: i for i, d in enumerate(ts)}
    tick = {tk: i for i, tk in enumerate(tickers)}

    # Clean rows and their quantiles, asset-major: one character per (asset, date), the quantile
    # digit or "." for a row alphalens dropped.
    cells = ["."] * (N_ASSETS * N_DATES)
    for (d, a), q in fd["factor_quantile"].items():
        cells[tick[a] * N_DATES + day[d]] = str(int(q))
    clean = "".join(cells)

    def cells_for(q):
        """The same rows binned into q quantiles by alphalens' quantize_factor (qcut edge rounding
        differs between q; "." = not binned, ":" for 10 = quantile 10)."""
        out = ["."] * (N_ASSETS * N_DATES)
        for (d, a), k in utils.quantize_factor(fd, quantiles=q).items():
            out[tick[a] * N_DATES + day[d]] = chr(48 + int(k))
        return "".join(out)

    # Factor-weighted long-short (demeaned) returns per date.
    fr = perf.factor_returns(fd, demeaned=True, group_adjust=False)
    # Mean returns by quantile over all dates, and per date (demeaned, long_short=True).
    mq, mq_se = perf.mean_return_by_quantile(fd, by_group=False, demeaned=True)
    mq_raw, mq_raw_se = perf.mean_return_by_quantile(fd, by_group=False, demeaned=False)
    mq_rate = mq.apply(utils.rate_of_return, axis=0, base_period=mq.columns[0])
    mqd, mqd_se = perf.mean_return_by_quantile(fd, by_date=True, by_group=False, demeaned=True)
    mqd_rate = mqd.apply(utils.rate_of_return, axis=0, base_period=mqd.columns[0])
    mqd_se_conv = mqd_se.apply(utils.std_conversion, axis=0, base_period=mqd_se.columns[0])
    top, bottom = fd["factor_quantile"].max(), fd["factor_quantile"].min()
    spread, spread_se = perf.compute_mean_returns_spread(mqd_rate, top, bottom, std_err=mqd_se_conv)
    # The same function on the over-all period means and their standard errors (not per date).
    # (It selects with .xs(level=...), so the quantile index gets a second, constant level.)
    mi = lambda df: df.set_axis(pd.MultiIndex.from_arrays([df.index, ["all"] * len(df)], names=["factor_quantile", "sample"]))
    spread_all, spread_all_se = perf.compute_mean_returns_spread(mi(mq), top, bottom, std_err=mi(mq_se))
    # Cumulative 1D returns of each quantile (the plot's data) and of the factor-weighted portfolio.
    q1d = mqd["1D"].unstack("factor_quantile")
    q_cum = q1d.apply(perf.cumulative_returns)
    fr_cum = perf.cumulative_returns(fr["1D"])
    # IC, information table, monthly and by-group IC.
    ic = perf.factor_information_coefficient(fd)
    info = plotting.plot_information_table(ic, return_df=True)
    monthly = perf.mean_information_coefficient(fd, by_time=pd.offsets.MonthEnd())
    by_group = perf.mean_information_coefficient(fd, by_group=True)
    # Turnover and rank autocorrelation for each horizon.
    qf = fd["factor_quantile"]
    qstats = plotting.plot_quantile_statistics_table(fd, return_df=True)

    out = {
        "generator": "Scripts/reference/make_tearsheet_reference.py",
        "versions": {"alphalens": alphalens.__version__, "pandas": pd.__version__,
                     "numpy": np.__version__, "scipy": scipy.__version__, "python": sys.version.split()[0]},
        "case": {"data": "Data/sp500_top100_2013-2018_ohlcv.csv", "tickers": tickers, "dates": dates,
                 "lookback": LOOKBACK, "holes": HOLES, "horizons": list(HORIZONS), "quantiles": QUANTILES,
                 "groups": [groups[t] for t in tickers], "group_names": [group_names[i] for i in range(3)],
                 # asset-major closes, as the Swift PanelLayout stores them
                 "close": [float(v) for a in tickers for v in closes[a].values]},
        "quantiles_by_cell": clean,
        "quantiles_by_cell_q3": cells_for(3),
        "quantiles_by_cell_q10": cells_for(10),
        "quantile_statistics": {str(int(q)): {k: num(qstats.loc[q, k]) for k in ["min", "max", "mean", "std", "count", "count %"]}
                                for q in qstats.index},
        "horizons": {},
        "cumulative_1d": {
            "quantiles": {str(int(q)): by_date(q_cum[q], day, N_DATES) for q in q_cum.columns},
            "factor_weighted": by_date(fr_cum, day, N_DATES),
        },
    }
    for h, c in zip(HORIZONS, cols):
        to = {int(q): perf.quantile_turnover(qf, q, h) for q in range(1, QUANTILES + 1)}
        ac = perf.factor_rank_autocorrelation(fd, h)
        mrow = monthly[c]
        out["horizons"][str(h)] = {
            "column": c,
            "mean_return": [num(mq.loc[q, c]) for q in range(1, QUANTILES + 1)],
            "mean_return_std_error": [num(mq_se.loc[q, c]) for q in range(1, QUANTILES + 1)],
            "mean_return_not_demeaned": [num(mq_raw.loc[q, c]) for q in range(1, QUANTILES + 1)],
            "mean_return_not_demeaned_std_error": [num(mq_raw_se.loc[q, c]) for q in range(1, QUANTILES + 1)],
            "mean_return_rate": [num(mq_rate.loc[q, c]) for q in range(1, QUANTILES + 1)],
            # per-date mean (demeaned) return of each quantile: {q: {date index: value}}
            "mean_return_by_date": {str(q): by_date(mqd[c].xs(q, level="factor_quantile"), day, N_DATES)
                                    for q in range(1, QUANTILES + 1)},
            "spread": by_date(spread[c], day, N_DATES),
            "spread_std_error": by_date(spread_se[c], day, N_DATES),
            "spread_mean": num(spread[c].mean()),
            "spread_overall": num(np.ravel(spread_all[c])[0]),
            "spread_overall_std_error": num(np.ravel(spread_all_se[c])[0]),
            "factor_returns": by_date(fr[c], day, N_DATES),
            "ic": by_date(ic[c], day, N_DATES),
            "information_table": {k: num(info.loc[c, k]) for k in info.columns},
            "monthly_ic": [{"year": d.year, "month": d.month, "ic": num(v)} for d, v in mrow.items()],
            "group_ic": {str(g): num(by_group.loc[g, c]) for g in by_group.index},
            "turnover": {str(q): by_date(to[q], day, N_DATES) for q in to},
            "turnover_mean": {str(q): num(to[q].mean()) for q in to},
            "rank_autocorrelation": by_date(ac, day, N_DATES),
            "rank_autocorrelation_mean": num(ac.mean()),
        }
    # pandas.qcut on evenly spaced values, where the edge positions (n-1)*p_k fall on or next to
    # whole numbers and pandas' rounding of p_k decides the bin: [n, q, labels or None if it raises].
    qcut_cases = []
    for n in range(2, 26):
        for q in range(2, 11):
            x = pd.Series(np.arange(n, dtype=float) * 0.5 - 3)
            try:
                qcut_cases.append([n, q, [int(v) + 1 for v in pd.qcut(x, q, labels=False)]])
            except ValueError:
                qcut_cases.append([n, q, None])
    out["qcut_cases"] = qcut_cases
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        f.write(encode(out))
        f.write("\n")
    print(f"wrote {OUT}: {len(clean) - clean.count('.')} clean rows, {os.path.getsize(OUT)} bytes")


if __name__ == "__main__":
    main()
