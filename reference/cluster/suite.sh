#!/usr/bin/env bash
# Runs the suite's counting and propagation scenarios against a cluster of 3 nodes started here (start.sh, ports from
# 25000, as fixtures/targets/reference-cluster.json lists them), first with the counters shared in Redis, then with each
# node counting on its own (--Cluster:Redis= empties start.sh's setting): the first run must pass, the second must
# fail the scenarios that spread a caller's calls over the nodes, which shows that the suite tells the two apart.
#
#   reference/cluster/suite.sh [--dir DIR] [--shared-only]
#
# Prints the outcome of each run (the failed scenarios by name); exits 1 when the shared run fails.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
here="$root/reference/cluster"
dir=/tmp/reference-cluster shared_only=0
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) dir=$2; shift 2 ;;
    --shared-only) shared_only=1; shift ;;
    *) echo "unknown option $1; see the header of $0" >&2; exit 2 ;;
  esac
done
filter='Name~EveryEntryPoint|Name~Do_Not_Originate|Name~Bombed|Name~Bombing|Name~OneRing|Name~One_Ring|Name~Marketing|Name~Label'
settings=(--TestMode:Enabled=true --Warnings:Smsc=127.0.0.1:25006 --Warnings:PushUrl=http://127.0.0.1:25007/push)
dotnet build "$root/conformance-tests/Conformance.Specs" -nologo -v q >/dev/null || exit 2

run() { # label, more node settings
  local label=$1; shift
  "$here/start.sh" --nodes 3 --base-port 25000 --dir "$dir" -- "${settings[@]}" "$@" >/dev/null || return 2
  local key
  key=$(curl -fs -X POST "http://127.0.0.1:25010/v1/api-keys" -H "Authorization: Bearer $(cat "$dir/admin-key")" \
    -H 'Content-Type: application/json' -d '{"roles":["carrier-operator","appeal-desk"],"account":"suite-against-cluster"}' |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["key"])')
  echo "$label:"
  REFERENCE_API_TOKEN=$key CONFORMANCE_TARGET="$root/fixtures/targets/reference-cluster.json" \
    dotnet test "$root/conformance-tests/Conformance.Specs" --no-build --filter "$filter" 2>&1 |
    grep -E '^\s+Failed [A-Za-z_]|^(Passed|Failed)!' | sed 's/^ */  /'
  local status=${PIPESTATUS[0]}
  "$here/stop.sh" --dir "$dir" --purge >/dev/null
  return "$status"
}

echo "# $(date -u +%FT%TZ) commit $(git -C "$root" rev-parse --short HEAD), load average $(cut -d' ' -f1-3 /proc/loadavg): reference/cluster/suite.sh"
run "shared counters (Redis)"
shared=$?
if [ $shared_only = 0 ]; then
  run "counts per node (--Cluster:Redis= overrides start.sh's Redis, so each node counts on its own)" --Cluster:Redis=
fi
[ $shared = 0 ]
