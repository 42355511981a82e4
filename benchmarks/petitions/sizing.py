"""The sizing table of docs/operations.md ("Running a province"), from two PostgreSQL runs of
the petitions benchmark: 1x (var/bench) and 3x (BENCH_OUT=var/bench/3x BENCH_PETITIONS=3000000).

    .venv/bin/python benchmarks/petitions/sizing.py [--one var/bench] [--three var/bench/3x]

Rewrites only what lies between <!-- SIZING --> and <!-- /SIZING -->. The country's row (3,321
communes, 51x the 65 of the runs) is the 1x figures times 51 for sizes; a commune's pages keep
their 1x times (its communes are as busy as at 1x), the province's pages are on the line through
the two measured points (docs/operations.md says why).
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "operations.md"
COUNTRY = 3321 / 65
PAGES = [  # (case of the benchmark, column)
    ("list: newest first", "a commune's list"),
    ("search: o nhiem", "a commune's search"),
    ("province: newest first", "province: list"),
    ("province: open", "province: open"),
    ("province: search o nhiem", "province: common word"),
    ("province: search dat dai", "province: rarer phrase"),
    ("assigned cases: search o nhiem", "assigned cases: search"),
]


def gib(n: float) -> str:
    return f"{n / 2**30:.2f} GiB" if n >= 2**30 else f"{n / 2**20:.0f} MiB"


def load(folder: Path) -> dict[str, Any] | None:
    path = folder / "results-petitions-postgres.json"
    return json.loads(path.read_text()) if path.exists() else None


def p95s(run: dict[str, Any]) -> dict[str, float]:
    return {r["case"]: r["p95_ms"] for r in run["results"] if r["concurrency"] == 1}


def table(one: dict[str, Any], three: dict[str, Any] | None) -> str:
    runs = [("1×", one, 1.0)] + ([("3×", three, 3.0)] if three else [])
    lines = [
        "| scale | petitions | events | petitions: table | its indexes (terms GIN, trigram GIN)"
        " | events: table + indexes | " + " | ".join(f"p95 {c}" for _, c in PAGES) + " |",
        "|---|--:|--:|--:|--:|--:|" + "--:|" * len(PAGES),
    ]

    def row(label: str, sizes: dict[str, Any], times: list[str], k: float = 1.0) -> str:
        p, e = sizes["petitions_petition"], sizes["petitions_petitionevent"]
        idx = p["indexes"]
        return (
            f"| {label} | {p['rows'] * k:,.0f} | {e['rows'] * k:,.0f} | "
            f"{gib(p['table_bytes'] * k)} | {gib(p['index_bytes'] * k)} "
            f"({gib(idx.get('petition_search_terms', 0) * k)}, "
            f"{gib(idx.get('petition_search_trgm', 0) * k)}) | "
            f"{gib((e['table_bytes'] + e['index_bytes']) * k)} | " + " | ".join(times) + " |"
        )

    measured = {}
    for label, run, _ in runs:
        t = p95s(run)
        measured[label] = t
        times = [f"{t[c]:.0f} ms" if c in t else "—" for c, _ in PAGES]
        lines.append(
            row(f"{label}, 65 communes (measured {run['when'][:10]})", run["pg_sizes"], times)
        )
    if three:
        a, b = measured["1×"], measured["3×"]
        line = []
        for c, _ in PAGES:
            if c not in a or c not in b:
                line.append("—")
            elif c.startswith("province"):  # grows with the install's rows: on the line
                line.append(f"~{a[c] + (b[c] - a[c]) * (COUNTRY - 1) / 2:.0f} ms")
            else:  # a commune's (or an officer's) rows: as busy as at 1×
                line.append(f"~{a[c]:.0f} ms")
        lines.append(row("3,321 communes (extrapolated: sizes 51× the 1×; a commune's pages as "
                         "at 1×, the province's on the line through 1× and 3×)",
                         one["pg_sizes"], line, COUNTRY))  # fmt: skip
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--one", type=Path, default=ROOT / "var" / "bench")
    ap.add_argument("--three", type=Path, default=ROOT / "var" / "bench" / "3x")
    args = ap.parse_args()
    one = load(args.one)
    if one is None or "pg_sizes" not in one:
        raise SystemExit(f"no PostgreSQL run with sizes in {args.one}")
    three = load(args.three)
    body = table(one, three if three and "pg_sizes" in three else None)
    text = DOC.read_text()
    new, n = re.subn(
        r"<!-- SIZING -->.*?<!-- /SIZING -->",
        lambda _: f"<!-- SIZING -->\n{body}\n<!-- /SIZING -->",
        text,
        flags=re.S,
    )
    if n != 1:
        raise SystemExit(f"{DOC} has no SIZING markers")
    DOC.write_text(new)
    print(f"wrote the sizing table of {DOC.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
