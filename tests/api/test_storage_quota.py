"""The API refuses attachments over the client's storage quota (see
tests/test_request_limits.py for the portal and the request size caps)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from helpdesk.messages.models import Attachment
from tests.test_request_limits import megabytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_quota(settings):
    settings.CLIENT_STORAGE_QUOTA_BYTES = 2 * 1024 * 1024
    return settings


def test_the_api_refuses_a_reply_over_the_quota(api, client_user, ticket, small_quota):
    files = {"file_1": megabytes("a.bin", 1), "file_2": megabytes("b.bin", 2)}
    answer = api("clientticket.edit", as_user=client_user, sok="ok", elid=ticket.pk,
                 message="Logs", files=files)  # fmt: skip
    assert answer.error_kind() == ("value", "file")
    assert "storage quota of 2 MB" in answer.error["msg"]["$"]
    assert not Attachment.objects.exists() and not ticket.messages.filter(body="Logs").exists()


def test_the_quota_counts_every_ticket_of_the_client(api, client_user, ticket, open_ticket,
                                                     small_quota):  # fmt: skip
    other = open_ticket(subject="Second")
    api("clientticket.edit", as_user=client_user, sok="ok", elid=other.pk, message="1",
        files={"file_1": megabytes("a.bin", 2)})  # fmt: skip
    answer = api("clientticket.edit", as_user=client_user, sok="ok", elid=ticket.pk,
                 message="2", files={"file_1": SimpleUploadedFile("b.txt", b"b")})  # fmt: skip
    assert answer.error_kind() == ("value", "file")
