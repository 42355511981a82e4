"""Benchmark of the movement and the units' work (issue 14): the officers' lists of the
movement, the commendations, the news and broadcasts, public opinion, respected persons, study
sessions and the one-stop register, and the portal's gallery and news, at province scale, over
HTTP.

    .venv/bin/python benchmarks/unitwork.py [sqlite|postgres|all] [--reuse] [--report-only]

Per database (benchmarks/suite.py does the running): `danvan gen-bench --communes 65 --tasks
20000 --seed 42` (the communes, their units and accounts) and `danvan gen-unitwork --scale 1
--seed 42` (about 420,000 records: danvan/demo/bench_unitwork.py), ANALYZE, the ground truth
counted in Python over the commune's rows (`facts`, below), gunicorn with 2 sync workers, the
bare-Django floor and a server with nothing kept. Each row: 10 warm-up requests and 200 timed
ones at one client, on the kept server and again with nothing kept; every response must answer
200 and show the count, or the newest row's title, the ground truth expects. Target (issue 14):
p95 ≤ 50 ms for every list. The section "The movement and the units' work (issue 14)" of
RESULTS.md is replaced (between its markers).
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run  # the plans benchmark: Server, measure, scheduling, machine facts
import suite  # the driver every part's benchmark shares
from floor import report as floor
from probe import Case

ROOT = run.ROOT
SECTION = ("<!-- UNITWORK -->", "<!-- /UNITWORK -->")
LEADER = "bench_leader_1"
TASKS = os.environ.get("BENCH_TASKS", "20000")
SCALE = os.environ.get("BENCH_UNITWORK_SCALE", "1")
TARGET_MS = 50.0
RARE, COMMON = "cau treo", "hoa giai"  # typed without diacritics: "cầu treo", "hòa giải"


# --- inside Django: the ground truth ------------------------------------------------------------


def facts() -> dict[str, Any]:
    """What each list must show for the leader's commune, counted in Python over its rows (the
    default year where a list opens on one; searches by the folded words in each row's search
    text), and the newest row of the lists that show no count; each page's queries, counted
    and kept."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from danvan.commendations.models import Award
    from danvan.core.access import get_access
    from danvan.core.models import User
    from danvan.ethnic_religious.models import KeyPerson
    from danvan.lib.text import fold
    from danvan.movement.models import Practice
    from danvan.news.models import Article, Broadcast
    from danvan.onestop.models import Dossier
    from danvan.opinion.models import OpinionNote
    from danvan.plans.models import Task
    from danvan.study.models import StudySession

    today = timezone.localdate()
    leader = User.objects.get(username=LEADER)
    commune = sorted(get_access(leader).managed_communes)[0]

    def matching(texts: list[str], q: str) -> int:
        words = fold(q).split()
        return sum(1 for t in texts if all(w in t for w in words))

    practices = list(
        Practice.objects.filter(commune_id=commune, year=today.year).values_list(
            "search", flat=True
        )
    )
    awards = list(Award.objects.filter(commune_id=commune).values_list("search", flat=True))
    notes = list(
        OpinionNote.objects.filter(commune_id=commune).values_list("search_text", flat=True)
    )
    articles = Article.objects.filter(commune_id=commune)
    newest_article = articles.order_by("-created_at", "-id").first()
    newest_published = articles.filter(status="published").order_by("-published_at", "-id").first()
    broadcast = (
        Broadcast.objects.filter(commune_id=commune)
        .order_by("-aired_on", "-starts_at", "-id")
        .first()
    )
    gallery = (
        Practice.objects.gallery().filter(commune_id=commune).order_by("-decided_on", "-id").first()
    )
    sessions = StudySession.objects.filter(commune_id=commune, planned_on__year=today.year)
    f = {
        "today": today.isoformat(),
        "commune": commune,
        "year": today.year,
        "rows": {
            m.__name__: m.objects.count()
            for m in (
                Practice,
                Award,
                Article,
                Broadcast,
                OpinionNote,
                KeyPerson,
                StudySession,
                Dossier,
            )
        },
        "tasks": Task.objects.count(),
        "commune_tasks": Task.objects.filter(commune_id=commune).count(),
        "practices": {"count": len(practices), RARE: matching(practices, RARE)},
        "awards": {"count": len(awards), COMMON: matching(awards, COMMON)},
        "notes": {"count": len(notes), RARE: matching(notes, RARE)},
        "persons": KeyPerson.objects.filter(commune_id=commune).count(),
        "sessions": sessions.count(),
        "dossiers": Dossier.objects.filter(commune_id=commune).count(),
        "article": newest_article.title if newest_article else "",
        "published": newest_published.title if newest_published else "",
        "broadcast": broadcast.title if broadcast else "",
        "gallery": gallery.name if gallery else "",
    }
    queries: dict[str, Any] = {}
    for case in cases(f):
        client = Client(HTTP_HOST="127.0.0.1")
        if case.auth:
            client.force_login(leader)
        client.get(case.path)
        counted = []
        for _ in range(3):
            cache.clear()
            t0 = time.perf_counter()
            with CaptureQueriesContext(connection) as captured:
                status = client.get(case.path).status_code
            counted.append(round((time.perf_counter() - t0) * 1000, 1))
        with CaptureQueriesContext(connection) as kept:
            client.get(case.path)
        queries[case.name] = {
            "status": status,
            "queries": len(captured.captured_queries),
            "kept_queries": len(kept.captured_queries),
            "counted_ms": counted,
        }
    f["queries"] = queries
    return f


# --- the rows -------------------------------------------------------------------------------------


def cases(f: dict[str, Any]) -> list[Case]:
    xa, year = f["commune"], f["year"]

    def url(path: str, **params: Any) -> str:
        return f"{path}?{urlencode({'xa': xa, **params})}"

    def listed(name: str, path: str, count: int, regex: str, note: str = "", **params: Any) -> Case:
        return Case(name, url(path, **params), LEADER, "search" if "q" in params else "list",
                    target_ms=TARGET_MS, expect_count=count, count_regex=regex, note=note)  # fmt: skip

    def shown(name: str, path: str, title: str, auth: str = LEADER, note: str = "") -> Case:
        return Case(name, url(path), auth, "list", target_ms=TARGET_MS,
                    contains=[title[:60]] if title else [], note=note)  # fmt: skip

    practices, awards, notes = f["practices"], f["awards"], f["notes"]
    return [
        listed("movement: the year's register", "/can-bo/dan-van-kheo/", practices["count"],
               r"(\d[\d.]*) mô hình, điển hình", "this year's practices", nam=year),
        listed(f"movement: search '{RARE}'", "/can-bo/dan-van-kheo/", practices[RARE],
               r"(\d[\d.]*) mô hình, điển hình", nam=year, q=RARE),
        listed("commendations: the register", "/can-bo/khen-thuong/", awards["count"],
               r"(\d[\d.]*) lượt khen thưởng", "every year's awards"),
        listed(f"commendations: search '{COMMON}'", "/can-bo/khen-thuong/", awards[COMMON],
               r"(\d[\d.]*) lượt khen thưởng", q=COMMON),
        shown("news: the articles", "/can-bo/tin-bai/", f["article"], note="drafts too, newest first"),
        shown("news: the broadcast log", "/can-bo/tin-bai/nhat-ky/", f["broadcast"]),
        listed("opinion: the notes", "/can-bo/du-luan/", notes["count"], r"(\d[\d.]*) tin\."),
        listed(f"opinion: search '{RARE}'", "/can-bo/du-luan/", notes[RARE], r"(\d[\d.]*) tin\.",
               q=RARE),
        listed("ethnic and religious: respected persons", "/can-bo/dan-toc-ton-giao/",
               f["persons"], r"(\d[\d.]*) người"),
        listed("study: the year's sessions", "/can-bo/hoc-tap/", f["sessions"], r"(\d[\d.]*) buổi",
               nam=year),
        listed("one-stop: the register", "/can-bo/mot-cua/", f["dossiers"],
               r"tính đến ngày [\d/]+: (\d[\d.]*) hồ sơ", "a year and more of dossiers"),
        shown("portal: the gallery", "/dan-van-kheo/", f["gallery"], auth="",
              note="public, no login; recognised practices shown, newest first"),
        shown("portal: the news", "/tin-tuc/", f["published"], auth=""),
    ]  # fmt: skip


def floor_cases(f: dict[str, Any], when: str) -> list[Case]:
    """The floor: 25 tasks of the measured commune."""
    return [floor.case("tasks", f["commune"], f["commune_tasks"], when)]


# --- RESULTS.md -----------------------------------------------------------------------------------


def section(all_data: list[dict[str, Any]]) -> str:
    lines = [
        SECTION[0],
        "## The movement and the units' work (issue 14)",
        "",
        "`benchmarks/unitwork.py` (see its docstring): the officers' lists of issue 14 and the "
        "portal's gallery and news at province scale: `gen-bench --communes 65 --tasks "
        f"{TASKS}` (communes, units and accounts) and `gen-unitwork --scale {SCALE}` (per "
        "commune 300 practices, 1,000 awards in 40 decisions, 600 articles, 1,500 broadcasts, "
        "1,500 notes of public opinion, 150 respected persons, 300 study sessions, 2,000 "
        "one-stop dossiers). Over HTTP through gunicorn (2 sync workers), 200 timed requests "
        "per row after 10 warm-up ones, at one client; each row also on a server with nothing "
        "kept. Target (issue 14): p95 ≤ 50 ms for every list. Every response was checked: "
        "status 200 and the count shown equal to the ground truth counted in Python over the "
        "commune's rows, or the newest row's title on the page. The import of 100,000 one-stop "
        "rows is timed by `benchmarks/onestop_import.py` (below the table).",
        "",
    ]
    for d in all_data:
        f, v = d["facts"], d["versions"]
        lines += [
            f"### {d['db']}",
            "",
            f"{v['database']}, run {d['when']} on commit {d['git']}, scheduling "
            f"{d['scheduling']}; rows in all: {f['rows']}; {d['timings']}. Ground truth on "
            f"{f['today']} for commune #{f['commune']}: {f['practices']['count']} practices "
            f"this year, {f['awards']['count']} awards, {f['notes']['count']} notes, "
            f"{f['persons']} respected persons, {f['sessions']} sessions this year, "
            f"{f['dossiers']} dossiers. SQL queries per page: {suite.queries_sentence(f)}.",
            "",
        ]
        lines += suite.table(d)
    lines += import_lines()
    lines.append(SECTION[1])
    return "\n".join(lines)


def import_lines() -> list[str]:
    """The one-stop import's timing (benchmarks/onestop_import.py), when it has been run."""
    kept = run.OUT / "onestop-import.json"
    if not kept.exists():
        return ["### One-stop import", "", "Not run: `benchmarks/onestop_import.py`.", ""]
    r = json.loads(kept.read_text())
    first, again, reg = r["first_counts"], r["again_counts"], r["register_ms"]
    met = "**yes**" if r["first_s"] <= r["target_s"] and r["again_s"] <= r["target_s"] else "**NO**"
    return [
        "### One-stop import (`benchmarks/onestop_import.py`, SQLite)",
        "",
        f"Run {r.get('when', '')}: an .xlsx of {r['rows']:,} rows ({r['bytes'] / 1e6:.1f} MB, days "
        "as text and as spreadsheet dates, 100 unreadable rows) imported on a fresh database, "
        "then the same file again.",
        "",
        "| step | s | target | met? | rows read | created | unchanged | unreadable |",
        "|---|--:|--:|---|--:|--:|--:|--:|",
        f"| first import | {r['first_s']} | ≤ {r['target_s']} s | {met} | {first['total']:,} "
        f"| {first['created']:,} | {first['unchanged']:,} | {first['unreadable']} |",
        f"| the same file again | {r['again_s']} | ≤ {r['target_s']} s | {met} "
        f"| {again['total']:,} | {again['created']:,} | {again['unchanged']:,} "
        f"| {again['unreadable']} |",
        "",
        f"The register over those {first['created']:,} dossiers of one commune, in-process as "
        f"its chairman (p95 of 20): the whole list {reg['all_p95']} ms, one result class "
        f"{reg['late_p95']} ms, a search {reg['search_p95']} ms. Reading the sheet with "
        "python-calamine instead of openpyxl took a 30,000-row file from 13 s to about 1 s "
        "(measured side by side, danvan/onestop/reader.py).",
        "",
    ]


SUITE = suite.Suite(
    name="unitwork",
    script=__file__,
    generate=[
        ["gen-bench", "--communes", "65", "--tasks", TASKS, "--seed", "42"],
        ["gen-unitwork", "--scale", SCALE, "--seed", "42"],
    ],
    users=(LEADER,),
    cases=cases,
    floor=floor_cases,
    section=section,
    markers=SECTION,
)


if __name__ == "__main__":
    suite.main(SUITE, facts)
