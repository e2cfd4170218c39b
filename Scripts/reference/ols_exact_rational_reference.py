#!/usr/bin/env python3
"""Held-back ill-conditioned least-squares problems with exact rational answers (no statsmodels).

    python3 Scripts/reference/ols_exact_rational_reference.py
Writes Tests/TensorsTests/Resources/regression/ols_exact_rational_reference.json. Each case is a
CSV text (fields are Python's round-trip repr of doubles) and a `factorlab ols` request (plain
columns, or a formula whose powers are meant exactly: x**k of the double x). The answers are the
exact least-squares solution of those doubles, in rational arithmetic (fractions.Fraction), printed
to 25 significant digits: coefficients, standard errors (classical), residual SD and R².
"""
import json, math, os
from fractions import Fraction as F
from decimal import Decimal, getcontext

getcontext().prec = 50
OUT = os.path.join(os.path.dirname(__file__), "../../Tests/TensorsTests/Resources/regression/ols_exact_rational_reference.json")

def solve_exact(cols, y, w=None):
    """Weighted LS (weights w, exact) with the columns given (intercept included by the caller)."""
    n, p = len(y), len(cols)
    w = w or [F(1)] * n
    a = [[sum(w[t] * cols[i][t] * cols[j][t] for t in range(n)) for j in range(p)] + [F(int(i == k)) for k in range(p)]
         + [sum(w[t] * cols[i][t] * y[t] for t in range(n))] for i in range(p)]
    for c in range(p):
        piv = next(r for r in range(c, p) if a[r][c] != 0)
        a[c], a[piv] = a[piv], a[c]
        inv = 1 / a[c][c]
        a[c] = [v * inv for v in a[c]]
        for r in range(p):
            if r != c and a[r][c] != 0:
                f = a[r][c]
                a[r] = [vr - f * vc for vr, vc in zip(a[r], a[c])]
    beta = [a[i][2 * p] for i in range(p)]
    inv_diag = [a[i][p + i] for i in range(p)]
    resid = [y[t] - sum(cols[j][t] * beta[j] for j in range(p)) for t in range(n)]
    ssr = sum(w[t] * resid[t] ** 2 for t in range(n))
    sw = sum(w)
    ybar = sum(w[t] * y[t] for t in range(n)) / sw
    tss = sum(w[t] * (y[t] - ybar) ** 2 for t in range(n))
    return beta, inv_diag, ssr, tss

def dec(q):
    return Decimal(q.numerator) / Decimal(q.denominator)

def fmt(d):
    return format(d, ".25g")

def case(name, header, rows, request, cols, y, names, w=None):
    beta, inv_diag, ssr, tss = solve_exact(cols, y, w)
    df = len(y) - len(cols)
    s2 = ssr / df
    csv = ",".join(header) + "\n" + "\n".join(",".join(repr(v) for v in r) for r in rows) + "\n"
    return dict(name=name, csv=csv, request=request, names=names,
                coefficients=[fmt(dec(b)) for b in beta],
                std_errors=[fmt(dec(s2 * d).sqrt()) for d in inv_diag],
                residual_sd=fmt(dec(s2).sqrt()), r_squared=fmt(dec(1 - ssr / tss)))

def powers_float(x, k):
    acc = 1.0
    for _ in range(k):
        acc *= x
    return acc

cases = []
# 1. Rounded Vandermonde, degree 7, as plain columns (the data are the rounded powers).
n, deg = 40, 7
x = [2 + i / 16 for i in range(n)]
y = [math.sin(v) * 100 + ((i * 37) % 11) / 8 for i, v in enumerate(x)]
X = [[powers_float(v, k) for k in range(1, deg + 1)] for v in x]
hdr = ["y"] + [f"x{k}" for k in range(1, deg + 1)]
cols = [[F(1)] * n] + [[F(X[t][k]) for t in range(n)] for k in range(deg)]
cases.append(case("rounded_vandermonde_7", hdr, [[y[t]] + X[t] for t in range(n)],
                  dict(y="y", x=",".join(hdr[1:])), cols, [F(v) for v in y], ["const"] + hdr[1:]))
# 2. Exact powers of ~22-bit x to degree 5 by formula (powers beyond one double).
n, deg = 21, 5
x = [-1.5 + i * (0.2265625 + 2 ** -20) for i in range(n)]
y = [1 / (1 + v * v) for v in x]
cols = [[F(1)] * n] + [[F(v) ** k for v in x] for k in range(1, deg + 1)]
formula = "y ~ x + " + " + ".join(f"I(x**{k})" for k in range(2, deg + 1))
cases.append(case("exact_powers_5", ["y", "x"], [[y[t], x[t]] for t in range(n)], dict(formula=formula),
                  cols, [F(v) for v in y], ["Intercept", "x"] + [f"I(x ** {k})" for k in range(2, deg + 1)]))
# 3. Degree 9 on x in [1, 2.2] by poly(): equilibrated condition ~1e11.
n, deg = 20, 9
x = [1 + i / 16 for i in range(n)]
y = [round((math.exp(v) + math.sin(7 * v) * 0.01) * 1024) / 1024 for v in x]
cols = [[F(1)] * n] + [[F(v) ** k for v in x] for k in range(1, deg + 1)]
cases.append(case("poly_degree_9", ["y", "x"], [[y[t], x[t]] for t in range(n)], dict(formula="y ~ poly(x, 9)"),
                  cols, [F(v) for v in y], ["Intercept"] + [f"poly(x, 9)[{k}]" for k in range(deg)]))
# 4. Two nearly collinear columns (1e-9 relative) and a third, plain.
n = 25
x1 = [i * 0.37 + 1 for i in range(n)]
x2 = [v * (1 + ((i * 7) % 5 - 2) * 1e-9) for i, v in enumerate(x1)]
x3 = [float((i * 13) % 7) for i in range(n)]
y = [0.5 * x1[i] - 0.25 * x3[i] + ((i * 29) % 9) / 10 for i in range(n)]
cols = [[F(1)] * n] + [[F(v) for v in c] for c in (x1, x2, x3)]
cases.append(case("near_collinear", ["y", "x1", "x2", "x3"], [[y[i], x1[i], x2[i], x3[i]] for i in range(n)],
                  dict(y="y", x="x1,x2,x3"), cols, [F(v) for v in y], ["const", "x1", "x2", "x3"]))
# 5. Weighted degree-4 polynomial by formula, with weights whose square roots are exact.
n, deg = 30, 4
x = [3 + i / 8 for i in range(n)]
y = [math.log(v) * 10 + ((i * 11) % 7) / 16 for i, v in enumerate(x)]
w = [[0.25, 1.0, 4.0, 2.25][i % 4] for i in range(n)]
cols = [[F(1)] * n] + [[F(v) ** k for v in x] for k in range(1, deg + 1)]
cases.append(case("wls_poly_4", ["y", "x", "w"], [[y[t], x[t], w[t]] for t in range(n)],
                  dict(formula="y ~ poly(x, 4)", weights="w"), cols, [F(v) for v in y],
                  ["Intercept"] + [f"poly(x, 4)[{k}]" for k in range(deg)], w=[F(v) for v in w]))

with open(OUT, "w") as f:
    json.dump(dict(generator="Scripts/reference/ols_exact_rational_reference.py", cases=cases), f, indent=1)
print(f"wrote {OUT}: {len(cases)} cases")
