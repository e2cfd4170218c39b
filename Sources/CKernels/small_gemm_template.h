// GEMMs with one tiny dimension (the LSTM's input width I ≤ 16, e.g. ten factors), instantiated
// per precision by kernels.c with CK_T, CK_SUF and CK_V (a 32-byte vector of CK_T, CK_VL lanes).
//
// Why not OpenBLAS: with k or m ≈ 10 its packing and its 16×4 / 8×4 micro-tiles waste most of
// the work. These loops keep one operand in registers and stream the other once: measured 2×
// faster than sgemm/dgemm on Zen 3 at I = 10…16 (Docs/Kernels.md).
#define CK_CAT2(a, b) a##b
#define CK_CAT(a, b) CK_CAT2(a, b)
#define CK_NAME(base) CK_CAT(base, CK_SUF)

// C[m×n] = bias + A[m×k]·Wt[k×n] (bias [n] added to every row, or none when NULL): two rows at a time share each Wt load, and 2 rows × 4 vectors give
// eight independent FMA chains (enough to hide the 4-cycle FMA latency on two pipes); Wt
// (k·n elements, a few KB) stays in L1.
CK_CLONES void CK_NAME(ck_gemm_small_k_)(size_t m, size_t n, size_t k, const CK_T *a, size_t lda,
                                          const CK_T *wt, size_t ldw, const CK_T *bias, CK_T *c, size_t ldc) {
    // A zero bias costs one load per output vector, far less than a second kernel body.
    CK_T zeros[64];
    for (size_t j = 0; j < 64; j++) zeros[j] = 0;
    size_t i = 0;
    for (; i + 2 <= m; i += 2) {
        const CK_T *a0 = a + i * lda, *a1 = a0 + lda;
        CK_T *c0p = c + i * ldc, *c1p = c0p + ldc;
        size_t j = 0;
        for (; j + 4 * CK_VL <= n; j += 4 * CK_VL) {
            const CK_T *b = bias ? bias + j : zeros;
            CK_V x0 = *(const CK_V *)(b), x1 = *(const CK_V *)(b + CK_VL);
            CK_V x2 = *(const CK_V *)(b + 2 * CK_VL), x3 = *(const CK_V *)(b + 3 * CK_VL);
            CK_V y0 = x0, y1 = x1, y2 = x2, y3 = x3;
            for (size_t q = 0; q < k; q++) {
                const CK_T s0 = a0[q], s1 = a1[q];
                const CK_T *w = wt + q * ldw + j;
                const CK_V w0 = *(const CK_V *)(w), w1 = *(const CK_V *)(w + CK_VL);
                const CK_V w2 = *(const CK_V *)(w + 2 * CK_VL), w3 = *(const CK_V *)(w + 3 * CK_VL);
                x0 += s0 * w0; x1 += s0 * w1; x2 += s0 * w2; x3 += s0 * w3;
                y0 += s1 * w0; y1 += s1 * w1; y2 += s1 * w2; y3 += s1 * w3;
            }
            *(CK_V *)(c0p + j) = x0; *(CK_V *)(c0p + j + CK_VL) = x1;
            *(CK_V *)(c0p + j + 2 * CK_VL) = x2; *(CK_V *)(c0p + j + 3 * CK_VL) = x3;
            *(CK_V *)(c1p + j) = y0; *(CK_V *)(c1p + j + CK_VL) = y1;
            *(CK_V *)(c1p + j + 2 * CK_VL) = y2; *(CK_V *)(c1p + j + 3 * CK_VL) = y3;
        }
        for (; j + CK_VL <= n; j += CK_VL) {
            CK_V x0 = *(const CK_V *)(bias ? bias + j : zeros), y0 = x0;
            for (size_t q = 0; q < k; q++) {
                const CK_V w0 = *(const CK_V *)(wt + q * ldw + j);
                x0 += a0[q] * w0; y0 += a1[q] * w0;
            }
            *(CK_V *)(c0p + j) = x0; *(CK_V *)(c1p + j) = y0;
        }
        for (; j < n; j++) {
            CK_T s0 = bias ? bias[j] : 0, s1 = s0;
            for (size_t q = 0; q < k; q++) { s0 += a0[q] * wt[q * ldw + j]; s1 += a1[q] * wt[q * ldw + j]; }
            c0p[j] = s0; c1p[j] = s1;
        }
    }
    for (; i < m; i++) {
        const CK_T *ai = a + i * lda;
        CK_T *ci = c + i * ldc;
        size_t j = 0;
        for (; j + CK_VL <= n; j += CK_VL) {
            CK_V x0 = *(const CK_V *)(bias ? bias + j : zeros);
            for (size_t q = 0; q < k; q++) x0 += ai[q] * *(const CK_V *)(wt + q * ldw + j);
            *(CK_V *)(ci + j) = x0;
        }
        for (; j < n; j++) {
            CK_T s0 = bias ? bias[j] : 0;
            for (size_t q = 0; q < k; q++) s0 += ai[q] * wt[q * ldw + j];
            ci[j] = s0;
        }
    }
}

// NV column vectors × KC rows of S (KC·NV ≤ 12 accumulators in registers) over `rows` rows of X
// and G; adds to S unless `first`. KC and NV are literals at every call site, so the loops over
// them unroll completely.
CK_INLINE void CK_NAME(ck_tn_chunk_)(size_t rows, const CK_T *restrict x, size_t ldx,
                                     const CK_T *restrict g, size_t ldg, CK_T *restrict s, size_t lds,
                                     int first, const size_t KC, const size_t NV) {
    CK_V acc[12];
    for (size_t q = 0; q < KC; q++)
        for (size_t v = 0; v < NV; v++)
            acc[q * NV + v] = first ? (CK_V){0} : *(const CK_V *)(s + q * lds + v * CK_VL);
    for (size_t r = 0; r < rows; r++) {
        CK_V gv[2];
        for (size_t v = 0; v < NV; v++) gv[v] = *(const CK_V *)(g + r * ldg + v * CK_VL);
        const CK_T *xr = x + r * ldx;
        for (size_t q = 0; q < KC; q++)
            for (size_t v = 0; v < NV; v++) acc[q * NV + v] += xr[q] * gv[v];
    }
    for (size_t q = 0; q < KC; q++)
        for (size_t v = 0; v < NV; v++) *(CK_V *)(s + q * lds + v * CK_VL) = acc[q * NV + v];
}

#define CK_TN_CHUNK(NV)                                                                            \
    switch (kc) {                                                                                  \
    case 6: CK_NAME(ck_tn_chunk_)(rows, xq, ldx, gj, ldg, sq, lds, first, 6, NV); break;          \
    case 5: CK_NAME(ck_tn_chunk_)(rows, xq, ldx, gj, ldg, sq, lds, first, 5, NV); break;          \
    case 4: CK_NAME(ck_tn_chunk_)(rows, xq, ldx, gj, ldg, sq, lds, first, 4, NV); break;          \
    case 3: CK_NAME(ck_tn_chunk_)(rows, xq, ldx, gj, ldg, sq, lds, first, 3, NV); break;          \
    case 2: CK_NAME(ck_tn_chunk_)(rows, xq, ldx, gj, ldg, sq, lds, first, 2, NV); break;          \
    default: CK_NAME(ck_tn_chunk_)(rows, xq, ldx, gj, ldg, sq, lds, first, 1, NV); break;         \
    }

// S[k×n] = X[m×k]ᵀ·G[m×n] for the columns [j0, j1) of S and G. Rows are taken in blocks that
// stay in L1/L2 while the column vectors pass over them; each column's sum runs over the rows
// in one fixed order, so the result does not depend on how columns are split between threads.
CK_CLONES void CK_NAME(ck_gemm_tn_small_m_)(size_t m, size_t j0, size_t j1, size_t k,
                                             const CK_T *x, size_t ldx, const CK_T *g, size_t ldg,
                                             CK_T *s, size_t lds) {
    const size_t block = 64;
    const size_t pairEnd = j0 + (j1 - j0) / (2 * CK_VL) * (2 * CK_VL);
    const size_t vecEnd = j0 + (j1 - j0) / CK_VL * CK_VL;
    for (size_t r0 = 0; r0 < m; r0 += block) {
        const size_t rows = m - r0 < block ? m - r0 : block;
        const int first = r0 == 0;
        const CK_T *xb = x + r0 * ldx, *gb = g + r0 * ldg;
        size_t q0 = 0;
        while (q0 < k) {
            const size_t left = k - q0, parts = (left + 5) / 6;
            const size_t kc = (left + parts - 1) / parts;
            const CK_T *xq = xb + q0;
            size_t j = j0;
            for (; j < pairEnd; j += 2 * CK_VL) {
                const CK_T *gj = gb + j;
                CK_T *sq = s + q0 * lds + j;
                CK_TN_CHUNK(2)
            }
            for (; j < vecEnd; j += CK_VL) {
                const CK_T *gj = gb + j;
                CK_T *sq = s + q0 * lds + j;
                CK_TN_CHUNK(1)
            }
            for (; j < j1; j++) {
                for (size_t q = 0; q < kc; q++) {
                    CK_T acc = first ? 0 : s[(q0 + q) * lds + j];
                    for (size_t r = 0; r < rows; r++) acc += xq[r * ldx + q] * gb[r * ldg + j];
                    s[(q0 + q) * lds + j] = acc;
                }
            }
            q0 += kc;
        }
    }
}
#undef CK_TN_CHUNK
#undef CK_NAME
#undef CK_CAT
#undef CK_CAT2
