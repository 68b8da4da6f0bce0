"""The project's settings, with collectstatic going to a throw-away directory so a benchmark
run (DEBUG=0: hashed, manifest-backed static files) leaves nothing in the working tree."""

import os

from helpdesk.settings import *  # noqa: F403

STATIC_ROOT = os.environ.get("BENCH_STATIC_ROOT") or STATIC_ROOT  # noqa: F405
ROOT_URLCONF = "bench.urls"
