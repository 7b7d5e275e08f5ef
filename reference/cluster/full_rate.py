#!/usr/bin/env python3
"""Intercepted and forwarded calls at once through Kamailio's dispatcher, at rising rates, counting failed calls: the
issue's full-rate run (4,000 intercepted + 2,000 forwarded calls/s) and, where the machine cannot carry that, the
highest rate it carries with none failed.

  python3 reference/cluster/full_rate.py [--nodes 3] [--base-port 27000] [--seconds 20]
                                         [--steps "200:100 400:200 800:400 1200:600 2000:1000 4000:2000"]

Starts its own cluster (start.sh, bombing limit 1 an hour) and a sipp callee on its next hop. Each step
"I:F" runs, for --seconds, I intercepted calls/s (a pool of bombers who have each made their one admitted call
before the run, calling their victim again: the bombing rule refuses them) beside F forwarded calls/s (callers new to
the cluster: INVITE, 180, 200, ACK, BYE), both through Kamailio's interconnect entry point. Printed per step: calls
and failed calls of each kind, the rates reached, the CPU of nodes, Kamailio, Redis and PostgreSQL per call, and the
load average when the step began. Steps stop after the first one with failed calls, unless --keep-going.

Per step also: the CPU seconds each part used per second of the step (sipp's callers and callee, Kamailio, each node,
Redis, PostgreSQL): what the machine's 2 cores had to give at that rate. A step with failed calls prints what sipp's
error logs (-trace_err, kept in the work directory) say went wrong, by message.
"""
import argparse, collections, csv, glob, os, re, subprocess, sys, tempfile, time

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "bench", "lib"))
import bench  # noqa: E402  (reference/bench/lib: what the benchmarks share)

BOMBERS = 2000


def sipp(target, scenario, inf, rate, calls, work, name, seconds):
    stat = os.path.join(work, name + ".csv")
    process = subprocess.Popen(
        ["sipp", target, "-sf", os.path.join(here, scenario), "-inf", inf, "-s", "13512345678", "-i", "127.0.0.1", "-p", "0",
         "-t", "u1", "-r", str(rate), "-m", str(calls), "-nostdin", "-timeout", f"{seconds * 4 + 30}s", "-timeout_error",
         "-recv_timeout", "10s", "-buff_size", "4194304", "-trace_stat", "-stf", stat, "-fd", "1", "-trace_err",
         "-error_file", os.path.join(work, name + "-errors.log")],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=work)
    return process, stat


def reap(process):
    """Waits for a sipp caller and returns its CPU seconds (user + system), which only the reaping can tell."""
    _, _, usage = os.wait4(process.pid, 0)
    process.returncode = 0
    return usage.ru_utime + usage.ru_stime


def errors(work, name):
    """What sipp's error log of one run says happened, each kind of event counted (call ids and times left out)."""
    kinds = collections.Counter()
    event = re.compile(r"^'?\d{4}-\d\d-\d\d\s+[\d:.]+\s+[\d.]+: (.*)")
    for path in glob.glob(os.path.join(work, name + "-errors.log")):
        for line in open(path, errors="replace"):
            # Retransmissions that arrive after a call ended, or for no call sipp knows, are not failures.
            if (m := event.match(line)) and "(successful)" not in line and "Discarding message" not in line:
                what = re.sub(r"'?[\w.-]+@[\d.]+'?", "<call>", m.group(1).strip())
                kinds[what[:150]] += 1
    return kinds


def outcome(stat):
    last = list(csv.DictReader(open(stat), delimiter=";"))[-1]
    return int(last["SuccessfulCall(C)"]), int(last["FailedCall(C)"])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--nodes", type=int, default=3)
    parser.add_argument("--base-port", type=int, default=27000)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--steps", default="200:100 400:200 800:400 1200:600 2000:1000 4000:2000")
    parser.add_argument("--perf-kamailio", metavar="PREFIX",
                        help="perf record -g Kamailio's processes through every step, to PREFIX-stepN.data (perf report --no-children)")
    parser.add_argument("--keep-going", action="store_true", help="run every step, even after one with failed calls")
    args = parser.parse_args()
    os.environ.setdefault("DOTNET_ThreadPool_UnfairSemaphoreSpinLimit", "0")
    work = tempfile.mkdtemp(prefix="cluster-full-rate-")
    os.chmod(work, 0o755)  # PostgreSQL runs as its own user under root and must reach its data directory in here
    base, directory = args.base_port, os.path.join(work, "cluster")
    uas = subprocess.Popen(["sipp", "-sn", "uas", "-i", "127.0.0.1", "-p", str(base + 5), "-t", "u1", "-buff_size", "4194304", "-nostdin"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=work)
    subprocess.run([os.path.join(here, "start.sh"), "--nodes", str(args.nodes), "--base-port", str(base), "--dir", directory, "--",
                    "--Screening:Bombing:Limit=1", "--Screening:Bombing:WindowSeconds=3600"], check=True, stdout=subprocess.DEVNULL)
    target = f"127.0.0.1:{base + 3}"
    commit = subprocess.run(["git", "-C", here, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    print(f"# {time.strftime('%Y-%m-%dT%H:%MZ', time.gmtime())} commit {commit}: python3 reference/cluster/full_rate.py --nodes {args.nodes} "
          f"--seconds {args.seconds} --steps \"{args.steps}\"")
    print(f"work directory (sipp's logs): {work}")
    print(f"{'step':>10} {'load':>5} {'icpt ok':>8} {'failed':>6} {'fwd ok':>7} {'failed':>6} {'calls/s':>8} "
          f"{'nodes':>6} {'kam':>5} {'redis':>5} {'pg':>5}  (CPU µs per call)  |  CPU s per s: sipp, kam, node1.., redis, pg", flush=True)
    try:
        pids = bench.cluster_pids(directory)
        node_names = sorted((n for n in pids if n.startswith("node")), key=lambda n: int(n[4:]))
        groups = {"nodes": [pids[n] for n in node_names], "kamailio": [pids["kamailio"]],
                  "redis": [pids["redis"]], "postgres": [pids["postgres"]], "callee": [uas.pid],
                  **{n: [pids[n]] for n in node_names}}
        # The bombers' one admitted call each, so that every call of theirs from now on is intercepted.
        bombers = bench.callers_file(work, "bombers", "1370", BOMBERS)
        first, stat = sipp(target, "uac-forward-callers.xml", bombers, 200, BOMBERS, work, "bombers-first", args.seconds)
        first.wait()
        ok, failed = outcome(stat)
        if failed:
            print(f"the bombers' first calls: {failed} of {BOMBERS} failed")
        for n, step in enumerate(args.steps.split()):
            intercept, forward = (int(x) for x in step.split(":"))
            load = bench.load_average().split()[0]
            fresh = bench.callers_file(work, f"fresh{n}", f"138{n}", forward * args.seconds)
            perf = None
            if args.perf_kamailio:
                perf = subprocess.Popen(["perf", "record", "-q", "-g", "-o", f"{args.perf_kamailio}-step{n}.data", "-p",
                                         ",".join(str(p) for p in bench.tree(pids["kamailio"]))], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            c0 = {k: bench.cpu_us(v) for k, v in groups.items()}
            start = time.time()
            icpt, icpt_stat = sipp(target, "uac-intercept-callers.xml", bombers, intercept, intercept * args.seconds, work, f"intercept{n}", args.seconds)
            fwd, fwd_stat = sipp(target, "uac-forward-callers.xml", fresh, forward, forward * args.seconds, work, f"forward{n}", args.seconds)
            callers_cpu = reap(icpt) + reap(fwd)
            elapsed = time.time() - start
            c1 = {k: bench.cpu_us(v) for k, v in groups.items()}
            if perf:
                perf.send_signal(2); perf.wait()
            (iok, ifail), (fok, ffail) = outcome(icpt_stat), outcome(fwd_stat)
            calls = max(iok + fok, 1)
            per = {k: (c1[k] - c0[k]) / calls for k in groups}
            print(f"{step:>10} {load:>5} {iok:>8} {ifail:>6} {fok:>7} {ffail:>6} {(iok + fok) / elapsed:>8.0f} "
                  f"{per['nodes']:>6.0f} {per['kamailio']:>5.0f} {per['redis']:>5.0f} {per['postgres']:>5.0f}  |  "
                  + f"{(callers_cpu + (c1['callee'] - c0['callee']) / 1e6) / elapsed:.2f} "
                  + " ".join(f"{(c1[k] - c0[k]) / 1e6 / elapsed:.2f}" for k in ["kamailio", *node_names, "redis", "postgres"])
                  + f"  (load at the end {bench.load_average()})", flush=True)
            for name, failed in ((f"intercept{n}", ifail), (f"forward{n}", ffail)):
                for kind, count in (errors(work, name).most_common(6) if failed else []):
                    print(f"    {name} error log: {count} x {kind}")
            if (ifail or ffail) and not args.keep_going:
                break
            time.sleep(3)
    finally:
        subprocess.run([os.path.join(here, "stop.sh"), "--dir", directory, "--purge"], stdout=subprocess.DEVNULL)
        uas.terminate(); uas.wait()


if __name__ == "__main__":
    sys.exit(main())
