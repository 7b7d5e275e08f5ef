#!/usr/bin/env bash
# Traceback benchmark (issue 20): seeds call records into each store named and times queries by callee and a one-hour
# window through the node's API (bench/traceback/traceback_bench.py); what it prints goes to
# bench/figures/traceback-STORE.txt (results/ is the suite's ignored output) as well (lib/node.sh).
#
#   reference/bench/traceback.sh [--stores "sqlite postgresql"] [--records 10000000] [--queries 2000] [--seed 1]
source "$(dirname "$0")/lib/node.sh"
bench_main traceback traceback/traceback_bench.py "$@"
