#!/usr/bin/env python3
"""Checks a running cluster (reference/cluster/start.sh) keeps its rules exact across nodes, and prints what it saw.

  python3 reference/cluster/cluster_check.py [--dir /tmp/reference-cluster]

1. Bombing: a caller's calls to one callee, sent to the nodes in turn, count together: the limit's worth are admitted
   (forwarded to the next hop, which answers 486 Busy Here), the next is intercepted (603) whichever node takes it,
   directly or through Kamailio.
2. Labels: reports made through node 1 label the number on node 2 (GET /v1/labels/{number}).
3. Do-not-originate: a number added through node 1 is screened on node 3; the time until it is, is printed.
Exits 1 when a check fails. The cluster must run with the default bombing limit (10 a minute) or --bombing-limit.
"""
import argparse, json, os, random, socket, sys, threading, time, urllib.request, urllib.error

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "bench", "lib"))
import bench  # noqa: E402  (reference/bench/lib: what the benchmarks share)


def address(text):
    host, port = text.rsplit(":", 1)
    return host, int(port)


class Callee(threading.Thread):
    """The next hop: answers every INVITE 486 Busy Here (so an admitted call ends at once) and absorbs the ACK."""

    def __init__(self, where):
        super().__init__(daemon=True)
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(where)
        self.invites = 0

    def run(self):
        while True:
            data, peer = self.sock.recvfrom(65535)
            text = data.decode("utf-8", "replace")
            if not text.startswith("INVITE "):
                continue
            self.invites += 1
            head = text.split("\r\n\r\n", 1)[0].split("\r\n")
            keep = [h for h in head[1:] if h.split(":", 1)[0].lower() in ("via", "from", "call-id", "cseq", "record-route")]
            to = next(h for h in head[1:] if h.lower().startswith("to:"))
            response = "SIP/2.0 486 Busy Here\r\n" + "\r\n".join(keep) + f"\r\n{to};tag=busy{self.invites}\r\nContent-Length: 0\r\n\r\n"
            self.sock.sendto(response.encode(), peer)


def call(target, caller, callee, timeout=4.0):
    """One INVITE over UDP; returns the final status code (None on timeout). Non-2xx finals are ACKed."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    branch = "z9hG4bK" + "%016x" % random.getrandbits(64)
    call_id = "%016x@cluster-check" % random.getrandbits(64)
    tag = "%08x" % random.getrandbits(32)
    host, tport = target
    common = (f"Via: SIP/2.0/UDP 127.0.0.1:{port};branch={branch};rport\r\n"
              f"From: <sip:{caller}@127.0.0.1;user=phone>;tag={tag}\r\n")
    invite = (f"INVITE sip:{callee}@{host}:{tport};user=phone SIP/2.0\r\n" + common +
              f"To: <sip:{callee}@{host};user=phone>\r\nCall-ID: {call_id}\r\nCSeq: 1 INVITE\r\n"
              f"Contact: <sip:{caller}@127.0.0.1:{port}>\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n")
    deadline = time.time() + timeout
    sock.settimeout(0.5)
    provisional = False
    try:
        while time.time() < deadline:
            if not provisional:
                sock.sendto(invite.encode(), target)
            try:
                data, _ = sock.recvfrom(65535)
            except socket.timeout:
                continue
            text = data.decode("utf-8", "replace")
            code = int(text.split(" ", 2)[1])
            if code < 200:
                provisional = True
                continue
            if code >= 300:
                to = next(h for h in text.split("\r\n") if h.lower().startswith("to:"))
                ack = (f"ACK sip:{callee}@{host}:{tport};user=phone SIP/2.0\r\n" + common + f"{to}\r\nCall-ID: {call_id}\r\n"
                       "CSeq: 1 ACK\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n")
                sock.sendto(ack.encode(), target)
            return code
        return None
    finally:
        sock.close()


def http(method, url, key, body=None):
    request = urllib.request.Request(url, method=method, data=None if body is None else json.dumps(body).encode(),
                                     headers={"Authorization": "Bearer " + key, "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=5) as r:
            return r.status, json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", default="/tmp/reference-cluster")
    parser.add_argument("--bombing-limit", type=int, default=10)
    args = parser.parse_args()
    e = bench.cluster_env(args.dir)
    admin = open(os.path.join(args.dir, "admin-key")).read().strip()
    count = int(e["NODES"])
    nodes = [e[f"NODE{i}_HTTP"] for i in range(1, count + 1)]
    interconnect = [address(e[f"NODE{i}_SIP"].split(",")[1]) for i in range(1, count + 1)]
    keys = [http("POST", n + "/v1/api-keys", admin, {"roles": ["carrier-operator"], "account": "cluster-check"})[1]["key"] for n in nodes]
    Callee(address(e["NEXT_HOP"])).start()
    failures = []

    def check(ok, what):
        print(("ok    " if ok else "FAIL  ") + what)
        if not ok:
            failures.append(what)

    # 1. Bombing across nodes, then through Kamailio.
    caller, callee = "137%08d" % random.randrange(10**8), "135%08d" % random.randrange(10**8)
    codes = [call(interconnect[i % count], caller, callee) for i in range(args.bombing_limit)]
    check(codes == [486] * args.bombing_limit, f"bombing: the first {args.bombing_limit} calls, node by node, are admitted: {codes}")
    last = call(interconnect[args.bombing_limit % count], caller, callee)
    check(last == 603, f"bombing: call {args.bombing_limit + 1} on node {args.bombing_limit % count + 1} is intercepted: {last}")
    through = call(address(e["KAMAILIO_INTERCONNECT"]), caller, callee)
    check(through == 603, f"bombing: and through Kamailio too: {through}")

    # 2. A label made through node 1 is in force through node 2.
    number = "138%08d" % random.randrange(10**8)
    for r in range(10):
        http("POST", nodes[0] + "/v1/reports", keys[0], {"number": number, "category": "fraud", "reporter": f"r{r}", "channel": "app"})
    started = time.time()
    status, label = 0, None
    while time.time() - started < 5:
        status, label = http("GET", nodes[1 % count] + f"/v1/labels/{number}", keys[1 % count])
        if status == 200:
            break
        time.sleep(0.05)
    check(status == 200, f"labels: 10 reports through node 1 label {number} on node 2 after {time.time() - started:.3f} s: {label}")

    # 3. A do-not-originate number added through node 1 is screened on the last node.
    dno = "139%08d" % random.randrange(10**8)
    status, _ = http("POST", nodes[0] + "/v1/do-not-originate", keys[0], {"numbers": [dno]})
    started = time.time()
    code = None
    while time.time() - started < 5:
        code = call(interconnect[-1], dno, "135%08d" % random.randrange(10**8))
        if code == 603:
            break
    elapsed = time.time() - started
    check(status in (200, 201, 204) and code == 603 and elapsed <= 1.0,
          f"do-not-originate: added through node 1 ({status}), intercepted on node {count} after {elapsed:.3f} s (at most 1 s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
