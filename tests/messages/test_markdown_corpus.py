"""Every pathological input of the benchmark renders, at the size limit, without an error.
The timing belongs to `make bench-markdown`; the bound here only catches a renderer that is
super-linear again (the old one took 7.5 s for 8,000 `[` and minutes at the limit)."""

import time

import pytest

from bench.markdown_corpus import CORPUS
from helpdesk.messages.markdown import render_markdown

SANITY_SECONDS = 10


@pytest.mark.parametrize("name", list(CORPUS))
def test_renders_without_an_error(name):
    started = time.perf_counter()
    assert isinstance(render_markdown(CORPUS[name]), str)
    assert time.perf_counter() - started < SANITY_SECONDS
