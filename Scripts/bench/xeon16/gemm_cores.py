#!/usr/bin/env python3
"""sgemm/dgemm 1024^3 GFLOP/s of an OpenBLAS library under each OPENBLAS_CORETYPE (one subprocess
per core type, 1 thread). Usage: gemm_cores.py LIBOPENBLAS [core ...]  (no numpy needed)."""
import ctypes, os, subprocess, sys, time

def worker(lib_path):
    lib = ctypes.CDLL(lib_path)
    lib.openblas_get_corename.restype = ctypes.c_char_p
    n = int(os.environ.get("GEMM_N", "1024"))
    out = [lib.openblas_get_corename().decode()]
    for name, ct in (("sgemm", ctypes.c_float), ("dgemm", ctypes.c_double)):
        buf = ct * (n * n)
        a, b, c = buf(*([0.5] * (n * n))), buf(*([0.25] * (n * n))), buf()
        fn = getattr(lib, "cblas_" + name)
        args = (101, 111, 111, n, n, n, ct(1.0), a, n, b, n, ct(0.0), c, n)
        fn(*args)
        ts = []
        for _ in range(5):
            t0 = time.perf_counter(); fn(*args); ts.append(time.perf_counter() - t0)
        ts.sort()
        out.append(f"{name} {2 * n ** 3 / ts[2] / 1e9:.1f}")
    print(" | ".join(out), flush=True)

if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[2] == "--worker":
        worker(sys.argv[1]); sys.exit()
    lib = sys.argv[1]
    cores = sys.argv[2:] or ["(default)", "Prescott", "Haswell", "SkylakeX", "Cooperlake"]
    for core in cores:
        env = dict(os.environ, OPENBLAS_NUM_THREADS="1")
        env.pop("OPENBLAS_CORETYPE", None)
        if core != "(default)":
            env["OPENBLAS_CORETYPE"] = core
        r = subprocess.run([sys.executable, __file__, lib, "--worker"], env=env, capture_output=True, text=True, timeout=60)
        print(f"OPENBLAS_CORETYPE={core}: {r.stdout.strip()} {r.stderr.strip()[:200]}", flush=True)
