// LSTM pointwise kernels, instantiated once per precision by kernels.c with
// CK_T (element type), CK_SUF (name suffix), CK_SIG / CK_TANH (scalar activations).
#define CK_CAT2(a, b) a##b
#define CK_CAT(a, b) CK_CAT2(a, b)
#define CK_NAME(base) CK_CAT(base, CK_SUF)

CK_CLONES void CK_NAME(ck_lstm_forward_)(size_t rows, size_t H, CK_T *gates, const CK_T *bias,
                                          const CK_T *c_prev, CK_T *c, CK_T *h, CK_T *tanh_c) {
    for (size_t row = 0; row < rows; row++) {
        CK_T *restrict gi = gates + row * 4 * H;
        CK_T *restrict gf = gi + H;
        CK_T *restrict gg = gi + 2 * H;
        CK_T *restrict go = gi + 3 * H;
        const CK_T *cp = c_prev + row * H;
        CK_T *cn = c + row * H; // may alias cp: each element is read before it is written
        CK_T *restrict hn = h + row * H;
        if (bias) {
            const CK_T *restrict bi = bias, *restrict bf = bias + H, *restrict bg = bias + 2 * H,
                       *restrict bo = bias + 3 * H;
            if (tanh_c) {
                CK_T *restrict tc = tanh_c + row * H;
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
        } else {
            if (tanh_c) {
                CK_T *restrict tc = tanh_c + row * H;
                for (size_t j = 0; j < H; j++) {
                    CK_T i = CK_SIG(gi[j]), f = CK_SIG(gf[j]), g = CK_TANH(gg[j]), o = CK_SIG(go[j]);
                    CK_T cc = f * cp[j] + i * g, t = CK_TANH(cc);
                    gi[j] = i; gf[j] = f; gg[j] = g; go[j] = o;
                    cn[j] = cc; tc[j] = t; hn[j] = o * t;
                }
            } else {
                for (size_t j = 0; j < H; j++) {
                    CK_T i = CK_SIG(gi[j]), f = CK_SIG(gf[j]), g = CK_TANH(gg[j]), o = CK_SIG(go[j]);
                    CK_T cc = f * cp[j] + i * g;
                    cn[j] = cc; hn[j] = o * CK_TANH(cc);
                }
            }
        }
    }
}

CK_CLONES void CK_NAME(ck_lstm_backward_)(size_t rows, size_t H, CK_T *gates, const CK_T *c_prev,
                                           const CK_T *tanh_c, const CK_T *dh_a, size_t lda,
                                           const CK_T *dh_b, size_t ldb, CK_T *dc) {
    for (size_t row = 0; row < rows; row++) {
        CK_T *restrict gi = gates + row * 4 * H;
        CK_T *restrict gf = gi + H;
        CK_T *restrict gg = gi + 2 * H;
        CK_T *restrict go = gi + 3 * H;
        const CK_T *restrict cp = c_prev + row * H;
        const CK_T *restrict tc = tanh_c + row * H;
        CK_T *restrict d = dc + row * H;
        const CK_T *restrict a = dh_a ? dh_a + row * lda : 0;
        const CK_T *restrict b = dh_b ? dh_b + row * ldb : 0;
        // Three loop variants so the common cases carry no per-element null test.
#define CK_BWD_BODY(DH)                                                              \
        for (size_t j = 0; j < H; j++) {                                             \
            CK_T i = gi[j], f = gf[j], g = gg[j], o = go[j], t = tc[j];              \
            CK_T dh = (DH);                                                          \
            CK_T dcc = d[j] + dh * o * ((CK_T)1 - t * t);                            \
            go[j] = dh * t * o * ((CK_T)1 - o);                                      \
            gi[j] = dcc * g * i * ((CK_T)1 - i);                                     \
            gg[j] = dcc * i * ((CK_T)1 - g * g);                                     \
            gf[j] = dcc * cp[j] * f * ((CK_T)1 - f);                                 \
            d[j] = dcc * f;                                                          \
        }
        if (a && b) { CK_BWD_BODY(a[j] + b[j]) }
        else if (a) { CK_BWD_BODY(a[j]) }
        else if (b) { CK_BWD_BODY(b[j]) }
        else { CK_BWD_BODY((CK_T)0) }
#undef CK_BWD_BODY
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
