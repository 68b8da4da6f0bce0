"""Root sets a fetched mailbox up in the admin; its password is stored encrypted and never
shown back."""

import pytest

from helpdesk.mail.models import Mailbox

pytestmark = pytest.mark.django_db
SECRET = "imap-pa55word"


def form(tech, **changes):
    data = {
        "address": "support@hostco.example", "department": str(tech.pk), "enabled": "on",
        "method": "imap", "host": "mail.hostco.example", "port": "", "security": "tls",
        "login": "support", "folder": "INBOX", "after_fetch": "move",
        "done_folder": "Imported", "error_folder": "Failed", "new_password": SECRET,
    }  # fmt: skip
    return {**data, **changes}


@pytest.fixture
def as_root(client, root):
    client.force_login(root)
    return client


def test_the_password_is_encrypted_and_never_shown_back(as_root, tech, settings):
    response = as_root.post("/admin/mail/mailbox/add/", form(tech))
    assert response.status_code == 302, response.content.decode()[:3000]
    box = Mailbox.objects.get()
    assert SECRET.encode() not in bytes(box.password_encrypted)
    assert box.password() == SECRET
    page = as_root.get(f"/admin/mail/mailbox/{box.pk}/change/").content.decode()
    assert SECRET not in page and bytes(box.password_encrypted).decode() not in page

    as_root.post(f"/admin/mail/mailbox/{box.pk}/change/", form(tech, new_password="", host="x"))
    box.refresh_from_db()
    assert (box.host, box.password()) == ("x", SECRET)  # empty keeps the password

    settings.MAIL_PASSWORD_KEYS = ["bm90LXRoZS1rZXktbm90LXRoZS1rZXktbm90LXRoZS0="]
    with pytest.raises(Exception, match="HELPDESK_MAIL_KEY"):
        box.password()  # another key cannot read it


def test_a_fetched_mailbox_without_a_server_or_password_is_refused(as_root, tech):
    response = as_root.post("/admin/mail/mailbox/add/", form(tech, host="", new_password=""))
    assert response.status_code == 200
    assert "needs a server and a login" in response.content.decode()
    assert not Mailbox.objects.exists()


def test_pop3_cannot_move_to_a_folder(as_root, tech):
    response = as_root.post("/admin/mail/mailbox/add/", form(tech, method="pop3"))
    assert "POP3 has no folders" in response.content.decode()
    assert not Mailbox.objects.exists()
