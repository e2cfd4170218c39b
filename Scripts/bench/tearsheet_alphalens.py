#!/usr/bin/env python3
"""Times alphalens-reloaded's tear-sheet computations on the same data as `quant-bench tearsheet`.

Same work as FactorTearSheet.compute: 20-day momentum on every stock's close, 5 quantiles, horizons
1/5/10, groups = asset index mod 11 (static), no z-score filter; then the numbers behind
create_returns/information/turnover_tear_sheet (no plotting): factor_returns, mean_return_by_quantile
(over all dates and by date), rate_of_return, std_conversion, the spreads, cumulative returns, IC,
the information table, monthly and by-group IC, quantile turnover (5 quantiles x 3 periods), rank
autocorrelation (3 periods), quantile statistics. Reading the CSV and pivoting are not timed.

    /work/.venv/bin/python Scripts/bench/tearsheet_alphalens.py [CSV] [repeats]
"""
import contextlib
import io
import os
import sys
import time
import warnings

import numpy as np
import pandas as pd
import alphalens
from alphalens import performance as perf, utils, plotting

warnings.filterwarnings("ignore")
CSV = sys.argv[1] if len(sys.argv) > 1 else "../shared/refdata/market/sp500_stocks_2013-02-08_2018-02-07_ohlcv.csv"
REPEATS = int(sys.argv[2]) if len(sys.argv) > 2 else 3
HORIZONS, QUANTILES, GROUPS = (1, 5, 10), 5, 11


def tear_sheet(factor, closes, groups):
    with contextlib.redirect_stdout(io.StringIO()):
        fd = utils.get_clean_factor_and_forward_returns(
            factor, closes, groupby=groups, quantiles=QUANTILES, periods=HORIZONS, filter_zscore=None, max_loss=1.0)
    out = {}
    fr = perf.factor_returns(fd, demeaned=True)
    mq, mq_se = perf.mean_return_by_quantile(fd, demeaned=True)
    mq_rate = mq.apply(utils.rate_of_return, axis=0, base_period=mq.columns[0])
    mqd, mqd_se = perf.mean_return_by_quantile(fd, by_date=True, demeaned=True)
    mqd_rate = mqd.apply(utils.rate_of_return, axis=0, base_period=mqd.columns[0])
    mqd_se = mqd_se.apply(utils.std_conversion, axis=0, base_period=mqd_se.columns[0])
    top, bottom = fd["factor_quantile"].max(), fd["factor_quantile"].min()
    out["spread"] = perf.compute_mean_returns_spread(mqd_rate, top, bottom, std_err=mqd_se)
    out["q_cum"] = mqd["1D"].unstack("factor_quantile").apply(perf.cumulative_returns)
    out["fr_cum"] = perf.cumulative_returns(fr["1D"])
    ic = perf.factor_information_coefficient(fd)
    out["info"] = plotting.plot_information_table(ic, return_df=True)
    out["monthly"] = perf.mean_information_coefficient(fd, by_time=pd.offsets.MonthEnd())
    out["by_group"] = perf.mean_information_coefficient(fd, by_group=True)
    qf = fd["factor_quantile"]
    out["turnover"] = {h: [perf.quantile_turnover(qf, q, h) for q in range(1, QUANTILES + 1)] for h in HORIZONS}
    out["autocorr"] = {h: perf.factor_rank_autocorrelation(fd, h) for h in HORIZONS}
    out["qstats"] = plotting.plot_quantile_statistics_table(fd, return_df=True)
    out["rows"] = len(fd)
    out["ic_mean_1d"] = ic["1D"].mean()
    out["spread_mean_1d"] = out["spread"][0]["1D"].mean()
    return out


def main():
    raw = pd.read_csv(CSV, usecols=["date", "ticker", "close"])
    closes = raw.pivot(index="date", columns="ticker", values="close").sort_index()
    closes.index = pd.DatetimeIndex(pd.to_datetime(closes.index), name="date")
    factor = (closes / closes.shift(20) - 1).stack(future_stack=True)
    factor.index.names = ["date", "asset"]
    groups = {tk: i % GROUPS for i, tk in enumerate(closes.columns)}
    times, cpus = [], []
    for _ in range(REPEATS):
        t0, c0 = time.perf_counter(), time.process_time()
        out = tear_sheet(factor, closes, groups)
        times.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
        print(f"run {len(times)}: wall {times[-1]:.3f} s, CPU {cpus[-1]:.3f} s, load {os.getloadavg()[0]:.2f}", flush=True)
    med = sorted(times)[len(times) // 2]
    print(f"alphalens {alphalens.__version__}, pandas {pd.__version__}, numpy {np.__version__}; "
          f"{closes.shape[1]} assets x {closes.shape[0]} dates; load {os.getloadavg()[0]:.2f}; "
          f"threads OMP={os.environ.get('OMP_NUM_THREADS', 'unset')} OPENBLAS={os.environ.get('OPENBLAS_NUM_THREADS', 'unset')}")
    print(f"tear sheet median {med:.3f} s over {REPEATS} runs (all: {' '.join(f'{t:.3f}' for t in times)}); "
          f"median process CPU {sorted(cpus)[len(cpus) // 2]:.3f} s")
    print(f"used rows {out['rows']}; IC mean 1D {out['ic_mean_1d']}; mean spread 1D {out['spread_mean_1d']}")


if __name__ == "__main__":
    main()
