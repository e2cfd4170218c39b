#!/usr/bin/env bash
# Issue 12's evidence: the pooled LSTM against OLS on the bundled data, per feature set and label,
# each over 5 seeds (`--seeds 5`), walk-forward out of sample. Writes one run directory per
# combination under OUT and a table (study.md, study.json) made by feature_label_study.py.
#
# Usage: Scripts/bench/feature_label_study.sh OUT [combination ...]
#   combination: FEATURESET:LABEL (default: paper:raw paper:cs-zscore paper:cs-rank alpha158:<best> …)
# Every run: `factorlab demo --no-sweep --models lstm,ols --seeds 5 --threads 2` (demo preset:
# hidden 32, ≤ 12 epochs, the small tuning grid, bundled index and sector map).
set -euo pipefail
OUT=${1:?output directory}; shift
BIN=${FACTORLAB:-.build/release/factorlab}
COMBOS=("$@")
[ ${#COMBOS[@]} -gt 0 ] || COMBOS=(paper:raw paper:cs-zscore paper:cs-rank)
mkdir -p "$OUT"
{ lscpu | grep -E "Model name|^CPU\(s\)"; echo "factorlab $(git rev-parse --short HEAD)"; } > "$OUT/machine.txt"
for c in "${COMBOS[@]}"; do
  set=${c%%:*}; label=${c##*:}
  dir="$OUT/$set-$label"
  start=$(date +%s)
  "$BIN" demo --no-sweep --models lstm,ols --seeds 5 --threads 2 --quiet --feature-set "$set" --label "$label" --out "$dir" \
    > "$dir.stdout" 2> "$dir.stderr"
  echo "$c $(( $(date +%s) - start )) s" | tee -a "$OUT/timings.txt"
done
python3 "$(dirname "$0")/feature_label_study.py" "$OUT"
