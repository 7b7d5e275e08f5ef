#!/usr/bin/env bash
# Report intake benchmark (issue 20): accepted reports per second through POST /v1/reports for 60 s, each opening a
# ticket, on each store named, and the tickets counted in the store afterwards (bench/reports/reports_bench.py). What
# it prints goes to bench/figures/reports-STORE.txt as well. Target: 2,000 accepted reports/s, none lost.
#
#   reference/bench/reports.sh [--stores "sqlite postgresql"] [--seconds 60] [--connections 32]
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
  out="$root/reference/bench/figures/reports-$store.txt"
  { echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ) commit $(git -C "$root" rev-parse --short HEAD)  reference/bench/reports.sh --stores $store $*"; \
    python3 "$root/reference/bench/reports/reports_bench.py" --dll "$dll" --store "$store" "$@"; } 2>&1 | tee "$out" || status=1
done
exit $status
