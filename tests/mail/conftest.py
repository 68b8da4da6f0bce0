import io
import sys
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
