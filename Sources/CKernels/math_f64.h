// Branch-free double-precision activations (inlined into every multi-versioned kernel).
// Error bounds are measured in Tests/TensorsTests/Kernels and listed in Docs/Kernels.md.
#ifndef FACTORLAB_CKERNELS_MATH_F64_H
#define FACTORLAB_CKERNELS_MATH_F64_H
#include <stdint.h>
#include <string.h>

#ifndef CK_INLINE
#define CK_INLINE static inline __attribute__((always_inline))
#endif

CK_INLINE uint64_t ck_bits_f64(double x) { uint64_t u; memcpy(&u, &x, 8); return u; }
CK_INLINE double ck_from_bits_f64(uint64_t u) { double x; memcpy(&x, &u, 8); return x; }

static const double ck_ln2_hi = 6.93147180369123816490e-01; // fdlibm split of ln 2
static const double ck_ln2_lo = 1.90821492927058770002e-10;
static const double ck_magic_f64 = 6755399441055744.0;      // 1.5·2^52

/// Reduces x = n·ln2 + r with |r| ≤ ln2/2 (Cody–Waite, exact n) and returns 2^n
/// (n must lie in [-1022, 1023]).
CK_INLINE double ck_reduce_f64(double x, double *r) {
    double t = x * 1.44269504088896338700 + ck_magic_f64;
    uint64_t nbits = ck_bits_f64(t) - ck_bits_f64(ck_magic_f64);
    double n = t - ck_magic_f64;
    *r = (x - n * ck_ln2_hi) - n * ck_ln2_lo;
    return ck_from_bits_f64((nbits + 1023u) << 52);
}

/// e^r − 1 − r for |r| ≤ ln2/2 = 0.3466: r²·P(r) with P the degree-9 Chebyshev interpolant of
/// (e^r − 1 − r)/r² on that interval (coefficients from Scripts/reference/exp_tail_f64.py;
/// 1 + r + r²P(r) is within 1.6e-17 of e^r relative before rounding, vs 4e-18 for the
/// degree-13 Taylor tail it replaced, at two FMAs fewer per exponential).
CK_INLINE double ck_expm1_tail_f64(double r) {
    double p = 2.5100375832561234e-08;
    p = p * r + 2.7620075879983367e-07;
    p = p * r + 2.7557268480310024e-06;
    p = p * r + 2.4801521322368692e-05;
    p = p * r + 0.00019841269863040545;
    p = p * r + 0.0013888888917196719;
    p = p * r + 0.008333333333330065;
    p = p * r + 0.041666666666624164;
    p = p * r + 0.16666666666666669;
    p = p * r + 0.5000000000000001;
    return p * (r * r);
}

/// e^x for x clamped to [-708.39, 709] (NaN propagates); ≈1 ulp.
CK_INLINE double ck_exp_f64(double x) {
    x = x > 709.0 ? 709.0 : x;
    x = x < -708.39 ? -708.39 : x;
    double r;
    double s = ck_reduce_f64(x, &r);
    return s * (1.0 + (r + ck_expm1_tail_f64(r)));
}

/// σ(x) = 1/(1+e^{-x}); below x = -708.39 returns ≈2.5e-308 instead of a subnormal.
CK_INLINE double ck_sigmoid_f64_1(double x) { return 1.0 / (1.0 + ck_exp_f64(-x)); }

/// tanh(x) = u/(u+2) with u = expm1(2|x|), sign restored; |x| clamped at 22 where tanh
/// rounds to ±1. expm1(y) = 2^n·expm1(r) + (2^n − 1) has no cancellation for y ≥ 0.
CK_INLINE double ck_tanh_f64_1(double x) {
    double a = x < 0 ? -x : x;
    a = a > 22.0 ? 22.0 : a;
    double y = 2.0 * a, r;
    double s = ck_reduce_f64(y, &r);
    double em = r + ck_expm1_tail_f64(r);
    double u = s * em + (s - 1.0);
    double t = u / (u + 2.0);
    return x < 0 ? -t : (x == 0 ? x : t); // keeps -0 and NaN (NaN: t is NaN)
}
#endif
