#!/usr/bin/env python3
"""django-helpdesk and us, measured interleaved: peer request, ours, peer, ours… on the same
machine at the same concurrency, so machine noise hits both alike. Standard library only;
sessions, logins and form posts come from bench/http_bench.py.

URL file (bench/peer/make_urls.py and our_urls.py write the two halves):

    LABEL SIDE USER PATH [PATH…]      SIDE is `peer` or `ours`; several paths are requested
                                       one after the other and their times summed (a list
                                       page plus the JSON request it makes)
    @post SIDE USER ACTION FROM [QUERY]  a set-up step, run where it stands in the file

Each label needs one line per side. Per label: W warm-up pairs, then N pairs shared by C
clients (each client one session per side), stopped early at the label's time cap.
"""

import argparse
import json
import statistics
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from http_bench import Session, check_target, fmt, loadavg, parse_user, percentile  # noqa: E402

SIDES = ("peer", "ours")


@dataclass
class Page:
    label: str
    paths: dict = field(default_factory=dict)  # side -> list of paths
    users: dict = field(default_factory=dict)  # side -> user spec


@dataclass
class Setup:
    side: str
    user: str
    action: str
    from_path: str
    data: dict


def read_plan(path: str) -> list:
    """Set-up steps and pages in file order; a page stands where its label first appears."""
    plan, pages = [], {}
    for raw in Path(path).read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split()
        if parts[0] == "@post":
            _, side, user, action, from_path, *rest = parts
            data = urllib.parse.parse_qs(rest[0] if rest else "", keep_blank_values=True)
            plan.append(Setup(side, user, action, from_path, data))
            continue
        label, side, user, *paths = parts
        if side not in SIDES:
            raise SystemExit(f"{label}: side must be one of {SIDES}, not {side}")
        if label not in pages:
            pages[label] = Page(label)
            plan.append(pages[label])
        pages[label].paths[side] = paths
        pages[label].users[side] = user
    for page in pages.values():
        missing = [side for side in SIDES if side not in page.paths]
        if missing:
            raise SystemExit(f"{page.label}: no {' or '.join(missing)} line")
    return plan


class Sessions:
    """Logged-in sessions per (side, user, client index), created on first use."""

    def __init__(self, args):
        self.args = args
        self.open: dict[tuple, Session] = {}

    def get(self, side: str, user_spec: str, index: int) -> Session:
        key = (side, user_spec, index)
        if key not in self.open:
            session = Session(getattr(self.args, f"{side}_url"), self.args.timeout)
            login, password = parse_user(user_spec, self.args.password)
            if login:
                session.login(getattr(self.args, f"{side}_login_path"), login, password)
            self.open[key] = session
        return self.open[key]

    def close(self):
        for session in self.open.values():
            session.close()


@dataclass
class Samples:
    totals: list = field(default_factory=list)
    parts: list = field(default_factory=list)  # per path
    bytes: list = field(default_factory=list)
    errors: list = field(default_factory=list)


def fetch(session: Session, paths: list[str]):
    """(total ms, per-path ms, bytes, error or None) of the paths requested in turn."""
    parts, size = [], 0
    for path in paths:
        start = time.perf_counter()
        try:
            status, body, _ = session.request("GET", path)
        except Exception as exc:  # counted, not fatal
            session.close()
            return None, None, 0, f"{path}: {exc!r}"[:200]
        parts.append((time.perf_counter() - start) * 1000)
        size += len(body)
        if status != 200:
            return None, None, 0, f"{path}: HTTP {status}"
    return sum(parts), parts, size, None


def measure(page: Page, sessions: Sessions, args) -> dict:
    c = args.concurrency
    clients = [{side: sessions.get(side, page.users[side], i) for side in SIDES} for i in range(c)]
    samples = {side: Samples() for side in SIDES}
    for i in range(args.warmup):
        for side in SIDES:
            fetch(clients[i % c][side], page.paths[side])
    lock = threading.Lock()
    remaining = [args.requests]
    deadline = time.monotonic() + args.max_seconds
    capped = [False]
    load_before = loadavg()

    def worker(client):
        while True:
            with lock:
                if remaining[0] <= 0:
                    return
                if time.monotonic() > deadline:
                    capped[0] = True
                    return
                remaining[0] -= 1
            for side in SIDES:  # peer, then ours
                total, parts, size, error = fetch(client[side], page.paths[side])
                with lock:
                    record = samples[side]
                    if error:
                        record.errors.append(error)
                    else:
                        record.totals.append(total)
                        record.parts.append(parts)
                        record.bytes.append(size)

    threads = [threading.Thread(target=worker, args=(client,), daemon=True) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(args.max_seconds + args.timeout + 5)
    return {
        "label": page.label,
        "c": c,
        "capped": capped[0],
        "load_before": load_before,
        "load_after": loadavg(),
        **{side: summarize(samples[side], page.paths[side]) for side in SIDES},
    }


def summarize(samples: Samples, paths: list[str]) -> dict:
    totals = sorted(samples.totals)
    n = len(totals)
    parts = [
        round(statistics.median(sample[index] for sample in samples.parts), 1) if n else None
        for index in range(len(paths))
    ]
    return {
        "paths": paths,
        "n": n,
        "median_ms": round(statistics.median(totals), 1) if n else None,
        "p95_ms": round(percentile(totals, 95), 1) if n else None,
        "part_medians_ms": parts,
        "bytes": round(statistics.median(samples.bytes)) if samples.bytes else 0,
        "errors": len(samples.errors),
        "error_samples": samples.errors[:3],
    }


def ratio(peer, ours) -> str:
    if not peer or not ours:
        return "-"
    return f"{peer / ours:.1f}×"


def markdown(results: list[dict]) -> str:
    lines = [
        "| page | C | n | django-helpdesk median | p95 | ours median | p95 "
        "| peer ÷ ours median | p95 | load |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in results:
        peer, ours = r["peer"], r["ours"]
        median = fmt(peer["median_ms"])
        if len(peer["paths"]) > 1 and peer["n"]:
            median = " + ".join(fmt(part) for part in peer["part_medians_ms"]) + f" = {median}"
        n = f"{min(peer['n'], ours['n'])}{'*' if r['capped'] else ''}"
        errors = peer["errors"] + ours["errors"]
        n += f" ({errors} errors)" if errors else ""
        lines.append(
            f"| {r['label']} | {r['c']} | {n} | {median} | {fmt(peer['p95_ms'])} | "
            f"{fmt(ours['median_ms'])} | {fmt(ours['p95_ms'])} | "
            f"**{ratio(peer['median_ms'], ours['median_ms'])}** | "
            f"{ratio(peer['p95_ms'], ours['p95_ms'])} | "
            f"{r['load_before']}–{r['load_after']} |"
        )
    return "\n".join(lines)


def run_setup(step: Setup, sessions: Sessions) -> None:
    data = {key: values if len(values) > 1 else values[0] for key, values in step.data.items()}
    sessions.get(step.side, step.user, 0).post_form(step.action, step.from_path, data)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--peer-url", required=True)
    parser.add_argument("--ours-url", required=True)
    parser.add_argument("--peer-login-path", default="/login/")
    parser.add_argument("--ours-login-path", default="/accounts/login/")
    parser.add_argument("--password", default="demo")
    parser.add_argument("--urls-file", required=True)
    parser.add_argument("-n", "--requests", type=int, default=100, help="measured pairs per page")
    parser.add_argument("-w", "--warmup", type=int, default=5)
    parser.add_argument("-c", "--concurrency", type=int, default=1)
    parser.add_argument("--max-seconds", type=float, default=120, help="time cap per page")
    parser.add_argument("--timeout", type=float, default=120, help="per request, seconds")
    parser.add_argument("--json", help="write the results here")
    args = parser.parse_args(argv)
    for url in (args.peer_url, args.ours_url):
        check_target(url, False)
    sessions = Sessions(args)
    results = []
    try:
        for step in read_plan(args.urls_file):
            if isinstance(step, Setup):
                run_setup(step, sessions)
                continue
            result = measure(step, sessions, args)
            results.append(result)
            peer, ours = result["peer"], result["ours"]
            print(
                f"{step.label:<16} C={args.concurrency} "
                f"peer n={peer['n']} median={fmt(peer['median_ms'])} "
                f"p95={fmt(peer['p95_ms'])} | ours n={ours['n']} median={fmt(ours['median_ms'])} "
                f"p95={fmt(ours['p95_ms'])} | ratio {ratio(peer['median_ms'], ours['median_ms'])} "
                f"errors {peer['errors']}/{ours['errors']} load {result['load_after']}",
                file=sys.stderr,
                flush=True,
            )
    finally:
        sessions.close()
    if args.json:
        meta = {"requests": args.requests, "warmup": args.warmup, "concurrency": args.concurrency,
                "max_seconds": args.max_seconds}  # fmt: skip
        Path(args.json).write_text(json.dumps({**meta, "results": results}, indent=1))
    print(markdown(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
