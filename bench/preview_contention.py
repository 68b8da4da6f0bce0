"""Does a burst of worst-case Markdown previews delay another user's page?

Four demo users post the slowest input of bench/markdown_corpus.py to the preview at the same
moment; meanwhile a fifth, anonymous visitor loads the login page. Prints each time.

    bench/preview_contention.sh     (starts gunicorn with 2 sync workers on loopback)
"""

import argparse
import statistics
import threading
import time

from bench.http_bench import Session
from bench.markdown_corpus import CORPUS

PREVIEW = "/markdownx/markdownify/"
LOGIN = "/accounts/login/"


def timed(session, method, path, body=None):
    started = time.perf_counter()
    status, _body, _response = session.request(method, path, body)
    return status, (time.perf_counter() - started) * 1000


def preview(session, text, results, barrier):
    body = preview_body(session, text)
    barrier.wait()
    results.append(timed(session, "POST", PREVIEW, body))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8312")
    parser.add_argument("--users", default="client,client2,staff,staff2")
    parser.add_argument("--password", default="demo")
    parser.add_argument("--input", default="`**a*_` × N", help="a name in CORPUS")
    args = parser.parse_args()

    text = CORPUS[args.input]
    sessions = []
    for user in args.users.split(","):
        session = Session(args.base_url, timeout=120)
        session.login(LOGIN, user, args.password)
        timed(session, "GET", LOGIN)  # a fresh csrftoken cookie after the login rotated it
        sessions.append(session)
    visitor = Session(args.base_url, timeout=120)
    alone = [timed(visitor, "GET", LOGIN)[1] for _ in range(10)]
    one = [timed(sessions[0], "POST", PREVIEW, preview_body(sessions[0], text))]
    time.sleep(10)  # a new rate-limit window

    results, barrier = [], threading.Barrier(len(sessions) + 1)
    threads = [
        threading.Thread(target=preview, args=(session, text, results, barrier))
        for session in sessions
    ]
    for thread in threads:
        thread.start()
    barrier.wait()
    time.sleep(0.05)  # the previews are in the workers first
    status, during = timed(visitor, "GET", LOGIN)
    for thread in threads:
        thread.join()

    print(f"input: {args.input} ({len(text):,} chars)")
    print(f"login page alone: median {statistics.median(alone):.0f} ms")
    print(f"one preview alone: {one[0][1]:.0f} ms (HTTP {one[0][0]})")
    burst = ", ".join(f"{ms:.0f} ms (HTTP {code})" for code, ms in results)
    print(f"{len(sessions)} previews at once: {burst}")
    print(f"login page during them: {during:.0f} ms (HTTP {status})")


def preview_body(session, text):
    return {"content": text, "csrfmiddlewaretoken": session.cookies["csrftoken"]}


if __name__ == "__main__":
    main()
