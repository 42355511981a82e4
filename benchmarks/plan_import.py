"""Seed plan import timing: parse the seed text, and parse + create the draft plan in a database.

    .venv/bin/python benchmarks/plan_import.py [--runs 50]

Uses a throw-away SQLite database under var/bench/ and prints a Markdown section, which
`benchmarks/run.sh` (through run.py) keeps in RESULTS.md. Target: seed import ≤ 200 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "danvan" / "demo" / "fixtures" / "ke-hoach-dan-van-chinh-quyen-2026-hong-phong.txt"
OUT = ROOT / "var" / "bench" / "results-import.json"


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=50)
    args = ap.parse_args()
    db = ROOT / "var" / "bench" / "import.sqlite3"
    db.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    os.environ["DANVAN_DATABASE_URL"] = f"sqlite:///{db}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from danvan.core.divisions import ensure_commune
    from danvan.core.models import User
    from danvan.demo.units import ensure_commune_units
    from danvan.lib import planparse
    from danvan.plans.importer import plan_import

    commune = ensure_commune(6079)
    ensure_commune_units(commune)
    user = User.objects.create_user("bench_import")
    text = SEED.read_text(encoding="utf-8")

    parse_ms, import_ms = [], []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        parsed = planparse.parse_text(text)
        t1 = time.perf_counter()
        plan_import(parsed=parsed, commune=commune, by=user, source_text=text)
        t2 = time.perf_counter()
        parse_ms.append((t1 - t0) * 1000)
        import_ms.append((t2 - t0) * 1000)
    result = {
        "runs": args.runs,
        "parse": {"p50": statistics.median(parse_ms), "p95": pct(parse_ms, 95)},
        "import": {"p50": statistics.median(import_ms), "p95": pct(import_ms, 95)},
        "references": len(parsed.references),
        "tasks": len(parsed.tasks),
    }
    OUT.write_text(json.dumps(result))
    print(section(result))


def section(r: dict) -> str:
    met = "**yes**" if r["import"]["p95"] <= 200 else "**NO**"
    return "\n".join(
        [
            "## Seed plan import (SQLite)",
            "",
            f"`benchmarks/plan_import.py`, {r['runs']} runs on the seed "
            f"({r['references']} references, {r['tasks']} suggested tasks).",
            "",
            "| step | p50 ms | p95 ms | target | met? |",
            "|---|--:|--:|--:|---|",
            f"| parse the text | {r['parse']['p50']:.1f} | {r['parse']['p95']:.1f} | | |",
            f"| parse + create the draft plan (sections, references, tasks, audit) | "
            f"{r['import']['p50']:.1f} | {r['import']['p95']:.1f} | ≤ 200 ms | {met} |",
            "",
        ]
    )


if __name__ == "__main__":
    main()
