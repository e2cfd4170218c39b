#!/usr/bin/env bash
# One-shot run on the 16-core Xeon device (no Swift, no OpenBLAS installed): unpack the pack made by
# ../shared/bench/multicore/pack.sh (static lstm-bench + Debian's OpenBLAS 0.3.21) and run, in
# priority order: kernel report and repair, sgemm/dgemm per core type, the lstm-bench Float32 grid
# at 1,2,4,8,16 threads, PyTorch at the same threads, forced plans at 16 threads, Float64 points,
# the unrepaired (Prescott) baseline, and the grouped trainer. Results go to $OUT (few files).
# QUICK=1 shrinks everything for a local dry run.
set -u
D=$(cd "$(dirname "$0")" && pwd)
export LD_LIBRARY_PATH=$D/lib PYTHONUNBUFFERED=1
B=$D/lstm-bench
O=${OUT:-/tmp/xeon16-out}; mkdir -p "$O"
T0=$(date +%s)
THREADS=${THREADS:-1,2,4,8,16}; TMAX=${TMAX:-16}; MT=${MT:-0.3}
GRIDARGS=(); [ "${QUICK:-0}" = 1 ] && { THREADS=1,2; TMAX=2; MT=0.05; GRIDARGS=(--batch 64 --seq 20 --input 10 --hidden 32); }
log() { echo "# t=$(( $(date +%s) - T0 ))s load=$(cut -d' ' -f1-3 /proc/loadavg) $*" | tee -a "$O/log.txt"; }
ours() { # label, then lstm-bench arguments
  local label=$1; shift
  log "ours $label"
  echo "### $label" >> "$O/ours.txt"
  timeout "${SECT:-150}" "$B" "$@" --json >> "$O/ours.txt" 2>> "$O/log.txt"
}
torch() { # threads variant [points]
  log "torch t=$1 $2 ${3:-grid}"
  echo "### torch threads=$1 $2" >> "$O/torch.txt"
  OMP_NUM_THREADS=$1 MKL_NUM_THREADS=$1 timeout 90 python3 "$D/torch_anchor.py" --threads "$1" --variant "$2" \
    ${3:+--points $3} --min-time "$MT" >> "$O/torch.txt" 2>> "$O/log.txt"
}
{ date -u; nproc; grep -m1 'model name' /proc/cpuinfo; grep -m1 -E '^model\s' /proc/cpuinfo; grep -m1 -E '^cpu family' /proc/cpuinfo
  grep -m1 flags /proc/cpuinfo | tr ' ' '\n' | grep -E '^(avx|fma|amx)' | tr '\n' ' '; echo
  python3 -c "import torch; print('torch', torch.__version__, torch.backends.mkldnn.is_available())" 2>&1; } > "$O/machine.txt"

log kernels
{ echo "## default start (repair enabled)"; "$B" kernels; echo "## json"; "$B" kernels --json
  echo "## FACTORLAB_NO_KERNEL_REPAIR=1"; FACTORLAB_NO_KERNEL_REPAIR=1 "$B" kernels
  echo "## user OPENBLAS_CORETYPE=Haswell"; OPENBLAS_CORETYPE=Haswell "$B" kernels
  echo "## gemm 1024^3 per core type, 1 thread"; timeout 60 python3 "$D/gemm_cores.py" "$D/lib/libopenblas.so.0"; } > "$O/kernels.txt" 2>&1

ours "f32 grid threads $THREADS" --threads "$THREADS" --dtype float --min-time "$MT" "${GRIDARGS[@]}"
for t in ${THREADS//,/ }; do torch "$t" torch_f32 "$([ "${QUICK:-0}" = 1 ] && echo 64/20/10/32/1)"; done

P4="256/60/16/128/1 128/100/64/512/1 32/250/11/64/1 64/20/10/32/1"
[ "${QUICK:-0}" = 1 ] && P4="64/20/10/32/1"
for plan in blas hybrid split:2 split:4 split:8 split:16; do
  for p in $P4; do IFS=/ read b s i h l <<< "$p"
    SECT=60 ours "plan $plan $p t=$TMAX" --threads "$TMAX" --plan "$plan" --batch $b --seq $s --input $i --hidden $h --layers $l --min-time 0.2
  done
done

for p in 64/20/10/32/1 256/60/16/128/1 32/250/11/64/1; do IFS=/ read b s i h l <<< "$p"
  [ "${QUICK:-0}" = 1 ] && [ "$p" != 64/20/10/32/1 ] && continue
  ours "f64 $p" --threads "$THREADS" --dtype double --batch $b --seq $s --input $i --hidden $h --layers $l --min-time 0.2
done
[ "${QUICK:-0}" = 1 ] || ours "f64 128/100/64/512/1" --threads 1,16 --dtype double --batch 128 --seq 100 --input 64 --hidden 512 --min-time 0.1
F64P=64/20/10/32/1,256/60/16/128/1,32/250/11/64/1; [ "${QUICK:-0}" = 1 ] && F64P=64/20/10/32/1
torch 1 torch_f64 "$F64P"; torch "$TMAX" torch_f64 "$F64P"

log "unrepaired baseline"
echo "### unrepaired (FACTORLAB_NO_KERNEL_REPAIR=1)" >> "$O/ours.txt"
FACTORLAB_NO_KERNEL_REPAIR=1 timeout 60 "$B" --threads "1,$TMAX" --batch 256 --seq 60 --input 16 --hidden 128 --min-time 0.2 --json >> "$O/ours.txt" 2>> "$O/log.txt"

log grouped
GT=1,4,8,16; [ "${QUICK:-0}" = 1 ] && GT=1,2
timeout 120 "$B" grouped --hidden 16 --threads "$GT" --repeats 5 > "$O/grouped.txt" 2>> "$O/log.txt"
log done
touch "$O/DONE"
