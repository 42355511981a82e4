"""What the benchmarks of one part's pages at province scale share (promises, issue 13; the
movement and the units' work, issue 14): a database made once per run, gunicorn, the
bare-Django floor and a server with nothing kept, each row probed at one client, and the rows'
table in RESULTS.md. A part says what it generates, what its pages must show (its `facts`,
counted in Python inside Django) and which pages to probe; this module does the rest.

    suite.main(SUITE)   # in the part's script: [sqlite|postgres|all|facts] [--reuse] [--report-only]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import run  # the plans benchmark: Server, measure, scheduling, machine facts
from floor import report as floor
from probe import Case, Probe


@dataclass
class Suite:
    """One part's benchmark. `name` names its database (`var/bench/<name>.sqlite3`,
    `danvan_bench_<name>`), its results (`var/bench/<name>-<db>.json`) and its generation
    record; `script` is the file that prints the facts (`<script> facts`, inside Django);
    `generate`: the `danvan` commands that fill a fresh database, after `migrate`; `users`: the
    accounts the probe logs in; `cases(facts)`: the rows; `floor(facts, when)`: the floor's cases
    (measured before and after all rows, and beside each one: floor.Beside);
    `check(server, sessions, facts)`: a check made once over HTTP (an export's rows), its verdict
    kept in the results; `section(results)`: the Markdown block
    between `markers` in RESULTS.md."""

    name: str
    script: str
    generate: list[list[str]]
    users: tuple[str, ...]
    cases: Callable[[dict[str, Any]], list[Case]]
    floor: Callable[[dict[str, Any], str], list[Case]]
    section: Callable[[list[dict[str, Any]]], str]
    markers: tuple[str, str]
    check: Callable[[run.Server, dict[str, httpx.Cookies], dict[str, Any]], str] | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def database(name: str, db: str, reuse: bool) -> tuple[str, bool]:
    """The database URL, and whether it still has to be generated."""
    if db == "sqlite":
        path = run.OUT / f"{name}.sqlite3"
        if reuse and path.exists():
            return run.sqlite_url(path), False
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return run.sqlite_url(path), True
    host, port = "127.0.0.1", "5432"
    conn = ["-h", host, "-p", port, "-U", "postgres"]
    dbname = f"danvan_bench_{name}{run.DB_SUFFIX}"
    url = f"postgres://postgres@{host}:{port}/{dbname}"
    exists = subprocess.run(
        ["psql", *conn, "-Atc", f"SELECT 1 FROM pg_database WHERE datname='{dbname}'"],  # noqa: S608 - a word
        capture_output=True, text=True, timeout=30, check=False,
    ).stdout.strip() == "1"  # fmt: skip
    if reuse and exists:
        return url, False
    subprocess.run(["dropdb", *conn, "--if-exists", dbname], timeout=60, check=True)
    subprocess.run(["createdb", *conn, dbname], timeout=60, check=True)
    return url, True


async def probe_all(
    suite: Suite,
    server: run.Server,
    f: dict[str, Any],
    floor_server: run.Server | None = None,
    bare: run.Server | None = None,
) -> tuple[list[dict[str, Any]], list[Case], str, dict[str, Any]]:
    """The rows at one client; with `bare` (run.unkept_server), each again there."""
    probe = Probe(server.url)
    bare_probe = Probe(bare.url) if bare else None
    for user in suite.users:
        await probe.login(user, run.PASSWORD)
        if bare_probe:
            await bare_probe.login(user, run.PASSWORD)
    checked = suite.check(server, probe.sessions, f) if suite.check else ""
    floor_probe = Probe(floor_server.url) if floor_server else None
    rows = []
    if floor_server and floor_probe:
        for c in suite.floor(f, "before"):
            rows.append(await run.measure(floor_probe, floor_server, c, 1))
    probed = suite.cases(f)
    beside = floor.Beside(
        floor_server.url if floor_server else None,
        suite.floor(f, "beside"),
        run.REQUESTS,
        run.WARMUP,
        run.log,
    )
    for case in probed:

        async def one_client(case: Case = case) -> list[dict[str, Any]]:
            out = [await run.measure(probe, server, case, 1)]
            if bare and bare_probe:
                out.append(await run.measure(bare_probe, bare, run.unkept(case), 1))
            return out

        rows += await beside.around(case.path, one_client)
    if floor_server and floor_probe:
        for c in suite.floor(f, "after"):
            rows.append(await run.measure(floor_probe, floor_server, c, 1))
    floor.annotate(rows)
    return rows, probed, checked, beside.summary()


def bench(suite: Suite, db: str, reuse: bool) -> dict[str, Any]:
    run.log(f"=== {suite.name}, {db} ===")
    url, generate = database(suite.name, db, reuse)
    made = run.OUT / f"{suite.name}-generated-{db}.json"
    env = dict(os.environ)
    env.update(
        DANVAN_DATABASE_URL=url,
        DANVAN_ENV="development",
        DANVAN_DEBUG="false",
        DANVAN_ALLOWED_HOSTS="127.0.0.1,testserver",
        DANVAN_LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE="danvan.settings",
    )
    danvan = str(run.VENV / "danvan")
    timings: dict[str, Any] = {}
    t0 = time.perf_counter()
    run.run([danvan, "migrate", "--noinput", "-v0"], env, 900)
    timings["migrate_s"] = round(time.perf_counter() - t0, 1)
    if generate:
        for command in suite.generate:
            t0 = time.perf_counter()
            run.run([danvan, *command], env, 5400)
            timings[f"{command[0].replace('-', '_')}_s"] = round(time.perf_counter() - t0, 1)
        made.write_text(json.dumps({"when": datetime.now(UTC).isoformat(timespec="seconds"),
                                    **timings}))  # fmt: skip
    elif made.exists():  # how long the database probed took to make, when it was made
        timings["made"] = json.loads(made.read_text())
    analyze = run.dbtool(env, "analyze")
    f = json.loads(run.run([str(run.VENV / "python"), suite.script, "facts"], env, 1800))
    server = run.Server(env, f"{suite.name}-{db}")
    floor_server = bare = None
    realtime = False
    try:
        server.wait_ready()
        floor_server = run.start_floor(env, f"{suite.name}-{db}")
        bare = run.unkept_server(env, f"{suite.name}-{db}")
        realtime = run.REALTIME and run.set_realtime()
        rows, probed, checked, beside = asyncio.run(probe_all(suite, server, f, floor_server, bare))
    finally:
        server.stop()
        for other in (floor_server, bare):
            if other:
                other.stop()
    try:
        profiles = run.profile_pages(env, f"{suite.name}-{db}", probed)
    finally:
        run.set_realtime(on=False)
    data = {
        "db": db,
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "git": run.git_state(),
        "versions": run.dbtool(env, "versions"),
        "generated": generate,
        "timings": timings,
        "analyze": analyze,
        "facts": f,
        "export_check": checked,
        "results": rows,
        "floor_beside": beside,
        "profiles": profiles,
        "scheduling": "SCHED_RR 1" if server.realtime and realtime else "normal",
    }
    (run.OUT / f"{suite.name}-{db}.json").write_text(json.dumps(data, ensure_ascii=False, indent=1))
    return data


# --- RESULTS.md -----------------------------------------------------------------------------------


def queries_sentence(f: dict[str, Any]) -> str:
    """Each page's SQL queries, counted and kept, and its time counted in-process."""
    return "; ".join(
        f"{k}: {x['queries']} counted, {x['kept_queries']} kept "
        f"(counted in-process {x['counted_ms']} ms)"
        for k, x in f["queries"].items()
    )


def table(d: dict[str, Any], *, uncounted: Callable[[str], bool] = lambda case: False) -> list[str]:
    """The rows of one database's run as a Markdown table, with the errors seen, the floor's
    sentence, the machine's load and the pages' profiles. `uncounted(case)`: a row the floor's
    ratio does not apply to (a download)."""
    lines = [
        "| case | n | err | p50 ms | p95 ms | max ms | req/s | target p95 | met? "
        "| server CPU ms/req | DB CPU ms/req | others' CPU % |" + floor.HEADER,
        "|---|--:|--:|--:|--:|--:|--:|--:|---|--:|--:|--:|" + floor.ALIGN,
    ]
    for r in d["results"]:
        target = f"≤ {r['target_ms']:g} ms" if r["target_ms"] else "—"
        met = "—" if r["met"] is None else ("**yes**" if r["met"] else "**NO**")
        lines.append(
            f"| {r['case']} | {r['ok']} | {r['errors']} "
            f"| {run.fmt(r['p50_ms'])} | {run.fmt(r['p95_ms'])} | {run.fmt(r['max_ms'])} "
            f"| {run.fmt(r['rps'])} | {target} | {met} "
            f"| {run.fmt(r.get('server_cpu_ms_per_req'))} "
            f"| {run.fmt(r.get('db_cpu_ms_per_req'))} | {run.fmt(r.get('others_cpu_pct'))} |"
            + floor.cells(r, counted=not uncounted(r["case"]))
        )
    for r in d["results"]:
        if r["errors"]:
            lines.append(f"- errors in {r['case']}: {r['error_samples']}")
    lines.append(floor.sentence(d["results"], d.get("floor_beside")))
    lines.append(load_sentence(d["results"]))
    lines += floor.profile_table(d.get("profiles"))
    lines.append("")
    return lines


def load_sentence(rows: list[dict[str, Any]]) -> str:
    """How busy the machine was, and what the pages cost in CPU beside the floor: on a machine
    shared with others' work a page waits for a CPU, and its p95 says more of the others than
    of the page; its server CPU per request does not."""
    others = sorted(r["others_cpu_pct"] for r in rows if r.get("others_cpu_pct") is not None)
    pages = [r for r in rows if not floor.is_floor(r) and "export" not in r["case"]]
    cpu = sorted(r["server_cpu_ms_per_req"] for r in pages if r.get("server_cpu_ms_per_req"))
    wait = sorted(r["server_wait_ms_per_req"] for r in pages if r.get("server_wait_ms_per_req"))
    base = [r["server_cpu_ms_per_req"] for r in rows if floor.is_floor(r)]
    if not others or not cpu:
        return ""
    return (
        f"- load: others' processes took {others[0]}-{others[-1]} % of the machine's CPU "
        f"during the rows (median {others[len(others) // 2]} %). The pages' server CPU per "
        f"request was {cpu[0]}-{cpu[-1]} ms (the floor's {min(base) if base else '—'} ms) and "
        f"their workers waited {wait[0] if wait else '—'}-{wait[-1] if wait else '—'} ms per "
        "request for a CPU (run queue, `server_wait_ms_per_req` in the JSON): what a p95 "
        "above the CPU cost is made of."
    )


def main(suite: Suite, facts: Callable[[], dict[str, Any]]) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument(
        "which", nargs="?", default="all", choices=["sqlite", "postgres", "all", "facts"]
    )
    ap.add_argument("--reuse", action="store_true", help="probe the database of an earlier run")
    ap.add_argument("--report-only", action="store_true", help="rewrite the section only")
    args = ap.parse_args()
    if args.which == "facts":
        print(json.dumps(facts()))
        return
    run.OUT.mkdir(parents=True, exist_ok=True)
    if not args.report_only:
        for db in ["sqlite", "postgres"] if args.which == "all" else [args.which]:
            bench(suite, db, args.reuse)
    found = [run.OUT / f"{suite.name}-{db}.json" for db in ("sqlite", "postgres")]
    all_data = [floor.load(p) for p in found if p.exists()]
    if all_data:
        run.keep_section(run.RESULTS_MD, suite.markers, suite.section(all_data))
        run.log(f"wrote the {suite.name} section of {run.RESULTS_MD.relative_to(run.ROOT)}")
