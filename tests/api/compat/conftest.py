import pytest

from helpdesk.tickets import actions


@pytest.fixture
def billmgr(live_server):
    """The endpoint's address as clients are configured with it."""
    return f"{live_server.url}/billmgr"


@pytest.fixture
def conversation(staff, client_user, open_ticket):
    """Acme's ticket with a staff reply carrying a file, and a second, one-message ticket."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    talk = open_ticket("Website is down")
    actions.post_staff_reply(talk, author=staff, body="Here is the log",
                             files=[SimpleUploadedFile("nginx.log", b"502 at 12:00")])  # fmt: skip
    return talk, open_ticket("Mail bounces")
