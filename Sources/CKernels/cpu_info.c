// CPU identification for the OpenBLAS kernel check (Sources/Tensors/Hardware, Docs/Hardware.md).
// Reads CPUID and XCR0 directly: a feature only counts when the OS also saves its register state
// (XGETBV), which is exactly the condition OpenBLAS's own dispatcher applies.
#include "CKernels.h"
#include <string.h>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>

static unsigned long long ck_xgetbv0(void) {
    unsigned int lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    return ((unsigned long long)hi << 32) | lo;
}

int ck_cpu_info_read(ck_cpu_info *out) {
    memset(out, 0, sizeof *out);
    unsigned int a, b, c, d;
    if (!__get_cpuid(0, &a, &b, &c, &d)) return -1;
    unsigned int maxLeaf = a;
    memcpy(out->vendor + 0, &b, 4);
    memcpy(out->vendor + 4, &d, 4);
    memcpy(out->vendor + 8, &c, 4);
    out->vendor[12] = 0;

    __get_cpuid(1, &a, &b, &c, &d);
    unsigned int baseFamily = (a >> 8) & 0xF, baseModel = (a >> 4) & 0xF;
    unsigned int extFamily = (a >> 20) & 0xFF, extModel = (a >> 16) & 0xF;
    out->family = (int)(baseFamily == 0xF ? baseFamily + extFamily : baseFamily);
    out->model = (int)((baseFamily == 0x6 || baseFamily == 0xF) ? (extModel << 4) + baseModel : baseModel);
    out->stepping = (int)(a & 0xF);

    unsigned int f = 0;
    if (c & (1u << 0)) f |= CK_CPU_SSE3;
    if (c & (1u << 9)) f |= CK_CPU_SSSE3;
    if (c & (1u << 19)) f |= CK_CPU_SSE4_1;
    if (c & (1u << 20)) f |= CK_CPU_SSE4_2;
    int osxsave = (c >> 27) & 1;
    unsigned long long xcr0 = osxsave ? ck_xgetbv0() : 0;
    int osAVX = (xcr0 & 0x6) == 0x6;            // XMM and YMM state
    int osAVX512 = osAVX && (xcr0 & 0xE0) == 0xE0; // opmask, ZMM_Hi256, Hi16_ZMM
    int osAMX = (xcr0 & 0x60000) == 0x60000;     // XTILECFG, XTILEDATA
    if (osAVX) f |= CK_CPU_OS_AVX;
    if (osAVX512) f |= CK_CPU_OS_AVX512;
    if ((c & (1u << 28)) && osAVX) f |= CK_CPU_AVX;
    if ((c & (1u << 12)) && osAVX) f |= CK_CPU_FMA;

    if (maxLeaf >= 7) {
        __cpuid_count(7, 0, a, b, c, d);
        unsigned int subleaves = a;
        if ((b & (1u << 5)) && osAVX) f |= CK_CPU_AVX2;
        if (osAVX512) {
            if (b & (1u << 16)) f |= CK_CPU_AVX512F;
            if (b & (1u << 17)) f |= CK_CPU_AVX512DQ;
            if (b & (1u << 30)) f |= CK_CPU_AVX512BW;
            if (b & (1u << 31)) f |= CK_CPU_AVX512VL;
            if (d & (1u << 23)) f |= CK_CPU_AVX512FP16;
        }
        if (osAMX) {
            if (d & (1u << 24)) f |= CK_CPU_AMX_TILE;
            if (d & (1u << 22)) f |= CK_CPU_AMX_BF16;
        }
        if (subleaves >= 1) {
            __cpuid_count(7, 1, a, b, c, d);
            if ((a & (1u << 5)) && osAVX512) f |= CK_CPU_AVX512BF16;
        }
    }
    out->features = f;

    // Brand string (leaves 0x80000002–4), trimmed of leading blanks.
    char brand[49] = {0};
    if (__get_cpuid(0x80000000, &a, &b, &c, &d) && a >= 0x80000004) {
        for (unsigned int leaf = 0; leaf < 3; leaf++) {
            __get_cpuid(0x80000002 + leaf, &a, &b, &c, &d);
            memcpy(brand + 16 * leaf + 0, &a, 4);
            memcpy(brand + 16 * leaf + 4, &b, 4);
            memcpy(brand + 16 * leaf + 8, &c, 4);
            memcpy(brand + 16 * leaf + 12, &d, 4);
        }
    }
    const char *s = brand;
    while (*s == ' ') s++;
    strncpy(out->brand, s, sizeof out->brand - 1);
    return 0;
}
#else
int ck_cpu_info_read(ck_cpu_info *out) {
    memset(out, 0, sizeof *out);
    return -1;
}
#endif
