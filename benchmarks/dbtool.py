"""Database-side helpers of the benchmark, run inside Django (`DANVAN_DATABASE_URL` picks the DB).

    python benchmarks/dbtool.py analyze
    python benchmarks/dbtool.py facts --user bench_leader_1 --user bench_province
    python benchmarks/dbtool.py sizes
    python benchmarks/dbtool.py explain --user bench_leader_1 --path /can-bo/nhiem-vu/?scope=all

Each prints one JSON document on stdout. `facts` is the ground truth the probe checks pages
against: counts computed in Python from every task row (statuses with `Task.status_on`, search
by folding every title), not by the queries the pages run.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SEARCHES = ["doi thoai", "o nhiem"]


def setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    import django

    django.setup()


def analyze() -> dict[str, Any]:
    from django.db import connection

    t0 = time.perf_counter()
    with connection.cursor() as cur:
        if connection.vendor == "sqlite":
            cur.execute("ANALYZE")
            cur.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            statement = "ANALYZE; PRAGMA wal_checkpoint(TRUNCATE)"
        else:
            # A bulk load leaves the visibility map empty: VACUUM as autovacuum would, then ANALYZE.
            cur.execute("VACUUM ANALYZE")
            statement = "VACUUM ANALYZE"
    return {"statement": statement, "seconds": round(time.perf_counter() - t0, 2)}


def facts(usernames: list[str]) -> dict[str, Any]:
    from django.db.models import Count
    from django.utils import timezone

    from danvan.core.access import get_access
    from danvan.core.models import User
    from danvan.lib.text import fold
    from danvan.plans.models import Plan, Task

    today = timezone.localdate()
    out: dict[str, Any] = {"today": today.isoformat(), "users": {}}
    for username in usernames:
        user = User.objects.get(username=username)
        access = get_access(user)
        communes = sorted(access.readable_communes)
        statuses: Counter[str] = Counter()
        titles: list[str] = []
        fields = ["done_on", "next_due", "warn_from", "last_report_on"]
        rows = Task.objects.filter(commune_id__in=communes).values_list("title", *fields)
        for title, *values in rows.iterator(chunk_size=5000):
            statuses[Task(**dict(zip(fields, values, strict=True))).status_on(today)] += 1
            titles.append(fold(title))
        first = communes[0]
        plan = (
            Plan.objects.filter(commune_id=first, year=today.year, parent__isnull=True)
            .annotate(n=Count("tasks"))
            .order_by("id")
            .first()
        )
        dashboard_total = Task.objects.filter(commune_id=first, plan__year=today.year).count()
        out["users"][username] = {
            "communes": len(communes),
            "first_commune": first,
            "tasks": len(titles),
            "statuses": dict(statuses),
            "search": {q: sum(1 for t in titles if fold(q) in t) for q in SEARCHES},
            "plan": {"id": plan.pk, "title": plan.title, "tasks": getattr(plan, "n", 0)}
            if plan
            else None,
            "dashboard_total": dashboard_total,
        }
    return out


def sizes() -> dict[str, Any]:
    from django.conf import settings
    from django.db import connection

    from danvan.core.models import AuditEntry, Membership, Unit, User
    from danvan.plans.models import Plan, ProgressReport, Section, Task

    models: dict[str, Any] = {
        "units": Unit,
        "users": User,
        "memberships": Membership,
        "plans": Plan,
        "sections": Section,
        "tasks": Task,
        "coordinating units (links)": Task.coordinating_units.through,
        "progress reports": ProgressReport,
        "audit entries": AuditEntry,
    }
    counts = {name: model.objects.count() for name, model in models.items()}
    if connection.vendor == "sqlite":
        path = Path(settings.DATABASES["default"]["NAME"])
        size = path.stat().st_size
    else:
        with connection.cursor() as cur:
            cur.execute("SELECT pg_database_size(current_database())")
            size = cur.fetchone()[0]
    return {"rows": counts, "bytes": size, "vendor": connection.vendor}


def versions() -> dict[str, str]:
    import sqlite3

    import django
    from django.db import connection

    out = {"django": django.get_version(), "sqlite_module": sqlite3.sqlite_version}
    with connection.cursor() as cur:
        if connection.vendor == "sqlite":
            cur.execute("SELECT sqlite_version()")
            out["database"] = f"SQLite {cur.fetchone()[0]}"
            cur.execute("PRAGMA journal_mode")
            out["journal_mode"] = cur.fetchone()[0]
        else:
            cur.execute("SHOW server_version")
            out["database"] = f"PostgreSQL {cur.fetchone()[0]}"
    return out


def _explain(sql: str) -> tuple[str, float]:
    """The plan of one captured query, and its time when run again with every row fetched."""
    from django.db import connection

    with connection.cursor() as cur:
        if connection.vendor == "sqlite":
            cur.execute("EXPLAIN QUERY PLAN " + sql)
            plan = "\n".join(f"{row[1]}|{row[2]}| {row[3]}" for row in cur.fetchall())
        else:
            cur.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
            plan = "\n".join(row[0] for row in cur.fetchall())
        t0 = time.perf_counter()
        cur.execute(sql)
        cur.fetchall()
        return plan, (time.perf_counter() - t0) * 1000


def explain(username: str, paths: list[str], repeat: int = 5) -> dict[str, Any]:
    """Per page: queries per request, SQL time and wall time in-process, and the costliest plans."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from danvan.core.models import User

    client = Client()
    client.force_login(User.objects.get(username=username))
    pages = []
    for path in paths:
        for _ in range(3):
            client.get(path)  # warm caches (calendar, templates, database pages)
        walls, captured = [], None
        for _ in range(repeat):
            with CaptureQueriesContext(connection) as ctx:
                t0 = time.perf_counter()
                response = client.get(path)
                walls.append((time.perf_counter() - t0) * 1000)
            captured = ctx.captured_queries
        assert captured is not None
        queries: list[dict[str, Any]] = []
        for q in captured:
            sql = q["sql"]
            if not sql.lstrip().upper().startswith("SELECT"):
                queries.append({"sql": sql, "ms_captured": float(q["time"]) * 1000})
                continue
            plan, ms = _explain(sql)
            queries.append(
                {"sql": sql, "ms_captured": float(q["time"]) * 1000, "ms_rerun": ms, "plan": plan}
            )
        walls.sort()
        pages.append(
            {
                "path": path,
                "status": response.status_code,
                "queries": len(captured),
                "wall_ms_median": round(walls[len(walls) // 2], 2),
                "sql_ms_rerun_total": round(sum(q.get("ms_rerun", 0.0) for q in queries), 2),
                "bytes": len(response.content),
                "detail": queries,
            }
        )
    return {"user": username, "vendor": connection.vendor, "pages": pages}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("command", choices=["analyze", "facts", "sizes", "versions", "explain"])
    ap.add_argument("--user", action="append", default=[])
    ap.add_argument("--path", action="append", default=[])
    args = ap.parse_args()
    setup()
    result: dict[str, Any]
    if args.command == "analyze":
        result = analyze()
    elif args.command == "facts":
        result = facts(args.user)
    elif args.command == "sizes":
        result = sizes()
    elif args.command == "versions":
        result = versions()
    else:
        result = explain(args.user[0], args.path)
    json.dump(result, sys.stdout, ensure_ascii=False, indent=1, default=str)
    sys.stdout.write("\n")


def compact_sql(sql: str, limit: int = 400) -> str:
    sql = re.sub(r"\s+", " ", sql)
    return sql if len(sql) <= limit else sql[: limit - 1] + "…"


if __name__ == "__main__":
    main()
