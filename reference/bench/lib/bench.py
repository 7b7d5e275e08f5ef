"""What the cluster and kill benchmarks share: a running cluster's addresses and PIDs, waiting for a node to answer,
sipp caller files, CPU time of process trees from /proc, percentiles, free ports and the load average a figure was taken at.

Imported by reference/cluster/*.py and reference/bench/kill/kill_test.py:

    sys.path.insert(0, os.path.join(<repository root>, "reference", "bench", "lib"))
    import bench
"""
import os
import socket
import time
import urllib.request

HZ = os.sysconf("SC_CLK_TCK")


def cluster_env(directory):
    """The addresses reference/cluster/start.sh wrote to DIR/cluster.env, as a dict (quotes around values removed)."""
    values = {}
    with open(os.path.join(directory, "cluster.env")) as f:
        for line in f:
            key, _, value = line.strip().partition("=")
            values[key] = value.strip("'")
    return values


def cluster_pids(directory):
    """The processes start.sh recorded in DIR/pids: {"redis": pid, "node1": pid, ...}."""
    with open(os.path.join(directory, "pids")) as f:
        return {name: int(pid) for name, pid in (line.split() for line in f if line.strip())}


def wait_http(url, seconds=30, process=None):
    """Waits until url + "/health" answers; raises SystemExit naming the url when it does not in time or the process exits."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        if process is not None and process.poll() is not None:
            raise SystemExit(f"{url}: the process exited ({process.returncode}) before it answered /health")
        try:
            urllib.request.urlopen(url + "/health", timeout=1)
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"{url} did not answer /health within {seconds} s")


def callers_file(work, name, prefix, count):
    """A sipp injection file (-inf) of count callers, prefix followed by 7 digits, read in order."""
    path = os.path.join(work, name + ".csv")
    with open(path, "w") as f:
        f.write("SEQUENTIAL\n")
        for i in range(count):
            f.write(f"{prefix}{i:07d}\n")
    return path


def tree(pid):
    """The process and all its descendants, from /proc."""
    pids, frontier = {pid}, [pid]
    while frontier:
        p = frontier.pop()
        try:
            with open(f"/proc/{p}/task/{p}/children") as f:
                children = [int(child) for child in f.read().split()]
        except OSError:
            continue
        pids.update(children)
        frontier.extend(children)
    return pids


def cpu_us(pids):
    """User and system CPU time, in microseconds, of the given processes and their descendants."""
    total = 0
    for pid in pids:
        for p in tree(pid):
            try:
                with open(f"/proc/{p}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                total += int(fields[11]) + int(fields[12])
            except OSError:
                pass
    return total * 1_000_000 // HZ


def percentile(sorted_values, p):
    """The p-th percentile (nearest rank) of values already sorted; None for none."""
    if not sorted_values:
        return None
    rank = max(1, -(-len(sorted_values) * p // 100))
    return sorted_values[min(rank, len(sorted_values)) - 1]


def free_port():
    """A loopback TCP port free at the moment of asking."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def load_average():
    """The 1, 5 and 15 minute load averages, as uptime prints them: a figure is only as good as the machine was quiet."""
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])
