"""A saved filter that is no longer valid is not applied, the same way everywhere: the
list shows everything (and the browser says why), never nothing."""

import json

import pytest
from django.test import Client

from helpdesk.api import sessions
from helpdesk.tickets.models import SavedFilter
from tests.api.conftest import body_of

pytestmark = pytest.mark.django_db

BROKEN = {"status": "42"}  # a status that no longer exists


def test_the_portal_and_the_api_both_show_every_ticket_under_a_broken_saved_filter(
    client_user, open_ticket
):
    first, second = open_ticket(subject="First"), open_ticket(subject="Second")
    SavedFilter.objects.create(user=client_user, kind=SavedFilter.Kind.CLIENT, params=BROKEN)
    browser = Client()
    browser.force_login(client_user)
    page = browser.get("/").content.decode()
    assert f'data-ticket="{first.pk}"' in page and f'data-ticket="{second.pk}"' in page
    sid = sessions.start_session(client_user).session_key
    answer = Client().get("/billmgr", {"func": "clientticket", "out": "json", "auth": sid})
    listed = {elem["id"]["$"] for elem in json.loads(body_of(answer))["doc"]["elem"]}
    assert listed == {str(first.pk), str(second.pk)}
