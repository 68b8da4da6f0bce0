"""SQL queries per page, inside the project: Django's test Client and CaptureQueriesContext
against the database in DATABASE_URL, for the pages of a bench/http_bench.py URL file.

Each page is requested once to warm the process caches, then once more while the queries
are captured. With --explain (PostgreSQL), the slowest statements of each page are run
again under EXPLAIN (ANALYZE, BUFFERS) and their plans printed; --show-sql prints every
statement with its time.

    DJANGO_SETTINGS_MODULE=bench.settings DATABASE_URL=postgres://... \\
        .venv/bin/python bench/count_queries.py --urls-file bench/results/100000/urls.txt
"""

import argparse
import json
import os
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench import http_bench  # noqa: E402

settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]


def content_of(response) -> bytes:
    """The body, read whole also when it is streamed (the unpaged API lists)."""
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


class Visitor:
    """One test Client per user, logged in through the login form like the harness."""

    def __init__(self, password, login_path):
        self.password, self.login_path = password, login_path
        self.clients = {}
        self.sids = {}

    def client(self, spec):
        if spec not in self.clients:
            client = Client()
            login, password = http_bench.parse_user(spec, self.password)
            if login:
                page = client.get(self.login_path)
                data = http_bench.login_fields(page.content.decode(), login, password)
                answer = client.post(self.login_path, data)
                if answer.status_code not in (302, 303):
                    raise RuntimeError(f"login as {login} failed ({answer.status_code})")
            self.clients[spec] = client
        return self.clients[spec]

    def path(self, spec, path):
        if "{auth}" not in path:
            return path
        if spec not in self.sids:
            login, password = http_bench.parse_user(spec, self.password)
            answer = self.client("-").get(
                "/billmgr", {"func": "auth", "username": login, "password": password, "out": "json"}
            )
            self.sids[spec] = json.loads(answer.content)["doc"]["auth"]["$id"]
        return path.replace("{auth}", self.sids[spec])

    def setup(self, entry):
        client = self.client(entry.user)
        page = client.get(entry.setup["from"])
        data = http_bench.form_fields(page.content.decode(), entry.setup["action"])
        data.update({k: v if len(v) > 1 else v[0] for k, v in entry.setup["data"].items()})
        answer = client.post(entry.setup["action"], data)
        if answer.status_code not in (200, 302, 303):
            raise RuntimeError(f"POST {entry.setup['action']} answered {answer.status_code}")


def explain(sql: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
        return "\n".join(row[0] for row in cursor.fetchall())


def shorten(sql: str, width: int = 300) -> str:
    sql = re.sub(r"\s+", " ", sql)
    return sql if len(sql) <= width else sql[: width - 1] + "…"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--urls-file", required=True)
    parser.add_argument("--password", default="demo")
    parser.add_argument("--login-path", default=http_bench.DEFAULT_LOGIN_PATH)
    parser.add_argument("--only", help="regular expression: labels to count")
    parser.add_argument("--show-sql", action="store_true", help="print every statement")
    parser.add_argument("--explain", type=int, nargs="?", const=2, default=0, metavar="K",
                        help="EXPLAIN ANALYZE the K slowest statements of each page")  # fmt: skip
    parser.add_argument("--json", help="write the counts here")
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
        client.get(path)  # warm-up
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(path)
            body = content_of(response)
            wall = (time.perf_counter() - start) * 1000
        queries = captured.captured_queries
        db_ms = sum(float(q["time"]) for q in queries) * 1000
        row = {
            "label": entry.label,
            "path": entry.path,
            "status": response.status_code,
            "queries": len(queries),
            "db_ms": round(db_ms, 1),
            "wall_ms": round(wall, 1),
            "bytes": len(body),
        }
        rows.append(row)
        print(
            f"{entry.label:<22} {response.status_code} queries={len(queries):<3} "
            f"db={db_ms:7.1f} ms wall={wall:7.1f} ms bytes={len(body)}",
            flush=True,
        )
        slowest = sorted(queries, key=lambda q: float(q["time"]), reverse=True)
        if args.show_sql:
            for q in queries:
                print(f"    {float(q['time']) * 1000:7.1f} ms  {shorten(q['sql'])}")
        if args.explain and connection.vendor == "postgresql":
            for q in slowest[: args.explain]:
                if not q["sql"].lstrip().upper().startswith("SELECT"):
                    continue
                print(f"  -- {float(q['time']) * 1000:.1f} ms: {shorten(q['sql'], 2000)}")
                print("    " + explain(q["sql"]).replace("\n", "\n    "))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump(rows, out, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
