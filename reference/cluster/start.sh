#!/usr/bin/env bash
# Starts a reference cluster on loopback, from Debian's packages and this tree's build: Redis (the rate rules'
# counters), PostgreSQL (the directory, labels and records, and their change notifications), N reference nodes on
# ports of their own, and Kamailio's dispatcher in front of them. Everything runs under one directory; stop.sh stops
# it by the PIDs recorded there.
#
#   reference/cluster/start.sh [--nodes N] [--base-port P] [--dir DIR] [--next-hop HOST:PORT] [--dll path/Reference.dll]
#                              [-- more node settings such as --Screening:Bombing:Limit=5]
#
# Ports, from P (default 25000): Redis P, PostgreSQL P+1, Kamailio P+2 (access), P+3 (interconnect), P+4
# (international); node i (1..N) HTTP P+10i, SIP access P+10i+1, interconnect P+10i+2, international P+10i+3.
# Admitted calls go to --next-hop (default 127.0.0.1:P+5). The administrator key is in DIR/admin-key; DIR/cluster.env
# names every address for scripts.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
here="$root/reference/cluster"
nodes=3 base=25000 dir=/tmp/reference-cluster next_hop="" dll=""
while [ $# -gt 0 ]; do
  case "$1" in
    --nodes) nodes=$2; shift 2 ;;
    --base-port) base=$2; shift 2 ;;
    --dir) dir=$2; shift 2 ;;
    --next-hop) next_hop=$2; shift 2 ;;
    --dll) dll=$2; shift 2 ;;
    --) shift; break ;;
    *) echo "unknown option $1; see the header of $0" >&2; exit 2 ;;
  esac
done
extra=("$@")
next_hop=${next_hop:-127.0.0.1:$((base + 5))}
for tool in redis-server kamailio curl; do
  command -v $tool >/dev/null || { echo "$tool is required: bash .ci/install installs it" >&2; exit 2; }
done
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$pg_bin/initdb" ] || { echo "PostgreSQL is required (Debian package postgresql): bash .ci/install installs it" >&2; exit 2; }
[ -e "$dir/pids" ] && { echo "$dir/pids exists: a cluster may be running; run reference/cluster/stop.sh --dir $dir first" >&2; exit 2; }
mkdir -p "$dir"
: >"$dir/pids"
trap 'echo "start failed; stopping what started" >&2; "$here/stop.sh" --dir "$dir"' ERR

if [ -z "$dll" ]; then
  echo "building the node (Release)…" >&2
  dotnet build -c Release "$root/reference/src/Reference/Reference.csproj" -nologo -v q >/dev/null
  dll="$root/reference/src/Reference/bin/Release/net10.0/Reference.dll"
fi

# Redis: counts survive a restart of Redis (append-only file, synced each second).
redis-server --port "$base" --bind 127.0.0.1 --dir "$dir" --save "" --appendonly yes --appendfsync everysec \
  --protected-mode yes >"$dir/redis.log" 2>&1 &
echo "redis $!" >>"$dir/pids"

# PostgreSQL refuses to run as root: as root it runs as the postgres user, like the storage tests.
as_pg=()
if [ "$(id -u)" = 0 ]; then as_pg=(/usr/bin/setpriv --reuid=postgres --regid=postgres --init-groups); mkdir -p "$dir/pg"; chown postgres: "$dir/pg"; fi
if [ ! -d "$dir/pg/data" ]; then
  "${as_pg[@]}" "$pg_bin/initdb" -D "$dir/pg/data" -U node -A trust -E UTF8 --no-sync >"$dir/initdb.log" 2>&1
fi
"${as_pg[@]}" "$pg_bin/postgres" -D "$dir/pg/data" -p $((base + 1)) -k "$dir/pg" -c listen_addresses=127.0.0.1 \
  -c max_connections=200 >"$dir/postgres.log" 2>&1 &
echo "postgres $!" >>"$dir/pids"
for _ in $(seq 100); do
  "$pg_bin/pg_isready" -h 127.0.0.1 -p $((base + 1)) -q && break
  sleep 0.1
done
postgres="Host=127.0.0.1;Port=$((base + 1));Username=node;Database=postgres"

admin=$( [ -f "$dir/admin-key" ] && cat "$dir/admin-key" || head -c 32 /dev/urandom | base64 | tr -d '/+=\n')
echo "$admin" >"$dir/admin-key"
{
  echo "REDIS=127.0.0.1:$base"
  echo "POSTGRES='$postgres'"
  echo "KAMAILIO_ACCESS=127.0.0.1:$((base + 2))"
  echo "KAMAILIO_INTERCONNECT=127.0.0.1:$((base + 3))"
  echo "KAMAILIO_INTERNATIONAL=127.0.0.1:$((base + 4))"
  echo "NEXT_HOP=$next_hop"
  echo "NODES=$nodes"
} >"$dir/cluster.env"
: >"$dir/dispatcher.list"
# The runtime's thread pool spins before a worker sleeps (70 iterations by default). A node on shared counters has
# more wake-ups per call than a lone one (Redis's replies to the multiplexer, the flush timer, the change feed), and
# each spin burns CPU that does no work on a machine that has no core to spare; 0 makes a waiting worker sleep at once.
# CAPACITY.md gives the measured difference. An operator's own setting in the environment is kept.
export DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=${DOTNET_ThreadPool_UnfairSemaphoreSpinLimit:-0}
start_node() { # i
  local i=$1 p=$((base + 10 * $1))
  # The command is kept in DIR/nodeI.cmd, so that a test that kills the node can start it again the same way. Each
  # node journals its call records in a file of its own (as a lone node on SQLite does by default), so that a final
  # response waits for one write to that file rather than a PostgreSQL transaction; the records reach PostgreSQL in
  # the writer's batches, and a node started again puts what its journal holds in the store first.
  printf '%q ' dotnet "$dll" --Http:Url="http://127.0.0.1:$p" --Api:AdminKey="$admin" \
    --Sip:Access=127.0.0.1:$((p + 1)) --Sip:Interconnect=127.0.0.1:$((p + 2)) --Sip:International=127.0.0.1:$((p + 3)) \
    --Sip:NextHop="$next_hop" --Storage:PostgreSql="$postgres" --Cluster:Redis="127.0.0.1:$base" \
    --CallRecords:Journal="$dir/node$i-calls" \
    --Logging:LogLevel:Default=Warning "${extra[@]}" >"$dir/node$i.cmd"
  bash -c "exec $(cat "$dir/node$i.cmd")" >>"$dir/node$i.log" 2>&1 &
  echo "node$i $!" >>"$dir/pids"
}
for i in $(seq "$nodes"); do
  p=$((base + 10 * i))
  # The first node creates the schema; the others start once it has.
  start_node "$i"
  for _ in $(seq 150); do curl -fs "http://127.0.0.1:$p/health" >/dev/null 2>&1 && break; sleep 0.2; done
  curl -fs "http://127.0.0.1:$p/health" >/dev/null || { echo "node $i did not start; its log:" >&2; tail -20 "$dir/node$i.log" >&2; exit 1; }
  echo "NODE${i}_HTTP=http://127.0.0.1:$p" >>"$dir/cluster.env"
  echo "NODE${i}_SIP=127.0.0.1:$((p + 1)),127.0.0.1:$((p + 2)),127.0.0.1:$((p + 3))" >>"$dir/cluster.env"
  for set in 1 2 3; do echo "$set sip:127.0.0.1:$((p + set)) 0 0" >>"$dir/dispatcher.list"; done
done

sed -e "s|@ACCESS@|$((base + 2))|g" -e "s|@INTERCONNECT@|$((base + 3))|g" -e "s|@INTERNATIONAL@|$((base + 4))|g" \
  -e "s|@LIST@|$dir/dispatcher.list|" -e "s|@NODES@|$nodes|" "$here/kamailio.cfg.in" >"$dir/kamailio.cfg"
# -x tlsf: Kamailio's default shared-memory allocator (q_malloc) walks its free lists, and with the tens of thousands
# of transactions tm keeps for its wait timer at these rates it took half of Kamailio's CPU (perf: qm_malloc 49 %).
# -m 1024: those transactions (about 13 KB each, 5 s each) at 4,000 + 2,000 calls/s need some 500 MB.
kamailio -f "$dir/kamailio.cfg" -DD -E -m 1024 -M 16 -x tlsf >"$dir/kamailio.log" 2>&1 &
echo "kamailio $!" >>"$dir/pids"
sleep 1.5
kill -0 "$(awk '$1=="kamailio"{print $2}' "$dir/pids")" || { echo "kamailio did not start; its log:" >&2; tail -20 "$dir/kamailio.log" >&2; exit 1; }
trap - ERR
echo "cluster of $nodes nodes running in $dir (addresses in $dir/cluster.env); stop it with reference/cluster/stop.sh --dir $dir"
