// Branch-free single-precision activations (inlined into every multi-versioned kernel).
// Error bounds are measured in Tests/TensorsTests/Kernels and listed in Docs/Kernels.md.
#ifndef FACTORLAB_CKERNELS_MATH_F32_H
#define FACTORLAB_CKERNELS_MATH_F32_H
#include <stdint.h>
#include <string.h>

#define CK_INLINE static inline __attribute__((always_inline))

CK_INLINE uint32_t ck_bits_f32(float x) { uint32_t u; memcpy(&u, &x, 4); return u; }
CK_INLINE float ck_from_bits_f32(uint32_t u) { float x; memcpy(&x, &u, 4); return x; }

/// exp(x) for x clamped to [-87.33, 88]: Cody–Waite reduction x = n·ln2 + r, |r| ≤ ln2/2,
/// Cephes degree-6 polynomial (≈1 ulp), scale by 2^n built in the exponent field.
/// NaN propagates (the clamps are false for NaN; the integer path never traps).
CK_INLINE float ck_exp_f32(float x) {
    x = x > 88.0f ? 88.0f : x;
    x = x < -87.33654475f ? -87.33654475f : x;
    const float magic = 12582912.0f; // 1.5·2^23: adding it rounds to an integer in the low bits
    float t = x * 1.44269504088896341f + magic;
    uint32_t nbits = ck_bits_f32(t) - ck_bits_f32(magic); // n (two's complement)
    float n = t - magic;
    float r = x - n * 0.693359375f;
    r = r - n * -2.12194440e-4f;
    float p = 1.9875691500e-4f;
    p = p * r + 1.3981999507e-3f;
    p = p * r + 8.3334519073e-3f;
    p = p * r + 4.1665795894e-2f;
    p = p * r + 1.6666665459e-1f;
    p = p * r + 5.0000001201e-1f;
    float y = p * (r * r) + r + 1.0f;
    float scale = ck_from_bits_f32((nbits + 127u) << 23);
    return y * scale;
}

/// σ(x) = 1/(1+e^{-x}); saturates cleanly (0 below -88, 1 above 87.3), NaN → NaN.
CK_INLINE float ck_sigmoid_f32_1(float x) { return 1.0f / (1.0f + ck_exp_f32(-x)); }

/// tanh(x): Eigen's 13/6 rational approximation on [-7.9053, 7.9053] (beyond it tanh
/// rounds to ±1 in single precision), identity below |x| < 4e-4 (exact in float).
CK_INLINE float ck_tanh_f32_1(float x) {
    const float c = 7.90531110763549805f;
    float v = x > c ? c : x;
    v = v < -c ? -c : v;
    float v2 = v * v;
    float p = v2 * -2.76076847742355e-16f + 2.00018790482477e-13f;
    p = v2 * p + -8.60467152213735e-11f;
    p = v2 * p + 5.12229709037114e-08f;
    p = v2 * p + 1.48572235717979e-05f;
    p = v2 * p + 6.37261928875436e-04f;
    p = v2 * p + 4.89352455891786e-03f;
    p = p * v;
    float q = v2 * 1.19825839466702e-06f + 1.18534705686654e-04f;
    q = v2 * q + 2.26843463243900e-03f;
    q = v2 * q + 4.89352518554385e-03f;
    float ax = x < 0 ? -x : x;
    float saturated = x > 0 ? 1.0f : -1.0f; // beyond c the rational is within 1 ulp of ±1; make it exact
    return ax < 0.0004f ? x : (ax > c ? saturated : p / q);
}
#endif
