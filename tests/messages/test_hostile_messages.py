"""Hostile Markdown posted through the pages: no error page, and nothing that reaches out."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bench.markdown_corpus import CORPUS
from tests.messages.test_markdown import elements
from tests.portal.util import with_token

pytestmark = pytest.mark.django_db
WORST = [
    "`[` × N",
    "`a⏎: b⏎` × N (definition lists)",
    "300-level nested list",
    "`>` × N (nested blockquotes)",
]


def thread_of(page):
    return page[page.index('data-testid="thread"') :]


@pytest.mark.parametrize("name", WORST)
def test_a_pathological_reply_is_posted_and_both_sides_show_it(
    client, ticket, client_user, staff, name
):
    client.force_login(client_user)
    reply = reverse("portal:ticket_reply", args=[ticket.pk])
    response = client.post(reply, with_token({"message": CORPUS[name]}), follow=True)
    assert response.status_code == 200
    assert "Your message was sent." in response.content.decode()
    assert ticket.messages.count() == 2
    client.force_login(staff)
    assert client.get(reverse("desk:ticket_edit", args=[ticket.pk])).status_code == 200


def test_a_client_cannot_make_staff_browsers_load_another_tickets_page(
    client, ticket, open_ticket, client_user, staff
):
    other = open_ticket("Other")
    trap = f"![s](/desk/tickets/{other.pk}/) ![t](/desk/tickets/{other.pk}/close/)"
    client.force_login(client_user)
    client.post(reverse("portal:ticket_reply", args=[ticket.pk]), with_token({"message": trap}))
    client.force_login(staff)
    page = client.get(reverse("desk:ticket_edit", args=[ticket.pk])).content.decode()
    assert not [
        attrs for _tag, attrs in elements(thread_of(page), "img") if "/desk/" in attrs["src"]
    ]


@pytest.mark.parametrize("area", ["portal:ticket_file", "desk:ticket_file", "attachment"])
def test_a_screenshot_of_the_same_ticket_shows_inline_in_both_areas(
    client, ticket, client_user, client2_user, staff, area
):
    """Whichever download address the client pasted, the image shows for the client and
    for staff through the one address both may open, and for nobody else."""
    client.force_login(client_user)
    reply = reverse("portal:ticket_reply", args=[ticket.pk])
    upload = SimpleUploadedFile("shot.png", b"\x89PNG")
    client.post(reply, with_token({"message": "See the file", "files": [upload]}))
    attachment = ticket.messages.order_by("-id").first().attachments.get()
    pasted = reverse(area, args=[attachment.pk])
    client.post(reply, with_token({"message": f"![the error]({pasted})"}))
    shown = ("img", {"src": f"/files/{attachment.pk}/", "alt": "the error"})
    portal_page = client.get(reverse("portal:ticket_detail", args=[ticket.pk])).content.decode()
    assert shown in elements(portal_page, "img")
    assert client.get(f"/files/{attachment.pk}/").status_code == 200
    client.force_login(staff)
    desk_page = client.get(reverse("desk:ticket_edit", args=[ticket.pk])).content.decode()
    assert shown in elements(thread_of(desk_page), "img")
    assert b"".join(client.get(f"/files/{attachment.pk}/").streaming_content) == b"\x89PNG"
    client.force_login(client2_user)
    assert client.get(f"/files/{attachment.pk}/").status_code == 404
