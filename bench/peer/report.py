#!/usr/bin/env python3
"""bench/results/<N>/peer_side_by_side.md from the side-by-side JSON files of one run."""

import argparse
import json
import platform
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from side_by_side import markdown  # noqa: E402

LABELS = {
    "staff_list": "Staff ticket list: peer `/tickets/` + its DataTables JSON (25 rows, open and "
    "reopened, all queues); ours `/desk/` (the queue, 50 rows, staff's 2 departments)",
    "filtered_list": "Filtered list: peer `/tickets/?queue=<first>&status=1&status=2` + JSON; "
    "ours `/desk/` with the saved filter `department=<staff's first>`",
    "search": "Search, the same word: peer `/tickets/?q=WORD` + JSON (title, description, "
    "e-mail… `icontains`); ours `/desk/search/?q=WORD` (full text over subjects and messages)",
    "ticket": "Ticket page, a ticket with 5 follow-ups / messages from the middle of the id range",
    "customer_list": "Customer's list: peer `/tickets/my-tickets/` + `/api/user_tickets/?page=1`; "
    "ours `/` (the client's tickets, 20 a page)",
    "customer_ticket": "Customer's ticket page: peer `/view/?ticket=…&email=…` (logged in); "
    "ours `/tickets/<id>/`",
}


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", required=True)
    parser.add_argument("--urls", required=True)
    parser.add_argument("--load-start", default="")
    parser.add_argument("--load-end", default="")
    parser.add_argument("runs", nargs="+")
    args = parser.parse_args(argv)
    runs = [json.loads(Path(path).read_text()) for path in args.runs]
    comments = [
        line[2:] for line in Path(args.urls).read_text().splitlines() if line.startswith("# ")
    ]
    cpus = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    out = [
        f"# django-helpdesk 2.6.1 beside us at {int(args.n):,} tickets",
        "",
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {platform.node()} ({cpus} cores, shared), "
        f"`bench/run.sh {args.n} peer`. Load average (1, 5, 15 min) at the start "
        f"{args.load_start}, at the end {args.load_end}; per page in the table "
        "(1 min, before–after).",
        "",
        "Both served by gunicorn, 2 sync workers, DEBUG off, PostgreSQL, persistent connections; "
        "every client logged in through the login form. Requests interleaved: peer, ours, peer, "
        "ours… Latency in ms from connect to the last body byte; a peer list is its page plus "
        "the JSON request it makes (shown as page + JSON = sum). `*`: the time cap stopped the "
        "page before N pairs.",
        "",
        *[f"- {comment}" for comment in comments],
        "",
    ]
    for run in runs:
        out += [
            f"## C={run['concurrency']}, {run['requests']} pairs per page, {run['warmup']} warm-up",
            "",
        ]
        out += [markdown(run["results"]), ""]
    out += ["## Pages", ""]
    out += [f"- `{label}`: {text}" for label, text in LABELS.items()]
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
