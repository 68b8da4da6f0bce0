import random
import re
from html.parser import HTMLParser

import cmarkgfm
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from helpdesk.messages.markdown import (
    EXTENSIONS,
    MAX_DEPTH,
    MAX_NESTING,
    OPTIONS,
    flatten,
    render_markdown,
)
from helpdesk.tickets import actions

REL = "noopener noreferrer nofollow"
HOSTILE = [
    "<script>alert(1)</script>",
    "[click](javascript:alert(1))",
    '<img src=x onerror="alert(1)">',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<iframe src="https://evil.example"></iframe>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<svg onload=alert(1)>",
    "![x](javascript:alert(1))",
    "[x](vbscript:msgbox(1))",
]


class Elements(HTMLParser):
    """The tags and attributes a browser would build from the HTML (text is only text)."""

    def __init__(self, html):
        super().__init__()
        self.found = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def elements(html, tag=None):
    return [(name, attrs) for name, attrs in Elements(html).found if tag in (None, name)]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_markup_renders_inert(text):
    for tag, attrs in elements(render_markdown(text)):
        assert tag not in ("script", "iframe", "svg", "img", "div")
        assert not any(name.startswith("on") or name == "style" for name in attrs)
        for url in (attrs.get("href", ""), attrs.get("src", "")):
            assert url.lower().split(":")[0] not in ("javascript", "data", "vbscript")


def test_raw_html_is_shown_as_text():
    html = render_markdown("Put <VirtualHost *:80> in the config, then <b>restart</b>.")
    assert "&lt;VirtualHost *:80&gt;" in html
    assert "&lt;b&gt;restart&lt;/b&gt;" in html


def test_markdown_features_survive():
    html = render_markdown(
        "**bold** and `code`\n\n```\nserver {}\n```\n\n- a\n- b\n\n[site](https://example.com)"
    )
    assert "<strong>bold</strong>" in html
    assert "<code>code</code>" in html
    assert "<pre><code>server {}" in html
    assert "<li>a</li>" in html
    assert 'href="https://example.com"' in html
    assert f'rel="{REL}"' in html


def test_tables_keep_their_alignment_without_styles():
    html = render_markdown("| host | load |\n|:-----|-----:|\n| vps1 | 0.5 |")
    assert '<th align="left">host</th>' in html
    assert '<td align="right">0.5</td>' in html
    assert "style" not in html


def test_strikethrough_line_breaks_and_ordered_list_start():
    html = render_markdown("~~old~~ new\nnext line\n\n3. third\n4. fourth")
    assert "<s>old</s>" in html
    assert "new<br>\nnext line" in html
    assert '<ol start="3">' in html


def test_fenced_code_keeps_its_language_class():
    html = render_markdown("```nginx\nserver { listen 80; }\n```")
    assert '<pre><code class="language-nginx">server { listen 80; }' in html


def test_messages_cannot_borrow_the_sites_classes():
    assert "su-banner" in render_markdown('<code class="su-banner">x</code>')  # as text only
    assert not elements(render_markdown('<code class="su-banner">x</code>'), "code")
    html = render_markdown("```python su-banner flash-error\nx\n```")
    assert elements(html, "code") == [("code", {"class": "language-python"})]


def test_links_keep_only_web_and_mail_schemes():
    html = render_markdown("[a](https://a.example) [m](mailto:x@a.example) [f](ftp://a.example)")
    hrefs = [attrs.get("href") for _tag, attrs in elements(html, "a")]
    assert hrefs == ["https://a.example", "mailto:x@a.example", None]


def test_autolinks():
    html = render_markdown("See <https://status.example.com>.")
    assert '<a href="https://status.example.com" rel="noopener noreferrer nofollow">' in html


def test_an_unclosed_details_does_not_swallow_the_message():
    html = render_markdown("<details>\n**Logs** below\n\nThe site is **down**.")
    assert "&lt;details&gt;" in html
    assert "<strong>Logs</strong>" in html and "<strong>down</strong>" in html


@pytest.mark.parametrize(
    "text",
    [
        "a\n: b\n" * 600,
        "".join("  " * level + "- a\n" for level in range(300)),
        ">" * 5000 + " deep",
        "- " * 5000,
        "*" * 5000 + "a" + "*" * 5000,
        "[" * 5000 + "a" + "]" * 5000,
    ],
    ids=["definition-lists", "nested-lists", "blockquotes", "list-items", "emphasis", "brackets"],
)
def test_deep_nesting_renders_without_an_exception(text):
    assert isinstance(render_markdown(text), str)


def test_a_line_opens_at_most_max_nesting_containers():
    html = render_markdown("> " * 25 + "deep")
    assert html.count("<blockquote>") == MAX_NESTING
    assert "&gt; &gt; &gt; &gt; &gt; deep" in html  # the other markers show as text
    assert render_markdown("- " * 30).count("<hr>") == 1  # a rule of 30 dashes stays one


def test_elements_nested_deeper_than_max_depth_lose_their_tags_not_their_text():
    text = "".join("  " * level + f"- item{level}\n" for level in range(100))
    html = render_markdown(text)
    assert html.count("<ul>") == MAX_DEPTH // 2
    assert all(f"item{level}" in html for level in range(100))


def test_bare_urls_and_addresses_become_links():
    html = render_markdown("See www.example.com, https://a.example/x?y=1&z=2 or ops@a.example")
    hrefs = [attrs["href"] for _tag, attrs in elements(html, "a")]
    assert hrefs == [
        "http://www.example.com",
        "https://a.example/x?y=1&z=2",
        "mailto:ops@a.example",
    ]


def test_angle_bracket_links_and_ampersands():
    html = render_markdown("[doc](<https://a.example/a b>) <ops@a.example> & AT&T &amp; &lt;")
    hrefs = [attrs["href"] for _tag, attrs in elements(html, "a")]
    assert hrefs == ["https://a.example/a%20b", "mailto:ops@a.example"]
    assert "&amp; AT&amp;T &amp; &lt;" in html


def test_odd_characters_neither_raise_nor_turn_into_markup():
    html = render_markdown("a\ud800b \ue000\ue001\ue002 \x00 &#xE002;")
    assert "<" not in html.removeprefix("<p>").removesuffix("</p>\n").replace("&lt;", "")


# Images: only attachments of the message's own ticket.


@pytest.fixture
def attachment(ticket, client_user):
    message = actions.post_client_message(
        ticket,
        author=client_user,
        body="Screenshot attached",
        files=[SimpleUploadedFile("shot.png", b"\x89PNG")],
    )
    return message.attachments.get()


def portal_src(attachment):
    return reverse("portal:ticket_file", args=[attachment.pk])


def desk_src(attachment):
    return reverse("desk:ticket_file", args=[attachment.pk])


def shared_src(attachment):
    return reverse("attachment", args=[attachment.pk])


@pytest.mark.django_db
@pytest.mark.parametrize("src", [portal_src, desk_src, shared_src], ids=["portal", "desk", "both"])
def test_an_attachment_of_the_same_ticket_shows_as_an_image_both_areas_open(attachment, src):
    html = render_markdown(f"![error]({src(attachment)})", ticket_id=attachment.message.ticket_id)
    assert elements(html, "img") == [("img", {"src": shared_src(attachment), "alt": "error"})]


@pytest.mark.django_db
def test_an_attachment_of_another_ticket_is_only_a_link(attachment, open_ticket):
    other = open_ticket("Other")
    html = render_markdown(f"![error]({portal_src(attachment)})", ticket_id=other.pk)
    assert not elements(html, "img")
    assert elements(html, "a")[0][1]["href"] == portal_src(attachment)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "src",
    [
        "/desk/tickets/197/",
        "/desk/tickets/197/close/",
        "https://tracker.example/pixel.png",
        "//tracker.example/pixel.png",
        "shot.png",
        "/attachments/{pk}/?x=1",
        "https://testserver/attachments/{pk}/",
        "data:image/png;base64,iVBORw0KGgo=",
    ],
)
def test_any_other_image_becomes_a_link_or_text(attachment, src):
    text = f"![shot]({src.format(pk=attachment.pk)})"
    html = render_markdown(text, ticket_id=attachment.message.ticket_id)
    assert not elements(html, "img")
    assert "shot" in html


@pytest.mark.django_db
def test_without_a_ticket_no_image_survives(attachment):
    assert not elements(render_markdown(f"![e]({portal_src(attachment)})"), "img")


def test_an_image_inside_a_link_becomes_its_alt_text():
    html = render_markdown("[![badge](/desk/tickets/1/)](https://ci.example)")
    assert elements(html) == [("p", {}), ("a", {"href": "https://ci.example", "rel": REL})]
    assert ">badge</a>" in html


def test_flatten_keeps_every_text_and_no_element_deeper_than_the_limit():
    def deepest(html):
        level = most = 0
        for tag in re.findall(r"<[^>]*>", html):
            if tag.startswith("</"):
                level -= 1
            elif not tag.endswith("/>") and not tag.startswith("<!"):
                level += 1
                most = max(most, level)
        return most

    atoms = ["> ", "- ", "1. ", "  ", "*", "**", "_", "~~", "[", "](x)", "a", " ", "\n", "`"]
    atoms += ["|", "-|", "![i](y)", "&amp;", "\n\n", "    "]
    pick = random.Random(7)
    for _ in range(300):
        text = "".join(pick.choice(atoms) for _ in range(pick.randint(1, 300)))
        html = cmarkgfm.markdown_to_html_with_extensions(
            text, options=OPTIONS, extensions=EXTENSIONS
        )
        for limit in (1, 3, 8):
            flat = flatten(html, limit)
            assert deepest(flat) <= limit
            assert re.sub(r"<[^>]*>", "", flat) == re.sub(r"<[^>]*>", "", html)
            if deepest(html) <= limit:
                assert flat == html
