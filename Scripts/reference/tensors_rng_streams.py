#!/usr/bin/env python3
"""Reference values for FactorLab's documented random streams (Docs/Tensors.md).

An independent re-implementation of SplitMix64 seeding, xoshiro256** 1.0, the
53-bit unit-interval mapping, Box-Muller normals and the PyTorch-style orthogonal
initialisation (numpy QR, sign-fixed). Writes
Tests/TensorsTests/Resources/core/rng_streams.json.

Run: /work/venv/bin/python Scripts/reference/tensors_rng_streams.py
"""
import json
import math
import pathlib

import numpy as np

MASK = (1 << 64) - 1


def splitmix64(state):
    while True:
        state = (state + 0x9E3779B97F4A7C15) & MASK
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        yield z ^ (z >> 31)


def rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & MASK


def xoshiro(seed):
    sm = splitmix64(seed)
    s = [next(sm) for _ in range(4)]
    while True:
        result = (rotl((s[1] * 5) & MASK, 7) * 9) & MASK
        t = (s[1] << 17) & MASK
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 45)
        yield result


def unit(gen):
    return (next(gen) >> 11) * 2.0**-53


def uniforms(seed, count, low=0.0, high=1.0):
    g = xoshiro(seed)
    return [low + (high - low) * unit(g) for _ in range(count)]


def normals(seed, count, mean=0.0, sd=1.0):
    g = xoshiro(seed)
    out = []
    while len(out) < count:
        u1 = 1.0 - unit(g)
        u2 = unit(g)
        r = math.sqrt(-2.0 * math.log(u1))
        a = 2.0 * math.pi * u2
        out.append(mean + sd * r * math.cos(a))
        if len(out) < count:
            out.append(mean + sd * r * math.sin(a))
    return out


def orthogonal(seed, rows, cols):
    flat = np.array(normals(seed, rows * cols)).reshape(rows, cols)
    if rows < cols:
        flat = flat.T
    q, r = np.linalg.qr(flat)
    d = np.sign(np.diag(r))
    d[d == 0] = 1
    q = q * d
    if rows < cols:
        q = q.T
    return q


def main():
    sm = splitmix64(0)
    data = {
        "splitmix64_seed0_first3": [str(next(sm)) for _ in range(3)],
        "xoshiro_seed42_first5": [str(v) for v, _ in zip(xoshiro(42), range(5))],
        "uniform_seed42_first8": uniforms(42, 8),
        "uniform_seed7_low_minus2_high3_first5": uniforms(7, 5, -2.0, 3.0),
        "normal_seed42_first9": normals(42, 9),
        "normal_seed1_mean1_sd2_first4": normals(1, 4, 1.0, 2.0),
        "orthogonal_seed3_5x3": orthogonal(3, 5, 3).ravel().tolist(),
        "orthogonal_seed4_3x5": orthogonal(4, 3, 5).ravel().tolist(),
    }
    # Foundation's JSON number parsing is not correctly rounded on every platform:
    # store floating-point values as exact hexadecimal strings as well.
    for key in list(data):
        if data[key] and isinstance(data[key][0], float):
            data[key + "_hex"] = [v.hex() for v in data[key]]
    out = pathlib.Path(__file__).resolve().parents[2] / "Tests/TensorsTests/Resources/core/rng_streams.json"
    out.write_text(json.dumps(data, indent=1) + "\n")
    print("wrote", out)


if __name__ == "__main__":
    main()
