// Vectorised elementwise kernels: activations, arithmetic, fused LSTM cell steps.
// Loops are written so clang's loop vectoriser turns them into full-width SIMD; every
// exported kernel is multi-versioned (x86-64-v4 = AVX-512, x86-64-v3 = AVX2+FMA, baseline)
// and dispatched by
// the dynamic loader, so the package builds with ordinary flags and runs on any x86-64.
#include "CKernels.h"
#include "math_f32.h"
#include "math_f64.h"
#if defined(__x86_64__)
#include <immintrin.h>
#endif

#if defined(__x86_64__) && defined(__ELF__) && !defined(CKERNELS_NO_CLONES)
#define CK_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define CK_CLONES
#endif

int ckernels_version(void) { return 2; }

const char *ckernels_isa(void) {
#if defined(__x86_64__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("x86-64-v4")) return "x86-64-v4";
    if (__builtin_cpu_supports("x86-64-v3")) return "x86-64-v3";
#endif
    return "default";
}

// Double activations are long dependency chains (degree-13 polynomials): interleaving two
// vectors per iteration measured 13 → 11 ns per hidden element of the forward step; Float
// gained nothing.
#define CK_INTERLEAVE
#define CK_T float
#define CK_SUF f32
#define CK_SIG ck_sigmoid_f32_1
#define CK_TANH ck_tanh_f32_1
#include "lstm_template.h"
#undef CK_INTERLEAVE
#undef CK_T
#undef CK_SUF
#undef CK_SIG
#undef CK_TANH

#define CK_INTERLEAVE _Pragma("clang loop interleave_count(2)")
#define CK_T double
#define CK_SUF f64
#define CK_SIG ck_sigmoid_f64_1
#define CK_TANH ck_tanh_f64_1
#include "lstm_template.h"
#undef CK_INTERLEAVE
#undef CK_T
#undef CK_SUF
#undef CK_SIG
#undef CK_TANH

// 32-byte vectors with element alignment: loads and stores through them may be unaligned.
typedef float ck_v8f __attribute__((vector_size(32), aligned(4)));
typedef double ck_v4d __attribute__((vector_size(32), aligned(8)));

#define CK_T float
#define CK_SUF f32
#define CK_V ck_v8f
#define CK_VL 8
#include "small_gemm_template.h"
#undef CK_T
#undef CK_SUF
#undef CK_V
#undef CK_VL

#define CK_T double
#define CK_SUF f64
#define CK_V ck_v4d
#define CK_VL 4
#include "small_gemm_template.h"
#undef CK_T
#undef CK_SUF
#undef CK_V
#undef CK_VL

unsigned ck_mxcsr_get(void) {
#if defined(__x86_64__)
    return _mm_getcsr();
#else
    return 0;
#endif
}

void ck_mxcsr_set(unsigned value) {
#if defined(__x86_64__)
    _mm_setcsr(value);
#else
    (void)value;
#endif
}
