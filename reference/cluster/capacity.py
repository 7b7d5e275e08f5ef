#!/usr/bin/env python3
"""Measures what a forwarded and an intercepted call cost with shared state against one node alone, in the same run
(for CAPACITY.md).

  python3 reference/cluster/capacity.py [--nodes 3] [--rate 300] [--calls 9000] [--base-port 26000] [--systems "alone redis shared cluster"]
                                       [--rounds 1] [--spin-limit N]

The cluster (start.sh: N nodes, Redis, PostgreSQL, Kamailio's dispatcher) runs throughout, so that every system
shares the machine with the same processes. Systems, each measured on both paths:
  alone    one node as a lone node starts: in-process counters, a SQLite file; sipp straight to its interconnect port;
  redis    the same node with its counters in the cluster's Redis (what shared counters cost);
  shared   the same node on the cluster's Redis and PostgreSQL (store, call records, change feed): all shared state;
  cluster  the N nodes, sipp through Kamailio.
Paths: the bombing limit is 1 over a long window, and every call comes from a caller of its own. "forward": each
caller's first call, admitted (the rule reserves its place: one script call to Redis); "intercept": the same callers
again, each intercepted by the bombing rule (the same script, refusing). Each path runs once unmeasured first, with
callers of its own. With --rounds N every system is measured N times in turn, each time with callers new to it, and
the medians are compared. Printed per system, path and round: calls, failed, CPU µs per call of the nodes (raw, and net of what
the nodes burn idle over the same time), of Kamailio, Redis and PostgreSQL; Redis commands and PostgreSQL
transactions and rows written per call; the 1-minute load average when the run began.
"""
import argparse, csv, os, subprocess, sys, tempfile, time

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "bench", "lib"))
import bench  # noqa: E402  (reference/bench/lib: what the benchmarks share)
root = os.path.abspath(os.path.join(here, "..", ".."))


def sipp(target, path, callers, rate, calls, work, name):
    stat = os.path.join(work, name + ".csv")
    scenario = "uac-forward-callers.xml" if path == "forward" else "uac-intercept-callers.xml"
    subprocess.run(["sipp", target, "-sf", os.path.join(here, scenario), "-inf", callers, "-s", "13512345678",
                    "-i", "127.0.0.1", "-p", "0", "-t", "u1", "-r", str(rate), "-m", str(calls), "-nostdin", "-timeout", "300s",
                    "-timeout_error", "-recv_timeout", "10s", "-buff_size", "4194304", "-trace_stat", "-stf", stat, "-fd", "1"],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=work)
    last = list(csv.DictReader(open(stat), delimiter=";"))[-1]
    return int(last["SuccessfulCall(C)"]), int(last["FailedCall(C)"])


def redis_commands(port):
    out = subprocess.run(["redis-cli", "-p", str(port), "INFO", "stats"], capture_output=True, text=True).stdout
    return int(next(l.split(":")[1] for l in out.splitlines() if l.startswith("total_commands_processed")))


def pg_stats(pg_bin, port):
    out = subprocess.run([os.path.join(pg_bin, "psql"), "-h", "127.0.0.1", "-p", str(port), "-U", "node", "-d", "postgres", "-Atc",
                          "SELECT xact_commit, tup_inserted + tup_updated + tup_deleted FROM pg_stat_database WHERE datname = 'postgres'"],
                         capture_output=True, text=True).stdout.strip().split("|")
    return int(out[0]), int(out[1])


class System:
    """One system under measurement: where sipp sends, whose CPU counts, and which stores' counters are read."""

    def __init__(self, name, target, groups, prefix, redis_port=None, pg=None):
        self.name, self.target, self.groups, self.prefix, self.redis_port, self.pg = name, target, groups, prefix, redis_port, pg
        self.idle_rate = 0.0

    def warm(self, args, work):
        """Both paths once, unmeasured, with callers of their own; then what the nodes burn idle, per second."""
        warm = min(args.calls, args.rate * 10)
        callers = bench.callers_file(work, f"{self.name}-warm", self.prefix + "9", warm)
        for path in ("forward", "intercept"):
            sipp(self.target, path, callers, args.rate, warm, work, f"{self.name}-warm-{path}")
        time.sleep(2)
        idle0, t0 = bench.cpu_us(self.groups["nodes"]), time.time()
        time.sleep(5)
        self.idle_rate = (bench.cpu_us(self.groups["nodes"]) - idle0) / (time.time() - t0)

    def measure(self, args, work, round_):
        """Both paths with callers new to this round: each caller's first call forwarded, its second intercepted."""
        rows = []
        callers = bench.callers_file(work, f"{self.name}-{round_}", self.prefix + str(round_), args.calls)
        for path in ("forward", "intercept"):
            c0 = {k: bench.cpu_us(v) for k, v in self.groups.items()}
            r0 = redis_commands(self.redis_port) if self.redis_port else None
            p0 = pg_stats(*self.pg) if self.pg else None
            load = bench.load_average()
            start = time.time()
            ok, failed = sipp(self.target, path, callers, args.rate, args.calls, work, f"{self.name}-{round_}-{path}")
            time.sleep(2)
            elapsed = time.time() - start
            c1 = {k: bench.cpu_us(v) for k, v in self.groups.items()}
            per = {k: (c1[k] - c0[k]) / max(ok, 1) for k in self.groups}
            net = (c1["nodes"] - c0["nodes"] - self.idle_rate * elapsed) / max(ok, 1)
            redis = (redis_commands(self.redis_port) - r0) / max(ok, 1) if self.redis_port else None
            tx = rows_written = None
            if self.pg:
                x1, w1 = pg_stats(*self.pg)
                tx, rows_written = (x1 - p0[0]) / max(ok, 1), (w1 - p0[1]) / max(ok, 1)
            rows.append((self.name, path, round_, ok, failed, per["nodes"], net, per.get("kamailio"), per.get("redis"), per.get("postgres"),
                         redis, tx, rows_written, load.split()[0]))
        return rows


def start_node(dll, http, interconnect, next_hop, settings):
    node = subprocess.Popen(["dotnet", dll, f"--Http:Url={http}", "--Sip:Access=127.0.0.1:0", f"--Sip:Interconnect=127.0.0.1:{interconnect}",
                             "--Sip:International=127.0.0.1:0", f"--Sip:NextHop=127.0.0.1:{next_hop}",
                             "--Logging:LogLevel:Default=Warning", *settings], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    bench.wait_http(http, seconds=60, process=node)
    return node


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--nodes", type=int, default=3)
    parser.add_argument("--rate", type=int, default=300)
    parser.add_argument("--calls", type=int, default=9000)
    parser.add_argument("--base-port", type=int, default=26000)
    parser.add_argument("--systems", default="alone redis shared cluster")
    parser.add_argument("--rounds", type=int, default=1, help="measurements of every system, taken in turn (medians compared)")
    parser.add_argument("--spin-limit", type=int, default=None,
                        help="DOTNET_ThreadPool_UnfairSemaphoreSpinLimit for every node (the runtime's default is 70)")
    args = parser.parse_args()
    if args.spin_limit is not None:
        # Inherited by every node this script and start.sh start, the lone one included.
        os.environ["DOTNET_ThreadPool_UnfairSemaphoreSpinLimit"] = str(args.spin_limit)
    systems = args.systems.split()
    load_before = bench.load_average()
    work = tempfile.mkdtemp(prefix="cluster-capacity-")
    os.chmod(work, 0o755)  # PostgreSQL runs as its own user under root and must reach its data directory in here
    dll = os.path.join(root, "reference/src/Reference/bin/Release/net10.0/Reference.dll")
    subprocess.run(["dotnet", "build", "-c", "Release", os.path.join(root, "reference/src/Reference/Reference.csproj"), "-nologo", "-v", "q"],
                   check=True, stdout=subprocess.DEVNULL)
    base = args.base_port
    uas_port = base + 5
    uas = subprocess.Popen(["sipp", "-sn", "uas", "-i", "127.0.0.1", "-p", str(uas_port), "-t", "u1", "-buff_size", "4194304", "-nostdin"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=work)
    # One admitted call per caller and callee a long while: each caller's second call is intercepted by the rule.
    rule = ["--Screening:Bombing:Limit=1", "--Screening:Bombing:WindowSeconds=3600"]
    rows = []
    directory = os.path.join(work, "cluster")
    # The cluster runs through every measurement, so that each system shares the machine with the same processes.
    subprocess.run([os.path.join(here, "start.sh"), "--nodes", str(args.nodes), "--base-port", str(base), "--dir", directory,
                    "--dll", dll, "--", *rule], check=True, stdout=subprocess.DEVNULL)
    try:
        pids = bench.cluster_pids(directory)
        pg_bin = sorted(d for d in os.listdir("/usr/lib/postgresql"))[-1]
        pg = (f"/usr/lib/postgresql/{pg_bin}/bin", base + 1)
        stores = {"redis": [pids["redis"]], "postgres": [pids["postgres"]]}
        postgres = f"Host=127.0.0.1;Port={base + 1};Username=node;Database=postgres"
        lone = {
            "alone": (["--Storage:Sqlite=" + os.path.join(work, "alone.db")], {}, None, None),
            "redis": (["--Storage:Sqlite=" + os.path.join(work, "redis.db"), f"--Cluster:Redis=127.0.0.1:{base}"], stores, base, None),
            # As start.sh runs its nodes: call records journalled in a file of the node's own, then put in PostgreSQL.
            "shared": ([f"--Storage:PostgreSql={postgres}", f"--Cluster:Redis=127.0.0.1:{base}",
                        "--CallRecords:Journal=" + os.path.join(work, "shared-calls")], stores, base, pg),
        }
        # Every system starts first and idles while another is measured; then the rounds go system after system, so
        # that a change in the machine's load falls on all of them alike and the medians can be compared.
        measured, started = [], []
        try:
            for k, name in enumerate(n for n in systems if n in lone):
                settings, groups, redis_port, pg_args = lone[name]
                http, sip = f"http://127.0.0.1:{base + 90 + 4 * k}", base + 92 + 4 * k
                node = start_node(dll, http, sip, uas_port, [*settings, *rule])
                started.append(node)
                measured.append(System(name, f"127.0.0.1:{sip}", {"nodes": [node.pid], **groups}, f"13{4 + k}", redis_port, pg_args))
            if "cluster" in systems:
                nodes = [pid for name, pid in pids.items() if name.startswith("node")]
                measured.append(System(f"{args.nodes}-nodes", f"127.0.0.1:{base + 3}", {"nodes": nodes, "kamailio": [pids["kamailio"]], **stores},
                                       "139", base, pg))
            for system in measured:
                system.warm(args, work)
            for round_ in range(args.rounds):
                for system in measured:
                    rows += system.measure(args, work, round_)
        finally:
            for node in started:
                node.terminate(); node.wait()
    finally:
        subprocess.run([os.path.join(here, "stop.sh"), "--dir", directory], stdout=subprocess.DEVNULL)
        uas.terminate(); uas.wait()

    print(f"calls at {args.rate}/s, {args.calls} measured per system, path and round after a warm-up; CPU in µs per call; "
          f"load average {load_before} at the start, {bench.load_average()} at the end")
    print(f"{'system':<8} {'path':<9} {'round':>5} {'ok':>6} {'failed':>6} {'nodes':>7} {'net':>7} {'kam':>6} {'redis':>6} {'pg':>6} "
          f"{'redis_cmd':>9} {'pg_tx':>6} {'pg_rows':>7} {'load':>5}")
    f = lambda v: "-" if v is None else f"{v:.1f}"
    for name, path, round_, ok, failed, nodes, net, kam, red, pgc, rc, tx, tr, load in rows:
        print(f"{name:<8} {path:<9} {round_:>5} {ok:>6} {failed:>6} {nodes:>7.1f} {net:>7.1f} {f(kam):>6} {f(red):>6} {f(pgc):>6} "
              f"{f(rc):>9} {f(tx):>6} {f(tr):>7} {load:>5}")
    median = lambda values: sorted(values)[len(values) // 2]
    by = {}
    for row in rows:
        by.setdefault((row[0], row[1]), []).append(row)
    for path in ("forward", "intercept"):
        if ("alone", path) not in by:
            continue
        alone = by[("alone", path)]
        raw0, net0 = median([r[5] for r in alone]), median([r[6] for r in alone])
        for name in dict.fromkeys(r[0] for r in rows if r[1] == path and r[0] != "alone"):
            other = by[(name, path)]
            raw, net = median([r[5] for r in other]), median([r[6] for r in other])
            per_round = ", ".join(f"{o[5] / a[5]:.2f}" for a, o in zip(alone, other))
            print(f"ratio node CPU per {path} call, {name} / alone, median of {len(other)} rounds: raw {raw:.1f} / {raw0:.1f} = {raw / raw0:.2f}, "
                  f"net of idle {net:.1f} / {net0:.1f} = {net / net0:.2f}; raw by round: {per_round}")

if __name__ == "__main__":
    sys.exit(main())
