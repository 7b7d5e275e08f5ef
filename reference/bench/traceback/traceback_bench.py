#!/usr/bin/env python3
"""Traceback benchmark: queries by callee and a one-hour window over millions of call records.

Starts the node once on an empty store so that it builds its schema (every migration, indexes included), stops it,
seeds --records call records straight into the store (SQLite through Python's sqlite3, PostgreSQL through COPY), its
indexes dropped during the load and built again afterwards with their own definitions, starts the node again and
asks GET /v1/traceback/calls?callee=&from=&to= --queries times over HTTP with a regulator's key, each for a callee
of the seed and an hour around one of its calls. Prints the seed, the timings (p50, p90, p99, max, in ms, measured
by the client around each request on one kept-alive connection) and how many records the queries found.

  traceback_bench.py --dll Reference.dll --store sqlite|postgresql [--records 10000000] [--queries 2000] [--seed 1]

The data: calls spread evenly over the 184 days before now, from 2,000 trunks of 400 enterprises, 200,000 calling
numbers and 1,000,000 callees (ten calls each on average: a callee's hour holds at most a few); one in ten intercepted.
"""
import argparse
import hashlib
import http.client
import json
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "kill"))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from kill_test import Store  # noqa: E402  (the kill test's store: an SQLite file or a PostgreSQL server started here)
from bench import free_port  # noqa: E402

ADMIN_KEY = "traceback-bench-administrator-key-0123456789"
DAY_US = 86_400_000_000
HOUR_US = 3_600_000_000


def origid(entry_point):
    """The node's origid of an entry point (Reference.Stir.OriginIds): a name-based UUID."""
    h = bytearray(hashlib.sha256(("origid:" + entry_point).encode()).digest()[:16])
    h[6] = (h[6] & 0x0F) | 0x50
    h[8] = (h[8] & 0x3F) | 0x80
    return str(uuid.UUID(bytes=bytes(h)))


class Node:
    def __init__(self, dll, store, work):
        self.dll, self.store, self.work, self.process = dll, store, work, None

    def start(self):
        self.http = free_port()
        sip = [free_port() for _ in range(3)]
        self.process = subprocess.Popen(
            ["dotnet", self.dll, f"--Http:Url=http://127.0.0.1:{self.http}", f"--Sip:Access=127.0.0.1:{sip[0]}",
             f"--Sip:Interconnect=127.0.0.1:{sip[1]}", f"--Sip:International=127.0.0.1:{sip[2]}",
             f"--Api:AdminKey={ADMIN_KEY}", "--Logging:LogLevel:Default=Warning", self.store.setting],
            stdout=open(os.path.join(self.work, "node.log"), "a"), stderr=subprocess.STDOUT)
        deadline = time.time() + 1800  # the first start after seeding may build nothing, but a migration on 10M rows could
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise SystemExit("the node stopped; see " + os.path.join(self.work, "node.log"))
            try:
                c = http.client.HTTPConnection("127.0.0.1", self.http, timeout=2)
                c.request("GET", "/health")
                if c.getresponse().status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.5)
        raise SystemExit("the node did not answer /health")

    def stop(self):
        self.process.terminate()
        self.process.wait(60)

    def key(self, role):
        c = http.client.HTTPConnection("127.0.0.1", self.http, timeout=10)
        c.request("POST", "/v1/api-keys", json.dumps({"roles": [role]}),
                  {"Authorization": "Bearer " + ADMIN_KEY, "Content-Type": "application/json"})
        r = c.getresponse()
        body = json.loads(r.read())
        if r.status != 201:
            raise SystemExit(f"no {role} key: {r.status} {body}")
        return body["key"]


def sampled(source, every, into):
    """Passes the rows on, keeping (at, called, calling, origid) of every every-th: the calls the queries will ask about."""
    for i, row in enumerate(source):
        if i % every == 0:
            into.append((row[0], row[4], row[3], row[5]))
        yield row


def rows(n, rng, now_us):
    trunks = [f"trunk-{i:04d}" for i in range(2000)]
    origids = [origid("trunk:" + t) for t in trunks]
    start = now_us - 184 * DAY_US
    step = (184 * DAY_US) // n
    for i in range(n):
        t = rng.randrange(2000)
        intercepted = rng.random() < 0.1
        yield (start + i * step + rng.randrange(step), "access", trunks[t], f"139{rng.randrange(200_000):08d}",
               f"138{rng.randrange(1_000_000):08d}", origids[t], f"bench-{i}@seed",
               "intercept" if intercepted else "forward", "number-not-allocated" if intercepted else "admitted")


def directory_sql():
    ents = [(f"ent-{e:03d}", f"Enterprise {e}", "other") for e in range(400)]
    trunks = [(f"trunk-{i:04d}", f"ent-{i % 400:03d}", "access", f"10.{i // 250}.{i % 250}.1:5060") for i in range(2000)]
    return ents, trunks


COLUMNS = "at, realm, trunk, calling, called, origid, call_id, decision, reason"
TEXTS = ("access", "intercept", "forward", "number-not-allocated", "admitted")


def texts():
    """Every text the rows store as a code: realm, decision and reason (migration 19), and the trunks' origids (migration 20)."""
    return TEXTS + tuple(origid("trunk:" + t) for t, _, _, _ in directory_sql()[1])


def coded(source, codes):
    """The rows with their realm, origid, decision and reason as the store's codes of them (call_record_codes)."""
    for row in source:
        yield row[:1] + (codes[row[1]],) + row[2:5] + (codes[row[5]], row[6], codes[row[7]], codes[row[8]])


def seed_sqlite(path, n, rng, now_us, sample):
    db = sqlite3.connect(path)
    indexes = db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'call_records' AND sql IS NOT NULL").fetchall()
    for name, _ in indexes:
        db.execute(f"DROP INDEX {name}")
    ents, trunks = directory_sql()
    db.executemany("INSERT INTO enterprises (id, name, sector) VALUES (?, ?, ?)", ents)
    db.executemany("INSERT INTO trunks (id, enterprise_id, realm, source) VALUES (?, ?, ?, ?)", trunks)
    db.executemany("INSERT INTO call_record_codes (text) VALUES (?) ON CONFLICT (text) DO NOTHING", [(t,) for t in texts()])
    codes = dict((text, code) for code, text in db.execute("SELECT code, text FROM call_record_codes"))
    db.commit()
    batch = []
    for row in coded(sampled(rows(n, rng, now_us), max(1, n // 20_000), sample), codes):
        batch.append(row)
        if len(batch) == 100_000:
            db.executemany(f"INSERT INTO call_records ({COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", batch)
            db.commit()
            batch.clear()
    if batch:
        db.executemany(f"INSERT INTO call_records ({COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", batch)
    for _, sql in indexes:
        db.execute(sql)
    db.commit()
    db.execute("ANALYZE")
    db.close()
    return [name for name, _ in indexes]


def psql(store, sql, stdin=None):
    return subprocess.run(["psql", "-h", "127.0.0.1", "-p", str(store.port), "-U", "node", "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-Atc", sql],
                          input=stdin, capture_output=True, text=True, check=True).stdout


def seed_postgres(store, n, rng, now_us, sample):
    indexes = [l.split("|", 1) for l in psql(store, "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'call_records' AND indexname NOT LIKE '%pkey'").splitlines()]
    for name, _ in indexes:
        psql(store, f"DROP INDEX {name}")
    ents, trunks = directory_sql()
    psql(store, "\\copy enterprises (id, name, sector) FROM STDIN WITH (FORMAT csv)", "\n".join(",".join(e) for e in ents) + "\n")
    psql(store, "\\copy trunks (id, enterprise_id, realm, source) FROM STDIN WITH (FORMAT csv)", "\n".join(",".join(t) for t in trunks) + "\n")
    psql(store, "INSERT INTO call_record_codes (text) VALUES " + ", ".join(f"('{t}')" for t in texts()) + " ON CONFLICT (text) DO NOTHING")
    codes = dict((text, int(code)) for code, text in (l.split("|", 1) for l in psql(store, "SELECT code, text FROM call_record_codes").splitlines()))
    copy = subprocess.Popen(["psql", "-h", "127.0.0.1", "-p", str(store.port), "-U", "node", "-d", "postgres", "-v", "ON_ERROR_STOP=1",
                             "-c", f"\\copy call_records ({COLUMNS}) FROM STDIN WITH (FORMAT csv)"],
                            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    for row in coded(sampled(rows(n, rng, now_us), max(1, n // 20_000), sample), codes):
        copy.stdin.write(",".join(str(v) for v in row) + "\n")
    copy.stdin.close()
    if copy.wait() != 0:
        raise SystemExit("COPY of the call records failed")
    for _, sql in indexes:
        psql(store, sql)
    psql(store, "ANALYZE call_records")
    return [name for name, _ in indexes]


def percentile(sorted_values, p):
    return sorted_values[min(len(sorted_values) - 1, int(round(p / 100 * (len(sorted_values) - 1))))]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dll", required=True)
    ap.add_argument("--store", choices=["sqlite", "postgresql"], required=True)
    ap.add_argument("--records", type=int, default=10_000_000)
    ap.add_argument("--queries", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    work = tempfile.mkdtemp(prefix="traceback-bench-")
    store = Store(a.store, work)
    node = Node(a.dll, store, work)
    try:
        node.start()  # builds the schema
        node.stop()
        now_us = int(time.time() * 1_000_000)
        began = time.time()
        sample = []
        indexes = (seed_sqlite(store.file, a.records, rng, now_us, sample) if a.store == "sqlite"
                   else seed_postgres(store, a.records, rng, now_us, sample))
        print(f"store: {store.description}")
        print(f"seeded {a.records:,} call records in {time.time() - began:.0f} s (indexes rebuilt: {', '.join(indexes)})")
        node.start()
        key = node.key("regulator")
        conn = http.client.HTTPConnection("127.0.0.1", node.http, timeout=30)
        headers = {"Authorization": "Bearer " + key}
        # Each query asks about a call of the seed (kept while seeding): its callee and the hour around it; then its
        # origid (a code since migration 20, looked up by the query) and the hour around it; then its caller, no window.
        worst = 0.0
        for kind, count in (("callee", a.queries), ("origid", a.queries // 4), ("caller", a.queries // 4)):
            timings, found = [], 0
            for q in range(count + 50):
                at, callee, caller, origin = sample[rng.randrange(len(sample))]
                frm = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime((at - HOUR_US // 2) / 1e6))
                to = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime((at + HOUR_US // 2) / 1e6))
                query = {"callee": f"callee={callee}&from={frm}&to={to}", "origid": f"origid={origin}&from={frm}&to={to}", "caller": f"caller={caller}"}[kind]
                t0 = time.perf_counter()
                conn.request("GET", f"/v1/traceback/calls?{query}", headers=headers)
                r = conn.getresponse()
                body = r.read()
                elapsed = (time.perf_counter() - t0) * 1000
                if r.status != 200:
                    raise SystemExit(f"query answered {r.status}: {body[:300]!r}")
                calls = json.loads(body)["calls"]
                # A call near the end of the retention may have left it since the seed: not looked for.
                if at > now_us - 183 * DAY_US and not any(c[{"callee": "called", "origid": "origid", "caller": "calling"}[kind]] == {"callee": callee, "origid": origin, "caller": caller}[kind] for c in calls):
                    raise SystemExit(f"a query by {kind} did not find the call it asked about: {query}")
                if q >= 50:  # the first 50 warm the node up (JIT, connection, caches)
                    timings.append(elapsed)
                    found += len(calls)
            timings.sort()
            window = "no window" if kind == "caller" else "a one-hour window"
            print(f"queries by {kind} and {window}: {len(timings)} (after 50 to warm up), {found} records found")
            print(f"latency ms: p50 {percentile(timings, 50):.2f}  p90 {percentile(timings, 90):.2f}  p99 {percentile(timings, 99):.2f}  "
                  f"max {timings[-1]:.2f}  mean {statistics.fmean(timings):.2f}")
            worst = max(worst, percentile(timings, 99))
        print(f"target p99 < 50 ms: {'met' if worst < 50 else 'NOT met'}")
        node.stop()
    finally:
        if node.process and node.process.poll() is None:
            node.process.kill()
        if store.server:
            store.server.terminate()
            store.server.wait(60)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
