#!/usr/bin/env bash
# A/B on the 2-core development host: lstm-bench of a baseline build (OLD) against this branch (NEW),
# interleaved (old, new, old, new …), each under chrt -f 10, at 1 and 2 threads, Float32 (ROUNDS
# rounds) and Float64 (one round). Usage: lstm_ab_local.sh OLD_BIN NEW_BIN OUTDIR
set -u
OLD=$1; NEW=$2; O=$3; mkdir -p "$O"
ROUNDS=${ROUNDS:-2}; MT=${MT:-0.5}
run() { # tag bin dtype threads round
  echo "# $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg) $1 $3 t=$4 r=$5" | tee -a "$O/log.txt"
  chrt -f 10 "$2" --threads "$4" --dtype "$3" --min-time "$MT" --json > "$O/$1_$3_t$4_r$5.json" 2>> "$O/log.txt"
}
for r in $(seq 1 "$ROUNDS"); do
  for t in 1 2; do run old "$OLD" float $t $r; run new "$NEW" float $t $r; done
done
for t in 1 2; do run old "$OLD" double $t 1; run new "$NEW" double $t 1; done
echo "# $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg) done" | tee -a "$O/log.txt"
