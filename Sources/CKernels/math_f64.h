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

/// e^r − 1 − r for |r| ≤ 0.347: Taylor terms r²/2! … r¹³/13! (truncation < 2e-18·|r|).
CK_INLINE double ck_expm1_tail_f64(double r) {
    double p = 1.0 / 6227020800.0;          // 1/13!
    p = p * r + 1.0 / 479001600.0;          // 1/12!
    p = p * r + 1.0 / 39916800.0;
    p = p * r + 1.0 / 3628800.0;
    p = p * r + 1.0 / 362880.0;
    p = p * r + 1.0 / 40320.0;
    p = p * r + 1.0 / 5040.0;
    p = p * r + 1.0 / 720.0;
    p = p * r + 1.0 / 120.0;
    p = p * r + 1.0 / 24.0;
    p = p * r + 1.0 / 6.0;
    p = p * r + 0.5;
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
