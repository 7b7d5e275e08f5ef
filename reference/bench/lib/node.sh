# Sourced by the store benchmarks (reports.sh, write-throughput.sh, traceback.sh, kill-test.sh): builds the node once
# (Release) and runs a Python driver once per store named, what it prints kept in bench/figures/NAME-STORE.txt too.
#
#   source "$(dirname "$0")/lib/node.sh"; bench_main NAME DRIVER "$@"
#
# "$@" may start with --stores "sqlite postgresql" (the default); the rest goes to the driver, after --dll and --store.
# NODE_DLL=path/to/Reference.dll runs a node built elsewhere (an earlier commit in a scratch folder) instead of
# building this tree's, so that two builds can be measured back to back, or one measured while the tree changes.
set -euo pipefail
bench_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)

bench_node_dll() {
  if [ -n "${NODE_DLL:-}" ]; then
    [ -f "$NODE_DLL" ] || { echo "NODE_DLL=$NODE_DLL: no such file; build the node there first (dotnet build -c Release)" >&2; exit 2; }
    echo "$NODE_DLL"
    return
  fi
  echo "building the node (Release)…" >&2
  # The build's own messages go to stderr on failure: a benchmark must not die silently on a compile error.
  local log; log=$(mktemp)
  if ! dotnet build -c Release "$bench_root/reference/src/Reference/Reference.csproj" -nologo -v q >"$log" 2>&1; then
    cat "$log" >&2; rm -f "$log"; exit 2
  fi
  rm -f "$log"
  echo "$bench_root/reference/src/Reference/bin/Release/net10.0/Reference.dll"
}

bench_main() { # NAME DRIVER [--stores "…"] [driver options…]
  local name=$1 driver=$2; shift 2
  local stores="sqlite postgresql"
  if [ "${1:-}" = --stores ]; then stores=$2; shift 2; fi
  local dll; dll=$(bench_node_dll)
  mkdir -p "$bench_root/reference/bench/figures"
  local status=0 store
  for store in $stores; do
    { echo "# reference/bench/$name.sh --stores $store $*"; \
      echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ) commit $(git -C "$bench_root" rev-parse --short HEAD)${NODE_DLL:+ (node: $NODE_DLL)}; $(nproc) shared cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"; \
      python3 "$bench_root/reference/bench/$driver" --dll "$dll" --store "$store" "$@"; \
      echo "# load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"; } 2>&1 | tee "$bench_root/reference/bench/figures/$name-$store.txt" || status=1
  done
  return $status
}
