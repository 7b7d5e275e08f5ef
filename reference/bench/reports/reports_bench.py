#!/usr/bin/env python3
"""Report intake benchmark: accepted reports per second for a fixed time, and none of them lost.

Starts the node on a fresh store (an SQLite file, or a PostgreSQL server started here), issues a carrier operator's
key, and keeps --connections keep-alive HTTP/1.1 connections busy for --seconds posting POST /v1/reports, each a
distinct number and subscriber (so each opens a ticket), channels phone, web and app in turn. Counts the answers by
status; then stops the node and counts the tickets and report rows in the store: every 201 must have its ticket.

  reports_bench.py --dll Reference.dll --store sqlite|postgresql [--seconds 60] [--connections 32] [--idempotency-keys]

With --idempotency-keys every report carries an Idempotency-Key of its own, as a client that may retry sends it: the
key's answer is then kept with the report and its ticket. It also prints the CPU time each accepted report cost the
node, the PostgreSQL server (all its processes) and this client, read from /proc over the load: on shared cores the
rate moves with the other loads, the cost per report much less.
"""
import argparse
import asyncio
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "kill"))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from kill_test import Store  # noqa: E402  (an SQLite file or a PostgreSQL server started here)
from bench import free_port  # noqa: E402

ADMIN_KEY = "reports-bench-administrator-key-0123456789ab"
CHANNELS = ("phone", "web", "app")
CATEGORIES = ("fraud", "harassment", "advertising", "loans")


def cpu_seconds(pid):
    """User and system CPU seconds of a live process, 0 when it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rpartition(")")[2].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def tree_cpu_seconds(root):
    """CPU seconds of a process and its live children (a PostgreSQL server and its backends)."""
    total = cpu_seconds(root)
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    ppid = int(f.read().rpartition(")")[2].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            if ppid == root:
                total += cpu_seconds(int(entry))
    return total


async def request(reader, writer, method, path, key, body, headers=""):
    payload = json.dumps(body).encode() if body is not None else b""
    head = (f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(payload)}\r\n" + (f"Authorization: Bearer {key}\r\n" if key else "") + headers + "\r\n")
    writer.write(head.encode() + payload)
    status_line = await reader.readline()
    length, chunked = 0, False
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b""):
            break
        name, _, value = line.decode().partition(":")
        if name.lower() == "content-length":
            length = int(value)
        elif name.lower() == "transfer-encoding" and "chunked" in value.lower():
            chunked = True
    if not chunked:
        return int(status_line.split()[1]), (await reader.readexactly(length) if length else b"")
    data = b""
    while True:
        size = int((await reader.readline()).split(b";")[0], 16)
        if size == 0:
            await reader.readline()
            return int(status_line.split()[1]), data
        data += await reader.readexactly(size)
        await reader.readline()


async def worker(port, key, index, deadline, counts, keyed):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    n = 0
    try:
        while time.monotonic() < deadline:
            seq = index * 1_000_000 + n
            n += 1
            body = {"number": f"139{seq:08d}", "category": CATEGORIES[seq % 4], "reporter": f"137{seq:08d}",
                    "channel": CHANNELS[seq % 3], "text": "reports benchmark"}
            extra = f"Idempotency-Key: bench-{index}-{n}\r\n" if keyed else ""
            status, _ = await request(reader, writer, "POST", "/v1/reports", key, body, extra)
            counts[status] = counts.get(status, 0) + 1
    finally:
        writer.close()


async def load(port, key, seconds, connections, keyed):
    counts = {}
    deadline = time.monotonic() + seconds
    started = time.monotonic()
    await asyncio.gather(*(worker(port, key, i, deadline, counts, keyed) for i in range(connections)))
    return counts, time.monotonic() - started


async def issue_key(port):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    status, data = await request(reader, writer, "POST", "/v1/api-keys", ADMIN_KEY, {"roles": ["carrier-operator"], "account": "reports-bench"})
    writer.close()
    if status != 201:
        raise SystemExit(f"could not issue the benchmark's key: {status} {data!r}")
    return json.loads(data)["key"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dll", required=True)
    parser.add_argument("--store", choices=["sqlite", "postgresql"], required=True)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--idempotency-keys", action="store_true")
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="reports-bench-")
    store = Store(args.store, work)
    node = None
    try:
        port = free_port()
        sip = [free_port() for _ in range(3)]
        # Call records off: no call is placed, and the intake is what is measured.
        node = subprocess.Popen(
            ["dotnet", args.dll, f"--Http:Url=http://127.0.0.1:{port}", f"--Sip:Access=127.0.0.1:{sip[0]}",
             f"--Sip:Interconnect=127.0.0.1:{sip[1]}", f"--Sip:International=127.0.0.1:{sip[2]}",
             f"--Api:AdminKey={ADMIN_KEY}", "--Logging:LogLevel:Default=Warning", "--CallRecords:Enabled=false", store.setting],
            stdout=open(os.path.join(work, "node.log"), "a"), stderr=subprocess.STDOUT)
        for _ in range(600):
            try:
                key = asyncio.run(issue_key(port))
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise SystemExit("the node did not start; see " + os.path.join(work, "node.log"))
        server = store.server.pid if store.server is not None else None
        cpu_before = (cpu_seconds(node.pid), tree_cpu_seconds(server) if server else 0.0, time.process_time())
        counts, elapsed = asyncio.run(load(port, key, args.seconds, args.connections, args.idempotency_keys))
        cpu_after = (cpu_seconds(node.pid), tree_cpu_seconds(server) if server else 0.0, time.process_time())
        node.terminate()
        node.wait(30)
        node = None
        accepted = counts.get(201, 0)
        tickets = store.column("SELECT count(*) FROM tickets")
        reports = store.column("SELECT count(*) FROM label_reports")
        keys = store.column("SELECT count(*) FROM ticket_idempotency") if args.idempotency_keys else set()
        kept = int(next(iter(tickets))) if tickets else -1
        print(f"store: {store.description}")
        print(f"load: {args.connections} keep-alive connections for {elapsed:.1f} s{', each report with an Idempotency-Key' if args.idempotency_keys else ''}; load average at the end {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        print(f"answers: {dict(sorted(counts.items()))}")
        print(f"accepted reports/s: {accepted / elapsed:.0f} ({accepted} accepted in {elapsed:.1f} s; target 2000/s)")
        node_us, server_us, client_us = ((a - b) * 1e6 / max(accepted, 1) for a, b in zip(cpu_after, cpu_before))
        print(f"CPU per accepted report: node {node_us:.0f} µs, " + (f"PostgreSQL {server_us:.0f} µs, " if server else "")
              + f"this client {client_us:.0f} µs")
        print(f"kept after stop: tickets {kept}, label_reports {next(iter(reports), '?')}"
              + (f", idempotency keys {next(iter(keys), '?')}" if args.idempotency_keys else "") + f"; lost: {accepted - kept if kept >= 0 else 'unknown'}")
    finally:
        if node is not None:
            node.kill()
            node.wait()
        store.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
