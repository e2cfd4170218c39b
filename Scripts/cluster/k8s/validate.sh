#!/bin/bash
# Schema check of the manifests, offline: kubernetes-validate bundles the Kubernetes schemas.
#   python3 -m venv /tmp/kv && /tmp/kv/bin/pip install kubernetes-validate
#   KUBERNETES_VALIDATE=/tmp/kv/bin/kubernetes-validate Scripts/cluster/k8s/validate.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
kv=${KUBERNETES_VALIDATE:-kubernetes-validate}
for v in 1.29.0 1.37.0; do "$kv" --strict -k "$v" "$here"/*.yaml; done
