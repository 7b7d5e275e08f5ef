#!/usr/bin/env bash
# Write throughput of acknowledged writes: builds the node (Release) and runs bench/write/write_throughput.py on each
# store named (reports posted concurrently over HTTP for 60 s, accepted reports/s, then SIGKILL under load and the
# answered reports counted in the store), writing what it prints to bench/figures/write-throughput-STORE.txt as well
# (lib/node.sh).
#
#   reference/bench/write-throughput.sh [--stores "sqlite postgresql"] [options for write_throughput.py: --seconds N
#                                       --processes N --connections N]
source "$(dirname "$0")/lib/node.sh"
bench_main write-throughput write/write_throughput.py "$@"
