"""Every page of the demo against the floor (issue 16), over HTTP.

    .venv/bin/python benchmarks/demo.py [sqlite|postgres|all] [--report-only]

Per database: a fresh database (SQLite `var/bench/demo.sqlite3`; PostgreSQL `danvan_bench_demo`
on 127.0.0.1:5432), `danvan migrate` and `danvan load-demo`; then, inside Django (`pages`), the
pages each demo persona reaches: from the landing page and the menu, every link of the officers'
pages two clicks deep (and a search on each list that has one), one page per view and set of
query parameters (reached by the first persona that opens it) and each persona's landing page,
kept only when it answers 200 with HTML (a download or a redirect is not a page); the public
portal's the same from `/`, anonymously. Then gunicorn (`run.Server`, 2 sync workers) and the
floor (`benchmarks/floor/`, 25 petitions and 25 tasks of the demo's commune), and each page
at one client: 10 warm-up requests and `BENCH_DEMO_REQUESTS` (100) timed ones, against the
floor measured beside it (`floor.Beside`: right before the page and right after it, the lower
p95), the floor of the whole run before and after all of them too. A page is within target at
p95 ≤ 4× the floor (`/can-bo/`) or ≤ 3× (public). The section "Every page of the
demo" of RESULTS.md is replaced (between its markers).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import subprocess
import sys
from collections import deque
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run  # the plans benchmark: Server, measure, scheduling, machine facts
from floor import report as floor
from probe import Case, Probe

ROOT = run.ROOT
OUT = run.OUT
SECTION = ("<!-- DEMO -->", "<!-- /DEMO -->")
PASSWORD = "demo-2026"  # noqa: S105 - the demo's accounts (README)
# The demo's officers, each a persona of DESIGN.md (README lists them); the administrator and
# the platform's operator work in /quan-tri/, Django's admin, not the product's pages.
PERSONAS = ("chutich", "pct", "vanphong", "vhxh", "hcc", "dvci", "mttq", "truongthon", "tinh",
            "xakhac")  # fmt: skip
DEPTH = 2
SKIP = ("/static/", "/media/", "/quan-tri/", "/api/", "/dang-xuat/", "/dang-nhap/", "/i18n/")
SEARCHES = {"q": "dat"}  # a word the demo's petitions and tasks hold
REQUESTS = run.REQUESTS = int(os.environ.get("BENCH_DEMO_REQUESTS", "100"))  # run.measure's
HREF = re.compile(r'href="(/[^"#]*)"')


# --- inside Django: the pages -------------------------------------------------------------------


def pages() -> dict[str, Any]:
    """The pages of each persona and of the portal, and the floor's facts (see the docstring)."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    import django

    django.setup()
    from html import unescape

    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import Resolver404, resolve

    from danvan.core.access import get_access
    from danvan.core.models import Unit
    from danvan.petitions.models import Petition
    from danvan.plans.models import Task

    refused: list[dict[str, Any]] = []

    # One page per view and set of query parameters, reached by the first persona that opens
    # it (the chairman first: he reads the most), and each persona's landing page.
    seen: set[tuple[str, tuple[str, ...]]] = set()

    def crawl(client: Client, start: list[str], inside: str) -> list[dict[str, str]]:
        found = []
        queue = deque((path, 0) for path in start)
        while queue:
            path, depth = queue.popleft()
            parts = urlsplit(path)
            if not parts.path.startswith(inside) or parts.path.startswith(SKIP):
                continue
            if inside == "/" and parts.path.startswith("/can-bo/"):
                continue
            try:
                view = resolve(parts.path).view_name
            except Resolver404:
                continue
            key = (view, tuple(sorted(k for k, _ in parse_qsl(parts.query))))
            landing = depth == 0 and path == start[0]
            if key in seen and not landing:
                continue
            seen.add(key)
            response = client.get(path)
            html = response.get("Content-Type", "").startswith("text/html")
            if response.status_code in (403, 404, 500):  # a link the persona should not see
                refused.append({"path": path, "status": response.status_code})
            if (
                response.status_code != 200
                or not html
                or response.has_header("Content-Disposition")
            ):
                continue
            found.append({"view": view, "path": path})
            body = response.content.decode()
            if 'name="q"' in body and "q" not in dict(parse_qsl(parts.query)):
                queue.append((f"{parts.path}?{urlencode(SEARCHES)}", depth))
            if depth < DEPTH:
                queue.extend((unescape(h), depth + 1) for h in HREF.findall(body))
        return found

    out: dict[str, Any] = {"personas": {}, "refused": []}
    chairman = get_user_model().objects.get(username=PERSONAS[0])
    for username in PERSONAS:
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(get_user_model().objects.get(username=username))
        landing = client.get("/can-bo/", follow=True).request["PATH_INFO"]
        out["personas"][username] = crawl(client, [landing, "/can-bo/"], "/can-bo/")
        out["refused"] += [{**r, "persona": username} for r in refused]
        refused.clear()
    out["public"] = crawl(Client(HTTP_HOST="127.0.0.1"), ["/"], "/")
    commune = Unit.objects.get(pk=min(get_access(chairman).own_communes))
    book = Petition.objects.filter(commune=commune)
    out["floor"] = {
        "commune": commune.pk,
        "petitions": book.count(),
        "newest": book.order_by("-received_on", "-id").values_list("pk", flat=True).first(),
        "tasks": Task.objects.filter(commune=commune).count(),
    }
    return out


# --- outside: database, server, probe -----------------------------------------------------------


def database(db: str) -> str:
    if db == "sqlite":
        path = OUT / "demo.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return run.sqlite_url(path)
    conn = ["-h", "127.0.0.1", "-p", "5432", "-U", "postgres"]
    name = f"danvan_bench_demo{run.DB_SUFFIX}"
    subprocess.run(["dropdb", *conn, "--if-exists", name], timeout=60, check=True)
    subprocess.run(["createdb", *conn, name], timeout=60, check=True)
    return f"postgres://postgres@127.0.0.1:5432/{name}"


def cases(found: dict[str, Any]) -> list[Case]:
    out = [
        Case(f"{user}: {p['view']}", p["path"], user, "page")
        for user, listed in found["personas"].items()
        for p in listed
    ]
    out += [Case(f"public: {p['view']}", p["path"], "", "public") for p in found["public"]]
    return out


def floor_cases(f: dict[str, Any], when: str) -> list[Case]:
    return [
        floor.case("tasks", f["commune"], f["tasks"], when),
        floor.case("petitions", f["commune"], f["petitions"], when, newest=f["newest"]),
    ]


async def probe_all(
    server: run.Server,
    found: dict[str, Any],
    floor_server: run.Server | None,
    bare: run.Server | None = None,
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Every page's row, each against the floor beside it (floor.Beside), and the summary of
    those floors; with `bare` (run.unkept_server) each page measured there too, kept in its row
    as `unkept` (the page's first request after a write)."""
    probe = Probe(server.url)
    bare_probe = Probe(bare.url) if bare else None
    for user in found["personas"]:
        await probe.login(user, PASSWORD)
        if bare_probe:
            await bare_probe.login(user, PASSWORD)
    floor_probe = Probe(floor_server.url) if floor_server else None
    beside = floor.Beside(
        floor_server.url if floor_server else None,
        floor_cases(found["floor"], "beside"),
        REQUESTS,
        run.WARMUP,
        run.log,
    )
    rows, twins = [], []
    if floor_server and floor_probe:
        rows += [await run.measure(floor_probe, floor_server, c, 1) for c in floor_cases(found["floor"], "before")]  # fmt: skip

    for case in cases(found):

        async def page(case: Case = case) -> list[dict[str, Any]]:
            out = [await run.measure(probe, server, case, 1)]
            if bare and bare_probe:
                out.append(await run.measure(bare_probe, bare, run.unkept(case), 1))
            return out

        measured = await beside.around(case.path, page)
        rows.append(measured[0])
        twins += measured[1:]
    if floor_server and floor_probe:
        rows += [await run.measure(floor_probe, floor_server, c, 1) for c in floor_cases(found["floor"], "after")]  # fmt: skip
    floor.annotate(rows + twins)
    by_path = {(t["path"], t["case"].removesuffix(run.UNKEPT)): t for t in twins}
    for r in rows:
        if (twin := by_path.get((r.get("path"), r["case"]))) is not None:
            r["unkept"] = {k: twin.get(k) for k in UNKEPT_KEYS}
    return rows, beside.summary()


UNKEPT_KEYS = (
    "p50_ms", "p95_ms", "errors", "floor_p95_ms", "floor_ratio", "floor_met", "others_cpu_pct"
)  # fmt: skip


def bench(db: str) -> dict[str, Any]:
    run.log(f"=== every page of the demo, {db} ===")
    env = dict(os.environ)
    env.update(
        DANVAN_DATABASE_URL=database(db),
        DANVAN_ENV="development",
        DANVAN_DEBUG="false",
        DANVAN_ALLOWED_HOSTS="127.0.0.1,testserver",
        DANVAN_LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE="danvan.settings",
    )
    danvan = str(run.VENV / "danvan")
    run.run([danvan, "migrate", "--noinput", "-v0"], env, 900)
    run.run([danvan, "load-demo"], env, 900)
    run.dbtool(env, "analyze")
    found = json.loads(run.run([str(run.VENV / "python"), __file__, "pages"], env, 1800))
    server = run.Server(env, f"demo-{db}")
    floor_server = bare = None
    realtime = False
    try:
        server.wait_ready()
        floor_server = run.start_floor(env, f"demo-{db}")
        bare = run.unkept_server(env, f"demo-{db}")
        realtime = run.REALTIME and run.set_realtime()
        rows, beside = asyncio.run(probe_all(server, found, floor_server, bare))
    finally:
        server.stop()
        for other in (floor_server, bare):
            if other:
                other.stop()
        run.set_realtime(on=False)
    data = {
        "db": db,
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "git": run.git_state(),
        "versions": run.dbtool(env, "versions"),
        "floor_facts": found["floor"],
        "results": rows,
        "floor_beside": beside,
        "scheduling": "SCHED_RR 1" if server.realtime and realtime else "normal",
    }
    (OUT / f"demo-{db}.json").write_text(json.dumps(data, ensure_ascii=False, indent=1))
    return data


# --- RESULTS.md -----------------------------------------------------------------------------------


def section(all_data: list[dict[str, Any]]) -> str:
    lines = [
        SECTION[0],
        "## Every page of the demo (issue 16)",
        "",
        "`benchmarks/demo.py` (see its docstring): `danvan load-demo` on a fresh database; every "
        "page each demo persona reaches from its landing page and menu, two clicks deep, one per "
        "view and set of query parameters, plus a search on each list that has one, and the "
        "public portal's pages from `/`; each over HTTP through gunicorn (2 sync workers) at one "
        f"client, {REQUESTS} timed requests after 10 warm-up ones, every response 200. The floor: "
        "`benchmarks/floor/` on the same database (25 petitions or 25 tasks of Xã Hồng Phong), "
        "measured beside each page: right before it and right after it (and its twin with "
        "nothing kept), the lower p95, so each page is compared with the machine of its own "
        "minute; task pages against the tasks' floor, the others against the petitions'. "
        "Target: officer pages (`/can-bo/`) within 4×, public pages within 3×. Rows sorted by "
        "their ratio, the slowest first.",
        "",
    ]
    for d in all_data:
        rows = [r for r in d["results"] if not floor.is_floor(r)]
        rated = [r for r in rows if r.get("floor_ratio") is not None]
        officer = [r for r in rated if r["path"].startswith("/can-bo/")]
        public = [r for r in rated if not r["path"].startswith("/can-bo/")]
        met_o = sum(1 for r in officer if r["floor_met"])
        met_p = sum(1 for r in public if r["floor_met"])
        bare_o = sum(1 for r in officer if r.get("unkept", {}).get("floor_met"))
        bare_p = sum(1 for r in public if r.get("unkept", {}).get("floor_met"))
        v = d["versions"]
        lines += [
            f"### {d['db']}",
            "",
            f"{v['database']}, run {d['when']} on commit {d['git']}, scheduling "
            f"{d['scheduling']}. **{met_o} of {len(officer)} officer pages within 4× the floor, "
            f"{met_p} of {len(public)} public pages within 3×; with nothing kept, {bare_o} of "
            f"{len(officer)} and {bare_p} of {len(public)}.**",
            "",
            "| page | path | err | p50 ms | p95 ms | others' CPU % |"
            + floor.HEADER
            + " nothing kept: p95 ms | × floor |",
            "|---|---|--:|--:|--:|--:|" + floor.ALIGN + "--:|---|",
        ]
        ordered = sorted(rows, key=lambda r: -max(r.get("floor_ratio") or 0, _bare_ratio(r) or 0))
        for r in [*ordered, *[r for r in d["results"] if floor.is_floor(r)]]:
            lines.append(
                f"| {r['case']} | `{r['path']}` | {r['errors']} | {run.fmt(r['p50_ms'])} "
                f"| {run.fmt(r['p95_ms'])} | {run.fmt(r.get('others_cpu_pct'))} |"
                + floor.cells(r, counted=True)
                + _bare_cells(r)
            )
        for r in d["results"]:
            if r["errors"]:
                lines.append(f"- errors in {r['case']}: {r['error_samples']}")
        lines += [floor.sentence(d["results"], d.get("floor_beside")), ""]
    lines.append(SECTION[1])
    return "\n".join(lines)


def load(path: Path) -> dict[str, Any]:
    """A run's results with the ratios computed again (floor.load), the twin's with nothing
    kept too: measured between the same floors as its page."""
    data = floor.load(path)
    floors = [r for r in data["results"] if floor.is_floor(r)]
    for r in data["results"]:
        if "unkept" in r:
            twin = {**r, **r["unkept"]}  # the page's path and floors, the twin's numbers
            floor.annotate([*floors, twin])
            r["unkept"] = {k: twin.get(k) for k in UNKEPT_KEYS}
    return data


def _bare_ratio(r: dict[str, Any]) -> float | None:
    return r.get("unkept", {}).get("floor_ratio")


def _bare_cells(r: dict[str, Any]) -> str:
    """The page with nothing kept (run.unkept_server): its p95 and ratio, the target's verdict."""
    bare = r.get("unkept")
    if not bare or bare.get("floor_ratio") is None:
        return " — | — |"
    met = "**yes**" if bare["floor_met"] else "**NO**"
    return f" {run.fmt(bare['p95_ms'])} | {bare['floor_ratio']}× {met} |"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument(
        "which", nargs="?", default="all", choices=["sqlite", "postgres", "all", "pages"]
    )
    ap.add_argument("--report-only", action="store_true", help="rewrite the section only")
    args = ap.parse_args()
    if args.which == "pages":
        print(json.dumps(pages()))
        return
    OUT.mkdir(parents=True, exist_ok=True)
    if not args.report_only:
        for db in ["sqlite", "postgres"] if args.which == "all" else [args.which]:
            bench(db)
    found = [OUT / f"demo-{db}.json" for db in ("sqlite", "postgres")]
    all_data = [load(p) for p in found if p.exists()]
    if all_data:
        run.keep_section(run.RESULTS_MD, SECTION, section(all_data))
        run.log(f"wrote the demo's section of {run.RESULTS_MD.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
