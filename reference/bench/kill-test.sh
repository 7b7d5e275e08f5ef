#!/usr/bin/env bash
# Kill test (issues 20 and 21, "Nothing acknowledged is lost"): builds the node (Release) and runs bench/kill/kill_test.py
# on each store named, writing what it prints to bench/figures/kill-test-STORE.txt as well (lib/node.sh).
#
#   reference/bench/kill-test.sh [--stores "sqlite postgresql"] [more options for kill_test.py: --kills N --seed N …]
#
# The node gets an administrator key (REFERENCE_ADMIN_KEY, else a random one) as --Api:AdminKey; the test issues itself a
# carrier-operator and appeal-desk key with it and sends that as "Authorization: Bearer …".
source "$(dirname "$0")/lib/node.sh"
command -v sipp >/dev/null || { echo "sipp is required: apt-get install sip-tester" >&2; exit 2; }
bench_main kill-test kill/kill_test.py "$@"
