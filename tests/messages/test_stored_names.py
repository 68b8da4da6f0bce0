"""Attachments are stored under a random name without extension, so nothing on the way
runs or renders them by it; the uploaded name is kept for display and every download."""

import importlib
from pathlib import PurePosixPath

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from helpdesk.api import sessions
from helpdesk.messages.models import Attachment
from tests.desk.conftest import once

pytestmark = pytest.mark.django_db
DANGEROUS = ["shell.php", "page.html", "setup.exe", "x.PHP5", "archive.tar.gz", "a.svg"]


def stored_name(attachment) -> str:
    return PurePosixPath(attachment.file.name).name


def download_name(response) -> str:
    return response["Content-Disposition"]


@pytest.mark.parametrize("name", DANGEROUS)
def test_a_portal_upload_is_stored_without_its_extension(client, client_user, ticket, name):
    client.force_login(client_user)
    upload = SimpleUploadedFile(name, b"<?php system($_GET['c']); ?>")
    client.post(f"/tickets/{ticket.pk}/reply/", once(message="See file", files=[upload]))
    attachment = Attachment.objects.get()
    assert attachment.name == name
    assert "." not in stored_name(attachment) and len(stored_name(attachment)) == 32
    response = client.get(f"/attachments/{attachment.pk}/")
    assert response.status_code == 200
    assert download_name(response).startswith("attachment")
    assert name in download_name(response)
    assert b"".join(response.streaming_content) == b"<?php system($_GET['c']); ?>"


def test_the_desk_and_the_api_download_under_the_original_name(client, staff, ticket):
    client.force_login(staff)
    upload = SimpleUploadedFile("report.html", b"<h1>hi</h1>")
    client.post(f"/desk/tickets/{ticket.pk}/note/",
                once(note_message="File", note_files=[upload]))  # fmt: skip
    attachment = Attachment.objects.get()
    assert "." not in stored_name(attachment)
    desk = client.get(f"/desk/files/{attachment.pk}/")
    assert download_name(desk) == 'attachment; filename="report.html"'
    session = sessions.start_session(staff).session_key
    api = client.get("/billmgr", {"func": "ticket.file", "elid": attachment.pk, "auth": session})
    assert download_name(api) == 'attachment; filename="report.html"'
    assert b"".join(api.streaming_content) == b"<h1>hi</h1>"


def test_the_migration_renames_files_stored_with_an_extension(ticket):
    message = ticket.messages.get()
    attachment = Attachment.objects.create(message=message, file=ContentFile(b"old", name="x"),
                                           name="old.php", size=3,
                                           content_type="text/plain")  # fmt: skip
    storage = attachment.file.storage
    old = storage.save(f"attachments/{ticket.pk}/{message.pk}/0123abcd.php", ContentFile(b"old"))
    Attachment.objects.filter(pk=attachment.pk).update(file=old)
    migration = importlib.import_module(
        "helpdesk.messages.migrations.0002_stored_names_without_extension"
    )
    migration.rename_stored_files(apps, None)
    attachment.refresh_from_db()
    assert "." not in stored_name(attachment) and not storage.exists(old)
    assert attachment.file.open("rb").read() == b"old" and attachment.name == "old.php"
