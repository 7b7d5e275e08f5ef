#!/usr/bin/env bash
# Stops what start.sh started, by the PIDs it recorded (Kamailio and the nodes first, then the stores).
#
#   reference/cluster/stop.sh [--dir DIR] [--purge]     --purge also deletes DIR (the stores' data with it)
set -uo pipefail
dir=/tmp/reference-cluster purge=0
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) dir=$2; shift 2 ;;
    --purge) purge=1; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ -f "$dir/pids" ] || { echo "no cluster recorded in $dir" >&2; exit 0; }
stop_all() { # pattern
  awk -v p="$1" '$1 ~ p {print $2}' "$dir/pids" | while read -r pid; do
    kill "$pid" 2>/dev/null
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null
  done
}
stop_all '^kamailio$'
stop_all '^node'
stop_all '^redis$'
stop_all '^postgres$'
rm -f "$dir/pids"
[ $purge = 1 ] && rm -rf "$dir"
echo "stopped the cluster in $dir"
