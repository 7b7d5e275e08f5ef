#!/usr/bin/env python3
"""Kills a node of a running cluster under load, several times, and counts the calls that failed.

  python3 reference/cluster/kill_test.py [--dir /tmp/reference-cluster] [--kills 5] [--rate 200] [--seconds 12]

Each round: sipp sends calls at --rate through Kamailio's international entry point for --seconds (callers spread
over the nodes by the dispatcher's hash; every call is intercepted by the node with 603, a complete transaction),
a third of the way in one node is killed with SIGKILL (a crash, not a shutdown), and once sipp is done the node is
started again (DIR/nodeI.cmd) before the next round. Printed per kill: calls, failed in all, failed within the
probe interval (1 s) after the kill and failed later; sipp's per-second statistics give the split.
"""
import argparse, csv, os, signal, subprocess, sys, tempfile, time

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "bench", "lib"))
import bench  # noqa: E402  (reference/bench/lib: what the benchmarks share)


def restart(directory, node, url):
    command = open(os.path.join(directory, f"{node}.cmd")).read()
    log = open(os.path.join(directory, f"{node}.log"), "a")
    process = subprocess.Popen(["bash", "-c", "exec " + command], stdout=log, stderr=log, start_new_session=True)
    lines = [l for l in open(os.path.join(directory, "pids")) if not l.startswith(node + " ")]
    lines.append(f"{node} {process.pid}\n")
    open(os.path.join(directory, "pids"), "w").writelines(lines)
    bench.wait_http(url, seconds=60, process=process)


def stats(path):
    rows = []
    with open(path) as f:
        for row in csv.DictReader(f, delimiter=";"):
            if row.get("CurrentTime"):
                rows.append(row)
    return rows


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", default="/tmp/reference-cluster")
    parser.add_argument("--kills", type=int, default=5)
    parser.add_argument("--rate", type=int, default=200)
    parser.add_argument("--seconds", type=int, default=12)
    parser.add_argument("--probe-interval", type=float, default=1.0)
    args = parser.parse_args()
    e = bench.cluster_env(args.dir)
    count = int(e["NODES"])
    work = tempfile.mkdtemp(prefix="cluster-kill-")
    callers = os.path.join(work, "callers.csv")
    with open(callers, "w") as f:
        f.write("SEQUENTIAL\n")
        for i in range(5000):
            f.write(f"+86138{i:08d}\n")
    host, port = e["KAMAILIO_INTERNATIONAL"].rsplit(":", 1)
    print(f"{'kill':>4} {'node':>5} {'calls':>6} {'ok':>6} {'failed':>6} {'<=1s':>5} {'>1s':>5} {'retrans':>7}")
    totals = [0, 0, 0]
    for k in range(1, args.kills + 1):
        node = f"node{(k - 1) % count + 1}"
        stat = os.path.join(work, f"stat{k}.csv")
        calls = args.rate * args.seconds
        sipp = subprocess.Popen(
            ["sipp", f"{host}:{port}", "-sf", os.path.join(here, "uac-intercept-callers.xml"), "-inf", callers, "-s", "13812345678",
             "-i", "127.0.0.1", "-p", "0", "-t", "u1", "-r", str(args.rate), "-m", str(calls), "-nostdin",
             "-timeout", str(args.seconds * 3) + "s", "-timeout_error", "-recv_timeout", "10s", "-buff_size", "4194304",
             "-trace_stat", "-stf", stat, "-fd", "1", "-trace_err", "-error_file", os.path.join(work, f"errors{k}.log")],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=work)
        time.sleep(args.seconds / 3)
        victim = bench.cluster_pids(args.dir)[node]
        os.kill(victim, signal.SIGKILL)
        killed_at = time.time()
        sipp.wait()
        rows = stats(stat)
        last = rows[-1]
        failed = int(last["FailedCall(C)"])
        ok = int(last["SuccessfulCall(C)"])
        retrans = int(last["Retransmissions(C)"])

        def failed_by(moment):
            before = [r for r in rows if float(r["CurrentTime"].split("\t")[-1]) <= moment]
            return int(before[-1]["FailedCall(C)"]) if before else 0

        at_kill = failed_by(killed_at - 1)
        within = failed_by(killed_at + args.probe_interval + 1) - at_kill
        later = failed - at_kill - within
        totals[0] += failed
        totals[1] += within
        totals[2] += later
        print(f"{k:>4} {node:>5} {calls:>6} {ok:>6} {failed:>6} {within:>5} {later:>5} {retrans:>7}", flush=True)
        restart(args.dir, node, e[f"{node.upper()}_HTTP"])
        time.sleep(2)
    print(f"total failed over {args.kills} kills: {totals[0]} ({totals[1]} within the probe interval of a kill, {totals[2]} later)")


if __name__ == "__main__":
    sys.exit(main())
