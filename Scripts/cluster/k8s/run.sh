#!/bin/bash
# Applies the claim and the Indexed Job, waits for every index to complete, then runs the merge Job.
#   Scripts/cluster/k8s/run.sh [timeout, default 2h]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
timeout=${1:-2h}
kubectl apply -f "$here/results-pvc.yaml"
kubectl apply -f "$here/indexed-job.yaml"
kubectl wait --for=condition=complete job/factorlab-shards --timeout="$timeout"
kubectl apply -f "$here/merge-job.yaml"
kubectl wait --for=condition=complete job/factorlab-merge --timeout="$timeout"
kubectl logs job/factorlab-merge
