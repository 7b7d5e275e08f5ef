#!/usr/bin/env bash
# The portal's chart of interceptions per rule and hour on a seeded store, with and without its partial index
# (migration 18), straight on the store (bench/hourly-chart/hourly_chart_bench.py); what it prints goes to
# bench/figures/hourly-chart-STORE.txt as well (lib/node.sh).
#
#   reference/bench/hourly-chart.sh [--stores "sqlite postgresql"] [--records 2000000] [--runs 20] [--seed 1]
source "$(dirname "$0")/lib/node.sh"
bench_main hourly-chart hourly-chart/hourly_chart_bench.py "$@"
