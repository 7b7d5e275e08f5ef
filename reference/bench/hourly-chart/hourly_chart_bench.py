#!/usr/bin/env python3
"""The portal's chart of interceptions per rule and hour (PortalRecords.InterceptionsPerRuleHourQuery) on a seeded store.

Starts the node once on an empty store so that it builds its schema (every migration), stops it, seeds --records call
records as the traceback benchmark does (184 days before now, one call in ten intercepted), then runs the chart's query
for the last 24 hours straight on the store, --runs times with the index call_records_intercepted and --runs times
after dropping it (as the store was between migrations 14 and 18), and prints the plans and the times (median and max,
ms; SQLite through Python's sqlite3, PostgreSQL by EXPLAIN ANALYZE's execution time). PostgreSQL's table is vacuumed
after the seed, as autovacuum keeps a table in service, so that an index-only scan need not visit the rows.

  hourly_chart_bench.py --dll Reference.dll --store sqlite|postgresql [--records 2000000] [--runs 20] [--seed 1]
"""
import argparse
import os
import random
import re
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "traceback"))
from traceback_bench import HOUR_US, Node, psql, seed_postgres, seed_sqlite  # noqa: E402
from kill_test import Store  # noqa: E402

QUERY = ("SELECT reason, at / {hour} AS h, COUNT(*) FROM call_records WHERE decision = 'intercept' "
         "AND at >= {frm} AND at < {to} GROUP BY reason, at / {hour}")
INDEX = "call_records_intercepted"


def chart_sqlite(path, frm, to, runs):
    db = sqlite3.connect(path)
    sql = QUERY.format(hour=HOUR_US, frm=frm, to=to)
    plan = " / ".join(r[3] for r in db.execute("EXPLAIN QUERY PLAN " + sql))
    times, rows = [], None
    for _ in range(runs + 2):
        t0 = time.perf_counter()
        rows = db.execute(sql).fetchall()
        times.append((time.perf_counter() - t0) * 1000)
    db.close()
    return plan, times[2:], sum(r[2] for r in rows)


def chart_postgres(store, frm, to, runs):
    sql = QUERY.format(hour=HOUR_US, frm=frm, to=to)
    plan = " / ".join(l.strip() for l in psql(store, "EXPLAIN " + sql).splitlines()[:4])
    times = []
    for _ in range(runs + 2):
        out = psql(store, "EXPLAIN (ANALYZE) " + sql)
        times.append(float(re.search(r"Execution Time: ([0-9.]+) ms", out).group(1)))
    count = sum(int(l.split("|")[2]) for l in psql(store, sql).splitlines())
    return plan, times[2:], count


def index_sql(store):
    if store.kind == "sqlite":
        db = sqlite3.connect(store.file)
        sql = db.execute("SELECT sql FROM sqlite_master WHERE name = ?", (INDEX,)).fetchone()
        db.close()
        return sql[0] if sql else None
    return psql(store, f"SELECT indexdef FROM pg_indexes WHERE indexname = '{INDEX}'").strip() or None


def drop_index(store):
    if store.kind == "sqlite":
        db = sqlite3.connect(store.file)
        db.execute(f"DROP INDEX {INDEX}")
        db.commit()
        db.close()
    else:
        psql(store, f"DROP INDEX {INDEX}")


def create_index(store, sql):
    if store.kind == "sqlite":
        db = sqlite3.connect(store.file)
        db.execute(sql)
        db.commit()
        db.close()
    else:
        psql(store, sql)


def report(label, plan, times, count):
    print(f"{label}: plan: {plan}")
    print(f"{label}: {len(times)} runs, median {statistics.median(times):.2f} ms, max {max(times):.2f} ms, {count:,} interceptions counted")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dll", required=True)
    ap.add_argument("--store", choices=["sqlite", "postgresql"], required=True)
    ap.add_argument("--records", type=int, default=2_000_000)
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    work = tempfile.mkdtemp(prefix="hourly-chart-bench-")
    store = Store(a.store, work)
    node = Node(a.dll, store, work)
    try:
        node.start()  # builds the schema
        node.stop()
        sql = index_sql(store)
        if sql is None:
            raise SystemExit(f"the node built no index {INDEX}: is migration 18 in this build?")
        now_us = int(time.time() * 1_000_000)
        began = time.time()
        indexes = (seed_sqlite(store.file, a.records, rng, now_us, []) if a.store == "sqlite"
                   else seed_postgres(store, a.records, rng, now_us, []))
        print(f"store: {store.description}")
        if a.store == "postgresql":
            psql(store, "VACUUM (ANALYZE) call_records")
        print(f"seeded {a.records:,} call records in {time.time() - began:.0f} s (indexes rebuilt: {', '.join(indexes)})")
        frm = (now_us // HOUR_US - 23) * HOUR_US
        to = frm + 24 * HOUR_US
        chart = chart_sqlite if a.store == "sqlite" else chart_postgres
        after = chart(store.file if a.store == "sqlite" else store, frm, to, a.runs)
        drop_index(store)
        before = chart(store.file if a.store == "sqlite" else store, frm, to, a.runs)
        create_index(store, sql)
        print("the chart's query over the last 24 hours:")
        report("without call_records_intercepted (migrations 14-17)", *before)
        report("with call_records_intercepted (migration 18)", *after)
        print(f"speed-up of the median: {statistics.median(before[1]) / statistics.median(after[1]):.0f}x")
    finally:
        if node.process and node.process.poll() is None:
            node.process.kill()
        if store.server:
            store.server.terminate()
            store.server.wait(60)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
