#!/usr/bin/env python3
"""statsmodels formula references for FactorLab's formula regressions.

Run with a venv holding statsmodels, pandas and patsy:
    python3 -m venv /work/.venv-14 && /work/.venv-14/bin/pip install statsmodels pandas patsy
    /work/.venv-14/bin/python Scripts/reference/ols_formula_reference.py
Writes Tests/TensorsTests/Resources/regression/ols_formula_reference.json: one small table (every
field as the text a CSV would hold: Python's round-trip repr) and, for each formula and option set,
statsmodels' column names and inference (ols/wls(formula=…).fit(cov_type=…)).
"""
import json, os
import numpy as np
import pandas as pd
import statsmodels
import patsy
import statsmodels.formula.api as smf

OUT = os.path.join(os.path.dirname(__file__), "../../Tests/TensorsTests/Resources/regression/ols_formula_reference.json")
rng = np.random.default_rng(20261204)

# Functions FactorLab's formula subset provides without a namespace (patsy looks them up here).
log, exp, sqrt = np.log, np.exp, np.sqrt
def poly(x, k):
    """Raw powers x¹…xᵏ (FactorLab's poly); patsy names the columns poly(x, k)[0]…[k-1]."""
    x = np.asarray(x, dtype=float)
    return np.column_stack([x ** j for j in range(1, k + 1)])

n = 80
x = np.round(rng.uniform(1, 10, n), 3)
z = np.round(np.exp(rng.normal(0, 0.5, n)), 4)
sector = rng.choice(["a", "b", "c", "d"], n)
grade = rng.integers(1, 4, n)
w = np.round(rng.uniform(0.5, 2.0, n), 3)
effect = {"a": 0.0, "b": 0.8, "c": -0.5, "d": 1.2}
e = rng.normal(0, 1, n) * (0.5 + x / 10)
y = 1.5 + 0.8 * x - 0.05 * x ** 2 + 0.7 * np.log(z) + np.array([effect[s] for s in sector]) + 0.3 * grade + e
y = np.round(y, 6)
ypos = np.round(np.exp(0.1 * y), 6)
data = pd.DataFrame(dict(y=y, ypos=ypos, x=x, z=z, sector=sector, grade=grade, w=w))

formulas = [
    "y ~ x",
    "y ~ x + I(x**2) + np.log(z) + C(sector)",
    "y ~ x + I(x**2) + log(z)",
    "y ~ 0 + x + z",
    "y ~ x + z - 1",
    "y ~ x * z",
    "y ~ x:z + C(sector)",
    "y ~ C(sector, Treatment('c')) + x",
    "y ~ C(grade) + x - 1",
    "y ~ sector + x",
    "y ~ C(sector):x",
    "y ~ x + C(sector):x",
    "y ~ exp(x/10) + I(1/z) + sqrt(z)",
    "np.log(ypos) ~ x + z",
    "y ~ poly(x, 3) + z",
    "y ~ (x + z + C(sector))**2",
    "y ~ C(sector)*C(grade)",
    "y ~ I((x - 5)**3) + I(x*z/2) + I(-x)",
]
runs = [dict(formula=f, weights=None, cov="nonrobust") for f in formulas]
runs += [
    dict(formula="y ~ x + C(sector)", weights="w", cov="nonrobust"),
    dict(formula="y ~ x + I(x**2)", weights=None, cov="HC0"),
    dict(formula="y ~ x + I(x**2)", weights=None, cov="HC3"),
    dict(formula="y ~ x + np.log(z)", weights="w", cov="HC1"),
    dict(formula="y ~ x + z", weights=None, cov="HAC", maxlags=3),
]

out_runs = []
for r in runs:
    if r["weights"]:
        model = smf.wls(r["formula"], data, weights=data[r["weights"]])
    else:
        model = smf.ols(r["formula"], data)
    kw = dict(cov_type=r["cov"])
    if r["cov"] == "HAC":
        kw["cov_kwds"] = dict(maxlags=r["maxlags"])
    res = model.fit(**kw)
    rank = np.linalg.matrix_rank(model.exog)
    assert rank == model.exog.shape[1], f"{r['formula']}: singular design"
    out_runs.append(dict(
        formula=r["formula"], weights=r["weights"], cov=r["cov"], maxlags=r.get("maxlags"),
        endog_name=model.endog_names, names=list(model.exog_names),
        params=res.params.tolist(), bse=res.bse.tolist(), tvalues=res.tvalues.tolist(), pvalues=res.pvalues.tolist(),
        rsquared=float(res.rsquared), rsquared_adj=float(res.rsquared_adj),
        fvalue=float(np.squeeze(res.fvalue)), f_pvalue=float(np.squeeze(res.f_pvalue)),
        llf=float(res.llf), ssr=float(res.ssr), df_resid=float(res.df_resid), nobs=float(res.nobs),
    ))

columns = {}
for name in data.columns:
    col = data[name]
    columns[name] = [repr(float(v)) if col.dtype.kind == "f" else str(v) for v in col]
doc = dict(
    generator="Scripts/reference/ols_formula_reference.py",
    versions=dict(statsmodels=statsmodels.__version__, patsy=patsy.__version__, pandas=pd.__version__, numpy=np.__version__),
    header=list(data.columns), columns=columns, runs=out_runs,
)
with open(OUT, "w") as f:
    json.dump(doc, f, indent=1)
print(f"wrote {OUT}: {len(out_runs)} fits")
for r in out_runs:
    print(r["formula"], r["names"])
