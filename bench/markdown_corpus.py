"""Pathological Markdown at the message size limit, and how long each takes to render.

    make bench-markdown     (or: .venv/bin/python -m bench.markdown_corpus [--markdown])

tests/messages/test_markdown_corpus.py renders every entry too, so none can raise."""

import argparse
import os
import time

SIZE = 100_000  # helpdesk.messages.actions.MAX_BODY_CHARS and the preview's PREVIEW_MAX_CHARS


def repeat(unit: str, size: int = SIZE) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def nested_lists(depth: int) -> str:
    return "".join("  " * level + "- a\n" for level in range(depth))


def reference_storm(size: int = SIZE) -> str:
    definitions = "".join(f"[r{n}]: /u{n}\n" for n in range(4000))
    return (definitions + repeat("[r1] [r2][] [r3][r3] ", size))[:size]


def wide_table(columns: int = 2000) -> str:
    head = "|" + "a|" * columns + "\n|" + "-|" * columns + "\n"
    return (head + repeat("|x" * columns + "\n"))[:SIZE]


def growing_backticks(size: int = SIZE) -> str:
    """Code-span openers of every length 1, 2, 3, ..., none closed."""
    return "".join("`" * n + "a" for n in range(1, 1000))[:size]


def half(opener: str, middle: str, closer: str) -> str:
    """`opener` × k, `middle`, `closer` × k: the deepest nesting of a pair at the limit."""
    count = (SIZE - len(middle)) // (len(opener) + len(closer))
    return opener * count + middle + closer * count


CORPUS = {
    "`[` × N": repeat("["),
    "`![` × N": repeat("!["),
    "`[a](` × N": repeat("[a]("),
    "`![a](` × N": repeat("![a]("),
    "`[](` × N": repeat("[]("),
    "`[a[b](c)` × N": repeat("[a[b](c)"),
    "`*[a]: b⏎` × N (abbreviations)": repeat("*[a]: b\n"),
    "`a⏎: b⏎` × N (definition lists)": repeat("a\n: b\n"),
    "`[a]: b⏎` × N (reference definitions)": repeat("[a]: b\n"),
    "4,000 references, then uses": reference_storm(),
    "300-level nested list": nested_lists(300),
    "`- ` × N (nested list items)": repeat("- "),
    "`1. ` × N": repeat("1. "),
    "`>` × N (nested blockquotes)": repeat(">", SIZE - 1) + "a",
    "`> a⏎` × N": repeat("> a\n"),
    "`> - ` × N": repeat("> - "),
    "`*` × N": repeat("*"),
    "`_` × N": repeat("_"),
    "`*a**` × N (emphasis runs)": repeat("*a**"),
    "`**a*_` × N": repeat("**a*_"),
    "`*a_ ` × N": repeat("*a_ "),
    "`*_` × N": repeat("*_"),
    "`**_` × k, a, `_**` × k": half("**_", "a", "_**"),
    "`~~a` × N": repeat("~~a"),
    "backticks × N": repeat("`"),
    "`` `a`` `` × N (code span runs)": repeat("`a``"),
    "`` ` `` ``` `` × N": repeat("` `` ``` "),
    "fences `` ```⏎ `` × N": repeat("```\n"),
    "`<details>` then text": "<details>\n" + repeat("a\n", SIZE - 10),
    "`<` × N": repeat("<"),
    "`<a ` × N": repeat("<a "),
    "`<http://a` × N": repeat("<http://a"),
    "`&amp;` × N (entities)": repeat("&amp;"),
    "`&` × N": repeat("&"),
    "`\\` × N": repeat("\\"),
    "`#` × N": repeat("#"),
    "`a⏎=⏎` × N (setext headings)": repeat("a\n=\n"),
    "long table (2 columns)": "|a|b|\n|-|-|\n" + repeat("|x|y|\n", SIZE - 12),
    "wide table (2,000 columns)": wide_table(),
    "newlines × N": repeat("\n"),
    "`a⏎` × N (hard breaks)": repeat("a\n"),
    # Aimed at depth: cmark has no nesting limit, and nh3 (html5ever) is super-linear in it.
    "`> ` × N (spaced nested blockquotes)": repeat("> ", SIZE - 1) + "a",
    "`>` × 1,000 per line": repeat(">" * 1000 + " a\n"),
    "`*` × k, a, `*` × k": half("*", "a", "*"),
    "`*a **b ` × N (open emphasis)": repeat("*a **b "),
    "`**[a ~~*` × k, b, `*~~](c)**` × k": half("**[a ~~*", "b", "*~~](c)**"),
    "`[` × k, `]` × k": half("[", "a", "]"),
    "`[` × k, a, `](b)` × k": half("[", "a", "](b)"),
    "`- ` × 25 then a, per line": repeat("- " * 25 + "a\n"),
    "`1. ` nested by indentation (250 levels)": "".join(
        "   " * level + "1. a\n" for level in range(250)
    ),
    "`> - ` × 25 then a, per line": repeat("> - " * 25 + "a\n"),
    "`> 1. - ` × N": repeat("> 1. - "),
    "backtick runs of length 1, 2, 3, …": growing_backticks(),
    "many one-cell tables (a pipe, ⏎, `-` and a pipe, ⏎) × N": repeat("|\n-|\n"),
    "table, 10,000 rows, 3 aligned columns": "|a|b|c|\n|:-|:-:|-:|\n" + "|x|y|z|\n" * 10_000,
    "`&#x41;&nbsp;&#1234567;&;` × N (entity storm)": repeat("&#x41;&nbsp;&#1234567;&;"),
    "`&#` × N (unterminated entities)": repeat("&#"),
    "one 100,000-character word": repeat("a"),
    "one 100,000-character line of words": repeat("lorem ipsum "),
    "`www.a.` × N (autolink)": repeat("www.a."),
    "`www.a.b ` × N": repeat("www.a.b "),
    "`a@b.c` × N (email autolinks)": repeat("a@b.c"),
    "`http://a_` × N": repeat("http://a_"),
    "`[a](<` × N": repeat("[a](<"),
    "`<a@b.c>` × N (angle autolinks)": repeat("<a@b.c>"),
    "`<a@` × N": repeat("<a@"),
    "ordinary prose": repeat("Lorem ipsum dolor sit **amet**, [link](https://example.com).\n\n"),
}


def measure(render, text: str, rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        render(text)
        best = min(best, time.perf_counter() - started)
    return best * 1000


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="best of this many renders")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "helpdesk.settings")
    os.environ.setdefault("SECRET_KEY", "benchmark-only")
    import django

    django.setup()
    from helpdesk.messages.markdown import render_markdown

    if args.markdown:
        print("| input | chars | ms |\n|---|---:|---:|")
    for name, text in CORPUS.items():
        ms = measure(render_markdown, text, args.rounds)
        row = f"| {name} | {len(text):,} | {ms:,.0f} |"
        print(row if args.markdown else f"{ms:9.1f} ms  {name}", flush=True)


if __name__ == "__main__":
    main()
