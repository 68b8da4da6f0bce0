"""Safe HTML out of a passage the database marked: everything is escaped, and only the
engine's START/STOP pairs become <mark>. A stray marker (a message may contain those
characters itself) is dropped, so the marks always balance."""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from helpdesk.search.engine import START, STOP

MARKED = re.compile(f"{START}([^{START}{STOP}]*){STOP}")


def marked_html(passage: str) -> SafeString:
    pieces, position = [], 0
    for found in MARKED.finditer(passage):
        pieces.append(plain(passage[position : found.start()]))
        pieces.append(f"<mark>{plain(found.group(1))}</mark>")
        position = found.end()
    pieces.append(plain(passage[position:]))
    return mark_safe("".join(pieces))


def plain(text: str) -> str:
    return escape(text.replace(START, "").replace(STOP, ""))


def mark_substring(text: str, needle: str, *, width: int = 160) -> str:
    """A window of `text` around the first case-insensitive occurrence of `needle`, marked
    with START/STOP (the partial-word fallback, where the database marks nothing)."""
    at = text.lower().find(needle.lower()) if needle else -1
    if at < 0:
        return text[:width]
    begin = max(0, at - width // 3)
    end = at + len(needle)
    prefix = "…" if begin else ""
    suffix = "…" if end + width // 2 < len(text) else ""
    return (
        f"{prefix}{text[begin:at]}{START}{text[at:end]}{STOP}{text[end : end + width // 2]}{suffix}"
    )
