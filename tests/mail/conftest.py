import io
import sys
import uuid
from pathlib import Path

import pytest
from django.core.management import call_command

from helpdesk.mail.models import Mailbox

EML = Path(__file__).parent / "eml"


@pytest.fixture
def support(tech):
    return Mailbox.objects.create(address="support@hostco.example", department=tech)


@pytest.fixture
def ann(client_user):
    client_user.email = "ann@acme.example"
    client_user.save()
    return client_user


def eml(name: str) -> bytes:
    return (EML / name).read_bytes()


@pytest.fixture
def pipe(monkeypatch, support):
    """`manage.py receive_mail --mailbox support@…` with the message on standard input."""

    def run(raw: bytes, mailbox=support.address) -> str:
        stdin = io.TextIOWrapper(io.BytesIO(raw))
        monkeypatch.setattr(sys, "stdin", stdin)
        out = io.StringIO()
        call_command("receive_mail", mailbox=mailbox, stdout=out)
        return out.getvalue().strip()

    return run


@pytest.fixture(scope="session")
def dovecot():
    """One Dovecot per test process; tests keep apart by each using a login of its own."""
    from tests.mail.dovecot import BINARY, Dovecot

    if not Path(BINARY).exists():
        pytest.fail("Dovecot is missing: `make test` installs it as root "
                    "(apt-get install dovecot-imapd dovecot-pop3d)")  # fmt: skip
    server = Dovecot()
    yield server
    server.stop()


@pytest.fixture
def fetched_box(dovecot, tech, request):
    """A Mailbox of Technical support fetched from Dovecot, with a login no other test uses."""

    def make(method=Mailbox.Method.IMAP, **fields):
        login = f"{request.node.name[:40]}-{uuid.uuid4().hex[:8]}@hostco.example"
        pop3 = method == Mailbox.Method.POP3
        defaults = {
            "address": "support@hostco.example", "department": tech, "method": method,
            "host": dovecot.host, "security": Mailbox.Security.NONE, "login": login,
            "port": dovecot.pop3_port if pop3 else dovecot.imap_port,
            "after_fetch": Mailbox.AfterFetch.DELETE if pop3 else Mailbox.AfterFetch.MOVE,
        }  # fmt: skip
        box = Mailbox(**{**defaults, **fields})
        box.set_password(dovecot.password)
        box.save()
        return box

    return make
