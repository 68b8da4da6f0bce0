import pytest

from helpdesk.messages.markdown import render_markdown

HOSTILE = [
    "<script>alert(1)</script>",
    "[click](javascript:alert(1))",
    '<img src=x onerror="alert(1)">',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<iframe src="https://evil.example"></iframe>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<svg onload=alert(1)>",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_markup_renders_inert(text):
    html = render_markdown(text).lower()
    for dangerous in ("<script", "javascript:", "onerror", "onload", "<iframe", "style=", "data:"):
        assert dangerous not in html


def test_markdown_features_survive():
    html = render_markdown(
        "**bold** and `code`\n\n```\nserver {}\n```\n\n- a\n- b\n\n[site](https://example.com)"
    )
    assert "<strong>bold</strong>" in html
    assert "<code>code</code>" in html
    assert "<pre><code>server {}" in html
    assert "<li>a</li>" in html
    assert 'href="https://example.com"' in html
    assert 'rel="noopener noreferrer nofollow"' in html


@pytest.mark.django_db
def test_preview_endpoint_uses_the_same_sanitiser(client, client_user):
    client.force_login(client_user)
    response = client.post("/markdownx/markdownify/", {"content": "<script>x</script>**hi**"})
    assert response.status_code == 200
    assert "<script" not in response.content.decode()
    assert "<strong>hi</strong>" in response.content.decode()


@pytest.mark.django_db
def test_preview_needs_login_and_post(client, client_user):
    assert client.post("/markdownx/markdownify/", {"content": "x"}).status_code == 302
    client.force_login(client_user)
    assert client.get("/markdownx/markdownify/").status_code == 405


def test_messages_cannot_borrow_the_sites_classes():
    html = render_markdown('<code class="su-banner flash-error language-python">x</code>')
    assert 'class="language-python"' in html
    assert "su-banner" not in html and "flash-error" not in html
