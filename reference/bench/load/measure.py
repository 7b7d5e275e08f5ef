#!/usr/bin/env python3
"""Helpers for load.sh: CPU and peak RSS of process trees from /proc, sipp statistics, node metrics."""
import json, os, re, sys, urllib.request

TICK = os.sysconf("SC_CLK_TCK")

def tree(pid):
    pids, todo = [], [int(pid)]
    while todo:
        p = todo.pop()
        pids.append(p)
        try:
            for t in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{t}/children") as f:
                    todo += [int(c) for c in f.read().split()]
        except OSError:
            pass
    return sorted(set(pids))

def cpu_micros(pid):
    total = 0
    for p in tree(pid):
        try:
            with open(f"/proc/{p}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
        except OSError:
            pass
    return total * 1_000_000 // TICK

def thread_nanos(pid):
    """CPU time of each live thread of a process, in ns (schedstat: finer than stat's clock ticks), and how many times
    it was put on a processor (schedstat's third field: each wake-up from a wait or a pause is one), by thread id; last,
    how many times it was taken off a processor while it could still run (nonvoluntary_ctxt_switches: another thread or
    process wanted that processor)."""
    out = {}
    for t in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{t}/comm") as f:
                name = re.sub(r"-\d+$", "", f.read().strip())  # "sip-udp-5060": one name whatever the port
            with open(f"/proc/{pid}/task/{t}/schedstat") as f:
                fields = f.read().split()
            with open(f"/proc/{pid}/task/{t}/stat") as f:
                ticks = f.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{pid}/task/{t}/status") as f:
                preempted = next(int(line.split()[1]) for line in f if line.startswith("nonvoluntary_ctxt_switches"))
            out[t] = [name, int(fields[0]), int(fields[2]), int(ticks[11]), int(ticks[12]), preempted]
        except OSError:
            pass
    return out

def threads_between(before, after, total_micros, calls):
    """µs a call by thread name over a window. A thread born in the window counts whole; one that ended in it is lost
    to its name and shows in "other" (the process's total less the named threads)."""
    by_name = {}
    for tid, entry in after.items():
        name, ns = entry[0], entry[1]
        by_name[name] = by_name.get(name, 0) + ns - (before[tid][1] if tid in before and before[tid][0] == name else 0)
    per_call = {n: v / 1000 / max(1, calls) for n, v in by_name.items() if v > 0}
    per_call["other"] = total_micros / max(1, calls) - sum(per_call.values())
    return per_call

def runs_between(before, after, calls, prefix="sip-"):
    """For the SIP threads (receive loops, timers) over a window, by name: the times a call each was put on a processor
    (a wake-up costs a crossing into the kernel and back, so a change to how a loop waits shows here first), and its
    µs a call in user and in kernel mode (stat's clock ticks): the managed code's share moves less with the machine; and
    how often a call it was preempted (taken off while runnable): the SIP thread's dear starts came with more runs a call
    (reference/bench/figures/modes-findings.md), and preemptions say whether those were other work wanting its processor."""
    by_name = {}
    for tid, entry in after.items():
        name = entry[0]
        if not name.startswith(prefix) or len(entry) < 5:
            continue
        earlier = before.get(tid)
        same = earlier is not None and earlier[0] == name and len(earlier) >= 5
        totals = by_name.setdefault(name, [0, 0, 0, 0])
        for i, field in enumerate((2, 3, 4, 5)):
            if field < len(entry):
                totals[i] += entry[field] - (earlier[field] if same and field < len(earlier) else 0)
    per_call = max(1, calls)
    return {n: (runs / per_call, user * 1_000_000 / TICK / per_call, system * 1_000_000 / TICK / per_call, preempted / per_call)
            for n, (runs, user, system, preempted) in by_name.items()}

def peak_rss_kb(pid):
    """Peak resident memory of a process tree. Shared memory (Kamailio's shm pool, mapped by every one of its
    processes) is counted once, not once per process: each process adds its peak minus its resident shared pages,
    and the largest resident shared size is added once."""
    private, shared = 0, 0
    for p in tree(pid):
        fields = {}
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    key, _, rest = line.partition(":")
                    if key in ("VmHWM", "RssShmem"):
                        fields[key] = int(rest.split()[0])
        except OSError:
            continue
        shmem = fields.get("RssShmem", 0)
        private += fields.get("VmHWM", 0) - shmem
        shared = max(shared, shmem)
    return private + shared

def sipp_stats(csv_path):
    with open(csv_path) as f:
        rows = [r.strip().split(";") for r in f if r.strip()]
    head, last = rows[0], rows[-1]
    get = lambda name: last[head.index(name)]
    return {
        "successful": int(get("SuccessfulCall(C)")),
        "failed": int(get("FailedCall(C)")),
        "retransmissions": int(get("Retransmissions(C)")),
        "unexpected": int(get("FailedUnexpectedMessage(C)")),
        "rate": float(get("CallRate(C)")),
    }

def node_metrics(url, path):
    request = urllib.request.Request(url + "/metrics?format=json", headers={"Authorization": "Bearer " + os.environ.get("API_KEY", "")})
    with urllib.request.urlopen(request) as r:
        m = json.load(r)["invite"][path]
    return m

def percentiles_between(before, after):
    """Percentiles (µs, bucket upper bounds) of what the node recorded between two /metrics snapshots."""
    counts = {}
    for b in after["buckets"]:
        counts[b["upToMicros"]] = b["count"]
    for b in before["buckets"]:
        counts[b["upToMicros"]] = counts.get(b["upToMicros"], 0) - b["count"]
    bounds = sorted((k for k in counts if k is not None)) + ([None] if None in counts else [])
    total = sum(counts.values())
    out = {"count": total}
    for name, q in (("p50", 0.5), ("p99", 0.99), ("p999", 0.999)):
        rank, seen, value = max(1, -(-int(q * total * 1000) // 1000)), 0, None
        for k in bounds:
            seen += counts[k]
            if seen >= rank:
                value = k if k is not None else after["maxMicros"]
                break
        out[name] = value
    return out

if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "cpu":
        print(cpu_micros(sys.argv[2]))
    elif cmd == "threads":
        print(json.dumps(thread_nanos(sys.argv[2])))
    elif cmd == "threads-watch":
        # pid out.json: every half second, the threads' times as thread_nanos reads them, a thread that ended keeping
        # its last reading, written to out.json until killed. Over TCP the connection's thread does the calls' work and
        # ends when sipp closes, before the window's last read: without this its time fell to "other".
        import time
        seen = {}
        while True:
            try:
                seen.update(thread_nanos(sys.argv[2]))
            except OSError:
                break
            with open(sys.argv[3] + ".part", "w") as f:
                json.dump(seen, f)
            os.replace(sys.argv[3] + ".part", sys.argv[3])
            time.sleep(0.5)
    elif cmd == "threads-with":
        # pid watch.json: the threads' times now, with the last reading of those that ended since threads-watch began.
        seen = json.loads(open(sys.argv[3]).read()) if os.path.exists(sys.argv[3]) else {}
        seen.update(thread_nanos(sys.argv[2]))
        print(json.dumps(seen))
    elif cmd == "threads-between":
        # before.json after.json cpu-µs-of-the-window calls: one line, the named threads' µs a call, largest first.
        before, after = json.loads(open(sys.argv[2]).read()), json.loads(open(sys.argv[3]).read())
        per_call = threads_between(before, after, int(sys.argv[4]), int(sys.argv[5]))
        print(", ".join(f"{n} {v:.2f}" for n, v in sorted(per_call.items(), key=lambda kv: -kv[1]) if abs(v) >= 0.05))
    elif cmd == "runs-between":
        # before.json after.json calls: one line, the SIP threads' times on a processor a call.
        before, after = json.loads(open(sys.argv[2]).read()), json.loads(open(sys.argv[3]).read())
        runs = runs_between(before, after, int(sys.argv[4]))
        print(", ".join(f"{n} {r:.3f} (user {u:.1f} us, kernel {k:.1f} us, preempted {p:.4f})" for n, (r, u, k, p) in sorted(runs.items(), key=lambda kv: -kv[1][0])))
    elif cmd == "rss":
        print(peak_rss_kb(sys.argv[2]))
    elif cmd == "sipp":
        print(json.dumps(sipp_stats(sys.argv[2])))
    elif cmd == "metrics":
        print(json.dumps(node_metrics(sys.argv[2], sys.argv[3])))
    elif cmd == "settle":
        # Reads the node's metrics often enough that the runtime has compiled the endpoint to its last tier (30 calls
        # a tier, PGO's instrumented tier included) before anything is measured.
        for _ in range(int(sys.argv[4])):
            node_metrics(sys.argv[2], sys.argv[3])
    elif cmd == "latency":
        before, after = json.loads(open(sys.argv[2]).read()), json.loads(open(sys.argv[3]).read())
        print(json.dumps(percentiles_between(before, after)))
    elif cmd == "port":
        import socket
        while True:
            u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(("127.0.0.1", 0)); port = u.getsockname()[1]
            t = socket.socket(); 
            try:
                t.bind(("127.0.0.1", port)); t.close(); u.close()
                if not 5060 <= port <= 5070:
                    print(port); break
            except OSError:
                u.close()
