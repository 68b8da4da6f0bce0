#!/usr/bin/env python3
"""Open-loop load of agents polling the desk, standard library only.

Each agent logs in through the real login form (like `http_bench.py`) and then, at its own
random offset, polls every INTERVAL seconds: the live lists' `GET /desk/changes/?since=`
(asking from the stamp of its previous answer, as desk.js does) or, with --watch TICKET, a
ticket page's `POST /desk/tickets/TICKET/watch/`. Unlike http_bench (as fast as it can),
this keeps the rate real agents make, and reports the latency of each poll and the CPU the
gunicorn processes used meanwhile (their utime+stime from /proc), as a share of the
machine's cores. With --churn-sql, a psql command run once a second changes tickets
meanwhile, so that polls find something.

    python3 bench/poll_load.py --base-url http://127.0.0.1:8311 --agents 50 --seconds 60 \\
        --users staff,staff2,root --gunicorn-pid PID

Only loopback targets.
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from http_bench import Session, check_target, percentile  # noqa: E402


def process_tree(root_pid: int) -> list[int]:
    """The pid and every descendant (gunicorn's master and its workers)."""
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                parent = int(stat.read().rsplit(")", 1)[1].split()[1])
        except OSError:
            continue
        children.setdefault(parent, []).append(int(entry))
    found, todo = [], [root_pid]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def database_backends(url: str) -> list[int]:
    """The PostgreSQL backends connected to the database of `url` (the app's, once the
    agents logged in: gunicorn keeps its connections)."""
    database = urllib.parse.urlsplit(url).path.lstrip("/")
    name = database.replace("'", "")
    query = f"SELECT pid FROM pg_stat_activity WHERE datname = '{name}' AND pid <> pg_backend_pid()"
    found = subprocess.run(["psql", url, "-qAtc", query], capture_output=True, text=True)
    return [int(line) for line in found.stdout.split() if line.isdigit()]


def cpu_seconds(pids) -> float:
    ticks = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


class Agent(threading.Thread):
    def __init__(self, args, user, deadline, results):
        super().__init__(daemon=True)
        self.args, self.user, self.deadline, self.results = args, user, deadline, results
        self.session = Session(args.base_url, timeout=60)
        self.since = ""

    def setup(self):
        login, _, password = self.user.partition(":")
        self.session.login("/accounts/login/", login, password or self.args.password)

    def poll(self):
        if self.args.watch:
            token = self.session.cookies.get("csrftoken", "")
            body = {"csrfmiddlewaretoken": token, "seen_message_id": "1", "typing": "0"}
            return self.session.request("POST", f"/desk/tickets/{self.args.watch}/watch/", body)
        query = urllib.parse.urlencode({"since": self.since}) if self.since else ""
        status, payload, response = self.session.request("GET", f"/desk/changes/?{query}")
        if status == 200:
            self.since = str(json.loads(payload)["now"])
        return status, payload, response

    def run(self):
        next_at = time.monotonic() + random.uniform(0, self.args.interval)
        while True:
            delay = next_at - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            if time.monotonic() >= self.deadline:
                return
            started = time.perf_counter()
            try:
                status, payload, _ = self.poll()
            except OSError:
                status, payload = 0, b""
            elapsed = (time.perf_counter() - started) * 1000
            self.results.append((elapsed, status, len(payload)))
            next_at += self.args.interval


def churn(command, deadline):
    """Change tickets once a second while the agents poll."""
    while time.monotonic() < deadline:
        subprocess.run(command, shell=True, check=False, capture_output=True)
        time.sleep(1)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8311")
    parser.add_argument("--agents", type=int, default=50)
    parser.add_argument("--interval", type=float, default=10)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--users", default="staff", help="comma-separated logins, cycled")
    parser.add_argument("--password", default="demo")
    parser.add_argument("--watch", help="a ticket id: poll its page's watch endpoint instead")
    parser.add_argument("--gunicorn-pid", type=int, help="measure this process tree's CPU")
    parser.add_argument("--churn-sql", help="a shell command run once a second meanwhile")
    parser.add_argument(
        "--postgres-url", help="also measure the PostgreSQL backends serving this database"
    )
    args = parser.parse_args(argv)
    check_target(args.base_url, False)
    users = args.users.split(",")
    results = []
    agents = [Agent(args, users[n % len(users)], 0, results) for n in range(args.agents)]
    for agent in agents:
        agent.setup()
    pids = process_tree(args.gunicorn_pid) if args.gunicorn_pid else []
    backends = database_backends(args.postgres_url) if args.postgres_url else []
    cpu_before, wall_before = cpu_seconds(pids), time.monotonic()
    db_before = cpu_seconds(backends)
    deadline = wall_before + args.seconds
    if args.churn_sql:
        threading.Thread(target=churn, args=(args.churn_sql, deadline), daemon=True).start()
    for agent in agents:
        agent.deadline = deadline
        agent.start()
    for agent in agents:
        agent.join()
    wall = time.monotonic() - wall_before
    cpu = cpu_seconds(pids) - cpu_before
    db_cpu = cpu_seconds(backends) - db_before
    times = sorted(elapsed for elapsed, _status, _size in results)
    errors = sum(1 for _elapsed, status, _size in results if status != 200)
    cores = os.cpu_count() or 1
    what = f"watch #{args.watch}" if args.watch else "changes"
    print(
        f"{what}: agents={args.agents} interval={args.interval}s polls={len(times)} "
        f"rate={len(times) / wall:.1f}/s p50={statistics.median(times):.1f}ms "
        f"p95={percentile(times, 95):.1f}ms p99={percentile(times, 99):.1f}ms "
        f"max={times[-1]:.1f}ms errors={errors} "
        f"avg_bytes={statistics.mean(size for *_x, size in results):.0f} "
        + (
            f"gunicorn_cpu={cpu / wall:.3f} cores ({100 * cpu / wall / cores:.1f}% of {cores}) "
            if pids
            else ""
        )
        + (
            f"postgres_cpu={db_cpu / wall:.3f} cores ({len(backends)} backends) "
            if backends
            else ""
        )
        + f"load={os.getloadavg()[0]:.2f}"
    )
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
