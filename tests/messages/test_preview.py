"""The markdownx live preview: the same renderer, for logged-in users, rate-limited."""

import psycopg
import pytest
from django.db import connection

from bench.markdown_corpus import CORPUS
from helpdesk.messages.throttle import SLOT_LOCK_NAMESPACE

PREVIEW = "/markdownx/markdownify/"
pytestmark = pytest.mark.django_db


def test_preview_endpoint_uses_the_same_sanitiser(client, client_user):
    client.force_login(client_user)
    response = client.post(PREVIEW, {"content": "<script>x</script>**hi**"})
    assert response.status_code == 200
    assert "<script" not in response.content.decode()
    assert "<strong>hi</strong>" in response.content.decode()


def test_preview_needs_login_and_post(client, client_user):
    assert client.post(PREVIEW, {"content": "x"}).status_code == 302
    client.force_login(client_user)
    assert client.get(PREVIEW).status_code == 405


def test_a_text_over_the_limit_is_refused(client, client_user):
    client.force_login(client_user)
    assert client.post(PREVIEW, {"content": "a" * 100_001}).status_code == 400


def test_the_worst_inputs_preview_without_an_error(client, staff):
    client.force_login(staff)
    for name in ("`[` × N", "`a⏎: b⏎` × N (definition lists)", "300-level nested list"):
        assert client.post(PREVIEW, {"content": CORPUS[name]}).status_code == 200, name


def test_too_many_previews_answer_429_for_that_user_only(
    client, client_user, client2_user, settings
):
    settings.PREVIEW_RATE_LIMIT = (3, 60)
    client.force_login(client_user)
    answers = [client.post(PREVIEW, {"content": "**hi**"}).status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]
    refused = client.post(PREVIEW, {"content": "**hi**"})
    assert refused.status_code == 429
    assert "Too many previews" in refused.content.decode()
    assert refused["Retry-After"] == "60"

    client.force_login(client2_user)
    assert client.post(PREVIEW, {"content": "**hi**"}).status_code == 200


def test_a_new_window_allows_previews_again(client, client_user, settings, monkeypatch):
    settings.PREVIEW_RATE_LIMIT = (1, 10)
    client.force_login(client_user)
    monkeypatch.setattr("time.time", lambda: 1000.0)
    assert client.post(PREVIEW, {"content": "a"}).status_code == 200
    assert client.post(PREVIEW, {"content": "a"}).status_code == 429
    monkeypatch.setattr("time.time", lambda: 1010.0)
    assert client.post(PREVIEW, {"content": "a"}).status_code == 200


def test_the_refusal_is_translated(client, client_user, settings):
    settings.PREVIEW_RATE_LIMIT = (0, 60)
    client.force_login(client_user)
    refused = client.post(PREVIEW, {"content": "a"}, HTTP_ACCEPT_LANGUAGE="es")
    assert "Demasiadas vistas previas" in refused.content.decode()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="advisory locks are PostgreSQL's")
def test_while_another_worker_renders_a_preview_the_next_one_waits(client, client_user):
    """Another worker process holds the one rendering slot (its own database session)."""
    client.force_login(client_user)
    params = connection.get_connection_params()
    with psycopg.connect(**params, autocommit=True) as worker:
        worker.execute("SELECT pg_advisory_lock(%s, 0)", [SLOT_LOCK_NAMESPACE])
        busy = client.post(PREVIEW, {"content": "a"})
        worker.execute("SELECT pg_advisory_unlock(%s, 0)", [SLOT_LOCK_NAMESPACE])
    assert busy.status_code == 429 and busy["Retry-After"] == "2"
    assert "The preview is busy" in busy.content.decode()
    assert client.post(PREVIEW, {"content": "a"}).status_code == 200
