#!/usr/bin/env python3
"""HTTP load harness, standard library only.

Each simulated client logs in through the real login form (GET the form, post its hidden
fields, the CSRF token among them, with the username and password) and keeps its own cookie
jar. Per URL: W warm-up requests, then N measured requests shared by C concurrent clients,
stopped early when the URL's time cap runs out. Reports median, p95, p99, req/s, bytes and
errors per URL.

URL file, one entry a line (`#` starts a comment):

    LABEL USER PATH                      measure PATH as USER (`-`: no login at all)
    @post USER ACTION FROM_PATH [QUERY]  set-up step: GET FROM_PATH, take the form posting to
                                         ACTION, override its fields with QUERY, post it once

USER is `login` (password from --password) or `login:password`. In PATH, `{auth}` becomes
an API session id the client gets from `/billmgr?func=auth` when it logs in.

Only loopback targets unless --allow-remote.
"""

import argparse
import http.client
import json
import math
import re
import statistics
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from html.parser import HTMLParser

DEFAULT_LOGIN_PATH = "/accounts/login/"
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


# --- HTML forms -------------------------------------------------------------------------


class FormParser(HTMLParser):
    """Collects every <form> with its action and named inputs (hidden values kept)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self.current = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.current = {"action": attrs.get("action") or "", "fields": [], "types": set()}
            self.forms.append(self.current)
        elif tag == "input" and self.current is not None:
            kind = (attrs.get("type") or "text").lower()
            self.current["types"].add(kind)
            if attrs.get("name"):
                self.current["fields"].append((attrs["name"], kind, attrs.get("value") or ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None


def parse_forms(html: str) -> list[dict]:
    parser = FormParser()
    parser.feed(html)
    return parser.forms


def login_fields(html: str, username: str, password: str) -> dict:
    """The login form's hidden fields plus the credentials."""
    for form in parse_forms(html):
        if "password" not in form["types"]:
            continue
        data, user_field = {}, None
        for name, kind, value in form["fields"]:
            if kind == "hidden":
                data[name] = value
            elif kind == "password":
                data[name] = password
            elif kind in ("text", "email") and user_field is None:
                user_field = name
        if user_field:
            data[user_field] = username
        return data
    raise RuntimeError("no login form (a form with a password field) on the login page")


def form_fields(html: str, action: str) -> dict:
    """The hidden fields of the form that posts to `action`."""
    for form in parse_forms(html):
        if urllib.parse.urlsplit(form["action"]).path == action:
            return {name: value for name, kind, value in form["fields"] if kind == "hidden"}
    raise RuntimeError(f"no form posting to {action}")


# --- one client -------------------------------------------------------------------------


class Session:
    """One keep-alive connection and one cookie jar, like one browser tab."""

    def __init__(self, base_url: str, timeout: float):
        parts = urllib.parse.urlsplit(base_url)
        self.host, self.port = parts.hostname, parts.port or 80
        self.timeout = timeout
        self.cookies: dict[str, str] = {}
        self.conn = None
        self.api_sid = ""

    def _connection(self):
        if self.conn is None:
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        return self.conn

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def request(self, method: str, path: str, body: dict | None = None, referer: str = ""):
        """(status, body bytes, headers); a dropped keep-alive connection is retried once."""
        headers = {"Host": f"{self.host}:{self.port}", "User-Agent": "helpdesk-bench"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = None
        if body is not None:
            data = urllib.parse.urlencode(body, doseq=True).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if referer:
            headers["Referer"] = f"http://{self.host}:{self.port}{referer}"
        for attempt in (1, 2):
            conn = self._connection()
            try:
                conn.request(method, path, body=data, headers=headers)
                response = conn.getresponse()
                payload = response.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.close()
                if attempt == 2:
                    raise
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        if response.getheader("Connection", "").lower() == "close":
            self.close()
        return response.status, payload, response

    def login(self, login_path: str, username: str, password: str) -> None:
        status, body, _ = self.request("GET", login_path)
        if status != 200:
            raise RuntimeError(f"login page answered {status}")
        fields = login_fields(body.decode("utf-8", "replace"), username, password)
        status, body, response = self.request("POST", login_path, fields, referer=login_path)
        if status not in (302, 303):
            raise RuntimeError(f"login as {username} failed (HTTP {status})")

    def api_login(self, username: str, password: str) -> None:
        query = urllib.parse.urlencode(
            {"func": "auth", "username": username, "password": password, "out": "json"}
        )
        status, body, _ = self.request("GET", f"/billmgr?{query}")
        doc = json.loads(body)["doc"]
        if "auth" not in doc:
            raise RuntimeError(f"API login as {username} failed: {doc}")
        self.api_sid = doc["auth"]["$id"]

    def post_form(self, action: str, from_path: str, overrides: dict) -> int:
        status, body, _ = self.request("GET", from_path)
        if status != 200:
            raise RuntimeError(f"{from_path} answered {status}")
        data = form_fields(body.decode("utf-8", "replace"), action)
        data.update(overrides)
        status, _, _ = self.request("POST", action, data, referer=from_path)
        if status not in (200, 302, 303):
            raise RuntimeError(f"POST {action} answered {status}")
        return status


# --- the URL file ----------------------------------------------------------------------


@dataclass
class Entry:
    label: str
    user: str  # "" for no login
    path: str
    setup: dict | None = None  # for @post: action, from, data


def parse_user(spec: str, default_password: str) -> tuple[str, str]:
    if spec == "-":
        return "", ""
    login, sep, password = spec.partition(":")
    return login, password if sep else default_password


def read_urls(path: str) -> list[Entry]:
    entries = []
    with open(path, encoding="utf-8") as lines:
        for raw in lines:
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            parts = line.split()
            if parts[0] == "@post":
                _, user, action, from_path, *rest = parts
                data = urllib.parse.parse_qs(rest[0] if rest else "", keep_blank_values=True)
                setup = {"action": action, "from": from_path, "data": data}
                entries.append(Entry("@post", user, action, setup))
            else:
                label, user, url = parts[0], parts[1], parts[2]
                entries.append(Entry(label, user, url))
    return entries


# --- measuring --------------------------------------------------------------------------


@dataclass
class Result:
    label: str
    path: str
    user: str
    concurrency: int
    latencies_ms: list = field(default_factory=list)
    bytes: list = field(default_factory=list)
    statuses: dict = field(default_factory=dict)
    errors: int = 0
    error_samples: list = field(default_factory=list)
    wall_s: float = 0.0
    capped: bool = False

    def summary(self) -> dict:
        lat = sorted(self.latencies_ms)
        n = len(lat)
        return {
            "label": self.label,
            "path": self.path,
            "user": self.user,
            "c": self.concurrency,
            "n": n,
            "median_ms": round(statistics.median(lat), 1) if n else None,
            "p95_ms": round(percentile(lat, 95), 1) if n else None,
            "p99_ms": round(percentile(lat, 99), 1) if n else None,
            "min_ms": round(lat[0], 1) if n else None,
            "max_ms": round(lat[-1], 1) if n else None,
            "req_s": round(n / self.wall_s, 2) if self.wall_s else None,
            "bytes": round(statistics.median(self.bytes)) if self.bytes else 0,
            "errors": self.errors,
            "statuses": self.statuses,
            "capped": self.capped,
            "error_samples": self.error_samples[:3],
            "loadavg_1m": loadavg(),
        }


def loadavg():
    """The machine's 1-minute load after the URL: flags runs disturbed by other work."""
    try:
        with open("/proc/loadavg", encoding="ascii") as stat:
            return float(stat.read().split()[0])
    except OSError:
        return None


def percentile(sorted_values, pct) -> float:
    """Nearest-rank percentile."""
    if not sorted_values:
        return float("nan")
    rank = max(1, math.ceil(pct / 100 * len(sorted_values)))
    return sorted_values[rank - 1]


class Pool:
    """C logged-in sessions per user, created on first use and reused across URLs."""

    def __init__(self, args):
        self.args = args
        self.sessions: dict[tuple[str, int], Session] = {}

    def get(self, user_spec: str, index: int, needs_api: bool) -> Session:
        key = (user_spec, index)
        session = self.sessions.get(key)
        if session is None:
            session = Session(self.args.base_url, self.args.timeout)
            login, password = parse_user(user_spec, self.args.password)
            if login:
                session.login(self.args.login_path, login, password)
            self.sessions[key] = session
        if needs_api and not session.api_sid:
            login, password = parse_user(user_spec, self.args.password)
            session.api_login(login, password)
        return session

    def close(self):
        for session in self.sessions.values():
            session.close()


def measure(entry: Entry, pool: Pool, args) -> Result:
    c = args.concurrency
    needs_api = "{auth}" in entry.path
    sessions = [pool.get(entry.user, i, needs_api) for i in range(c)]
    result = Result(entry.label, entry.path, entry.user, c)
    expected = set(args.expect_status)

    def path_for(session):
        return entry.path.replace("{auth}", session.api_sid)

    # Warm-up: every session once (fills its worker's caches), then the rest on session 0.
    for i in range(max(args.warmup, 0)):
        session = sessions[i % c] if i < c else sessions[0]
        session.request("GET", path_for(session))
    lock = threading.Lock()
    remaining = [args.requests]
    deadline = time.monotonic() + args.max_seconds

    def worker(session):
        while True:
            with lock:
                if remaining[0] <= 0:
                    return
                if time.monotonic() > deadline:
                    result.capped = True
                    return
                remaining[0] -= 1
            start = time.perf_counter()
            try:
                status, body, _ = session.request("GET", path_for(session))
                elapsed = (time.perf_counter() - start) * 1000
                error = None if status in expected else f"HTTP {status}"
            except Exception as exc:  # a failed request is counted, not fatal
                elapsed, body, status, error = None, b"", "exception", repr(exc)[:200]
                session.close()
            with lock:
                result.statuses[str(status)] = result.statuses.get(str(status), 0) + 1
                if error:
                    result.errors += 1
                    result.error_samples.append(error)
                elif elapsed is not None:
                    result.latencies_ms.append(elapsed)
                    result.bytes.append(len(body))

    threads = [threading.Thread(target=worker, args=(s,), daemon=True) for s in sessions]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(args.max_seconds + args.timeout + 5)
    result.wall_s = time.perf_counter() - started
    return result


def run_setup(entry: Entry, pool: Pool) -> None:
    """A set-up step (saving a filter, say) posted once, by the first session of its user."""
    session = pool.get(entry.user, 0, False)
    data = {key: values if len(values) > 1 else values[0] for key, values in
            entry.setup["data"].items()}  # fmt: skip
    session.post_form(entry.setup["action"], entry.setup["from"], data)


def markdown_table(summaries: list[dict]) -> str:
    head = "| page | user | C | n | median ms | p95 | p99 | req/s | bytes | errors |"
    lines = [head, "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for s in summaries:
        capped = "*" if s["capped"] else ""
        lines.append(
            f"| {s['label']} | {s['user'] or '-'} | {s['c']} | {s['n']}{capped} | "
            f"{fmt(s['median_ms'])} | {fmt(s['p95_ms'])} | {fmt(s['p99_ms'])} | "
            f"{fmt(s['req_s'])} | {s['bytes']} | {s['errors']} |"
        )
    return "\n".join(lines)


def fmt(value) -> str:
    if value is None:
        return "-"
    return f"{value:.1f}" if value < 100 else f"{value:.0f}"


def check_target(base_url: str, allow_remote: bool) -> None:
    host = urllib.parse.urlsplit(base_url).hostname
    if host not in LOOPBACK and not allow_remote:
        sys.exit(f"refusing to load {host}: only loopback targets without --allow-remote")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--login-path", default=DEFAULT_LOGIN_PATH)
    parser.add_argument("--password", default="demo", help="default password of the users")
    parser.add_argument("--urls-file", required=True)
    parser.add_argument("-n", "--requests", type=int, default=100, help="measured per URL")
    parser.add_argument("-w", "--warmup", type=int, default=5)
    parser.add_argument("-c", "--concurrency", type=int, default=1)
    parser.add_argument("--max-seconds", type=float, default=60, help="time cap per URL")
    parser.add_argument("--timeout", type=float, default=120, help="per request, seconds")
    parser.add_argument("--only", help="regular expression: labels to measure")
    parser.add_argument("--expect-status", type=int, nargs="*", default=[200])
    parser.add_argument("--json", help="write the results here")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    parser.add_argument("--allow-remote", action="store_true")
    args = parser.parse_args(argv)
    check_target(args.base_url, args.allow_remote)
    only = re.compile(args.only) if args.only else None
    pool = Pool(args)
    summaries = []
    try:
        for entry in read_urls(args.urls_file):
            if entry.setup is not None:
                run_setup(entry, pool)
                continue
            if only and not only.search(entry.label):
                continue
            result = measure(entry, pool, args)
            summary = result.summary()
            summaries.append(summary)
            print(
                f"{summary['label']:<24} C={summary['c']} n={summary['n']:<4} "
                f"median={fmt(summary['median_ms'])} p95={fmt(summary['p95_ms'])} "
                f"p99={fmt(summary['p99_ms'])} req/s={fmt(summary['req_s'])} "
                f"bytes={summary['bytes']} errors={summary['errors']} load={summary['loadavg_1m']}"
                + (" (time cap)" if summary["capped"] else ""),
                file=sys.stderr,
                flush=True,
            )
    finally:
        pool.close()
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            meta = {"base_url": args.base_url, "requests": args.requests, "warmup": args.warmup,
                    "concurrency": args.concurrency, "max_seconds": args.max_seconds}  # fmt: skip
            json.dump({**meta, "results": summaries}, out, indent=1)
    if args.markdown:
        print(markdown_table(summaries))
    return 0


if __name__ == "__main__":
    sys.exit(main())
