"""Request bodies are bounded: a body over REQUEST_MAX_BYTES is refused from its
Content-Length before it is read, too many fields or files are a clear 400, and a client's
attachments stay within CLIENT_STORAGE_QUOTA_BYTES. Through HTTP, portal and API."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from helpdesk.messages.models import Attachment
from tests.desk.conftest import once

pytestmark = pytest.mark.django_db


class UnreadableBody(io.RawIOBase):
    """A request body that fails the test if anyone reads it."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readinto = readline = read


def post_claiming(client, path, length, **extra):
    """A POST whose Content-Length says `length` and whose body must not be read."""
    return client.generic("POST", path, b"", content_type="multipart/form-data; boundary=XX",
                          CONTENT_LENGTH=str(length), **{"wsgi.input": UnreadableBody()},
                          **extra)  # fmt: skip


def test_a_huge_body_to_the_portal_is_refused_before_it_is_read(client, client_user, ticket):
    client.force_login(client_user)
    response = post_claiming(client, f"/tickets/{ticket.pk}/reply/", 150 * 1024 * 1024)
    assert response.status_code == 413
    assert "The request is larger than 101 MB" in response.content.decode()
    assert ticket.messages.count() == 1


def test_a_huge_body_to_the_api_is_a_value_error_before_it_is_read(client):
    response = post_claiming(client, "/billmgr?out=json", 150 * 1024 * 1024)
    assert response.status_code == 200
    error = response.json()["doc"]["error"]
    assert (error["$type"], error["$object"]) == ("value", "request")
    assert "larger than 101 MB" in error["msg"]["$"]


@pytest.mark.parametrize("path", ["/filter/", "/billmgr?out=json"])
def test_a_chunked_body_without_content_length_is_never_read(client, client_user, path):
    client.force_login(client_user)
    response = client.generic("POST", path, b"", content_type="application/x-www-form-urlencoded",
                              CONTENT_LENGTH="", HTTP_TRANSFER_ENCODING="chunked",
                              **{"wsgi.input": UnreadableBody()})  # fmt: skip
    assert response.status_code < 500


def test_the_cap_is_a_setting(client, client_user, ticket, settings):
    settings.REQUEST_MAX_BYTES = 1000
    client.force_login(client_user)
    upload = SimpleUploadedFile("big.txt", b"x" * 2000)
    response = client.post(f"/tickets/{ticket.pk}/reply/", once(message="Hi", files=[upload]))
    assert response.status_code == 413
    assert not Attachment.objects.exists() and ticket.messages.count() == 1


def test_too_many_fields_is_a_clear_error(client, client_user, api_call):
    client.force_login(client_user)
    data = {f"field{number}": "x" for number in range(1100)}
    response = client.post("/filter/", data)
    assert response.status_code == 400
    assert "could not be read" in response.content.decode()
    error = api_call(client, data)
    assert (error["$type"], error["$object"]) == ("value", "request")


def test_too_many_files_is_a_clear_error(client, client_user, ticket, api_call):
    client.force_login(client_user)
    files = [SimpleUploadedFile(f"f{number}.txt", b"x") for number in range(25)]
    response = client.post(f"/tickets/{ticket.pk}/reply/", once(message="Hi", files=files))
    assert response.status_code == 400
    error = api_call(client, {f"file_{n}": upload for n, upload in enumerate(files)})
    assert (error["$type"], error["$object"]) == ("value", "request")
    assert not Attachment.objects.exists()


def test_too_much_form_data_is_a_clear_error(client, client_user, api_call):
    client.force_login(client_user)
    response = client.post("/filter/", {"subject": "x" * (3 * 1024 * 1024)})
    assert response.status_code == 413
    error = api_call(client, {"message": "x" * (3 * 1024 * 1024)})
    assert (error["$type"], error["$object"]) == ("value", "request")


@pytest.fixture
def api_call():
    def call(client, data):
        for upload in data.values():
            if hasattr(upload, "seek"):
                upload.seek(0)
        # `out` in the address: a body that cannot be read cannot say how to answer.
        response = client.post("/billmgr?out=json", {"func": "clientticket", **data})
        assert response.status_code == 200
        return response.json()["doc"]["error"]

    return call


@pytest.fixture
def small_quota(settings):
    settings.CLIENT_STORAGE_QUOTA_BYTES = 2 * 1024 * 1024
    return settings


def megabytes(name, count):
    return SimpleUploadedFile(name, b"x" * (count * 1024 * 1024))


def test_the_portal_refuses_a_reply_over_the_quota(client, client_user, ticket, small_quota):
    client.force_login(client_user)
    first = client.post(f"/tickets/{ticket.pk}/reply/",
                        once(message="One", files=[megabytes("a.bin", 1)]))  # fmt: skip
    assert first.status_code == 302
    files = [megabytes("b.bin", 1), megabytes("c.bin", 1)]
    refused = client.post(f"/tickets/{ticket.pk}/reply/", once(message="Two", files=files))
    assert refused.status_code == 400
    assert "storage quota of 2 MB" in refused.content.decode()
    assert list(Attachment.objects.values_list("name", flat=True)) == ["a.bin"]
    assert not ticket.messages.filter(body="Two").exists()
