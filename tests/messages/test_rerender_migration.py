"""The data migration that re-renders every stored message with the current renderer."""

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection

from helpdesk.messages.markdown import render_markdown
from helpdesk.messages.models import Message
from tests.factories import MessageFactory

migration = importlib.import_module("helpdesk.messages.migrations.0003_rerender_messages")


@pytest.mark.django_db
def test_every_message_is_rerendered_in_batches(monkeypatch, ticket, open_ticket):
    monkeypatch.setattr(migration, "BATCH", 2)
    other = open_ticket("Other")
    stale = [
        MessageFactory(ticket=ticket, body="**a**\n<details>", html="<p>old</p>"),
        MessageFactory(ticket=other, body="a\n: b\n" * 50, html="<p>old</p>"),
        MessageFactory(ticket=other, body="| a |\n|--:|\n| 1 |", html="<p>old</p>"),
    ]
    migration.rerender(apps, SimpleNamespace(connection=connection))
    for message in Message.objects.all():
        assert message.html == render_markdown(message.body, ticket_id=message.ticket_id)
    assert "&lt;details&gt;" in Message.objects.get(pk=stale[0].pk).html
