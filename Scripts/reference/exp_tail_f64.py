"""Coefficients of ck_expm1_tail_f64 (Sources/CKernels/math_f64.h).

P(r) interpolates g(r) = (e^r - 1 - r) / r^2 at the 10 Chebyshev nodes of [-ln2/2, ln2/2]
(degree 9), solved in 60-digit arithmetic and rounded to double. Prints the coefficients from
the highest degree down (Horner order) and the worst relative error of 1 + r + r^2 P(r)
against e^r on a 4,001-point grid.  Run: python3 exp_tail_f64.py  (needs mpmath).
"""
import mpmath as mp

mp.mp.dps = 60
a = mp.log(2) / 2


def g(r):
    if abs(r) < mp.mpf("1e-20"):
        return mp.mpf(1) / 2 + r / 6
    return (mp.e ** r - 1 - r) / r ** 2


n = 10
nodes = [a * mp.cos(mp.pi * (k + mp.mpf(1) / 2) / n) for k in range(n)]
c = mp.lu_solve(mp.matrix([[x ** j for j in range(n)] for x in nodes]), mp.matrix([g(x) for x in nodes]))
cd = [float(ci) for ci in c]
worst = max(abs(1 + r + r ** 2 * sum(mp.mpf(cd[j]) * r ** j for j in range(n)) - mp.e ** r) / mp.e ** r
            for r in (-a + 2 * a * i / 4000 for i in range(4001)))
for x in reversed(cd):
    print(repr(x))
print("max relative error", float(worst))
