"""The one place where user Markdown becomes HTML."""

import markdown as python_markdown
import nh3

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "del", "em", "h1", "h2", "h3", "h4", "h5",
    "h6", "hr", "i", "img", "li", "ol", "p", "pre", "s", "strong", "sub", "sup", "table",
    "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "td": {"align"},
    "th": {"align"},
    "code": {"class"},
}
URL_SCHEMES = {"http", "https", "mailto"}


def render_markdown(text: str) -> str:
    """Markdown to sanitised HTML: raw HTML, scripts, event handlers and unsafe URLs go."""
    html = python_markdown.markdown(
        text or "", extensions=["extra", "sane_lists", "nl2br"], output_format="html"
    )
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
        attribute_filter=keep_attribute,
    )


def keep_attribute(tag, attribute, value):
    """Code blocks keep only their language class: any other class could borrow the
    site's own styles (a fake warning banner) from inside a message."""
    if attribute == "class":
        languages = [name for name in value.split() if name.startswith("language-")]
        return " ".join(languages) or None
    return value
