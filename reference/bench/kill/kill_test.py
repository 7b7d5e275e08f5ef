#!/usr/bin/env python3
"""Kill test: nothing the node acknowledged is lost when it dies.

Starts the node on a store (SQLite file or a PostgreSQL server started here), runs provisioning and report loops over
HTTP and a sipp call load, kills the node with SIGKILL at random moments (--kills times), restarts it on the same store
each time, then restarts it once more and checks that every write answered 2xx is there: labels, declarations,
flags and appeals (with their last acknowledged decision) through the node's API, enterprises and trunks through the
API, tickets (by the id each report's answer gave) and their first step, qualifications, 400-number allocations,
joint-discipline listings and trunk suspensions through the API, label-only callees and signing peers in the store
itself, and the call records (CallRecords:Enabled) of every call sipp saw answered, by Call-ID. Prints what was
acknowledged, found and lost, and exits 1 when anything acknowledged is lost or an answered call has no record.

  kill_test.py --dll Reference.dll --store sqlite|postgresql [--kills 5] [--life-min 4] [--life-max 10] [--seed N]
               [--call-rate 40]

The node is given an administrator key (REFERENCE_ADMIN_KEY, else a random one) as --Api:AdminKey; with it the test
issues itself a carrier-operator and appeal-desk key, sent as a bearer token on every request (the key is kept in
the store too, so every life after the first also shows that it outlived the kills).
"""
import argparse
import http.client
import json
import os
import random
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import bench  # noqa: E402  (reference/bench/lib: what the benchmarks share)


class Store:
    """Where the node keeps its records, and a way to read them from outside the node."""

    def __init__(self, kind, work):
        self.kind, self.work, self.server = kind, work, None
        if kind == "sqlite":
            self.file = os.path.join(work, "reference.db")
            self.setting = f"--Storage:Sqlite={self.file}"
            self.description = f"SQLite file {self.file} (WAL, synchronous=NORMAL)"
        else:
            self._start_postgres()

    def _start_postgres(self):
        bins = sorted(d for d in os.listdir("/usr/lib/postgresql"))
        bindir = f"/usr/lib/postgresql/{bins[-1]}/bin"
        root = os.geteuid() == 0
        data = os.path.join(self.work, "pg")
        as_user = ["/usr/bin/setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups"] if root else []
        if root:
            subprocess.run(["chown", "postgres:", self.work], check=True)
        subprocess.run(as_user + [f"{bindir}/initdb", "-D", data, "-U", "node", "-A", "trust", "-E", "UTF8"],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.port = bench.free_port()
        # Default durability settings (fsync on, synchronous_commit on): the store as a carrier would run it.
        self.server = subprocess.Popen(as_user + [f"{bindir}/postgres", "-D", data, "-p", str(self.port), "-k", self.work,
                                                  "-c", "listen_addresses=127.0.0.1"],
                                       stdout=open(os.path.join(self.work, "postgres.log"), "w"), stderr=subprocess.STDOUT)
        connection = f"Host=127.0.0.1;Port={self.port};Username=node;Database=postgres"
        self.setting = f"--Storage:PostgreSql={connection}"
        self.description = f"PostgreSQL {bins[-1]} on 127.0.0.1:{self.port} (fsync on, synchronous_commit on)"
        for _ in range(150):
            if subprocess.run(["psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "node", "-d", "postgres", "-Atc", "SELECT 1"],
                              capture_output=True).returncode == 0:
                return
            time.sleep(0.2)
        raise SystemExit("PostgreSQL did not start; see " + os.path.join(self.work, "postgres.log"))

    def column(self, sql):
        """The values the query returns; none, said so, when the store cannot answer it (a node that keeps no such table)."""
        if self.kind == "sqlite":
            run = subprocess.run(["sqlite3", self.file, sql], capture_output=True, text=True)
        else:
            run = subprocess.run(["psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "node", "-d", "postgres", "-Atc", sql],
                                 capture_output=True, text=True)
        if run.returncode != 0:
            print(f"the store could not answer {sql!r}: {run.stderr.strip()}")
            return set()
        return set(line for line in run.stdout.splitlines() if line)

    def stop(self):
        if self.server is not None:
            self.server.send_signal(signal.SIGINT)  # fast shutdown, by the PID we started
            try:
                self.server.wait(20)
            except subprocess.TimeoutExpired:
                self.server.kill()
                self.server.wait()


class Node:
    def __init__(self, dll, store, work, callee_port):
        self.dll, self.store, self.work, self.callee_port = dll, store, work, callee_port
        self.http_port, self.sip_port = bench.free_port(), bench.free_port()
        self.process, self.lives = None, 0
        self.admin_key = os.environ.get("REFERENCE_ADMIN_KEY") or secrets.token_urlsafe(32)
        self.key = self.admin_key

    def start(self):
        self.lives += 1
        args = ["dotnet", self.dll, f"--Http:Url=http://127.0.0.1:{self.http_port}", "--Sip:Access=127.0.0.1:0",
                "--Sip:Interconnect=127.0.0.1:0", f"--Sip:International=127.0.0.1:{self.sip_port}",
                f"--Sip:NextHop=127.0.0.1:{self.callee_port}", "--Logging:LogLevel:Default=Warning",
                "--Labelling:Reporters=1", "--Stir:Enabled=true", "--CallRecords:Enabled=true", "--Screening:Bombing:Limit=100000000", self.store.setting]
        args.append(f"--Api:AdminKey={self.admin_key}")
        log = open(os.path.join(self.work, f"node-{self.lives}.log"), "w")
        self.process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.time() + 60
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"the node exited at start ({self.process.returncode}); see {log.name}")
            try:
                c = http.client.HTTPConnection("127.0.0.1", self.http_port, timeout=1)
                c.request("GET", "/health", headers=self.headers())
                if c.getresponse().status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.1)
        raise SystemExit(f"the node did not answer /health within 60 s; see {log.name}")

    def kill(self):
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(30)

    def headers(self):
        return {"Content-Type": "application/json", "Authorization": f"Bearer {self.key}"}

    def issue_lab_key(self):
        """A key for what a lab does (carrier operator, appeal desk), issued with the administrator key."""
        issued = Client(self).call("POST", "/v1/api-keys", {"roles": ["carrier-operator", "appeal-desk"], "account": "kill-test"})
        if issued is None or issued is DOWN or issued[0] != 201:
            raise SystemExit(f"could not issue the test's API key: {issued}")
        self.key = issued[1]["key"]


DOWN = "down"


class Client:
    """
    One keep-alive connection. A request the node never answered (it died) is None; one it could not even be sent
    (connection refused: the node is down) is DOWN. Neither is retried: the next request is a new record.
    """

    def __init__(self, node):
        self.node, self.conn = node, None

    def call(self, method, path, body=None):
        try:
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.node.http_port, timeout=10)
            self.conn.request(method, path, body=None if body is None else json.dumps(body), headers=self.node.headers())
            response = self.conn.getresponse()
            data = response.read()
            return response.status, (json.loads(data) if data else None)
        except ConnectionRefusedError:
            self.conn = None
            return DOWN
        except (OSError, http.client.HTTPException, ValueError):
            if self.conn is not None:
                self.conn.close()
            self.conn = None
            return None


class Ledger:
    """What was asked and what was acknowledged, per kind of record."""

    def __init__(self):
        self.lock = threading.Lock()
        self.acked = {}      # kind -> list of keys
        self.unacked = {}    # kind -> list of keys sent without an answer (the node died)
        self.refused = {}    # kind -> count of answers other than 2xx
        self.appeal_state = {}  # appeal id -> (number, acknowledged state, state possibly written without an answer)

    def add(self, table, kind, key):
        with self.lock:
            table.setdefault(kind, []).append(key)

    def count_refused(self, kind, status):
        with self.lock:
            self.refused.setdefault(kind, {}).setdefault(status, 0)
            self.refused[kind][status] += 1

    def settle(self, kind, result, key):
        """Books one request's outcome: acknowledged (2xx), unanswered (the node died under it) or refused.
        key: the record's key, or a function of the answer's body that gives it."""
        if result is DOWN:
            time.sleep(0.05)
        elif result is None:
            self.add(self.unacked, kind, key)
            time.sleep(0.05)
        elif 200 <= result[0] < 300:
            self.add(self.acked, kind, key(result[1]) if callable(key) else key)
        else:
            self.count_refused(kind, result[0])


def writer(kind, node, ledger, stop, step):
    client, n = Client(node), 0
    while not stop.is_set():
        n += 1
        method, path, body, key = step(n)
        ledger.settle(kind, client.call(method, path, body), key)


def follower(kind, node, ledger, stop, source, step):
    """Writes on records another loop had acknowledged (a ticket's step, a trunk's suspension): step(key, n) gives the request."""
    client, n = Client(node), 0
    while not stop.is_set():
        with ledger.lock:
            keys = list(ledger.acked.get(source, [])[-200:])
            done = set(ledger.acked.get(kind, [])) | set(ledger.unacked.get(kind, []))
        keys = [k for k in keys if k not in done]
        if not keys:
            time.sleep(0.05)
            continue
        n += 1
        key = random.choice(keys)
        method, path, body = step(key, n)
        ledger.settle(kind, client.call(method, path, body), key)


def appeals_writer(node, ledger, stop, labelled):
    client, n = Client(node), 0
    while not stop.is_set():
        with ledger.lock:
            numbers = list(ledger.acked.get("report", [])[-50:])
        if not numbers:
            time.sleep(0.05)
            continue
        n += 1
        number = random.choice(numbers)
        result = client.call("POST", "/v1/appeals", {"number": number, "holder": f"holder-{n}", "reason": "other", "text": "kill test"})
        if result is DOWN:
            time.sleep(0.05)
            continue
        if result is None:
            ledger.add(ledger.unacked, "appeal", number)
            time.sleep(0.05)
            continue
        if result[0] != 201:
            ledger.count_refused("appeal", result[0])
            continue
        appeal_id, state = result[1]["id"], result[1]["state"]
        with ledger.lock:
            ledger.appeal_state[appeal_id] = (number, state, None)
            ledger.acked.setdefault("appeal", []).append(appeal_id)
        if n % 2 == 0 and state == "pending":
            with ledger.lock:
                ledger.appeal_state[appeal_id] = (number, state, "upheld")
            decided = client.call("POST", f"/v1/appeals/{appeal_id}/decision", {"clear": False, "why": "kill test"})
            if decided is not None and decided[0] == 200:
                with ledger.lock:
                    ledger.appeal_state[appeal_id] = (number, decided[1]["state"], None)
                    ledger.acked.setdefault("decision", []).append(appeal_id)
            elif decided is None or decided is DOWN:
                ledger.add(ledger.unacked, "decision", appeal_id)


def run_calls(work, node, callee_port, rate, scenarios):
    callee = subprocess.Popen(["sipp", "-sn", "uas", "-i", "127.0.0.1", "-p", str(callee_port), "-t", "u1", "-nostdin",
                               "-buff_size", "4194304"], stdout=open(os.path.join(work, "callee.out"), "w"), stderr=subprocess.STDOUT)
    stats = os.path.join(work, "calls.csv")
    caller = subprocess.Popen(["sipp", f"127.0.0.1:{node.sip_port}", "-sf", os.path.join(scenarios, "uac-forward.xml"),
                               "-s", "13812345678", "-key", "caller", "+14155550123", "-i", "127.0.0.1", "-p", str(bench.free_port()),
                               "-t", "u1", "-r", str(rate), "-nostdin", "-recv_timeout", "5s", "-buff_size", "4194304",
                               "-trace_stat", "-stf", stats, "-fd", "1",
                               "-trace_msg", "-message_file", os.path.join(work, "calls.msg")],
                              stdout=open(os.path.join(work, "caller.out"), "w"), stderr=subprocess.STDOUT)
    return callee, caller, stats


def sipp_totals(stats):
    with open(stats) as f:
        rows = [line.rstrip("\n").split(";") for line in f if line.strip()]
    head, last = rows[0], rows[-1]
    get = lambda name: int(last[head.index(name)])
    return get("TotalCallCreated"), get("SuccessfulCall(C)"), get("FailedCall(C)")


def answered_call_ids(messages):
    """Call-IDs of the calls whose INVITE got a 200 back at the caller, from sipp's message trace."""
    answered = set()
    with open(messages, errors="replace") as f:
        for block in f.read().split("\n----------------------------------------------- "):
            if "message received" not in block:
                continue
            lines = [line.strip() for line in block.splitlines()]
            status = next((line for line in lines if line.startswith("SIP/2.0 ")), "")
            cseq = next((line for line in lines if line.lower().startswith("cseq:")), "")
            call_id = next((line.split(":", 1)[1].strip() for line in lines if line.lower().startswith("call-id:")), None)
            if status.startswith("SIP/2.0 200") and cseq.upper().endswith("INVITE") and call_id:
                answered.add(call_id)
    return answered


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--dll", required=True)
    p.add_argument("--store", choices=["sqlite", "postgresql"], default="sqlite")
    p.add_argument("--kills", type=int, default=5)
    p.add_argument("--life-min", type=float, default=4)
    p.add_argument("--life-max", type=float, default=10)
    p.add_argument("--call-rate", type=int, default=40)
    p.add_argument("--seed", type=int, default=None)
    p.add_argument("--scenarios", default=os.path.join(os.path.dirname(__file__), "../../tests/Interop.Tests/Scenarios"))
    a = p.parse_args()
    seed = a.seed if a.seed is not None else random.randrange(1 << 30)
    rng = random.Random(seed)
    work = tempfile.mkdtemp(prefix="kill-test-")
    os.chmod(work, 0o755)
    store = Store(a.store, work)
    callee_port = bench.free_port()
    node = Node(a.dll, store, work, callee_port)
    ledger, stop = Ledger(), threading.Event()
    print(f"kill test: store {store.description}; {a.kills} kills, lives of {a.life_min}-{a.life_max} s, seed {seed}, "
          f"calls at {a.call_rate}/s; admin key {'from REFERENCE_ADMIN_KEY' if os.environ.get('REFERENCE_ADMIN_KEY') else 'random'}")
    callee = caller = None
    try:
        node.start()
        node.issue_lab_key()
        steps = {
            "report": lambda n: ("POST", "/v1/reports", {"number": f"1391{n:07d}", "category": "fraud", "reporter": f"kt-{n}", "channel": "app", "text": "kill test"}, f"1391{n:07d}"),
            # A report's answer names its ticket: the ticket is counted by its id (and its number), apart from the label.
            "ticket": lambda n: ("POST", "/v1/reports", {"number": f"1381{n:07d}", "category": "harassment", "reporter": f"1371{n:07d}", "channel": ("phone", "web", "app")[n % 3], "text": "kill test"},
                                 lambda body, n=n: (body["ticket"], f"1381{n:07d}")),
            "listing": lambda n: ("POST", "/v1/discipline-list", {"enterprise": f"kt-d{n}", "reason": "kill test"}, f"kt-d{n}"),
            "flag": lambda n: ("POST", "/v1/labels/analytics", {"number": f"1371{n:07d}", "category": "harassment"}, f"1371{n:07d}"),
            "declaration": lambda n: ("POST", "/v1/labels/declarations", {"enterprise": f"kt-e{n}", "category": "delivery", "numbers": [f"1361{n:07d}", f"1362{n:07d}"]}, f"1361{n:07d}"),
            "enterprise": lambda n: ("POST", "/v1/enterprises", {"id": f"kt-e{n}", "name": f"Kill Test {n}", "sector": "other"}, f"kt-e{n}"),
            "trunk": lambda n: ("POST", "/v1/trunks", {"id": f"kt-t{n}", "enterpriseId": "kt-owner", "realm": "access", "source": f"127.0.{1 + n // 60000}.{10 + n % 200}:{1024 + n % 60000}",
                                                       "ranges": [{"first": f"1595{n:04d}000", "last": f"1595{n:04d}999"}]}, f"kt-t{n}"),
            "label-only callee": lambda n: ("POST", "/v1/label-only-callees", {"numbers": [f"1351{n:07d}", f"1352{n:07d}"]}, f"1351{n:07d}"),
            "allocation": lambda n: ("POST", "/v1/allocations", {"number": f"1341{n:07d}", "holder": f"holder-{n}", "since": "2026-01-01T00:00:00Z"}, f"1341{n:07d}"),
            "signing peer": lambda n: ("POST", "/v1/stir/signing-peers", {"address": f"127.0.{3 + n // 60000}.3:{1024 + n % 60000}"}, f"127.0.{3 + n // 60000}.3:{1024 + n % 60000}"),
        }
        owner = Client(node).call("POST", "/v1/enterprises", {"id": "kt-owner", "name": "Kill Test Trunks", "sector": "other"})
        if owner is None or owner[0] != 201:
            raise SystemExit(f"could not provision the trunks' enterprise: {owner}")
        threads = [threading.Thread(target=writer, args=(k, node, ledger, stop, s), daemon=True) for k, s in steps.items()]
        threads.append(threading.Thread(target=appeals_writer, args=(node, ledger, stop, None), daemon=True))
        followers = {
            # A ticket's first step, on a ticket acknowledged before; a qualification, then a 400 number allocated
            # against it; a trunk's suspension.
            "ticket step": ("ticket", lambda key, n: ("POST", f"/v1/tickets/{key[0]}/forwarded", None)),
            "qualification": ("enterprise", lambda key, n: ("POST", "/v1/qualifications", {"enterprise": key, "businessScope": "kill test", "connectsTo": "kill test", "use": "kill test", "validUntil": "2030-01-01T00:00:00Z"})),
            "service allocation": ("qualification", lambda key, n: ("POST", "/v1/allocations", {"number": f"400{int(key[4:]):07d}", "holder": key})),
            "suspension": ("trunk", lambda key, n: ("PUT", f"/v1/trunks/{key}/suspension", {"reason": "kill test"})),
        }
        threads += [threading.Thread(target=follower, args=(k, node, ledger, stop, source, step), daemon=True) for k, (source, step) in followers.items()]
        callee, caller, stats = run_calls(work, node, callee_port, a.call_rate, a.scenarios)
        for t in threads:
            t.start()
        for kill in range(1, a.kills + 1):
            life = rng.uniform(a.life_min, a.life_max)
            time.sleep(life)
            with ledger.lock:
                acked = sum(len(v) for v in ledger.acked.values())
            node.kill()
            print(f"kill {kill}: SIGKILL after {life:.1f} s of life {node.lives}; {acked} writes acknowledged so far")
            time.sleep(rng.uniform(0.2, 1.0))
            started = time.time()
            node.start()
            print(f"        restarted on the same store in {time.time() - started:.1f} s")
        time.sleep(rng.uniform(a.life_min, a.life_max))
        stop.set()
        for t in threads:
            t.join(15)
        caller.send_signal(signal.SIGUSR1)  # sipp: stop creating calls and finish the ones in progress
        try:
            caller.wait(30)
        except subprocess.TimeoutExpired:
            caller.kill()
            caller.wait()
        created, answered, failed = sipp_totals(stats)
        node.kill()
        node.start()
        print(f"final restart: life {node.lives}; checking every acknowledged write")
        missing = verify(node, store, ledger)
        print()
        print(f"{'record':<18} {'acknowledged':>12} {'found':>8} {'lost':>6}   {'sent, unanswered':>17} {'refused':>8}")
        total_acked = total_lost = 0
        for kind in list(steps) + ["appeal", "decision"] + list(followers):
            acked = ledger.acked.get(kind, [])
            lost = missing.get(kind, [])
            total_acked += len(acked)
            total_lost += len(lost)
            refused = sum(ledger.refused.get(kind, {}).values())
            print(f"{kind:<18} {len(acked):>12} {len(acked) - len(lost):>8} {len(lost):>6}   {len(ledger.unacked.get(kind, [])):>17} {refused:>8}")
        print(f"{'all':<18} {total_acked:>12} {total_acked - total_lost:>8} {total_lost:>6}")
        for kind, lost in missing.items():
            if lost:
                print(f"lost {kind}: {lost[:10]}{' …' if len(lost) > 10 else ''}")
        for kind, statuses in ledger.refused.items():
            print(f"refused {kind}: {statuses}")
        print(f"calls: {created} created, {answered} answered (200 to the caller), {failed} failed (sipp, over all lives)")
        calls = answered_call_ids(os.path.join(work, "calls.msg"))
        recorded = store.column("SELECT DISTINCT call_id FROM call_records")
        unrecorded = sorted(calls - recorded)
        print(f"call records: {len(calls)} answered calls by Call-ID, {len(calls) - len(unrecorded)} with a record, {len(unrecorded)} without "
              f"(a call's final response waits for its record, so none should be missing); {len(recorded)} Call-IDs recorded in all")
        unscreened = store.column("SELECT count(*) FROM call_records_text WHERE reason = 'answered-unscreened'")
        print(f"of which answered through a restarted node that never screened them (a record made of the answer): {next(iter(unscreened), '?')}")
        if unrecorded:
            print(f"answered calls without a record: {unrecorded[:10]}{' …' if len(unrecorded) > 10 else ''}")
        return 1 if total_lost or unrecorded else 0
    finally:
        stop.set()
        for proc in (caller, callee):
            if proc is not None and proc.poll() is None:
                proc.kill()
                proc.wait()
        node.stop()
        store.stop()
        shutil.rmtree(work, ignore_errors=True)


def verify(node, store, ledger):
    missing = {}
    client = Client(node)

    def get(path):
        for _ in range(3):
            r = client.call("GET", path)
            if r is not None and r is not DOWN:
                return r
        raise SystemExit(f"GET {path} failed three times")

    for number in ledger.acked.get("report", []):
        status, body = get(f"/v1/labels/{number}")
        if status != 200 or body.get("category") != "fraud":
            missing.setdefault("report", []).append(number)
    for number in ledger.acked.get("flag", []):
        status, body = get(f"/v1/labels/{number}")
        if status != 200 or body.get("source") != "carrier-analytics":
            missing.setdefault("flag", []).append(number)
    for first in ledger.acked.get("declaration", []):
        ok = True
        for number in (first, "1362" + first[4:]):
            status, body = get(f"/v1/labels/{number}")
            ok = ok and status == 200 and body.get("source") == "enterprise-declaration"
        if not ok:
            missing.setdefault("declaration", []).append(first)
    for key in ledger.acked.get("enterprise", []):
        if get(f"/v1/enterprises/{key}")[0] != 200:
            missing.setdefault("enterprise", []).append(key)
    for key in ledger.acked.get("trunk", []):
        if get(f"/v1/trunks/{key}")[0] != 200:
            missing.setdefault("trunk", []).append(key)
    for appeal_id in ledger.acked.get("appeal", []):
        status, body = get(f"/v1/appeals/{appeal_id}")
        number, state, maybe = ledger.appeal_state[appeal_id]
        if status != 200 or body.get("number") != number or body.get("state") not in (state, maybe):
            missing.setdefault("appeal", []).append(appeal_id)
    for appeal_id in ledger.acked.get("decision", []):
        status, body = get(f"/v1/appeals/{appeal_id}")
        if status != 200 or body.get("state") != "upheld":
            missing.setdefault("decision", []).append(appeal_id)
    for ticket_id, number in ledger.acked.get("ticket", []):
        status, body = get(f"/v1/tickets/{ticket_id}")
        if status != 200 or body.get("number") != number:
            missing.setdefault("ticket", []).append(ticket_id)
    for key in ledger.acked.get("ticket step", []):
        status, body = get(f"/v1/tickets/{key[0]}")
        if status != 200 or body.get("state") != "forwarded":
            missing.setdefault("ticket step", []).append(key[0])
    for enterprise in ledger.acked.get("qualification", []):
        if get(f"/v1/qualifications/{enterprise}")[0] != 200:
            missing.setdefault("qualification", []).append(enterprise)
    for enterprise in ledger.acked.get("service allocation", []):
        number = f"400{int(enterprise[4:]):07d}"
        status, body = get(f"/v1/allocations?number={number}")
        if status != 200 or not any(a.get("holder") == enterprise for a in body.get("allocations", [])):
            missing.setdefault("service allocation", []).append(number)
    for enterprise in ledger.acked.get("listing", []):
        status, body = get(f"/v1/discipline-list?enterprise={enterprise}")
        if status != 200 or not body.get("entries"):
            missing.setdefault("listing", []).append(enterprise)
    for trunk in ledger.acked.get("suspension", []):
        if get(f"/v1/trunks/{trunk}/suspension")[0] != 200:
            missing.setdefault("suspension", []).append(trunk)
    callees = store.column("SELECT number FROM label_only_callees")
    for first in ledger.acked.get("label-only callee", []):
        if first not in callees or "1352" + first[4:] not in callees:
            missing.setdefault("label-only callee", []).append(first)
    allocations = store.column("SELECT number FROM allocations")
    for number in ledger.acked.get("allocation", []):
        if number not in allocations:
            missing.setdefault("allocation", []).append(number)
    peers = store.column("SELECT address FROM signing_peers")
    for address in ledger.acked.get("signing peer", []):
        if address not in peers:
            missing.setdefault("signing peer", []).append(address)
    return missing


if __name__ == "__main__":
    sys.exit(main())
