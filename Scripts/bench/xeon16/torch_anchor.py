#!/usr/bin/env python3
"""PyTorch anchor for the one-shot device run: ../shared/bench/torch_lstm_bench.py's torch worker with
shorter timing (min 0.3 s per phase) and an optional sub-grid, so the whole grid fits the device time.
Usage: torch_anchor.py --threads N --variant torch_f32|torch_f64 [--points B/T/I/H/L,...]"""
import argparse, json, os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import torch_lstm_bench as tb

ap = argparse.ArgumentParser()
ap.add_argument("--threads", type=int, required=True)
ap.add_argument("--variant", default="torch_f32")
ap.add_argument("--points", default="")
ap.add_argument("--min-time", type=float, default=0.3)
a = ap.parse_args()
tb.bench.__defaults__ = (a.min_time, 3)
tb.WARMUP_TIME = 0.15
if a.points:
    tb.GRID = [tuple(int(v) for v in p.split("/")) for p in a.points.split(",")]
json.dump(tb.worker_torch(a.threads, [a.variant]), sys.stdout)
print()
