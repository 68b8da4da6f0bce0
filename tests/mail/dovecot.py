"""A real Dovecot (IMAP and POP3) on loopback for the tests: a throwaway configuration,
mail directory and ports of its own, any login with one password, each login its own
maildir (so each test takes a fresh login instead of cleaning up)."""

import imaplib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

PASSWORD = "dovecot-test-secret"
BINARY = shutil.which("dovecot") or "/usr/sbin/dovecot"

CONFIG = """\
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = imap pop3
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:{root}/mail/%u
first_valid_uid = 1
default_internal_user = {internal_user}
default_login_user = {login_user}
passdb {{
  driver = static
  args = password={password}
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/mail/%u
}}
namespace inbox {{
  inbox = yes
  separator = /
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {imap_port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service pop3-login {{
  inet_listener pop3 {{
    address = 127.0.0.1
    port = {pop3_port}
  }}
  inet_listener pop3s {{
    port = 0
  }}
}}
protocol imap {{
  mail_max_userip_connections = 100
}}
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def accounts() -> dict:
    """Dovecot refuses to read mail as root: as root the mail belongs to its own system
    user (the Debian package creates `dovecot` and `dovenull`); otherwise to us."""
    if os.geteuid() == 0:
        mail_owner = pwd.getpwnam("dovecot")
        return {"internal_user": "dovecot", "login_user": "dovenull",
                "uid": mail_owner.pw_uid, "gid": mail_owner.pw_gid}  # fmt: skip
    me = pwd.getpwuid(os.geteuid())
    return {"internal_user": me.pw_name, "login_user": me.pw_name, "uid": me.pw_uid,
            "gid": me.pw_gid}  # fmt: skip


class Dovecot:
    host = "127.0.0.1"
    password = PASSWORD

    def __init__(self):
        self.root = Path(tempfile.mkdtemp(prefix="helpdesk-dovecot-"))
        self.root.chmod(0o755)  # Dovecot's own processes walk into it
        self.imap_port, self.pop3_port = free_port(), free_port()
        who = accounts()
        (self.root / "mail").mkdir()
        os.chown(self.root / "mail", who["uid"], who["gid"])
        self.config = self.root / "dovecot.conf"
        self.config.write_text(CONFIG.format(
            root=self.root, password=PASSWORD, imap_port=self.imap_port,
            pop3_port=self.pop3_port, **who,
        ))  # fmt: skip
        self.process = subprocess.Popen(
            [BINARY, "-F", "-c", str(self.config)],
            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
        )  # fmt: skip
        self.wait_until_listening()

    def wait_until_listening(self):
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Dovecot stopped at start: {self.log()}")
            try:
                socket.create_connection((self.host, self.pop3_port), timeout=1).close()
                socket.create_connection((self.host, self.imap_port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"Dovecot did not listen within 20 s: {self.log()}")

    def log(self) -> str:
        path = self.root / "dovecot.log"
        return path.read_text() if path.exists() else ""

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.root, ignore_errors=True)

    def imap(self, login) -> imaplib.IMAP4:
        connection = imaplib.IMAP4(self.host, self.imap_port, timeout=30)
        connection.login(login, PASSWORD)
        return connection

    def append(self, login, raw: bytes, folder="INBOX") -> None:
        """Mail arrives, as the MTA's delivery would put it there (IMAP APPEND)."""
        connection = self.imap(login)
        try:
            connection.create(f'"{folder}"')
            status, data = connection.append(f'"{folder}"', None, None, raw)
            assert status == "OK", data
        finally:
            connection.logout()

    def messages(self, login, folder="INBOX") -> list[bytes]:
        """The raw messages in a folder; [] for a folder that does not exist."""
        connection = self.imap(login)
        try:
            status, _data = connection.select(f'"{folder}"', readonly=True)
            if status != "OK":
                return []
            _status, [found] = connection.uid("SEARCH", None, "UNDELETED")
            raws = []
            for uid in found.split():
                _status, data = connection.uid("FETCH", uid, "(BODY.PEEK[])")
                raws.append(next(part[1] for part in data if isinstance(part, tuple)))
            return raws
        finally:
            connection.logout()
