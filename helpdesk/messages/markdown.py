"""The one place where user Markdown becomes HTML.

markdown-it-py parses CommonMark in time linear in its input (it was written for untrusted
text); raw HTML is off in the parser, so `<details>` or `<script>` show as text and cannot
swallow the rest of a message; nh3 then sanitises whatever the parser produced."""

from urllib.parse import urlsplit

import nh3
from django.urls import Resolver404, resolve
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml

from helpdesk.messages.models import Attachment

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "del", "em", "h1", "h2", "h3", "h4", "h5",
    "h6", "hr", "i", "img", "li", "ol", "p", "pre", "s", "strong", "sub", "sup", "table",
    "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "ol": {"start"},
    "td": {"align"},
    "th": {"align"},
    "code": {"class"},
}
URL_SCHEMES = {"http", "https", "mailto"}
# Deeper lists or quotes than this are cut off by the parser instead of recursing on.
MAX_NESTING = 20
# Only a message's first images are looked at (each costs a URL resolve); the rest are links.
MAX_IMAGES = 100
# The views that serve a ticket's attachments, and the name of their id argument.
ATTACHMENT_VIEWS = {"portal:attachment_download": "attachment_id", "desk:ticket_file": "pk"}


def render_image(self, tokens, idx, options, env):
    """Images may only show the ticket's own attachments: any other src would make the
    reader's browser request a page of this site (another ticket, an action) in their name."""
    token = tokens[idx]
    if token.attrGet("src") in env["images"]:
        return self.image(tokens, idx, options, env)
    alt = escapeHtml(self.renderInlineAsText(token.children or [], options, env))
    if token.meta.get("in_link"):
        return alt
    source = escapeHtml(token.attrGet("src") or "")
    return f'<a href="{source}">{alt or source}</a>'


def build_parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": False, "breaks": True, "maxNesting": MAX_NESTING})
    parser.enable(["table", "strikethrough"])
    parser.add_render_rule("image", render_image)
    return parser


PARSER = build_parser()


def render_markdown(text: str, *, ticket_id: int | None = None) -> str:
    """Markdown to sanitised HTML: raw HTML, scripts, event handlers and unsafe URLs go;
    images survive only when they show an attachment of ticket `ticket_id`."""
    env = {}
    tokens = PARSER.parse(text or "", env)
    sources = prepare_tokens(tokens)
    env["images"] = own_attachment_sources(sources, ticket_id)
    html = PARSER.renderer.render(tokens, PARSER.options, env)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
        attribute_filter=keep_attribute,
    )


def prepare_tokens(tokens) -> list[str]:
    """One pass over the parse: table alignment as `align` (nh3 drops every style), images
    inside links marked (a link cannot hold a link), and the image sources collected."""
    sources = {}
    for token in tokens:
        if token.type in ("th_open", "td_open") and token.attrs.get("style"):
            token.attrs = {"align": str(token.attrs["style"]).removeprefix("text-align:")}
        link_depth = 0
        for child in token.children or []:
            link_depth += {"link_open": 1, "link_close": -1}.get(child.type, 0)
            if child.type == "image":
                child.meta["in_link"] = link_depth > 0
                sources[child.attrGet("src")] = True
    return list(sources)


def own_attachment_sources(sources, ticket_id) -> set[str]:
    if ticket_id is None:
        return set()
    by_id = {}
    for source in sources[:MAX_IMAGES]:
        if (pk := attachment_id(source)) is not None:
            by_id.setdefault(pk, []).append(source)
    if not by_id:
        return set()
    found = Attachment.objects.filter(pk__in=by_id, message__ticket_id=ticket_id)
    return {source for pk in found.values_list("pk", flat=True) for source in by_id[pk]}


def attachment_id(source) -> int | None:
    """The attachment a same-site path such as /attachments/5/ downloads, if it is one."""
    parts = urlsplit(source or "")
    if parts.scheme or parts.netloc or parts.query or parts.fragment:
        return None
    try:
        match = resolve(parts.path)
    except Resolver404:
        return None
    argument = ATTACHMENT_VIEWS.get(match.view_name)
    return match.kwargs.get(argument) if argument else None


def keep_attribute(tag, attribute, value):
    """Code blocks keep only their language class: any other class could borrow the
    site's own styles (a fake warning banner) from inside a message."""
    if attribute == "class":
        languages = [name for name in value.split() if name.startswith("language-")]
        return " ".join(languages) or None
    return value
