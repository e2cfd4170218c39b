// LSTM pointwise kernels, instantiated once per precision by kernels.c with
// CK_T (element type), CK_SUF (name suffix), CK_SIG / CK_TANH (scalar activations).
//
// The per-row loops live in always-inline helpers whose pointer *parameters* are `restrict`:
// clang turns parameter `restrict` into no-alias metadata that survives inlining (it ignores
// `restrict` on local variables), so the loops vectorise without runtime overlap checks.
#define CK_CAT2(a, b) a##b
#define CK_CAT(a, b) CK_CAT2(a, b)
#define CK_NAME(base) CK_CAT(base, CK_SUF)

CK_INLINE void CK_NAME(ck_lstm_fwd_row_)(
    size_t H, CK_T *restrict gi, CK_T *restrict gf, CK_T *restrict gg, CK_T *restrict go,
    const CK_T *restrict bi, const CK_T *restrict bf, const CK_T *restrict bg, const CK_T *restrict bo,
    const CK_T *restrict cp, CK_T *restrict cn, CK_T *restrict hn, CK_T *restrict tc, int store) {
    if (store) {
        for (size_t j = 0; j < H; j++) {
            CK_T i = CK_SIG(gi[j] + bi[j]), f = CK_SIG(gf[j] + bf[j]);
            CK_T g = CK_TANH(gg[j] + bg[j]), o = CK_SIG(go[j] + bo[j]);
            CK_T cc = f * cp[j] + i * g, t = CK_TANH(cc);
            gi[j] = i; gf[j] = f; gg[j] = g; go[j] = o;
            cn[j] = cc; tc[j] = t; hn[j] = o * t;
        }
    } else {
        for (size_t j = 0; j < H; j++) {
            CK_T i = CK_SIG(gi[j] + bi[j]), f = CK_SIG(gf[j] + bf[j]);
            CK_T g = CK_TANH(gg[j] + bg[j]), o = CK_SIG(go[j] + bo[j]);
            CK_T cc = f * cp[j] + i * g;
            cn[j] = cc; hn[j] = o * CK_TANH(cc);
        }
    }
}

CK_CLONES void CK_NAME(ck_lstm_forward_)(size_t rows, size_t H, CK_T *gates, const CK_T *bias,
                                          const CK_T *c_prev, CK_T *c, CK_T *h, CK_T *tanh_c) {
    // A NULL bias reads a zero block instead (one loop shape; the add is free next to σ/tanh).
    CK_T zeros[256];
    for (size_t r = 0; r < rows; r++) {
        CK_T *g = gates + r * 4 * H;
        CK_T *tc = tanh_c ? tanh_c + r * H : 0;
        if (bias) {
            CK_NAME(ck_lstm_fwd_row_)(H, g, g + H, g + 2 * H, g + 3 * H, bias, bias + H, bias + 2 * H,
                                      bias + 3 * H, c_prev + r * H, c + r * H, h + r * H, tc, tc != 0);
        } else {
            for (size_t j0 = 0; j0 < H; j0 += 256) {
                size_t n = H - j0 < 256 ? H - j0 : 256;
                for (size_t j = 0; j < n; j++) zeros[j] = 0;
                CK_NAME(ck_lstm_fwd_row_)(n, g + j0, g + H + j0, g + 2 * H + j0, g + 3 * H + j0, zeros, zeros,
                                          zeros, zeros, c_prev + r * H + j0, c + r * H + j0, h + r * H + j0,
                                          tc ? tc + j0 : 0, tc != 0);
            }
        }
    }
}

CK_INLINE void CK_NAME(ck_lstm_bwd_row_)(
    size_t H, CK_T *restrict gi, CK_T *restrict gf, CK_T *restrict gg, CK_T *restrict go,
    const CK_T *restrict cp, const CK_T *restrict tc, const CK_T *restrict a, const CK_T *restrict b,
    CK_T *restrict d) {
    for (size_t j = 0; j < H; j++) {
        CK_T i = gi[j], f = gf[j], g = gg[j], o = go[j], t = tc[j];
        CK_T dh = a[j] + b[j];
        CK_T dcc = d[j] + dh * o * ((CK_T)1 - t * t);
        go[j] = dh * t * o * ((CK_T)1 - o);
        gi[j] = dcc * g * i * ((CK_T)1 - i);
        gg[j] = dcc * i * ((CK_T)1 - g * g);
        gf[j] = dcc * cp[j] * f * ((CK_T)1 - f);
        d[j] = dcc * f;
    }
}

CK_CLONES void CK_NAME(ck_lstm_backward_)(size_t rows, size_t H, CK_T *gates, const CK_T *c_prev,
                                           const CK_T *tanh_c, const CK_T *dh_a, size_t lda,
                                           const CK_T *dh_b, size_t ldb, CK_T *dc) {
    // A missing ∂h summand reads a zero block (one loop shape, no per-element tests).
    CK_T zeros[256];
    for (size_t j = 0; j < 256; j++) zeros[j] = 0;
    for (size_t r = 0; r < rows; r++) {
        CK_T *g = gates + r * 4 * H;
        for (size_t j0 = 0; j0 < H; j0 += 256) {
            size_t n = H - j0 < 256 ? H - j0 : 256;
            const CK_T *a = dh_a ? dh_a + r * lda + j0 : zeros;
            const CK_T *b = dh_b ? dh_b + r * ldb + j0 : zeros;
            CK_NAME(ck_lstm_bwd_row_)(n, g + j0, g + H + j0, g + 2 * H + j0, g + 3 * H + j0,
                                      c_prev + r * H + j0, tanh_c + r * H + j0, a, b, dc + r * H + j0);
        }
    }
}

CK_CLONES void CK_NAME(ck_sigmoid_)(size_t n, const CK_T *x, CK_T *y) {
    for (size_t i = 0; i < n; i++) y[i] = CK_SIG(x[i]);
}
CK_CLONES void CK_NAME(ck_tanh_)(size_t n, const CK_T *x, CK_T *y) {
    for (size_t i = 0; i < n; i++) y[i] = CK_TANH(x[i]);
}
CK_CLONES void CK_NAME(ck_add_)(size_t n, const CK_T *a, const CK_T *b, CK_T *y) {
    for (size_t i = 0; i < n; i++) y[i] = a[i] + b[i];
}
CK_CLONES void CK_NAME(ck_mul_)(size_t n, const CK_T *a, const CK_T *b, CK_T *y) {
    for (size_t i = 0; i < n; i++) y[i] = a[i] * b[i];
}
CK_CLONES void CK_NAME(ck_fma_)(size_t n, const CK_T *a, const CK_T *b, CK_T *y) {
    for (size_t i = 0; i < n; i++) y[i] += a[i] * b[i];
}
#undef CK_NAME
#undef CK_CAT
#undef CK_CAT2
