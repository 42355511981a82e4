"""Benchmark of promises (issue 13): the officers' list, the portal's page and the export at
province scale, over HTTP.

    .venv/bin/python benchmarks/promises.py [sqlite|postgres|all] [--reuse] [--report-only]

Per database: a database (SQLite `var/bench/promises.sqlite3`; PostgreSQL
`danvan_bench_promises` on 127.0.0.1:5432) made by `danvan migrate`, `danvan gen-bench
--communes 65 --tasks 20000 --seed 42` (the communes, their units and accounts; its tasks are
not what is measured here, the promises' own tasks are added to them) and `danvan gen-promises
--per-commune 1500 --seed 42` (about 100,000 promises; `--reuse` probes the database an earlier
run made), ANALYZE, the ground truth counted in Python over the commune's rows (`facts`,
below), gunicorn with 2 sync workers (`run.Server`), the bare-Django floor (`benchmarks/floor/`,
25 tasks of the measured commune, right before and right after each row) and a server with
nothing kept (`run.unkept_server`). Each row: 10 warm-up requests and 200 timed ones at one
client, on the kept server and again with nothing kept. Every response must answer 200 and show the count, or
the text, the ground truth expects. The section "Promises (issue 13)" of RESULTS.md is replaced
(between its markers); the rest of the file is others'.

BENCH_REALTIME=0 (no SCHED_RR) and `nice` are how it is meant to run on the shared machine:
the others' CPU share of each row says how noisy it was.
"""

from __future__ import annotations

import io
import os
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run  # the plans benchmark: Server, measure, scheduling, machine facts
import suite  # the driver every part's benchmark shares
from floor import report as floor
from probe import Case

ROOT = run.ROOT
OUT = run.OUT
RESULTS_MD = run.RESULTS_MD
SECTION = ("<!-- PROMISES -->", "<!-- /PROMISES -->")
LEADER, OFFICER = "bench_leader_1", "bench_officer_1_2"
TASKS = os.environ.get("BENCH_TASKS", "20000")
PER_COMMUNE = os.environ.get("BENCH_PROMISES_PER_COMMUNE", "1500")
LIST = "/can-bo/cam-ket/"
EXPORT = "/can-bo/cam-ket/danh-sach.xlsx"
PORTAL = "/da-hua-da-lam/"
TARGET_MS = 50.0
EXPORT_TARGET_MS = 2000.0  # a download of the commune's whole register, not a page
COMMON, RARE = "duong", "cau treo"  # searched without diacritics: "đường", "cầu treo"
COUNT = r">(\d[\d.]*) cam kết<"
# The portal's first figure, "Đã hứa": how many of the filters' promises it shows.
FIGURE = r'>(\d[\d.]*)</div>\s*<div class="small">(?:<span[^>]*>)?Đã hứa<'


# --- inside Django: the ground truth ------------------------------------------------------------


def facts() -> dict[str, Any]:
    """What the pages must show, counted in Python over the commune's rows (statuses by
    Promise.status, searches by the folded words in search_text), not through the views'
    queries; and each page's SQL queries, counted and kept, through Django's test client."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import NoReverseMatch, reverse
    from django.utils import timezone

    from danvan.core.access import get_access
    from danvan.core.models import User
    from danvan.lib.text import fold
    from danvan.plans.models import Task
    from danvan.promises.models import Promise, Source

    today = timezone.localdate()
    leader = User.objects.get(username=LEADER)
    officer = User.objects.get(username=OFFICER)
    commune = sorted(get_access(leader).managed_communes)[0]
    units = sorted(get_access(officer).units(commune_id=commune))
    rows = list(
        Promise.objects.filter(commune_id=commune)
        .only("public", "source", "outcome", "outcome_on", "promised_due", "due_on",
              "owner_unit_id", "search_text", "made_on", "title")
        .order_by("-made_on", "-id")
    )  # fmt: skip

    def found(ps: list[Promise], q: str) -> list[Promise]:
        words = fold(q).split()[:8]
        return [p for p in ps if all(w in p.search_text for w in words)]

    statuses: dict[str, int] = {}
    for p in rows:
        s = p.status(today)
        statuses[s] = statuses.get(s, 0) + 1
    public = [p for p in rows if p.public]
    source = Source.VOTERS.value
    portal: dict[str, Any] = {}
    try:
        portal["list"] = reverse("portal:promises")
    except NoReverseMatch:
        portal = {}
    if portal:
        newest = public[0]
        portal.update(
            detail=reverse("portal:promise", args=[newest.pk]),
            newest={"id": newest.pk, "title": newest.title},
            public=len(public),
            search={q: len(found(public, q)) for q in (COMMON, RARE)},
            source={"value": source, "count": sum(1 for p in public if p.source == source)},
        )
    # The pages keep what they write until a record of the commune changes: their queries when
    # counted (the cache cleared) and when kept, and the counted page's time in-process.
    from django.core.cache import cache

    queries: dict[str, Any] = {}
    pages = [
        ("list", leader, f"{LIST}?xa={commune}"),
        ("search", leader, f"{LIST}?{urlencode({'xa': commune, 'q': COMMON})}"),
        ("detail", leader, rows[0] and f"{LIST}{rows[0].pk}/"),
    ]
    if portal:
        pages.append(("portal list", None, f"{portal['list']}?xa={commune}"))
    for name, user, path in pages:
        client = Client(HTTP_HOST="127.0.0.1")
        if user:
            client.force_login(user)
        client.get(path)
        counted = []
        for _ in range(3):
            cache.clear()
            t0 = time.perf_counter()
            with CaptureQueriesContext(connection) as captured:
                status = client.get(path).status_code
            counted.append(round((time.perf_counter() - t0) * 1000, 1))
        with CaptureQueriesContext(connection) as kept:
            client.get(path)
        queries[name] = {
            "status": status,
            "queries": len(captured.captured_queries),
            "kept_queries": len(kept.captured_queries),
            "counted_ms": counted,
        }
    return {
        "today": today.isoformat(),
        "commune": commune,
        "promises": Promise.objects.count(),
        "communes": Promise.objects.values("commune").distinct().count(),
        "tasks": Task.objects.count(),
        "commune_tasks": Task.objects.filter(commune_id=commune).count(),
        "list": {
            "count": len(rows),
            "statuses": statuses,
            "search": {q: len(found(rows, q)) for q in (COMMON, RARE)},
            "mine": sum(1 for p in rows if p.owner_unit_id in units),
            "units": units,
            "newest": {"id": rows[0].pk, "title": rows[0].title},
            "internal": len(rows) - len(public),
        },
        "portal": portal,
        "queries": queries,
    }


# --- outside: databases, server, probe ----------------------------------------------------------


def officers(**params: Any) -> str:
    return f"{LIST}?{urlencode(params)}"


def cases(f: dict[str, Any]) -> list[Case]:
    lst, xa = f["list"], f["commune"]
    late = lst["statuses"].get("late", 0)
    out = [
        Case("officers: a commune's list", officers(xa=xa), LEADER, "list", target_ms=TARGET_MS,
             expect_count=lst["count"], count_regex=COUNT,
             contains=[f'href="{LIST}{lst["newest"]["id"]}/"'],
             note="the leader; first page, the newest first, with the figures"),
        Case("officers: late ones", officers(xa=xa, **{"trang-thai": "late"}), LEADER,
             "filtered list", target_ms=TARGET_MS, expect_count=late, count_regex=COUNT),
        Case(f"officers: search '{COMMON}'", officers(xa=xa, q=COMMON), LEADER, "search",
             target_ms=TARGET_MS, expect_count=lst["search"][COMMON], count_regex=COUNT,
             note="a common word typed without diacritics (đường)"),
        Case(f"officers: search '{RARE}'", officers(xa=xa, q=RARE), LEADER, "search",
             target_ms=TARGET_MS, expect_count=lst["search"][RARE], count_regex=COUNT,
             note="a rare word typed without diacritics (cầu treo)"),
        Case("officers: a unit's own", officers(xa=xa, **{"cua-toi": "1"}), OFFICER, "list",
             target_ms=TARGET_MS, expect_count=lst["mine"], count_regex=COUNT,
             note=f"{OFFICER}, an office's officer: what his unit owes"),
        Case("officers: a promise's page", f"{LIST}{lst['newest']['id']}/", LEADER, "detail",
             target_ms=TARGET_MS, contains=[lst["newest"]["title"][:60]]),
        Case("officers: export .xlsx", officers(xa=xa).replace(LIST, EXPORT), LEADER, "export",
             target_ms=EXPORT_TARGET_MS, contains=["PK"],
             note=f"the commune's whole register, {lst['count']} rows (checked once with "
                  "openpyxl); a download, its own target"),
    ]  # fmt: skip
    p = f.get("portal") or {}
    if p:
        base = f"{p['list']}?"

        def total(n: int) -> dict[str, Any]:  # the figure "Đã hứa" of the page's filters
            return {"expect_count": n, "count_regex": FIGURE}

        out += [
            Case("portal: a commune's page", base + urlencode({"xa": xa}), "", "list",
                 target_ms=TARGET_MS, **total(p["public"]), contains=[p["newest"]["title"][:60]],
                 note="public, no login; the newest first, with the figures"),
            Case(f"portal: search '{COMMON}'", base + urlencode({"xa": xa, "q": COMMON}), "",
                 "search", target_ms=TARGET_MS, **total(p["search"][COMMON]),
                 note="its figures counted on each request (the page keeps no search's)"),
            Case("portal: one source", base + urlencode({"xa": xa, "nguon": p["source"]["value"]}),
                 "", "filtered list", target_ms=TARGET_MS, **total(p["source"]["count"]),
                 note="the voters' recommendations' answers"),
            Case("portal: a promise's page", p["detail"], "", "detail", target_ms=TARGET_MS,
                 contains=[p["newest"]["title"][:60]]),
        ]  # fmt: skip
    return out


def check_export(server: run.Server, session: httpx.Cookies, f: dict[str, Any]) -> str:
    """The export's rows, read once with openpyxl: as many promises as the commune has."""
    import openpyxl

    r = httpx.get(server.url + officers(xa=f["commune"]).replace(LIST, EXPORT), cookies=session,
                  timeout=120)  # fmt: skip
    if r.status_code != 200:
        return f"HTTP {r.status_code}"
    sheet = openpyxl.load_workbook(io.BytesIO(r.content), read_only=True).active
    numbered = sum(1 for row in sheet.iter_rows(values_only=True) if isinstance(row[0], int))
    want = f["list"]["count"]
    return "ok" if numbered == want else f"{numbered} numbered rows != {want}"


def floor_cases(f: dict[str, Any], when: str) -> list[Case]:
    """The floor: 25 tasks of the measured commune (its promises' tasks among them)."""
    return [floor.case("tasks", f["commune"], f["commune_tasks"], when)]


# --- RESULTS.md -----------------------------------------------------------------------------------


def section(all_data: list[dict[str, Any]]) -> str:
    lines = [
        SECTION[0],
        "## Promises (issue 13)",
        "",
        "`benchmarks/promises.py` (see its docstring): the officers' list of promises "
        f"(`{LIST}`), a promise's page, the export and the portal's “Chính quyền đã hứa — đã "
        f"làm” (`{PORTAL}`) at province scale: `gen-bench --communes 65 --tasks {TASKS}` (the "
        "communes, units and accounts; those tasks are not what is measured) and "
        f"`gen-promises --per-commune {PER_COMMUNE}` (about 100,000 promises, each with its "
        "task, its outcome's report and audit entries). Over HTTP through gunicorn (2 sync "
        "workers), 200 timed requests per row after 10 warm-up ones, at one client; each row "
        "also on a server with nothing kept (“(nothing kept)”: the first request after a "
        "write). Target (issue 13): p95 ≤ 50 ms at one client for every page; the export is a "
        "download of the commune's whole register, shown against 2 s (a row stops after "
        "150 s: *n* says how many of its 200 requests were timed). Every response was "
        "checked: status 200 and the count shown equal to the ground truth counted in Python "
        "over the commune's rows (statuses by `Promise.status`, searches by the folded words), "
        "or the newest promise's title on the page; the export's rows were counted once with "
        "openpyxl. *floor p95 ms* and *× floor* (issue 16): the bare-Django floor of the same "
        "run (25 tasks of the measured commune, right before and right after each row; the "
        "lower p95).",
        "",
    ]
    for d in all_data:
        f = d["facts"]
        v = d["versions"]
        lst = f["list"]
        q = suite.queries_sentence(f)
        portal = f.get("portal") or {}
        lines += [
            f"### {d['db']}",
            "",
            f"{v['database']}, run {d['when']} on commit {d['git']}, scheduling "
            f"{d['scheduling']}; {f['promises']:,} promises in {f['communes']} communes, "
            f"{f['tasks']:,} tasks in all; {d['timings']}. Ground truth on {f['today']}: "
            f"commune #{f['commune']} has {lst['count']:,} promises ({lst['internal']} "
            f"internal), statuses {lst['statuses']}; '{COMMON}' finds {lst['search'][COMMON]}, "
            f"'{RARE}' {lst['search'][RARE]}; {OFFICER}'s unit owes {lst['mine']}"
            + (f"; {portal['public']} public" if portal else "; the portal page was not there")
            + f". Export check: {d['export_check']}. SQL queries per page: {q}.",
            "",
        ]
        lines += suite.table(d, uncounted=lambda case: case.startswith("officers: export"))
    lines.append(SECTION[1])
    return "\n".join(lines)


SUITE = suite.Suite(
    name="promises",
    script=__file__,
    generate=[
        ["gen-bench", "--communes", "65", "--tasks", TASKS, "--seed", "42"],
        ["gen-promises", "--per-commune", PER_COMMUNE, "--seed", "42"],
    ],
    users=(LEADER, OFFICER),
    cases=cases,
    floor=floor_cases,
    section=section,
    markers=SECTION,
    check=lambda server, sessions, f: check_export(server, sessions[LEADER], f),
)


if __name__ == "__main__":
    suite.main(SUITE, facts)
