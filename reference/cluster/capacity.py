#!/usr/bin/env python3
"""Measures what a forwarded call costs in a cluster against one node alone, in the same run (for CAPACITY.md).

  python3 reference/cluster/capacity.py [--nodes 3] [--rate 300] [--calls 9000] [--base-port 26000]

1. One node alone (in-process counters, SQLite in memory): sipp sends --calls domestic calls at --rate to its
   interconnect port; a sipp UAS answers them. CPU µs per call of the node.
2. The cluster (start.sh: N nodes, Redis, PostgreSQL, Kamailio): the same calls through Kamailio. CPU µs per call of
   the nodes, Kamailio, Redis and PostgreSQL; Redis commands per call (INFO commandstats); PostgreSQL transactions and
   rows written per call (pg_stat_database).
Every call is admitted (the bombing limit is lifted, callers vary), so each runs the rate rules' counters.
"""
import argparse, os, subprocess, sys, tempfile, time, urllib.request

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.abspath(os.path.join(here, "..", ".."))
HZ = os.sysconf("SC_CLK_TCK")


def tree(pid):
    pids, frontier = {pid}, [pid]
    while frontier:
        p = frontier.pop()
        try:
            for child in open(f"/proc/{p}/task/{p}/children").read().split():
                pids.add(int(child)); frontier.append(int(child))
        except OSError:
            pass
    return pids


def cpu_us(pids):
    total = 0
    for pid in pids:
        for p in tree(pid):
            try:
                fields = open(f"/proc/{p}/stat").read().rsplit(")", 1)[1].split()
                total += int(fields[11]) + int(fields[12])
            except OSError:
                pass
    return total * 1_000_000 // HZ


def wait_http(url):
    for _ in range(150):
        try:
            urllib.request.urlopen(url + "/health", timeout=1)
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"{url} did not start")


def sipp(target, callers, rate, calls, work, name):
    stat = os.path.join(work, name + ".csv")
    subprocess.run(["sipp", target, "-sf", os.path.join(here, "uac-forward-callers.xml"), "-inf", callers, "-s", "13512345678",
                    "-i", "127.0.0.1", "-p", "0", "-t", "u1", "-r", str(rate), "-m", str(calls), "-nostdin", "-timeout", "300s",
                    "-timeout_error", "-recv_timeout", "10s", "-buff_size", "4194304", "-trace_stat", "-stf", stat, "-fd", "1"],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=work)
    import csv
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


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--nodes", type=int, default=3)
    parser.add_argument("--rate", type=int, default=300)
    parser.add_argument("--calls", type=int, default=9000)
    parser.add_argument("--base-port", type=int, default=26000)
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="cluster-capacity-")
    os.chmod(work, 0o755)  # PostgreSQL runs as its own user under root and must reach its data directory in here
    callers = os.path.join(work, "callers.csv")
    with open(callers, "w") as f:
        f.write("SEQUENTIAL\n")
        for i in range(20000):
            f.write(f"137{i:08d}\n")
    dll = os.path.join(root, "reference/src/Reference/bin/Release/net10.0/Reference.dll")
    subprocess.run(["dotnet", "build", "-c", "Release", os.path.join(root, "reference/src/Reference/Reference.csproj"), "-nologo", "-v", "q"],
                   check=True, stdout=subprocess.DEVNULL)
    base = args.base_port
    uas_port = base + 5
    uas = subprocess.Popen(["sipp", "-sn", "uas", "-i", "127.0.0.1", "-p", str(uas_port), "-t", "u1", "-buff_size", "4194304", "-nostdin"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=work)
    lift = "--Screening:Bombing:Limit=100000000"
    rows = []
    try:
        # 1. One node alone.
        http = f"http://127.0.0.1:{base + 90}"
        node = subprocess.Popen(["dotnet", dll, f"--Http:Url={http}", "--Sip:Access=127.0.0.1:0", f"--Sip:Interconnect=127.0.0.1:{base + 92}",
                                 "--Sip:International=127.0.0.1:0", f"--Sip:NextHop=127.0.0.1:{uas_port}", "--Storage:Sqlite=:memory:",
                                 "--Logging:LogLevel:Default=Warning", lift], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_http(http)
        sipp(f"127.0.0.1:{base + 92}", callers, args.rate, min(args.calls, args.rate * 10), work, "warm-alone")
        before = cpu_us([node.pid])
        ok, failed = sipp(f"127.0.0.1:{base + 92}", callers, args.rate, args.calls, work, "alone")
        time.sleep(2)
        rows.append(("one node", ok, failed, (cpu_us([node.pid]) - before) / max(ok, 1), None, None, None, None))
        node.terminate(); node.wait()

        # 2. The cluster.
        directory = os.path.join(work, "cluster")
        subprocess.run([os.path.join(here, "start.sh"), "--nodes", str(args.nodes), "--base-port", str(base), "--dir", directory,
                        "--dll", dll, "--", lift], check=True, stdout=subprocess.DEVNULL)
        try:
            pids = {name: int(pid) for name, pid in (l.split() for l in open(os.path.join(directory, "pids")))}
            pg_bin = sorted(d for d in os.listdir("/usr/lib/postgresql"))[-1]
            pg_bin = f"/usr/lib/postgresql/{pg_bin}/bin"
            kamailio = f"127.0.0.1:{base + 3}"
            sipp(kamailio, callers, args.rate, min(args.calls, args.rate * 10), work, "warm-cluster")
            time.sleep(2)
            nodes = [pid for name, pid in pids.items() if name.startswith("node")]
            c0 = {k: cpu_us(v) for k, v in {"nodes": nodes, "kamailio": [pids["kamailio"]], "redis": [pids["redis"]], "postgres": [pids["postgres"]]}.items()}
            r0, (x0, t0) = redis_commands(base), pg_stats(pg_bin, base + 1)
            ok, failed = sipp(kamailio, callers, args.rate, args.calls, work, "cluster")
            time.sleep(2)
            c1 = {k: cpu_us(v) for k, v in {"nodes": nodes, "kamailio": [pids["kamailio"]], "redis": [pids["redis"]], "postgres": [pids["postgres"]]}.items()}
            r1, (x1, t1) = redis_commands(base), pg_stats(pg_bin, base + 1)
            per = lambda k: (c1[k] - c0[k]) / max(ok, 1)
            rows.append((f"{args.nodes} nodes", ok, failed, per("nodes"), per("kamailio"), per("redis"), per("postgres"),
                         ((r1 - r0) / max(ok, 1), (x1 - x0) / max(ok, 1), (t1 - t0) / max(ok, 1))))
        finally:
            subprocess.run([os.path.join(here, "stop.sh"), "--dir", directory], stdout=subprocess.DEVNULL)
    finally:
        uas.terminate(); uas.wait()

    print(f"forwarded calls at {args.rate}/s, {args.calls} measured per system after a warm-up")
    print(f"{'system':<9} {'ok':>6} {'failed':>6} {'nodes_us':>9} {'kam_us':>7} {'redis_us':>8} {'pg_us':>6} {'redis_cmd':>9} {'pg_tx':>6} {'pg_rows':>7}")
    for name, ok, failed, nodes_us, kam, red, pg, counts in rows:
        f = lambda v: "-" if v is None else f"{v:.1f}"
        rc, tx, tr = counts if counts else (None, None, None)
        print(f"{name:<9} {ok:>6} {failed:>6} {nodes_us:>9.1f} {f(kam):>7} {f(red):>8} {f(pg):>6} {f(rc):>9} {f(tx):>6} {f(tr):>7}")
    alone, cluster = rows[0][3], rows[1][3]
    print(f"ratio node CPU per call, cluster / one node: {cluster / alone:.2f}")


if __name__ == "__main__":
    sys.exit(main())
