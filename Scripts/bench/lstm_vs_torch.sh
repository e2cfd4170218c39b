#!/usr/bin/env bash
# Side-by-side LSTM timings: FactorLab lstm-bench vs the PyTorch anchor, same machine, same session.
set -u
ROOT="$(git rev-parse --show-toplevel)"; OUT="${OUT:-$ROOT/Benchmarks/results/$(date +%F)}"; mkdir -p "$OUT"
cd "$(git rev-parse --show-toplevel)"
swift build -c release --product lstm-bench > "$OUT"/build.log 2>&1 || exit 1
B="$(git rev-parse --show-toplevel)"/.build/release/lstm-bench
P="${PYTHON:-python3}"
T="$ROOT/../shared"/bench/torch_lstm_bench.py
for th in 1 2; do
  uptime > "$OUT"/load_f32_t$th.txt
  chrt -f 10 $B lstm --threads $th --dtype float --json > "$OUT"/ours_f32_t$th.json 2> "$OUT"/ours_f32_t$th.err
  chrt -f 10 $P $T --worker torch --threads $th --variants torch_f32 > "$OUT"/torch_f32_t$th.json 2> "$OUT"/torch_f32_t$th.err
  chrt -f 10 $P $T --worker torch --threads $th --variants torch_f32_ftz > "$OUT"/torch_f32ftz_t$th.json 2> "$OUT"/torch_f32ftz_t$th.err
done
uptime > "$OUT"/load_f64.txt
chrt -f 10 $B lstm --threads 1 --dtype double --json > "$OUT"/ours_f64_t1.json 2> "$OUT"/ours_f64_t1.err
chrt -f 10 $P $T --worker torch --threads 1 --variants torch_f64 > "$OUT"/torch_f64_t1.json 2> "$OUT"/torch_f64_t1.err
chrt -f 10 $B gemm --json > "$OUT"/gemm.json 2> "$OUT"/gemm.err
echo done > "$OUT"/DONE
