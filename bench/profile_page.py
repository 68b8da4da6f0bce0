"""Where one page's time goes, inside the project (DEBUG off, production settings): the
page is requested through Django's test Client as a logged-in user, warmed, then measured
N times. Prints the median and p95 wall time, the time spent waiting on the database and
the statements per request, the time by part (templates, ORM, database driver, sessions
and auth, URL resolution, the rest), and cProfile's top functions by own time.

    DJANGO_SETTINGS_MODULE=bench.settings DATABASE_URL=postgres://.../helpdesk_bench_1000000 \\
        BENCH_STATIC_ROOT=/tmp/bench-static .venv/bin/python bench/profile_page.py staff /desk/

(after `manage.py collectstatic` into BENCH_STATIC_ROOT with the same settings: DEBUG off
reads the hashed static files).

USER is `login` or `login:password` (password `demo` by default), as in the URL files.
"""

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

from bench.count_queries import Visitor  # noqa: E402

# Own time of a function is charged to the first part whose marker its file path holds.
PARTS = [
    ("templates", ("django/template/", "django/templatetags/", "jinja2/", "/templatetags/")),
    ("database driver", ("psycopg/", "psycopg_binary", "sqlite3/")),
    ("ORM", ("django/db/",)),
    ("sessions and auth", ("django/contrib/sessions/", "django/contrib/auth/", "django_otp/")),
    ("URL resolution", ("django/urls/",)),
    ("translation", ("django/utils/translation/", "gettext")),
    ("our code", (str(ROOT / "helpdesk"), str(ROOT / "accounts"))),
]


class DatabaseClock:
    """Wall time spent inside database calls, and their count."""

    def __init__(self):
        self.seconds, self.statements = 0.0, 0

    def __call__(self, execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - start
            self.statements += 1


def part_of(filename: str) -> str:
    for part, markers in PARTS:
        if any(marker in filename for marker in markers):
            return part
    return "the rest (Python, middleware, WSGI)"


def parts(stats: pstats.Stats, requests: int) -> dict[str, float]:
    totals: dict[str, float] = {}
    for (filename, _line, _name), (_cc, _nc, own, _cum, _callers) in stats.stats.items():
        part = part_of(filename)
        totals[part] = totals.get(part, 0.0) + own
    return {part: seconds * 1000 / requests for part, seconds in totals.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("user")
    parser.add_argument("path")
    parser.add_argument("-n", type=int, default=100, help="measured requests")
    parser.add_argument("-w", type=int, default=10, help="warm-up requests")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--password", default="demo")
    options = parser.parse_args()

    visitor = Visitor(options.password, "/accounts/login/")
    client = visitor.client(options.user)
    for _ in range(options.w):
        assert client.get(options.path).status_code == 200, options.path

    clock = DatabaseClock()
    times = []
    with connection.execute_wrapper(clock):
        for _ in range(options.n):
            start = time.perf_counter()
            client.get(options.path)
            times.append((time.perf_counter() - start) * 1000)
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(options.n):
        client.get(options.path)
    profile.disable()

    times.sort()
    print(f"{options.user} {options.path}: {options.n} requests")
    print(f"  median {statistics.median(times):.1f} ms, p95 {times[int(len(times) * 0.95)]:.1f} ms")
    print(
        f"  database {clock.seconds * 1000 / options.n:.1f} ms in "
        f"{clock.statements / options.n:.1f} statements a request (wall, driver included)"
    )
    stats = pstats.Stats(profile)
    print("  own time by part, under the profiler (ms a request):")
    for part, ms in sorted(parts(stats, options.n).items(), key=lambda item: -item[1]):
        print(f"    {part:<36} {ms:6.1f}")
    print()
    stats.sort_stats("tottime").print_stats(options.top)


if __name__ == "__main__":
    main()
