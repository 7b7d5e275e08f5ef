#!/usr/bin/env bash
# Traceback benchmark (issue 20): seeds call records into each store named and times queries by callee and a one-hour
# window through the node's API (bench/traceback/traceback_bench.py); what it prints goes to
# bench/figures/traceback-STORE.txt (results/ is the suite's ignored output) as well.
#
#   reference/bench/traceback.sh [--stores "sqlite postgresql"] [--records 10000000] [--queries 2000] [--seed 1]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
stores="sqlite postgresql"
if [ "${1:-}" = --stores ]; then stores=$2; shift 2; fi
echo "building the node (Release)…" >&2
dotnet build -c Release "$root/reference/src/Reference/Reference.csproj" -nologo -v q >/dev/null
dll="$root/reference/src/Reference/bin/Release/net10.0/Reference.dll"
mkdir -p "$root/reference/bench/figures"
status=0
for store in $stores; do
  out="$root/reference/bench/figures/traceback-$store.txt"
  { echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ) commit $(git -C "$root" rev-parse --short HEAD)  reference/bench/traceback.sh --stores $store $*"; \
    python3 "$root/reference/bench/traceback/traceback_bench.py" --dll "$dll" --store "$store" "$@"; } 2>&1 | tee "$out" || status=1
done
exit $status
