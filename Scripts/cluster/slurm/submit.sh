#!/bin/bash
# Submits a sharded factorlab run: an N-task array and a merge job that waits for all of it.
#
#   Scripts/cluster/slurm/submit.sh N OUT_ROOT [factorlab run options…]
#
# Prints "<array job id> <merge job id>". Extra sbatch options (partition, account, time) go in
# SBATCH_* environment variables, e.g. SBATCH_PARTITION=research SBATCH_TIMELIMIT=02:00:00.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
n=${1:?usage: submit.sh N OUT_ROOT [factorlab run options...]}
out_root=$(mkdir -p "${2:?}" && cd "$2" && pwd)
shift 2
array=$(sbatch --parsable --array=0-$((n - 1)) --chdir="$out_root" "$here/factorlab-array.sbatch" "$out_root" "$@")
array=${array%%;*}
merge=$(sbatch --parsable --dependency=afterok:"$array" --kill-on-invalid-dep=yes --chdir="$out_root" \
    "$here/factorlab-merge.sbatch" "$out_root" "$n")
echo "$array ${merge%%;*}"
