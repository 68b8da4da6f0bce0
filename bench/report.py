#!/usr/bin/env python3
"""One Markdown table of a run directory: query counts beside the C=1 and C=8 timings.

python3 bench/report.py bench/results/100000
"""

import json
import sys
from pathlib import Path


def load(path: Path):
    return json.loads(path.read_text()) if path.exists() else None


def fmt(value) -> str:
    if value is None:
        return "-"
    return f"{value:.1f}" if value < 100 else f"{value:.0f}"


def main(directory: str) -> int:
    run = Path(directory)
    queries = {row["label"]: row for row in load(run / "queries.json") or []}
    levels = []
    for path in sorted(run.glob("http_c*.json"), key=lambda p: int(p.stem[6:])):
        data = load(path)
        levels.append((data["concurrency"], {r["label"]: r for r in data["results"]}))
    labels = list(queries) or (list(levels[0][1]) if levels else [])
    for _c, results in levels:
        labels += [label for label in results if label not in labels]
    head = "| page | SQL queries | bytes |"
    align = "|---|---:|---:|"
    for c, _results in levels:
        head += f" C={c} n | median | p95 | p99 | req/s |"
        align += "---:|---:|---:|---:|---:|"
    print(head)
    print(align)
    for label in labels:
        q = queries.get(label, {})
        size = q.get("bytes")
        line = f"| {label} | {q.get('queries', '-')} | {size if size is not None else '-'} |"
        for _c, results in levels:
            r = results.get(label)
            if r is None:
                line += " - | - | - | - | - |"
                continue
            n = f"{r['n']}{'*' if r['capped'] else ''}{'!' if r['errors'] else ''}"
            line += (f" {n} | {fmt(r['median_ms'])} | {fmt(r['p95_ms'])} | "
                     f"{fmt(r['p99_ms'])} | {fmt(r['req_s'])} |")  # fmt: skip
        print(line)
    print()
    print("Latencies in ms. `*`: stopped by the per-URL time cap; `!`: some requests failed.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "."))
