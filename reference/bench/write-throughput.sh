#!/usr/bin/env bash
# Write throughput of acknowledged writes: builds the node (Release) and runs bench/write/write_throughput.py on each
# store named (reports posted concurrently over HTTP for 60 s, accepted reports/s, then SIGKILL under load and the
# answered reports counted in the store), writing what it prints to bench/figures/write-throughput-STORE.txt as well.
#
#   reference/bench/write-throughput.sh [--stores "sqlite postgresql"] [options for write_throughput.py: --seconds N
#                                       --processes N --connections N]
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
  out="$root/reference/bench/figures/write-throughput-$store.txt"
  { echo "# reference/bench/write-throughput.sh --stores $store $*"; \
    echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ) commit $(git -C "$root" rev-parse --short HEAD); 2 shared cores"; \
    python3 "$root/reference/bench/write/write_throughput.py" --dll "$dll" --store "$store" "$@"; } 2>&1 | tee "$out" || status=1
done
exit $status
