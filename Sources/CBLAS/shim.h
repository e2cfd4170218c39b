// Shim over Debian's OpenBLAS (CBLAS interface) and LAPACKE.
// Packages: libopenblas-dev liblapacke-dev (see Makefile `deps`).
#ifndef FACTORLAB_CBLAS_SHIM_H
#define FACTORLAB_CBLAS_SHIM_H

#include <stdio.h>
#include <cblas.h>
#include <lapacke.h>

// OpenBLAS extensions. Declared here as well because the cblas.h that the
// Debian alternatives system selects may be the reference one without them.
void openblas_set_num_threads(int num_threads);
int openblas_get_num_threads(void);
char *openblas_get_config(void);
char *openblas_get_corename(void);

/// The C `stderr` stream (Swift 6 rejects Glibc's mutable global).
static inline FILE *factorlab_stderr(void) { return stderr; }

#endif
