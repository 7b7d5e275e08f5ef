#!/usr/bin/env bash
# Load test: sipp drives calls through the reference node and, in the same run, through Kamailio configured to do
# the same (bench/load/kamailio.cfg.in). Prints per system, transport and path: achieved calls/s, successful, failed,
# retransmissions and unexpected messages (sipp's counters), CPU µs per call (utime+stime of every process of the
# system under test, from /proc, read before and 3 s after the load), peak RSS, the node's own INVITE latency
# percentiles (GET /metrics), and the CPU ratio ours / Kamailio's.
#
#   reference/bench/load.sh [--calls N] [--intercept-rate R] [--forward-rate R] [--transports "udp tcp"]
#                           [--paths "intercept forward"] [--no-kamailio] [--systems "node node-off kamailio"]
#                           [--node-dll path/to/Reference.dll] [--rounds N] [--perf-node DIR]
#                           [--base-dll path/to/Reference.dll] [--base-env "NAME=value ..."] [--node-env "NAME=value ..."]
#                           [--base-wrap "command ..."] [--variant NAME "NAME=value ... [command ...]"]...
#
# --rounds N measures each system N times per transport and path, node and Kamailio taking turns, and ends with the
# median CPU µs per call of each and the ratio of the medians. On a machine whose cores are shared (a VM), one run of
# either can be 15% off the next; the median of three turns is steadier than any single run.
#
# Systems: "node" is the node as it starts by default, call records on (traceback), on a SQLite file of its own made
# fresh for each run; "node-off" is the same node with CallRecords:Enabled=false. With both, the run ends with the
# ratio of their median CPU per call (what call records cost the path). "node-redis" is the node with its rate rules'
# counters in a redis-server this script starts on loopback (Cluster:Redis, as every node of a cluster runs): with
# "node", the run ends with the ratio of their median CPU per call (what shared counters cost the path), and prints
# Redis's own CPU per call.
#
# For each node, a line under its figures splits its CPU per call by thread name (the SIP thread "sip-udp", the
# call-record writer "call records", the runtime's GC threads, …; "other" is what threads that ended in the window and
# the clock ticks' rounding leave; over TCP a watcher reads the threads every half second, so a connection's thread
# that ends as sipp closes keeps its time, all but its last half second): a change to one thread shows there even when the whole process's figure moves
# with the machine. A second line, runs/call, counts how often a call the SIP threads were put on a processor (each
# wake-up from a wait or a pause: on a virtual machine each one costs microseconds of kernel time) and splits their
# µs a call into user and kernel mode (clock ticks, so ±0.3 µs): a change to managed code shows in the user part. It
# ends with how often a call they were preempted and the machine's load average as the window began and ended: the SIP
# thread's dear runs (about 20 µs a call instead of 14) came with more runs a call and, where it was known, a busier
# machine (reference/bench/figures/modes-findings.md); read a run whose load rose as one from a shared machine.
#
# --perf-node DIR records the node's measured run with perf (perf record -g, the runtime's perf map on) into DIR, one
# perf.data per run, for perf report.
#
# --node-dll runs a node built elsewhere (say, an earlier commit in a scratch folder) instead of building this tree's,
# so that two builds can be measured back to back in the same minutes.
#
# Each round takes the systems in turn starting one later than the round before (node, node-off, base; then
# node-off, base, node; ...), so that a cost of being first falls on each in turn.
#
# System "base" is a second node, records on, that takes turns with the others in the same run: the node of
# --base-dll (an earlier build; by default the same as "node"), started with the environment of --base-env (say
# DOTNET_GCgen0size=0x4000000). With "node", the run ends with the ratio node/base of their median CPU per call: a
# change measured against what it changes, round for round, rather than in two runs minutes apart. --node-env gives
# "node" an environment of its own the same way (say, the JIT's list of what it compiled, to set beside its figures).
# --base-wrap starts base's dotnet through a command that then runs it (say, python3 load/thp-off.py, which turns
# transparent huge pages off for that process only), for a setting no environment variable reaches.
#
# --variant NAME WORDS (repeatable) declares a system NAME: this tree's node, records on, started as `env WORDS dotnet
# ...` (so WORDS are settings, NAME=value, optionally followed by a command that runs dotnet, say `setarch -R`). List
# it in --systems beside "node" and the run ends with the ratio NAME/node of their median CPU per call: several
# runtime settings measured against the default in one run, each start splitting its cost by thread as above.
#
# Every load runs once unmeasured first (first-touch page faults double the cost), for at least 36 s: the 32 s tables
# of finished transactions are full, and what runs once a second has been compiled to its last tier. Both sipp instances
# and Kamailio get 4 MB socket buffers, or bursts of datagrams are dropped and look like loss in the system under test.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
here="$root/reference/bench/load"
scenarios="$root/reference/tests/Interop.Tests/Scenarios"
declare -A variants
node_dll="" base_dll="" base_env="" node_env="" base_wrap="" perf_dir="" rounds=1 calls=40000 intercept_rate=4000 forward_rate=2000 transports="udp tcp" paths="intercept forward" kamailio=1 systems="node kamailio"
while [ $# -gt 0 ]; do
  case "$1" in
    --calls) calls=$2; shift 2 ;;
    --intercept-rate) intercept_rate=$2; shift 2 ;;
    --forward-rate) forward_rate=$2; shift 2 ;;
    --transports) transports=$2; shift 2 ;;
    --paths) paths=$2; shift 2 ;;
    --no-kamailio) kamailio=0; shift ;;
    --systems) systems=$2; shift 2 ;;
    --node-dll) node_dll=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --base-dll) base_dll=$2; shift 2 ;;
    --base-env) base_env=$2; shift 2 ;;
    --node-env) node_env=$2; shift 2 ;;
    --base-wrap) base_wrap=$2; shift 2 ;;
    --variant) variants[$2]=$3; shift 3 ;;
    --perf-node) perf_dir=$2; shift 2 ;;
    *) echo "unknown option $1; see the header of $0" >&2; exit 2 ;;
  esac
done
command -v sipp >/dev/null || { echo "sipp is required: apt-get install sip-tester" >&2; exit 2; }
if [ $kamailio = 1 ] && ! command -v kamailio >/dev/null; then echo "kamailio is required (apt-get install kamailio) or pass --no-kamailio" >&2; exit 2; fi

work=$(mktemp -d)
started=()
stop() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }
cleanup() { for pid in "${started[@]}"; do stop "$pid"; done; rm -rf "$work"; }
trap cleanup EXIT
measure() { python3 "$here/measure.py" "$@"; }

dll="$root/reference/src/Reference/bin/Release/net10.0/Reference.dll"
if [ -n "$node_dll" ]; then
  [ -f "$node_dll" ] || { echo "--node-dll $node_dll: no such file; build the node there first (dotnet build -c Release)" >&2; exit 2; }
  dll=$node_dll
else
  echo "building the node (Release)…" >&2
  dotnet build -c Release "$root/reference/src/Reference/Reference.csproj" -nologo -v q >/dev/null
fi
if [ -n "$base_dll" ] && [ ! -f "$base_dll" ]; then echo "--base-dll $base_dll: no such file; build the node there first (dotnet build -c Release)" >&2; exit 2; fi
[ -n "$base_dll" ] || base_dll=$dll

sut_pid="" sut_port="" sut_http=""
# One sipp caller calls one callee tens of thousands of times: the bombing rule is lifted so the load measures
# the SIP path; Kamailio's equivalent configuration has no such rule either.
redis_pid="" redis_port=""
start_redis() {
  [ -n "$redis_pid" ] && return
  command -v redis-server >/dev/null || { echo "node-redis needs redis-server (apt-get install redis-server)" >&2; exit 2; }
  redis_port=$(measure port)
  redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --protected-mode yes >"$work/redis.log" 2>&1 &
  redis_pid=$!; started+=("$redis_pid"); sleep 0.5
}
start_node() { # transport callee_port records(true|false) [more settings] [dll] [environment] [wrapping command]
  sut_port=$(measure port); local http_port; http_port=$(measure port)
  rm -f "$work"/node.db*
  sut_http="http://127.0.0.1:$http_port"
  local admin; admin=$(head -c 32 /dev/urandom | base64 | tr -d '/+=\n')
  # shellcheck disable=SC2086 # the environment is a list of NAME=value words, the wrapping command a list of words
  env ${6:-} DOTNET_PerfMapEnabled=$([ -n "$perf_dir" ] && echo 1 || echo 0) DOTNET_EnableWriteXorExecute=$([ -n "$perf_dir" ] && echo 0 || echo 1) \
  ${7:-} dotnet "${5:-$dll}" --Http:Url="$sut_http" --Api:AdminKey="$admin" --Storage:Sqlite="$work/node.db" --CallRecords:Enabled="$3" --Sip:Access=127.0.0.1:0 --Sip:Interconnect=127.0.0.1:0 \
    --Sip:International=127.0.0.1:"$sut_port" --Sip:NextHop=127.0.0.1:"$2" \
    --Sip:Tcp=$([ "$1" = tcp ] && echo true || echo false) --Sip:NextHopTransport="$1" \
    --Logging:LogLevel:Default=Warning --Screening:Bombing:Limit=100000000 ${4:-} >"$work/node.log" 2>&1 &
  sut_pid=$!; started+=("$sut_pid")
  for _ in $(seq 100); do
    if curl -fs "$sut_http/health" >/dev/null 2>&1; then
      # /metrics wants a key: measure.py sends the one issued here (API_KEY).
      API_KEY=$(curl -fs -X POST "$sut_http/v1/api-keys" -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
        -d '{"roles":["regulator"],"account":"load"}' | sed -E 's/.*"key":"([^"]+)".*/\1/'); export API_KEY
      return
    fi
    sleep 0.2
  done
  echo "the node did not start; its log:" >&2; cat "$work/node.log" >&2; exit 1
}
start_kamailio() { # transport callee_port
  sut_port=$(measure port); sut_http=""
  # Kamailio always listens on UDP too (its main process needs a UDP socket); TCP runs use the TCP one.
  sed -e "s|@LISTEN@|udp:127.0.0.1:$sut_port\nlisten=tcp:127.0.0.1:$sut_port|" -e "s|@NEXTHOP@|sip:127.0.0.1:$2;transport=$1|" \
    "$here/kamailio.cfg.in" >"$work/kamailio.cfg"
  # -DD: stay in the foreground (so the PID is the main process) but fork the workers, as in production.
  # -m 1024: tm keeps every transaction (about 13 KB with its cloned request) for its wait timer after the final
  # response; at 2,000 forwarded calls/s (two transactions a call) a 256 MB pool runs out and new calls fail.
  # -x tlsf: the TLSF allocator; the default q_malloc walks its free lists and grows slow with tens of thousands of
  # live transactions.
  kamailio -f "$work/kamailio.cfg" -DD -E -m 1024 -M 32 -x tlsf >"$work/kamailio.log" 2>&1 &
  sut_pid=$!; started+=("$sut_pid"); sleep 1.5
  kill -0 "$sut_pid" 2>/dev/null || { echo "kamailio did not start; its log:" >&2; cat "$work/kamailio.log" >&2; exit 1; }
}
callee_pid=""
start_callee() { # transport port
  sipp -sn uas -i 127.0.0.1 -p "$2" -t "$([ "$1" = tcp ] && echo t1 || echo u1)" -buff_size 4194304 -nostdin \
    -max_socket 1000 -trace_err -error_file "$work/callee-errors.log" >"$work/callee.out" 2>&1 &
  callee_pid=$!; started+=("$callee_pid"); sleep 0.5
}
run_caller() { # transport path rate csv [calls]
  local number=+14155550123; [ "$2" = intercept ] && number=+8613812345678
  rm -f "$4"
  sipp 127.0.0.1:"$sut_port" -sf "$scenarios/uac-$2.xml" -s 13812345678 -key caller "$number" -i 127.0.0.1 \
    -p "$(measure port)" -t "$([ "$1" = tcp ] && echo t1 || echo u1)" -r "$3" -m "${5:-$calls}" -nostdin \
    -timeout 600s -timeout_error -recv_timeout 10s -buff_size 4194304 -trace_stat -stf "$4" -fd 1 \
    -trace_err -error_file "$work/caller-errors.log" >"$work/caller.out" 2>&1 &
  local caller=$!; started+=("$caller")
  wait "$caller" || true
}

declare -A cpu_per_call
printf '%-9s %-4s %-9s %8s %8s %6s %8s %6s %10s %9s %9s %9s\n' system tr path "calls/s" ok failed retrans unexp "cpu_us/call" "rss_MB" "p50_us" "p99_us"
for transport in $transports; do
  for path in $paths; do
    rate=$intercept_rate; [ "$path" = forward ] && rate=$forward_rate
    for round in $(seq "$rounds"); do
      # Each round starts one system later in the list, so that whatever being first (or last) costs falls on each in
      # turn and not always on the same one. It does not remove the larger scatter: on this VM a node's SIP thread ran
      # at about 14 or about 21 µs a call from one start to the next, whatever its place (figures lead-quiet5- and
      # lead-quiet6-load-udp-intercept.txt; what was ruled out, and what goes with the dear runs: modes-findings.md).
      read -ra listed <<<"$systems"
      shift_by=$(( (round - 1) % ${#listed[@]} ))
      for system in "${listed[@]:shift_by}" "${listed[@]:0:shift_by}"; do
        [ $system = kamailio ] && [ $kamailio = 0 ] && continue
        callee_port=$(measure port)
        [ "$path" = forward ] && start_callee "$transport" "$callee_port"
        case $system in
          node) start_node "$transport" "$callee_port" true "" "" "$node_env" ;;
          node-off) start_node "$transport" "$callee_port" false ;;
          base) start_node "$transport" "$callee_port" true "" "$base_dll" "$base_env" "$base_wrap" ;;
          node-redis) start_redis; start_node "$transport" "$callee_port" true "--Cluster:Redis=127.0.0.1:$redis_port" ;;
          *) if [ -n "${variants[$system]+set}" ]; then start_node "$transport" "$callee_port" true "" "" "" "${variants[$system]}"
             else start_kamailio "$transport" "$callee_port"; fi ;;
        esac
        # The node's /metrics is read just before the measured load: its first reads compile the endpoint and, some
        # seconds later, compile its hot parts again optimised (1.5–4.5 µs per call of the measured window here). With
        # three reads before the warm-up, the read just before the measured run still took methods over the next tier's
        # threshold: 1.3–1.4 µs per intercepted call of the measured window was the tiering thread. A hundred reads
        # before the warm-up take every tier there, where that work belongs.
        [ -n "$sut_http" ] && measure settle "$sut_http" interceptedToFinalResponse 100
        # The warm-up lasts until the system's tables of finished transactions are as full as they stay: 64·T1 = 32 s
        # for the forward path's answered BYEs and accepted INVITEs (RFC 6026), 5 s for an intercepted call's timer I.
        # Shorter, and they are still growing (and being resized) in the measured run. Both paths warm up for at least
        # 36 s: what runs once a second (the web server's heartbeat, a table's sweep, a refill of random bytes) reaches
        # the runtime's last tier after some 30 calls, and with a 20 s warm-up that compiling fell in the measured run
        # (the compiler's thread: 0.5–0.6 µs per intercepted call of the measured window, in a replay of this protocol).
        warmup=$(( calls > rate * 36 ? calls : rate * 36 ))
        run_caller "$transport" "$path" "$rate" "$work/warmup.csv" "$warmup"
        metric=interceptedToFinalResponse; [ "$path" = forward ] && metric=admittedToForwarded
        # Read again now that the histograms hold values: writing their buckets is code the empty reads never ran, and
        # the read just before the measured run compiled it there (1.2 µs per intercepted call of the window).
        [ -n "$sut_http" ] && measure settle "$sut_http" "$metric" 100
        sleep 2
        [ -n "$sut_http" ] && measure metrics "$sut_http" "$metric" >"$work/before.json"
        [ $system != kamailio ] && measure threads "$sut_pid" >"$work/threads0.json"
        cpu0=$(measure cpu "$sut_pid") load0=$(cut -d' ' -f1 /proc/loadavg)
        redis0=$([ $system = node-redis ] && measure cpu "$redis_pid" || echo 0)
        perf_pid=""
        if [ -n "$perf_dir" ] && [ $system != kamailio ]; then
          mkdir -p "$perf_dir"
          perf record -g -F 4999 -p "$sut_pid" -o "$perf_dir/$system-$transport-$path-$round.data" >/dev/null 2>&1 &
          perf_pid=$!; started+=("$perf_pid")
        fi
        watch_pid=""
        if [ "$transport" = tcp ] && [ $system != kamailio ]; then
          rm -f "$work/threads-seen.json"
          python3 "$here/measure.py" threads-watch "$sut_pid" "$work/threads-seen.json" &
          watch_pid=$!; started+=("$watch_pid")
        fi
        run_caller "$transport" "$path" "$rate" "$work/measured.csv"
        sleep 3
        cpu1=$(measure cpu "$sut_pid") load1=$(cut -d' ' -f1 /proc/loadavg)
        if [ -n "$watch_pid" ]; then kill "$watch_pid" 2>/dev/null || true; wait "$watch_pid" 2>/dev/null || true; fi
        [ $system != kamailio ] && measure threads-with "$sut_pid" "$work/threads-seen.json" >"$work/threads1.json"
        redis1=$([ $system = node-redis ] && measure cpu "$redis_pid" || echo 0)
        if [ -n "$perf_pid" ]; then kill -INT "$perf_pid" 2>/dev/null || true; wait "$perf_pid" 2>/dev/null || true; cp /tmp/perf-"$sut_pid".map "$perf_dir/" 2>/dev/null || true; fi
        rss=$(measure rss "$sut_pid")
        stats=$(measure sipp "$work/measured.csv")
        p50=- p99=-
        if [ -n "$sut_http" ]; then
          measure metrics "$sut_http" "$metric" >"$work/after.json"
          latency=$(measure latency "$work/before.json" "$work/after.json")
          p50=$(python3 -c "import json,sys; print(json.loads(sys.argv[1])['p50'])" "$latency")
          p99=$(python3 -c "import json,sys; print(json.loads(sys.argv[1])['p99'])" "$latency")
        fi
        python3 - "$system" "$transport" "$path" "$stats" "$cpu0" "$cpu1" "$rss" "$p50" "$p99" <<'PY'
import json, sys
system, transport, path, stats, cpu0, cpu1, rss, p50, p99 = sys.argv[1:]
s = json.loads(stats)
per_call = (int(cpu1) - int(cpu0)) / max(1, s["successful"])
print(f"{system:<9} {transport:<4} {path:<9} {s['rate']:8.0f} {s['successful']:8d} {s['failed']:6d} {s['retransmissions']:8d} "
      f"{s['unexpected']:6d} {per_call:10.1f} {int(rss)/1024:9.1f} {p50:>9} {p99:>9}")
PY
        if [ $system != kamailio ]; then
          echo "  threads cpu_us/call: $(measure threads-between "$work/threads0.json" "$work/threads1.json" "$((cpu1 - cpu0))" \
            "$(python3 -c "import json,sys; print(json.loads(sys.argv[1])['successful'])" "$stats")")"
          echo "  runs/call (user, kernel): $(measure runs-between "$work/threads0.json" "$work/threads1.json" \
            "$(python3 -c "import json,sys; print(json.loads(sys.argv[1])['successful'])" "$stats")"); load average $load0 -> $load1"
        fi
        if [ $system = node-redis ]; then
          python3 -c "import json,sys; print(f'  redis cpu_us/call {(int(sys.argv[2])-int(sys.argv[1]))/max(1,json.loads(sys.argv[3])[\"successful\"]):.1f}')" "$redis0" "$redis1" "$stats"
        fi
        if [ "$(python3 -c "import json,sys; print(json.loads(sys.argv[1])['failed'])" "$stats")" != 0 ]; then
          kept=$(mktemp -d "${TMPDIR:-/tmp}/load-$system-$transport-$path-XXXX"); cp "$work"/*.out "$work"/*.log "$kept"/ 2>/dev/null || true
          echo "  calls failed: sipp's error logs and the system's log are kept in $kept" >&2
        fi
        cpu_per_call[$system-$transport-$path]+="$(python3 -c "import json,sys; print((int(sys.argv[2])-int(sys.argv[1]))/max(1,json.loads(sys.argv[3])['successful']))" "$cpu0" "$cpu1" "$stats") "
        stop "$sut_pid"; [ -n "$callee_pid" ] && stop "$callee_pid"; callee_pid=""
      done
    done
  done
done
median() { python3 -c "import statistics,sys; print(statistics.median(float(v) for v in sys.argv[1:]))" $1; }
if [ "$rounds" -gt 1 ]; then
  for transport in $transports; do for path in $paths; do for system in $systems; do
    [ $system = kamailio ] && [ $kamailio = 0 ] && continue
    printf 'median cpu/call %-9s %-4s %-9s %8.1f  of %s\n' "$system" "$transport" "$path" \
      "$(median "${cpu_per_call[$system-$transport-$path]}")" "${cpu_per_call[$system-$transport-$path]% }"
  done; done; done
fi
if [[ " $systems " == *" node "* && " $systems " == *" node-off "* ]]; then
  for transport in $transports; do for path in $paths; do
    python3 -c "import sys; on,off=float(sys.argv[1]),float(sys.argv[2]); print(f'ratio cpu/call records on/off {sys.argv[3]:<4} {sys.argv[4]:<9} {on/off if off else float(\"nan\"):.3f}')" \
      "$(median "${cpu_per_call[node-$transport-$path]}")" "$(median "${cpu_per_call[node-off-$transport-$path]}")" "$transport" "$path"
  done; done
fi
if [[ " $systems " == *" node "* && " $systems " == *" base "* ]]; then
  for transport in $transports; do for path in $paths; do
    python3 -c "import sys; n,b=float(sys.argv[1]),float(sys.argv[2]); print(f'ratio cpu/call node/base {sys.argv[3]:<4} {sys.argv[4]:<9} {n/b if b else float(\"nan\"):.3f}')" \
      "$(median "${cpu_per_call[node-$transport-$path]}")" "$(median "${cpu_per_call[base-$transport-$path]}")" "$transport" "$path"
  done; done
fi
for system in $systems; do
  [ -n "${variants[$system]+set}" ] && [[ " $systems " == *" node "* ]] || continue
  for transport in $transports; do for path in $paths; do
    python3 -c "import sys; v,n=float(sys.argv[1]),float(sys.argv[2]); print(f'ratio cpu/call {sys.argv[5]}/node {sys.argv[3]:<4} {sys.argv[4]:<9} {v/n if n else float(\"nan\"):.3f}  ({sys.argv[6]})')" \
      "$(median "${cpu_per_call[$system-$transport-$path]}")" "$(median "${cpu_per_call[node-$transport-$path]}")" "$transport" "$path" "$system" "${variants[$system]}"
  done; done
done
if [[ " $systems " == *" node "* && " $systems " == *" node-redis "* ]]; then
  for transport in $transports; do for path in $paths; do
    python3 -c "import sys; r,n=float(sys.argv[1]),float(sys.argv[2]); print(f'ratio cpu/call node-redis/node {sys.argv[3]:<4} {sys.argv[4]:<9} {r/n if n else float(\"nan\"):.3f}')" \
      "$(median "${cpu_per_call[node-redis-$transport-$path]}")" "$(median "${cpu_per_call[node-$transport-$path]}")" "$transport" "$path"
  done; done
fi
if [ $kamailio = 1 ] && [[ " $systems " == *" node "* && " $systems " == *" kamailio "* ]]; then
  for transport in $transports; do for path in $paths; do
    python3 -c "import sys; o,k=float(sys.argv[1]),float(sys.argv[2]); print(f'ratio cpu/call ours/kamailio {sys.argv[3]:<4} {sys.argv[4]:<9} {o/k if k else float(\"nan\"):.2f}')" \
      "$(median "${cpu_per_call[node-$transport-$path]}")" "$(median "${cpu_per_call[kamailio-$transport-$path]}")" "$transport" "$path"
  done; done
fi
