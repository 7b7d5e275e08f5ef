#!/usr/bin/env bash
# Report intake benchmark (issue 20): accepted reports per second through POST /v1/reports for 60 s, each opening a
# ticket, on each store named, and the tickets counted in the store afterwards (bench/reports/reports_bench.py). What
# it prints goes to bench/figures/reports-STORE.txt as well (lib/node.sh). Target: 2,000 accepted reports/s, none lost.
#
#   reference/bench/reports.sh [--stores "sqlite postgresql"] [--seconds 60] [--connections 32]
source "$(dirname "$0")/lib/node.sh"
bench_main reports reports/reports_bench.py "$@"
