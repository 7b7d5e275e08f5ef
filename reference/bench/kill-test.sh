#!/usr/bin/env bash
# Kill test (issue 21, "Nothing acknowledged is lost"): builds the node (Release) and runs bench/kill/kill_test.py on
# each store named, writing what it prints to bench/figures/kill-test-STORE.txt as well.
#
#   reference/bench/kill-test.sh [--stores "sqlite postgresql"] [more options for kill_test.py: --kills N --seed N …]
#
# The node gets an administrator key (REFERENCE_ADMIN_KEY, else a random one) as --Api:AdminKey; the test issues itself a
# carrier-operator and appeal-desk key with it and sends that as "Authorization: Bearer …".
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
stores="sqlite postgresql"
if [ "${1:-}" = --stores ]; then stores=$2; shift 2; fi
command -v sipp >/dev/null || { echo "sipp is required: apt-get install sip-tester" >&2; exit 2; }
echo "building the node (Release)…" >&2
dotnet build -c Release "$root/reference/src/Reference/Reference.csproj" -nologo -v q >/dev/null
dll="$root/reference/src/Reference/bin/Release/net10.0/Reference.dll"
mkdir -p "$root/reference/bench/figures"
status=0
for store in $stores; do
  out="$root/reference/bench/figures/kill-test-$store.txt"
  { echo "# reference/bench/kill-test.sh --stores $store $*"; \
    echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ) commit $(git -C "$root" rev-parse --short HEAD); 2 shared cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"; \
    python3 "$root/reference/bench/kill/kill_test.py" --dll "$dll" --store "$store" "$@"; \
    echo "# load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"; } 2>&1 | tee "$out" || status=1
done
exit $status
