"""Each page's own cost inside one process: median and p95 of the wall time and of the
CPU time the request took (the time the request's thread ran), through Django's test
Client with every middleware, DEBUG off, the body read whole. The CPU time is the figure to
compare across runs on a busy machine: other processes lengthen the wall time of a request,
hardly its CPU time. The database's own work is outside it (another process).

    DJANGO_SETTINGS_MODULE=bench.settings DATABASE_URL=postgres://.../helpdesk_bench_100000 \\
        BENCH_STATIC_ROOT=/tmp/bench-static .venv/bin/python bench/page_cpu.py \\
        --urls-file bench/results/100000/urls.txt -n 60 --json out.json
"""

import argparse
import json
import re
import statistics
import sys
import time

from count_queries import Visitor, content_of, http_bench


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def measure(client, path, requests):
    walls, cpus = [], []
    for _ in range(requests):
        wall, cpu = time.perf_counter(), time.thread_time()
        content_of(client.get(path))
        cpus.append((time.thread_time() - cpu) * 1000)
        walls.append((time.perf_counter() - wall) * 1000)
    return {
        "wall_median": round(statistics.median(walls), 1),
        "wall_p95": round(percentile(walls, 0.95), 1),
        "cpu_median": round(statistics.median(cpus), 1),
        "cpu_p95": round(percentile(cpus, 0.95), 1),
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--urls-file", required=True)
    parser.add_argument("--password", default="demo")
    parser.add_argument("--login-path", default=http_bench.DEFAULT_LOGIN_PATH)
    parser.add_argument("--only", help="regular expression: labels to measure")
    parser.add_argument("-n", type=int, default=60, help="measured requests a page")
    parser.add_argument("-w", type=int, default=5, help="warm-up requests a page")
    parser.add_argument("--json", help="write the figures here")
    args = parser.parse_args(argv)
    only = re.compile(args.only) if args.only else None
    visitor = Visitor(args.password, args.login_path)
    rows = []
    for entry in http_bench.read_urls(args.urls_file):
        if entry.setup is not None:
            visitor.setup(entry)
            continue
        if only and not only.search(entry.label):
            continue
        client = visitor.client(entry.user)
        path = visitor.path(entry.user, entry.path)
        for _ in range(args.w):
            content_of(client.get(path))
        row = {"label": entry.label, **measure(client, path, args.n)}
        rows.append(row)
        print(
            f"{row['label']:<22} wall {row['wall_median']:7.1f} / {row['wall_p95']:7.1f} ms"
            f"   cpu {row['cpu_median']:7.1f} / {row['cpu_p95']:7.1f} ms",
            flush=True,
        )
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump(rows, out, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
