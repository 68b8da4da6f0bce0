"""The markdownx live preview: the same renderer, for logged-in users, rate-limited."""

import pytest

from bench.markdown_corpus import CORPUS

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
