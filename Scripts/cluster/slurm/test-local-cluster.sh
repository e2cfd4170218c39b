#!/bin/bash
# End-to-end test of the Slurm templates on a real single-node Slurm cluster on localhost.
#
#   sudo Scripts/cluster/slurm/test-local-cluster.sh [N]     (N = array tasks, default 3)
#
# Installs slurm-wlm and munge from Debian when missing, starts munged (generated key),
# slurmctld and slurmd with a generated slurm.conf under a temporary directory (settings that
# work in a container without systemd or cgroups), submits submit.sh's N-task array of a small
# `factorlab run` on the bundled data plus the afterok merge job, waits (bounded), and compares
# the merged summary.json and predictions.csv byte for byte with a single-process run. Stops
# exactly the daemons it started. Needs root and a few minutes; not part of `make test`.
# FACTORLAB=path selects the binary (default .build/release/factorlab, built when missing);
# KEEP=1 keeps the temporary directory.
set -euo pipefail
n=${1:-3}
repo=$(cd "$(dirname "$0")/../../.." && pwd)
here="$repo/Scripts/cluster/slurm"
timeout_s=${TIMEOUT_S:-900}
[ "$(id -u)" = 0 ] || { echo "test-local-cluster: needs root (installs packages, runs slurmd as root)" >&2; exit 2; }

if ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null; then
    echo "== installing slurm-wlm and munge"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurm-wlm munge >/dev/null
fi
factorlab=${FACTORLAB:-$repo/.build/release/factorlab}
if [ ! -x "$factorlab" ]; then
    echo "== building the release binary"
    (cd "$repo" && swift build -c release --product factorlab)
fi
factorlab=$(cd "$(dirname "$factorlab")" && pwd)/$(basename "$factorlab")
echo "== $(slurmctld -V), munge $(munged -V 2>&1 | head -1 | awk '{print $2}'), $(nproc) cores, binary $factorlab"

tmp=$(mktemp -d /tmp/factorlab-slurm.XXXXXX)
pids=()
cleanup() {
    local rc=$?
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    for p in "${pids[@]}"; do for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done; done
    echo "== stopped daemons ${pids[*]:-none}"
    if [ "${KEEP:-0}" = 1 ] || [ $rc != 0 ]; then echo "== kept $tmp"; else rm -rf "$tmp"; fi
    exit $rc
}
trap cleanup EXIT INT TERM
mkdir -p "$tmp"/{munge,state,spool,log,out}
chmod 700 "$tmp/munge"

echo "== munged (generated key)"
dd if=/dev/urandom of="$tmp/munge/munge.key" bs=1024 count=1 status=none
chmod 400 "$tmp/munge/munge.key"
munged --force --foreground --key-file="$tmp/munge/munge.key" --socket="$tmp/munge/munge.sock" \
    --pid-file="$tmp/munge/munged.pid" --seed-file="$tmp/munge/seed" >"$tmp/log/munged.log" 2>&1 &
pids+=($!)
for _ in $(seq 50); do [ -S "$tmp/munge/munge.sock" ] && break; sleep 0.1; done
munge --socket="$tmp/munge/munge.sock" -n | unmunge --socket="$tmp/munge/munge.sock" >/dev/null

cpus=$(nproc)
mem=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 * 9 / 10 ))
export SLURM_CONF="$tmp/slurm.conf"
cat > "$SLURM_CONF" <<CONF
ClusterName=factorlab-test
SlurmctldHost=localhost
SlurmctldPort=16817
SlurmdPort=16818
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$tmp/munge/munge.sock
CredType=cred/munge
StateSaveLocation=$tmp/state
SlurmdSpoolDir=$tmp/spool
SlurmctldPidFile=$tmp/slurmctld.pid
SlurmdPidFile=$tmp/slurmd.pid
SlurmctldLogFile=$tmp/log/slurmctld.log
SlurmdLogFile=$tmp/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
MpiDefault=none
ReturnToService=2
NodeName=localhost CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=test Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF
echo "== slurmctld + slurmd (node localhost: CPUs=$cpus RealMemory=${mem}M)"
slurmctld -D -c -f "$SLURM_CONF" >"$tmp/log/slurmctld.stdout" 2>&1 &
pids+=($!)
slurmd -D -f "$SLURM_CONF" -N localhost >"$tmp/log/slurmd.stdout" 2>&1 &
pids+=($!)
for i in $(seq 120); do
    state=$(sinfo -h -n localhost -o %T 2>/dev/null || true)
    [ "$state" = idle ] && break
    [ "$i" = 120 ] && { echo "node never became idle (state '$state')"; tail -20 "$tmp"/log/*.log; exit 1; }
    sleep 0.5
done
sinfo

args=(--data "$repo/Data/sp500_top100_2013-2018_ohlcv.csv" --models ols,ols_ridge --tune off --threads 1 --random-portfolios 20)
echo "== submitting a $n-task array + afterok merge: factorlab run ${args[*]}"
start=$(date +%s.%N)
read -r array merge < <(FACTORLAB="$factorlab" "$here/submit.sh" "$n" "$tmp/out" "${args[@]}")
echo "array job $array, merge job $merge"
wait_jobs() {  # bounded wait until the jobs left the queue
    local deadline=$(( $(date +%s) + timeout_s ))
    while squeue -h -j "$1" 2>/dev/null | grep -q .; do
        [ "$(date +%s)" -lt "$deadline" ] || { echo "timed out after ${timeout_s}s"; squeue; exit 1; }
        sleep 1
    done
}
wait_jobs "$array,$merge"
end=$(date +%s.%N)
cluster_s=$(echo "$end - $start" | bc)
ls "$tmp/out"
for f in "$tmp"/out/*.out; do echo "--- $(basename "$f")"; cat "$f"; done
[ -f "$tmp/out/merged/summary.json" ] || { echo "FAIL: the merge job wrote no summary.json"; exit 1; }

echo "== single-process run with the same options"
start=$(date +%s.%N)
"$factorlab" run "${args[@]}" --out "$tmp/single" --quiet >/dev/null
single_s=$(echo "$(date +%s.%N) - $start" | bc)
compare() {
    for f in summary.json predictions.csv; do
        if cmp "$tmp/single/$f" "$tmp/out/merged/$f"; then
            echo "identical: $f ($(wc -c <"$tmp/single/$f") bytes, sha256 $(sha256sum "$tmp/single/$f" | cut -c1-16)…)"
        else
            echo "DIFFERENT: $f"; status=1
        fi
    done
}
status=0
compare
if [ "$n" -ge 2 ]; then
    echo "== resume: shard 2 lost; merge refuses and names it; re-run only array task 1 + afterok merge"
    rm -rf "$tmp/out/shard-2-of-$n" "$tmp/out/merged"
    shards=(); for d in "$tmp"/out/shard-*-of-"$n"; do shards+=("$d"); done
    if "$factorlab" merge "${shards[@]}" --out "$tmp/out/merged" --quiet 2>"$tmp/merge.err"; then
        echo "FAIL: merge accepted a set with a missing shard"; status=1
    fi
    cat "$tmp/merge.err"
    rerun=$(sbatch --parsable --array=1 --export=ALL,FACTORLAB="$factorlab",FACTORLAB_SHARDS="$n" --chdir="$tmp/out" \
        "$here/factorlab-array.sbatch" "$tmp/out" "${args[@]}")
    remerge=$(sbatch --parsable --dependency=afterok:"$rerun" --kill-on-invalid-dep=yes --chdir="$tmp/out" \
        --export=ALL,FACTORLAB="$factorlab" "$here/factorlab-merge.sbatch" "$tmp/out" "$n")
    echo "re-run job $rerun, merge job $remerge"
    wait_jobs "$rerun,$remerge"
    [ -f "$tmp/out/merged/summary.json" ] || { echo "FAIL: the re-merge wrote no summary.json"; cat "$tmp"/out/*"$remerge"*.out; exit 1; }
    compare
fi
printf "wall time: cluster (submit → merge done, %d tasks) %.1f s; single process %.1f s\n" "$n" "$cluster_s" "$single_s"
[ $status = 0 ] && echo "PASS: merged Slurm array output is byte-identical to the single run" || echo "FAIL"
exit $status
