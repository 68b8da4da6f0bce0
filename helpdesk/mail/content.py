"""The text of an incoming mail: the plain part, or the HTML part as text, quotes cut."""

import re

from django.utils.html import strip_tags
from mailparser_reply import EmailReplyParser

QUOTE_HEADERS = (
    re.compile(r"^On .{1,300} wrote:\s*$"),  # Gmail, Thunderbird, Apple Mail
    re.compile(r"^-{2,} ?Original Message ?-{2,}\s*$", re.IGNORECASE),  # Outlook
    re.compile(r"^From: .+$"),  # Outlook's header block
    re.compile(r"^El .{1,300} escribió:\s*$"),
)
SIGNATURE = "-- "
REPLY_PARSER = EmailReplyParser(languages=["en", "es", "de", "fr", "it", "nl"])


def body_text(message) -> str:
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    text = part.get_content()
    if part.get_content_type() == "text/html":
        text = html_to_text(text)
    return text


def html_to_text(html: str) -> str:
    html = re.sub(r"(?is)<(script|style)\b.*?</\1\s*>", "", html)
    html = re.sub(r"(?i)<br\s*/?>|</p\s*>|</div\s*>", "\n", html)
    return strip_tags(html).replace("&nbsp;", " ")


def strip_reply(text: str) -> str:
    """The new text of a reply: the maintained parser (mail-parser-reply) cuts the quoted
    history in the languages it knows; what it leaves still loses the signature after "-- "
    and the quote headers it does not know."""
    parsed = REPLY_PARSER.parse_reply(text=text)
    return cut_rest(text if parsed is None else parsed)


def cut_rest(text: str) -> str:
    kept = []
    for line in text.splitlines():
        if line.rstrip() == SIGNATURE.rstrip() and line.startswith("--"):
            break
        if any(pattern.match(line.strip()) for pattern in QUOTE_HEADERS):
            break
        if line.lstrip().startswith(">"):
            continue
        kept.append(line)
    return "\n".join(kept).strip()
