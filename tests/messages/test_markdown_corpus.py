"""Every pathological input of the benchmark renders, at the size limit, without an error.
The timing belongs to `make bench-markdown`; the bound here only catches a renderer that is
super-linear again (the old one took 7.5 s for 8,000 `[` and minutes at the limit)."""

import re
import time

import pytest

from bench.markdown_corpus import CORPUS
from helpdesk.messages.markdown import MAX_DEPTH, render_markdown

SANITY_SECONDS = 10


VOID = {"br", "hr", "img"}


def depth(html):
    """How deep the elements of nh3's output nest (it writes void tags without `/>`)."""
    level = deepest = 0
    for closing, name in re.findall(r"<(/?)([a-z0-9]+)", html):
        if closing:
            level -= 1
        elif name not in VOID:
            level += 1
            deepest = max(deepest, level)
    return deepest


@pytest.mark.parametrize("name", list(CORPUS))
def test_renders_without_an_error_and_nests_at_most_max_depth(name):
    started = time.perf_counter()
    html = render_markdown(CORPUS[name])
    assert time.perf_counter() - started < SANITY_SECONDS
    assert depth(html) <= MAX_DEPTH
