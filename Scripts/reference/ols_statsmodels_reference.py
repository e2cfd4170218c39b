#!/usr/bin/env python3
"""statsmodels reference values for FactorLab's regression tests.

Run with /work/venv/bin/python (statsmodels 0.14/0.15, scipy). Writes
Tests/TensorsTests/Resources/regression/ols_statsmodels_reference.json: for each case the
data, the options and every inference quantity for each covariance type; plus scipy values
of the t and F distribution functions used for p-values and intervals.
"""
import json, os, sys
import numpy as np
import scipy.stats as st
import statsmodels
import statsmodels.api as sm

OUT = os.path.join(os.path.dirname(__file__), "../../Tests/TensorsTests/Resources/regression/ols_statsmodels_reference.json")
rng = np.random.default_rng(20261122)

def make_case(name, n, k, intercept, weights=False, ar=0.0):
    X = rng.normal(size=(n, k)) * np.array([1.0, 3.0, 0.5, 2.0][:k]) + np.array([0.0, 1.0, -2.0, 0.5][:k])
    e = rng.normal(size=n) * (0.5 + np.abs(X[:, 0]))  # heteroscedastic
    if ar:
        for t in range(1, n):
            e[t] += ar * e[t - 1]
    beta = np.array([0.7, -0.3, 0.05, 1.5][:k])
    y = (1.25 if intercept else 0.0) + X @ beta + e
    w = rng.uniform(0.2, 3.0, size=n) if weights else None
    return dict(name=name, y=y, X=X, names=[f"x{j+1}" for j in range(k)], intercept=intercept, weights=w)

def results(case, cov_type, cov_kwds=None):
    exog = sm.add_constant(case["X"], prepend=True) if case["intercept"] else case["X"]
    model = sm.WLS(case["y"], exog, weights=case["weights"]) if case["weights"] is not None else sm.OLS(case["y"], exog)
    r = model.fit(cov_type=cov_type, cov_kwds=cov_kwds or {})
    ci95, ci90 = r.conf_int(0.05), r.conf_int(0.10)
    return dict(
        cov_type=cov_type, maxlags=(cov_kwds or {}).get("maxlags"), use_correction=(cov_kwds or {}).get("use_correction", False),
        use_t=bool(r.use_t),
        params=r.params.tolist(), bse=r.bse.tolist(), tvalues=r.tvalues.tolist(), pvalues=r.pvalues.tolist(),
        conf_int_95=ci95.tolist(), conf_int_90=ci90.tolist(),
        rsquared=float(r.rsquared), rsquared_adj=float(r.rsquared_adj), fvalue=float(r.fvalue),
        f_pvalue=float(r.f_pvalue), ssr=float(r.ssr), scale=float(r.scale), llf=float(r.llf),
        aic=float(r.aic), bic=float(r.bic), condition_number=float(r.condition_number),
        df_resid=float(r.df_resid), df_model=float(r.df_model), nobs=float(r.nobs),
        resid=r.resid.tolist(), fittedvalues=r.fittedvalues.tolist(),
        cov_params=r.cov_params().tolist(),
    )

cases = [
    make_case("ols_intercept", 120, 3, True, ar=0.5),
    make_case("ols_no_intercept", 60, 2, False),
    make_case("wls_intercept", 80, 3, True, weights=True),
    make_case("ols_small", 12, 4, True, ar=0.3),
]
cov_specs = [("nonrobust", None), ("HC0", None), ("HC1", None), ("HC2", None), ("HC3", None),
             ("HAC", {"maxlags": 4}), ("HAC", {"maxlags": 1}), ("HAC", {"maxlags": 3, "use_correction": True})]
out = dict(generator="Scripts/reference/ols_statsmodels_reference.py", statsmodels=statsmodels.__version__,
           numpy=np.__version__, cases=[])
for c in cases:
    entry = dict(name=c["name"], intercept=c["intercept"], names=c["names"], y=c["y"].tolist(),
                 columns=[c["X"][:, j].tolist() for j in range(c["X"].shape[1])],
                 weights=None if c["weights"] is None else c["weights"].tolist(), fits=[])
    for cov_type, kw in cov_specs:
        entry["fits"].append(results(c, cov_type, kw))
    # prediction on new rows
    Xnew = rng.normal(size=(5, c["X"].shape[1]))
    exog = sm.add_constant(c["X"], prepend=True) if c["intercept"] else c["X"]
    model = sm.WLS(c["y"], exog, weights=c["weights"]) if c["weights"] is not None else sm.OLS(c["y"], exog)
    r = model.fit()
    Xn = np.column_stack([np.ones(5), Xnew]) if c["intercept"] else Xnew
    entry["predict_rows"] = Xnew.tolist()
    entry["predict_values"] = r.predict(Xn).tolist()
    out["cases"].append(entry)

# Distribution functions (scipy) for the p-value and quantile implementations.
dist = dict(t_two_sided=[], t_quantile=[], f_sf=[], norm_two_sided=[], norm_quantile=[])
for t in [0.0, 0.1, 0.7, 1.5, 2.3, 4.0, 9.5, 25.0, 80.0]:
    for df in [1, 2, 3, 5, 10, 30, 117, 1000]:
        dist["t_two_sided"].append([t, df, float(2 * st.t.sf(t, df))])
for p in [0.5, 0.6, 0.9, 0.95, 0.975, 0.995, 0.9995, 1e-3, 1e-8]:
    for df in [1, 2, 3, 5, 10, 30, 117, 1000]:
        dist["t_quantile"].append([p, df, float(st.t.ppf(p, df))])
for f in [0.01, 0.5, 1.0, 2.5, 7.0, 30.0, 500.0]:
    for d1, d2 in [(1, 5), (3, 116), (2, 58), (6, 9), (10, 1000), (4, 3)]:
        dist["f_sf"].append([f, d1, d2, float(st.f.sf(f, d1, d2))])
for z in [0.0, 0.5, 1.96, 3.0, 6.0, 12.0, 30.0]:
    dist["norm_two_sided"].append([z, float(2 * st.norm.sf(z))])
for p in [1e-12, 1e-5, 0.01, 0.3, 0.5, 0.95, 0.975, 1 - 1e-9]:
    dist["norm_quantile"].append([p, float(st.norm.ppf(p))])
out["distributions"] = dist

# Fama–MacBeth: the Newey–West t statistic of a coefficient series' mean equals statsmodels'
# HAC t of a regression of the series on a constant (Bartlett, no small-sample correction).
series = (0.02 + 0.05 * rng.normal(size=60)).tolist()
fm = []
for lags in [0, 1, 3, 6]:
    r = sm.OLS(np.array(series), np.ones(60)).fit(cov_type="HAC", cov_kwds={"maxlags": lags}) if lags else \
        sm.OLS(np.array(series), np.ones(60)).fit(cov_type="HC0")
    fm.append(dict(lags=lags, mean=float(r.params[0]), bse=float(r.bse[0]), tvalue=float(r.tvalues[0])))
out["fama_macbeth"] = dict(series=series, results=fm)

with open(OUT, "w") as fh:
    json.dump(out, fh, indent=None)
print("wrote", os.path.normpath(OUT))
