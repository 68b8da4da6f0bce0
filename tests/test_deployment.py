"""The production set-up as documented: gunicorn's own access log keeps no credentials,
`check --deploy` is clean, and login throttling sees the client behind the TLS proxy."""

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.test import RequestFactory, override_settings

from helpdesk.client_address import client_address

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "PATH": "/usr/bin:/bin",
    "DJANGO_SETTINGS_MODULE": "helpdesk.settings",
    "DEBUG": "0",
    "SECRET_KEY": "a-long-random-production-secret-key-for-this-test-only-0123456789",
    "ALLOWED_HOSTS": "support.example.com",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_the_gunicorn_access_log_never_holds_authinfo(tmp_path):
    port, log = free_port(), tmp_path / "access.log"
    env = {**PRODUCTION, "ALLOWED_HOSTS": "127.0.0.1", "SECURE_SSL_REDIRECT": "0",
           "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
           "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_ACCESS_LOG": str(log),
           "GUNICORN_WORKERS": "1"}  # fmt: skip
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "helpdesk.wsgi"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        url = f"http://127.0.0.1:{port}/billmgr?func=ticket&authinfo=root:hunter2secret"
        for _attempt in range(100):
            try:
                urllib.request.urlopen(url, timeout=5).read()
                break
            except OSError:
                time.sleep(0.1)
        for _attempt in range(50):
            if log.exists() and log.read_text():
                break
            time.sleep(0.1)
    finally:
        server.terminate()
        server.wait(timeout=10)
    written = log.read_text()
    assert "GET /billmgr HTTP/1.1" in written
    assert "hunter2secret" not in written and "authinfo" not in written


def test_check_deploy_is_clean_with_the_documented_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=PRODUCTION, capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@override_settings(BEHIND_TLS_PROXY=True, TRUSTED_PROXY_COUNT=1)
def test_behind_the_proxy_the_client_is_the_address_the_proxy_appended():
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9"
    )
    assert client_address(request) == "203.0.113.9", "the left entry is the client's own word"
    junk = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="nonsense")
    assert client_address(junk) == "10.0.0.2"


def test_without_the_proxy_the_header_is_ignored():
    request = RequestFactory().get("/", REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_address(request) == "198.51.100.7"


@pytest.mark.django_db
@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=2, BEHIND_TLS_PROXY=True)
def test_an_attacker_behind_the_proxy_locks_out_only_themselves(client, root):
    attacker = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "203.0.113.66"}
    for _attempt in range(3):
        client.post("/accounts/login/", {"username": "root", "password": "x"}, **attacker)
    locked = client.post("/accounts/login/", {"username": "root", "password": "demo"}, **attacker)
    assert locked.status_code != 302, "the attacker's address is locked for root"
    owner = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "198.51.100.20"}
    response = client.post("/accounts/login/", {"username": "root", "password": "demo"}, **owner)
    assert response.status_code == 302, "root still logs in from their own address"
