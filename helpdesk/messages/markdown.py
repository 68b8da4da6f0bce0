"""The one place where user Markdown becomes HTML.

cmark-gfm (C, the library GitHub uses, written for untrusted input, linear in its input)
parses GFM; raw HTML never reaches it (every `<` that does not start an autolink is swapped
for a placeholder character first, so `<details>` or `<script>` show as text and cannot
swallow the rest of a message); one linear pass over cmark's own HTML then applies the image
rule and flattens anything nested deeper than MAX_DEPTH, and nh3 sanitises the result.

Everything after cmark works on whole strings (re.split, map, itertools), never a Python
call per tag, so 100,000 characters of any input render in tens of milliseconds
(docs/performance.md, "Pathological Markdown")."""

import html
import re
from itertools import accumulate, repeat
from operator import add, itemgetter, mul
from urllib.parse import urlsplit

import cmarkgfm
import nh3
from cmarkgfm.cmark import Options
from django.urls import Resolver404, resolve, reverse

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
}
URL_SCHEMES = {"http", "https", "mailto"}
# Elements nested deeper than this lose their tags (their text stays): the sanitiser and the
# browser are super-linear in tree depth, and cmark itself has no nesting limit.
MAX_DEPTH = 32
# A line may open this many containers (`>`, `-`, `1.`); each is at most two elements, which
# leaves room for a paragraph and its inline markup under MAX_DEPTH.
MAX_NESTING = 10
# Only a message's first images are looked at (each costs a URL resolve); the rest are links.
MAX_IMAGES = 100
# The views that serve a ticket's attachments (their id argument is `attachment_id`).
ATTACHMENT_VIEWS = {"attachment", "portal:ticket_file", "desk:ticket_file"}

EXTENSIONS = ["table", "strikethrough", "autolink"]
# Raw HTML is omitted by cmark anyway (no CMARK_OPT_UNSAFE); the placeholder shows it as text.
OPTIONS = Options.CMARK_OPT_HARDBREAKS

# A private-use character stands for `<` while cmark parses, so cmark never sees raw HTML.
PLACEHOLDER = "\ue000"
# nh3 (html5ever) spends about 1 µs on each character reference, so 100,000 `&` would take
# it 120 ms: cmark's four escapes travel through nh3 as private-use characters instead and
# are put back after it. (A user's own U+E000-U+E004, meaningless in a message, become
# U+FFFD; nh3 treats them as plain text either way.)
ESCAPES = {"&amp;": "\ue001", "&lt;": "\ue002", "&gt;": "\ue003", "&quot;": "\ue004"}
PRIVATE = str.maketrans(dict.fromkeys(map(ord, PLACEHOLDER + "".join(ESCAPES.values())), "\ufffd"))
PLACEHOLDER_IN_URL = "%EE%80%80"
# `<` is kept where it starts a CommonMark autolink (never raw HTML: no tag name has `:` or
# `@`) or a link destination in angle brackets; each lookahead stops at the next `<`.
RAW_LT = re.compile(
    r"(?<!\]\()(?<!\]:)(?<!\]: )<(?![A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*>"
    r"|[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*>)"
)
# A line opening more than MAX_NESTING containers (`> - > - a`) has the next marker escaped,
# so cmark builds (and writes) at most MAX_NESTING of them for it instead of one per marker.
# Lines of markers alone (`- - - -`, a rule) are left as they are.
MARKER = r"(?:>|[-+*](?=[ \t])|\d{1,9}[.)](?=[ \t]))"
DEEP_LINE = re.compile(
    rf"(?m)^((?:[ \t]{{0,4}}{MARKER}){{{MAX_NESTING}}}[ \t]{{0,4}})"
    r"(?:(>|[-+*])|(\d{1,9})([.)]))(?=[^\n]*[^-*_ \t\n])"
)
TAG = re.compile(r"(<[^>]*>)")  # cmark's output: attribute values never hold a raw `>`
IMAGE = re.compile(r'(<a [^>]*>)|(</a>)|<img src="([^"]*)" alt="([^"]*)"(?: title="[^"]*")? />')
VOID_OR_COMMENT = re.compile(r"<[^>]*/>|<!--[^>]*-->")
INNERMOST = re.compile(r"<[a-z][^>]*>[^<]*</[a-z0-9]+>")
CODE_CLASS = re.compile(r'<code class="([^"]*)"')
# What a tag does to the depth, keyed on (its second character, its last but one): closing
# tags -1, void tags (`<br />`, `<img ... />`) and comments 0, any other tag +1 (the default).
DELTA = {("/", chr(c)): -1 for c in range(128)}
DELTA |= {(chr(c), "/"): 0 for c in range(128) if chr(c) != "/"}
DELTA |= {("!", chr(c)): 0 for c in range(128)}
# The level a tag sits at is the depth before it plus this; void tags are always kept.
LEVEL = {1: 1, -1: 0, 0: -(10**9)}


def render_markdown(text: str, *, ticket_id: int | None = None) -> str:
    """Markdown to sanitised HTML: raw HTML, scripts, event handlers and unsafe URLs go;
    images survive only when they show an attachment of ticket `ticket_id`."""
    text = (text or "").encode("utf-8", "replace").decode("utf-8")  # no lone surrogates
    text = RAW_LT.sub(PLACEHOLDER, text.translate(PRIVATE))
    text = DEEP_LINE.sub(escape_marker, text)
    out = cmarkgfm.markdown_to_html_with_extensions(text, options=OPTIONS, extensions=EXTENSIONS)
    out = out.replace(PLACEHOLDER_IN_URL, "%3C")
    if "<img " in out:
        out = apply_image_rule(out, ticket_id)
    out = flatten(out, MAX_DEPTH)
    out = out.replace("<del>", "<s>").replace("</del>", "</s>")
    out = out.replace('<a href="">', "<a>")  # cmark's stand-in for a javascript: URL
    out = out.replace(">\n<", "><")  # no whitespace text nodes for nh3 between blocks
    for escape, stand_in in ESCAPES.items():
        out = out.replace(escape, stand_in)
    out = out.replace(PLACEHOLDER, ESCAPES["&lt;"])
    languages = set(CODE_CLASS.findall(out))
    out = nh3.clean(
        out,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
        # Code blocks keep only their language class: any other class could borrow the
        # site's own styles (a fake warning banner) from inside a message.
        allowed_classes={"code": {name for name in languages if name.startswith("language-")}},
    )
    for escape, stand_in in ESCAPES.items():
        out = out.replace(stand_in, escape)
    return out


def escape_marker(match) -> str:
    prefix, bullet, digits, delimiter = match.groups()
    return f"{prefix}\\{bullet}" if bullet else f"{prefix}{digits}\\{delimiter}"


def flatten(out: str, limit: int) -> str:
    """Drop the tags of every element nested deeper than `limit`, keeping its text. The
    HTML is cmark's, so well formed: a depth counter is enough, and it runs in C."""
    if depth(out, limit) <= limit:
        return out
    parts = TAG.split(out)
    tags = parts[1::2]
    levels = map(add, accumulate(deltas(tags), initial=0), map(LEVEL.__getitem__, deltas(tags)))
    parts[1::2] = list(map(mul, tags, map(limit.__ge__, levels)))
    return "".join(parts)


def depth(out: str, limit: int, peel: int = 4) -> int:
    """How deep elements nest (exactly, up to `limit`). The first passes remove the innermost
    elements (a tag, text, its closing tag), which is all that flat HTML such as tables or
    prose has; the depth is then those passes plus that of what is left, counted tag by tag."""
    out = VOID_OR_COMMENT.sub("", out)
    for passes in range(min(peel, limit)):
        if "<" not in out:
            return passes
        out = INNERMOST.sub("", out)
    return passes + 1 + max(accumulate(deltas(TAG.findall(out))), default=0)


def deltas(tags: list[str]):
    """What each tag does to the depth: +1, -1, or 0 for void tags and comments."""
    kinds = zip(map(itemgetter(1), tags), map(itemgetter(-2), tags), strict=True)
    return map(DELTA.get, kinds, repeat(1))


def apply_image_rule(out: str, ticket_id) -> str:
    """Images may only show the ticket's own attachments: any other src would make the
    reader's browser request a page of this site (another ticket, an action) in their name.
    The others become links to their source, or their alt text inside a link."""
    sources = list(dict.fromkeys(source for *_, source, _alt in IMAGE.findall(out) if source))
    own = own_attachment_sources(sources, ticket_id)  # source → attachment id
    in_link = False

    def replace(match):
        nonlocal in_link
        if match[1] or match[2]:
            in_link = bool(match[1])
            return match[0]
        source, alt = match[3], match[4]
        if source in own:  # shown through the address both areas may open
            return f'<img src="{reverse("attachment", args=[own[source]])}" alt="{alt}" />'

        if in_link:
            return alt
        return f'<a href="{source}">{alt or source}</a>'

    return IMAGE.sub(replace, out)


def own_attachment_sources(sources, ticket_id) -> dict[str, int]:
    """Of the image sources (as cmark wrote them, HTML-escaped), those showing an attachment
    of ticket `ticket_id`, with the attachment's id."""
    if ticket_id is None:
        return {}
    by_id = {}
    for source in sources[:MAX_IMAGES]:
        if (pk := attachment_id(html.unescape(source))) is not None:
            by_id.setdefault(pk, []).append(source)
    if not by_id:
        return {}
    found = Attachment.objects.filter(pk__in=by_id, message__ticket_id=ticket_id)
    return {source: pk for pk in found.values_list("pk", flat=True) for source in by_id[pk]}


def attachment_id(source) -> int | None:
    """The attachment a same-site path such as /attachments/5/ downloads, if it is one."""
    parts = urlsplit(source or "")
    if parts.scheme or parts.netloc or parts.query or parts.fragment:
        return None
    try:
        match = resolve(parts.path)
    except Resolver404:
        return None
    return match.kwargs.get("attachment_id") if match.view_name in ATTACHMENT_VIEWS else None


PLAIN_SOURCE_CHARS = 2000  # an excerpt needs the start of a message only
BLOCK_TAG = re.compile(r"</?(?:p|li|t[dhr]|br|h\d|pre|blockquote|div|table|ul|ol|hr)\b[^>]*>")
ANY_TAG = re.compile(r"<[^>]*>")
SPACES = re.compile(r"\s+")


def plain_text(text: str) -> str:
    """The words of the start of a Markdown text, without its marks (`**`, pipes,
    backticks, link targets): what a one-line preview in a list shows."""
    out = render_markdown((text or "")[:PLAIN_SOURCE_CHARS])
    words = ANY_TAG.sub("", BLOCK_TAG.sub(" ", out))
    return SPACES.sub(" ", html.unescape(words)).strip()
