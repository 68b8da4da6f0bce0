#!/usr/bin/env python3
"""Side by side: one row per page, the C=1 median and the C=8 throughput at each size.

python3 bench/sizes.py bench/results/10000 bench/results/100000 bench/results/1000000
"""

import json
import sys
from pathlib import Path


def results(run: Path, c: int) -> dict:
    path = run / f"http_c{c}.json"
    if not path.exists():
        return {}
    return {r["label"]: r for r in json.loads(path.read_text())["results"]}


def fmt(value) -> str:
    if value is None:
        return "-"
    return f"{value:.1f}" if value < 100 else f"{value:.0f}"


def main(directories) -> int:
    runs = [Path(d) for d in directories]
    data = [(run.name, results(run, 1), results(run, 8)) for run in runs]
    queries = {}
    for run in runs:
        path = run / "queries.json"
        if path.exists():
            for row in json.loads(path.read_text()):
                queries.setdefault(row["label"], {})[run.name] = row["queries"]
    labels = []
    for _name, c1, c8 in data:
        for label in [*c1, *c8]:
            if label not in labels:
                labels.append(label)
    head = "| page | queries |"
    align = "|---|---:|"
    for name, _c1, _c8 in data:
        head += f" {int(name):,} C=1 median / p95 | C=8 median | C=8 req/s |"
        align += "---:|---:|---:|"
    print(head)
    print(align)
    for label in labels:
        counts = sorted(set(queries.get(label, {}).values()))
        line = f"| {label} | {'–'.join(map(str, counts)) or '-'} |"
        for _name, c1, c8 in data:
            one, eight = c1.get(label), c8.get(label)
            capped = "*" if (one and one["capped"]) or (eight and eight["capped"]) else ""
            line += (
                f" {fmt(one['median_ms']) if one else '-'} / {fmt(one['p95_ms']) if one else '-'}"
                f"{capped} | {fmt(eight['median_ms']) if eight else '-'} |"
                f" {fmt(eight['req_s']) if eight else '-'} |"
            )
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
