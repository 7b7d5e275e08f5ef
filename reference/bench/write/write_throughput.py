#!/usr/bin/env python3
"""Write throughput of acknowledged writes (issue 20's 2,000 reports/s, issue 21's durable writes).

Starts the node on a store (a SQLite file, or a PostgreSQL server started here on loopback and stopped by its PID),
issues itself a carrier-operator key, then drives POST /v1/reports from --processes processes of --connections
keep-alive connections each, every report of a number of its own, for --seconds. Prints the reports answered 201 per
second (and every other answer counted by status). Then, with the load still running, kills the node with SIGKILL,
reads the store from outside the node and counts: every report answered 201 must be in label_reports (lost = answered
201, not found). Finally restarts the node on the same store and checks that it starts and answers one report.

  write_throughput.py --dll Reference.dll --store sqlite|postgresql [--seconds 60] [--processes 2] [--connections 32]
"""
import argparse
import http.client
import json
import multiprocessing
import os
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "kill"))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from kill_test import Node, Store  # noqa: E402
from bench import free_port  # noqa: E402


def load_average():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def drive(index, port, key, connections, stop_at, kill_at, out_path, queue):
    """One process: CONNECTIONS threads, each a keep-alive connection posting reports of numbers of its own."""
    counts = {}
    lock = threading.Lock()
    acked = open(out_path, "w")

    def worker(thread):
        conn = None
        base = (index * connections + thread) % 100
        i = 0
        headers = {"Content-Type": "application/json", "Authorization": f"Bearer {key}"}
        while time.time() < stop_at:
            number = f"13{base:02d}{i:07d}"
            i += 1
            body = json.dumps({"number": number, "category": "fraud", "reporter": "13900000000", "channel": "app", "text": "t"})
            try:
                if conn is None:
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                conn.request("POST", "/v1/reports", body=body, headers=headers)
                response = conn.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                if conn is not None:
                    conn.close()
                conn = None
                status = "no answer"
                if time.time() >= kill_at:
                    time.sleep(0.05)
            with lock:
                counts[status] = counts.get(status, 0) + 1
                if status == 201:
                    # Written before the time is noted: an answer counts as in the window when it came before the kill.
                    acked.write(f"{number} {time.time():.6f}\n")

    threads = [threading.Thread(target=worker, args=(t,)) for t in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    acked.close()
    queue.put(counts)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dll", required=True)
    parser.add_argument("--store", choices=["sqlite", "postgresql"], required=True)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--warmup", type=float, default=10)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--connections", type=int, default=32)
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="write-throughput-")
    store = Store(args.store, work)
    node = Node(os.path.abspath(args.dll), store, work, free_port())
    try:
        node.start()
        node.issue_lab_key()
        print(f"write throughput: store {store.description}; {args.processes} processes x {args.connections} connections "
              f"posting reports for {args.warmup:.0f} s unmeasured, then {args.seconds:.0f} s measured, then SIGKILL under load")
        start = time.time()
        measured_from = start + args.warmup
        kill_at = measured_from + args.seconds
        stop_at = kill_at + 2  # the load runs on across the kill
        queue = multiprocessing.Queue()
        files = [os.path.join(work, f"acked-{p}.txt") for p in range(args.processes)]
        procs = [multiprocessing.Process(target=drive, args=(p, node.http_port, node.key, args.connections, stop_at, kill_at, files[p], queue))
                 for p in range(args.processes)]
        for p in procs:
            p.start()
        time.sleep(max(0, measured_from - time.time()))
        load_before = load_average()
        time.sleep(max(0, kill_at - time.time()))
        load_after = load_average()
        node.kill()
        killed = time.time()
        counts = {}
        for _ in procs:
            for status, n in queue.get().items():
                counts[status] = counts.get(status, 0) + n
        for p in procs:
            p.join()

        acked = []
        for path in files:
            with open(path) as f:
                acked += [(line.split()[0], float(line.split()[1])) for line in f if line.strip()]
        in_window = sum(1 for _, at in acked if measured_from <= at < killed)
        print(f"load average {load_before} at the start of the window, {load_after} at its end")
        print(f"answers over the whole run: " + ", ".join(f"{k}: {v}" for k, v in sorted(counts.items(), key=lambda kv: str(kv[0]))))
        print(f"accepted (201) in the {killed - measured_from:.1f} s window: {in_window} = {in_window / (killed - measured_from):.0f} reports/s")

        rows = store.column("SELECT number FROM label_reports")
        numbers = {n for n, _ in acked}
        lost = numbers - rows
        print(f"after SIGKILL under load: {len(numbers)} reports answered 201, {len(rows)} rows in label_reports, "
              f"{len(numbers & rows)} of the answered found, lost {len(lost)}; {len(rows - numbers)} rows written but not answered (cut by the kill)")
        for n in sorted(lost)[:10]:
            print(f"  lost: {n}")
        node.start()
        node.key = node.admin_key
        node.issue_lab_key()
        after = http.client.HTTPConnection("127.0.0.1", node.http_port, timeout=10)
        after.request("POST", "/v1/reports", body=json.dumps({"number": "13999999999", "category": "fraud", "reporter": "13900000000", "channel": "app"}),
                      headers=node.headers())
        print(f"restarted on the same store: a report answered {after.getresponse().status}")
        return 1 if lost else 0
    finally:
        node.stop()
        store.stop()


if __name__ == "__main__":
    sys.exit(main())
