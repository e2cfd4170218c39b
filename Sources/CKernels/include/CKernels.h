// Vectorised elementwise kernels used by the Tensors module.
//
// Every kernel is compiled three times (x86-64-v4 = AVX-512, x86-64-v3 = AVX2+FMA, baseline) via
// clang/GCC function multi-versioning (`target_clones`); the loader picks the best
// clone for the running CPU (ELF ifunc), so no unsafe compiler flags are needed.
//
// Buffers are dense. Unless a parameter says otherwise, an output may alias an input of
// the same shape (in-place use is allowed). Error bounds: Docs/Kernels.md.
#ifndef FACTORLAB_CKERNELS_H
#define FACTORLAB_CKERNELS_H

#include <stddef.h>

/// Returns the kernel ABI version (bumped when a signature changes).
int ckernels_version(void);

/// Name of the clone the dispatcher picked for this CPU ("x86-64-v4", "x86-64-v3" or "default").
const char *ckernels_isa(void);

// ----------------------------------------------------------------- activations
/// y[i] = 1 / (1 + exp(-x[i])).
void ck_sigmoid_f32(size_t n, const float *x, float *y);
void ck_sigmoid_f64(size_t n, const double *x, double *y);
/// y[i] = tanh(x[i]).
void ck_tanh_f32(size_t n, const float *x, float *y);
void ck_tanh_f64(size_t n, const double *x, double *y);

// ----------------------------------------------------------------- arithmetic
/// y[i] = a[i] + b[i].
void ck_add_f32(size_t n, const float *a, const float *b, float *y);
void ck_add_f64(size_t n, const double *a, const double *b, double *y);
/// y[i] = a[i] * b[i].
void ck_mul_f32(size_t n, const float *a, const float *b, float *y);
void ck_mul_f64(size_t n, const double *a, const double *b, double *y);
/// y[i] += a[i] * b[i].
void ck_fma_f32(size_t n, const float *a, const float *b, float *y);
void ck_fma_f64(size_t n, const double *a, const double *b, double *y);

// ----------------------------------------------------------------- LSTM cell
/// Fused LSTM forward pointwise step over `rows` rows of hidden size `H`.
///
/// gates  [rows, 4H]  in: pre-activations (blocks i, f, g, o); out: σ(i), σ(f), tanh(g), σ(o).
/// bias   [4H]        added to every row before the activations; may be NULL.
/// c_prev [rows, H]   previous cell state.
/// c, h   [rows, H]   outputs: c = f·c_prev + i·g, h = o·tanh(c).
/// The LSTM kernels require distinct, non-overlapping arrays (they are `restrict`).
/// tanh_c [rows, H]   output tanh(c) kept for the backward pass; may be NULL (inference).
void ck_lstm_forward_f32(size_t rows, size_t H, float *gates, const float *bias,
                         const float *c_prev, float *c, float *h, float *tanh_c);
void ck_lstm_forward_f64(size_t rows, size_t H, double *gates, const double *bias,
                         const double *c_prev, double *c, double *h, double *tanh_c);

/// Fused LSTM backward pointwise step over `rows` rows.
///
/// gates  [rows, 4H]  in: activations σ(i), σ(f), tanh(g), σ(o) saved by the forward;
///                    out: gradients of the pre-activations (di, df, dg, do).
/// c_prev, tanh_c [rows, H]  saved by the forward.
/// dh_a   rows of ∂L/∂h_t with row stride lda (H ≥ 1 elements used per row); may be NULL.
/// dh_b   a second summand of ∂L/∂h_t, row stride ldb; may be NULL.
/// dc     [rows, H]   in: ∂L/∂c_t from later steps; out: ∂L/∂c_{t-1}.
void ck_lstm_backward_f32(size_t rows, size_t H, float *gates, const float *c_prev,
                          const float *tanh_c, const float *dh_a, size_t lda,
                          const float *dh_b, size_t ldb, float *dc);
void ck_lstm_backward_f64(size_t rows, size_t H, double *gates, const double *c_prev,
                          const double *tanh_c, const double *dh_a, size_t lda,
                          const double *dh_b, size_t ldb, double *dc);

// ----------------------------------------------------------------- small-dimension GEMMs
/// C[m×n] = bias + A[m×k]·Wt[k×n] (row-major; A row stride lda, Wt row stride ldw, C row stride
/// ldc; bias [n] added to every row, or nothing when NULL), for small k (the LSTM input
/// projection with I ≤ 16). C must not overlap A, Wt or bias.
void ck_gemm_small_k_f32(size_t m, size_t n, size_t k, const float *a, size_t lda,
                         const float *wt, size_t ldw, const float *bias, float *c, size_t ldc);
void ck_gemm_small_k_f64(size_t m, size_t n, size_t k, const double *a, size_t lda,
                         const double *wt, size_t ldw, const double *bias, double *c, size_t ldc);

/// S[k×n] = X[m×k]ᵀ·G[m×n] restricted to columns [j0, j1) of S and G, for small k (the LSTM
/// input-weight gradient with I ≤ 16). Row strides ldx, ldg, lds. Each column is summed over
/// the rows in the same order whatever the column range, so splits are bit-reproducible.
void ck_gemm_tn_small_m_f32(size_t m, size_t j0, size_t j1, size_t k, const float *x, size_t ldx,
                            const float *g, size_t ldg, float *s, size_t lds);
void ck_gemm_tn_small_m_f64(size_t m, size_t j0, size_t j1, size_t k, const double *x, size_t ldx,
                            const double *g, size_t ldg, double *s, size_t lds);

// ----------------------------------------------------------------- floating-point control
/// The calling thread's MXCSR (0 on non-x86 targets).
unsigned ck_mxcsr_get(void);
/// Sets the calling thread's MXCSR (no-op on non-x86 targets).
void ck_mxcsr_set(unsigned value);


// ----------------------------------------------------------------- CPU identification
/// Feature bits of `ck_cpu_info.features`. A vector feature is set only when the OS saves the
/// matching register state (XCR0), as OpenBLAS's own dispatcher requires.
enum {
    CK_CPU_SSE3 = 1u << 0, CK_CPU_SSSE3 = 1u << 1, CK_CPU_SSE4_1 = 1u << 2, CK_CPU_SSE4_2 = 1u << 3,
    CK_CPU_AVX = 1u << 4, CK_CPU_FMA = 1u << 5, CK_CPU_AVX2 = 1u << 6,
    CK_CPU_AVX512F = 1u << 7, CK_CPU_AVX512BW = 1u << 8, CK_CPU_AVX512DQ = 1u << 9, CK_CPU_AVX512VL = 1u << 10,
    CK_CPU_AVX512BF16 = 1u << 11, CK_CPU_AVX512FP16 = 1u << 12, CK_CPU_AMX_TILE = 1u << 13, CK_CPU_AMX_BF16 = 1u << 14,
    CK_CPU_OS_AVX = 1u << 15, CK_CPU_OS_AVX512 = 1u << 16,
};

/// What CPUID says about the processor this process runs on.
typedef struct {
    char vendor[13];     ///< e.g. "GenuineIntel", "AuthenticAMD"
    char brand[49];      ///< brand string, e.g. "Intel(R) Xeon(R) Platinum 8480+"
    int family;          ///< display family (base + extended)
    int model;           ///< display model (extended model folded in for families 6 and 15)
    int stepping;
    unsigned int features; ///< CK_CPU_* bits
} ck_cpu_info;

/// Fills `out` from CPUID/XGETBV; returns 0, or -1 (and zeroes `out`) on non-x86 machines.
int ck_cpu_info_read(ck_cpu_info *out);

#endif
