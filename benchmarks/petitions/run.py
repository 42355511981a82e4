"""Petitions benchmark: 65 communes, 1,000,000 petitions, on SQLite and PostgreSQL.

    benchmarks/petitions/run.sh [sqlite|postgres|all] [--reuse]

Per database: a fresh database (SQLite var/bench/petitions.sqlite3; PostgreSQL
danvan_bench_petitions on 127.0.0.1:5432), `danvan migrate`, `danvan gen-bench --communes 65`
(units, people), `danvan gen-petitions --petitions 1000000` (timed), FTS optimize + ANALYZE,
the ground truth (pdbtool.py facts: every visible row folded in Python), gunicorn (2 sync
workers, DEBUG off, loopback), the probe of benchmarks/probe.py (10 warm-up requests, then 200
timed at 1 and at 8 clients, every response checked against the ground truth), public
submissions (wrk, submit.lua: 8 clients for 30 s, then 10 s more with a gunicorn worker
killed half-way; every acknowledged receipt looked up in the database), then in-process timings
(duplicate check, hotspots, search selectors) and query plans. `--reuse` keeps a database
already generated (skips the 20-minute load) and only probes.

Results: var/bench/results-petitions-<db>.json and benchmarks/RESULTS-petitions.md (rebuilt
from every results file present). Every wait is bounded; the only processes stopped are the
gunicorn master this script started (by pid). Loopback only.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import signal
import subprocess
import sys
import time
import unicodedata
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
import run  # noqa: E402
from floor import report as floor  # noqa: E402
from probe import Case, Probe, as_dict  # noqa: E402
from run import (  # noqa: E402
    ROOT,
    UNKEPT,
    VENV,
    CpuMeter,
    Server,
    free_port,
    keep_section,
    machine,
    wait_quiet,
)

OUT = run.OUT  # BENCH_OUT, BENCH_DB_SUFFIX: see run.py
RESULTS_MD = run.RESULTS_DIR / "RESULTS-petitions.md"
OFFICER = "bench_officer_1_1"  # officer of the commune's petition desk (VP HĐND-UBND)
LEADER = "bench_leader_1"
PROVINCE = "bench_province"  # gen-bench's province viewer
PROVINCE_ADMIN = "bench_province_admin"  # pdbtool.py province-admin
ASSIGNED = "bench_officer_1_2"  # an office that keeps no book: the cases assigned to it
SEARCHES = ("o nhiem", "duong", "dat dai", "trach nhiem")
COUNT_CAP = 1000  # petitions.province.COUNT_CAP
OTHERS = ("province:", "assigned")  # rows of users other than the desk's officer
# BENCH_ONLY="province:,assigned": probe only the rows whose names start so, and skip the
# submissions (unless "submit" is named), profiles and in-process phases (the 3x run).
ONLY = tuple(x for x in os.environ.get("BENCH_ONLY", "").split(",") if x)
# BENCH_CONCURRENCY=1: the rows at one client only (the 3x run). BENCH_MERGE=1 with BENCH_ONLY:
# put the rows measured again into the earlier results file instead of replacing it.
MERGE = os.environ.get("BENCH_MERGE") == "1"
CONCURRENCY = tuple(int(x) for x in os.environ.get("BENCH_CONCURRENCY", "1,8").split(","))
PASSWORD = "bench-pass-123"  # noqa: S105 - bench accounts (gen-bench)
PETITIONS = int(os.environ.get("BENCH_PETITIONS", "1000000"))
TASKS = int(os.environ.get("BENCH_TASKS", "20000"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "200"))
SUBMIT_SECONDS = float(os.environ.get("BENCH_SUBMIT_SECONDS", "30"))
WARMUP, MAX_SECONDS = 10, 150.0
COUNT_RE = r">(\d[\d.,]*) đơn<"
SQLITE_PATH = OUT / "petitions.sqlite3"
PG_DB = f"danvan_bench_petitions{run.DB_SUFFIX}"
# The database refuses writes from 5 s into the phase: SQLite's lock is held past the server's
# 20-s busy timeout twice over, so that waiting writes fail; PostgreSQL is read-only for 10 s.
DBFAIL: dict[str, dict[str, Any]] = {
    "sqlite": {"seconds": 60, "fail_db": (5.0, 45.0)},
    "postgres": {"seconds": 25, "fail_db": (5.0, 10.0)},
}
# --submit-only on a database made for it: petitions already there (BENCH_SUBMIT_PETITIONS).
SUBMIT_ONLY_PETITIONS = int(os.environ.get("BENCH_SUBMIT_PETITIONS", "20000"))


def log(msg: str) -> None:
    print(f"[petitions {datetime.now():%H:%M:%S}] {msg}", flush=True)


def sh(cmd: list[str], env: dict[str, str], timeout: float) -> tuple[str, float]:
    t0 = time.perf_counter()
    proc = subprocess.run(
        cmd, env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False
    )
    took = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stdout}{proc.stderr}")
    log(f"{' '.join(Path(c).name if i == 0 else c for i, c in enumerate(cmd))} ({took:.1f} s)")
    return proc.stdout, took


def pdb(env: dict[str, str], *args: str, timeout: float = 1800) -> Any:
    out, _ = sh([str(VENV / "python"), str(HERE / "pdbtool.py"), *args], env, timeout)
    return json.loads(out)


def environment(db: str) -> dict[str, str]:
    url = (
        run.sqlite_url(SQLITE_PATH)
        if db == "sqlite"
        else f"postgres://postgres@127.0.0.1:5432/{PG_DB}"
    )
    env = dict(os.environ)
    env.update(
        DANVAN_DATABASE_URL=url,
        DANVAN_ENV="development",
        DANVAN_DEBUG="false",
        DANVAN_ALLOWED_HOSTS="127.0.0.1,testserver",
        DANVAN_LOG_LEVEL="WARNING",
        # As behind a reverse proxy: the load test's citizens each send from an address of
        # their own (submit.lua), under the portal's real per-address limit.
        DANVAN_CLIENT_IP_HEADER="X-Forwarded-For",
        PYTHONPATH=str(ROOT),
    )
    return env


def fresh(db: str) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    if db == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)
        return
    conn = ["-h", "127.0.0.1", "-p", "5432", "-U", "postgres"]
    subprocess.run(["dropdb", *conn, "--if-exists", PG_DB], timeout=120, check=True)
    subprocess.run(["createdb", *conn, PG_DB], timeout=60, check=True)


# --- cases --------------------------------------------------------------------------------------


def q(path: str, **params: str) -> str:
    return path + "?" + "&".join(f"{k}={quote(v)}" for k, v in params.items())


def link(pk: int | None) -> list[str]:
    return [f'href="/can-bo/don-thu/{pk}/"'] if pk else []


def build_cases(facts: dict[str, Any], available: dict[str, bool]) -> list[Case]:
    f = facts["users"][OFFICER]
    lst = "/can-bo/don-thu/"
    cases = [
        Case("list: newest first", lst, OFFICER, "list", expect_count=f["petitions"],
             count_regex=COUNT_RE, contains=link(f["newest"]), target_ms=50.0),
        Case("filtered list: open", q(lst, status="open"), OFFICER, "filtered list",
             expect_count=f["open"], count_regex=COUNT_RE, contains=link(f["open_newest"]),
             target_ms=50.0),
        Case("filtered list: overdue", q(lst, due="overdue"), OFFICER, "filtered list",
             expect_count=f["overdue"], count_regex=COUNT_RE, target_ms=50.0),
    ]  # fmt: skip
    for text in SEARCHES:
        s = f["search"][text]
        cases.append(
            Case(f"search: {text}", q(lst, q=text), OFFICER, "search", expect_count=s["count"],
                 count_regex=COUNT_RE, contains=link(s["newest"]), target_ms=100.0)
        )  # fmt: skip
    cases.append(
        Case("petition page", f"/can-bo/don-thu/{f['newest']}/", OFFICER, "detail",
             contains=["Đơn số"], note="no target in DESIGN.md; shown against 50 ms",
             target_ms=50.0)
    )  # fmt: skip
    if available.get("dashboard"):
        cases.append(
            Case("dashboard (petitions)", "/can-bo/don-thu/thong-ke/", LEADER, "dashboard",
                 target_ms=200.0)
        )  # fmt: skip
    if available.get("hotspots"):
        cases.append(
            Case("hotspots", "/can-bo/don-thu/diem-nong/", LEADER, "hotspots",
                 contains=["Điểm nóng đơn thư"], note="no target in DESIGN.md; against 200 ms",
                 target_ms=200.0)
        )  # fmt: skip
    if available.get("similar"):
        cases.append(
            Case("similar petitions page", f"/can-bo/don-thu/{f['newest']}/tuong-tu/", OFFICER,
                 "duplicates", contains=["Đơn nhận trước"], target_ms=100.0,
                 note="page = detail query + duplicate check + render; check itself ≤ 50 ms")
        )  # fmt: skip
    cases += province_cases(facts)
    if available.get("submit"):
        cases.append(
            Case("public: petition form", "/gui-don/", "", "public",
                 contains=['name="csrfmiddlewaretoken"'],
                 note="the portal's form, no login; issue 16: within 3× the floor")
        )  # fmt: skip
    cases += public_cases(facts, available)
    return cases


def public_cases(facts: dict[str, Any], available: dict[str, bool]) -> list[Case]:
    """Issue 16: the portal's other pages, no login, within 3× the floor: its home page (every
    commune to choose from, the newest issued plans), a list (what is posted now: none in this
    data, so its filters and empty state) and a detail (the plan the home page lists first, its
    tasks as the public sees them). Each checked to be that page, not an error page."""
    cases = []
    if available.get("home"):
        cases.append(
            Case("public: home", "/", "", "public",
                 contains=["Chính quyền lắng nghe và phục vụ Nhân dân", 'name="xa"',
                           "Kế hoạch đã ban hành", 'href="/ke-hoach/'],
                 note="the portal's home: the choice of 65 communes, the newest plans")
        )  # fmt: skip
    if available.get("disclosures"):
        cases.append(
            Case("public: disclosures list", "/cong-khai/", "", "public",
                 contains=['<h1 class="h3">Thông tin đang công khai</h1>', 'name="noi-dung"'],
                 note="a public list: what is posted now (none in this data)")
        )  # fmt: skip
    plan = facts.get("public_plan")
    if plan:
        cases.append(
            Case("public: plan page", plan["path"], "", "public",
                 contains=[f'<h1 class="h4">{plan["title"]}</h1>', "tiến độ chung"],
                 note="a public detail: the plan the home page lists first")
        )  # fmt: skip
    return cases


def province_cases(facts: dict[str, Any]) -> list[Case]:
    """Issue 15, item 3: the province's book (petitions.province) for the province's viewer and
    administrator over all 65 communes, and the search of an officer whose access comes from the
    cases assigned to him; each page's count and newest row checked against the ground truth."""
    p = facts["users"][PROVINCE]
    book = "/can-bo/don-thu/toan-tinh/"

    def counted(n: int) -> dict[str, Any]:
        # Above the cap the page says "Hơn 1.000 đơn" or PostgreSQL's estimate; below, the count.
        if n > COUNT_CAP:
            return {"estimated_count": (n, f"{COUNT_CAP:,}".replace(",", "."))}
        return {"expect_count": n, "count_regex": COUNT_RE}

    def row(case: str, path: str, user: str, n: int, newest: str | None, kind: str) -> Case:
        c = counted(n)
        c.setdefault("contains", [])
        if newest:
            c["contains"].append(newest)
        return Case(f"province: {case}", path, user, kind, target_ms=100.0, **c)

    cases = [
        row("newest first", book, PROVINCE, p["petitions"], p["newest_row"], "list"),
        row("open", q(book, status="open"), PROVINCE, p["open"], p["open_newest_row"],
            "filtered list"),
        row("overdue", q(book, due="overdue"), PROVINCE, p["overdue"], p["overdue_newest_row"],
            "filtered list"),
    ]  # fmt: skip
    for text in SEARCHES:
        s = p["search"][text]
        cases.append(row(f"search {text}", q(book, q=text), PROVINCE, s["count"],
                         s["newest_row"], "search"))  # fmt: skip
    s = p["search"]["o nhiem"]
    cases.append(row("administrator: search o nhiem", q(book, q="o nhiem"), PROVINCE_ADMIN,
                     s["count"], s["newest_row"], "search"))  # fmt: skip
    a = facts["users"][ASSIGNED]
    for text in ("o nhiem", "duong"):
        s = a["search"][text]
        cases.append(
            Case(f"assigned cases: search {text}", q("/can-bo/don-thu/", q=text), ASSIGNED,
                 "search", expect_count=s["count"], count_regex=COUNT_RE,
                 contains=link(s["newest"]), target_ms=100.0)
        )  # fmt: skip
    return cases


def floor_cases(facts: dict[str, Any], when: str) -> list[Case]:
    """25 newest petitions of the desk's commune, the list's first page without the list."""
    f = facts["users"][OFFICER]
    one = len(f["communes"]) == 1
    return [
        floor.case("petitions", f["communes"][0], f["petitions"] if one else None, when,
                   newest=f["newest"] if one else None)
    ]  # fmt: skip


def variants(facts: dict[str, Any]) -> list[Case]:
    """Spellings that must find exactly what "o nhiem" finds."""
    s = facts["users"][OFFICER]["search"]["o nhiem"]
    spellings = ["ô nhiễm", "Ô NHIỄM", unicodedata.normalize("NFD", "Ô nhiễm"), "  O   Nhiem "]
    return [
        Case(f"q={x!r}", q("/can-bo/don-thu/", q=x), OFFICER, "search",
             expect_count=s["count"], count_regex=COUNT_RE)
        for x in spellings
    ]  # fmt: skip


async def availability(probe: Probe, newest: int) -> dict[str, bool]:
    """Which pages of other engineers (dashboard) and of this one (hotspots, similar) are
    mounted in this build: a page that answers 404 is reported as not measured."""
    out = {}
    for name, path, user in [
        ("dashboard", "/can-bo/don-thu/thong-ke/", LEADER),
        ("hotspots", "/can-bo/don-thu/diem-nong/", LEADER),
        ("similar", f"/can-bo/don-thu/{newest}/tuong-tu/", OFFICER),
        ("submit", "/gui-don/", ""),
        ("home", "/", ""),
        ("disclosures", "/cong-khai/", ""),
    ]:
        async with probe._client(user or None) as c:
            r = await c.get(path)
            out[name] = r.status_code == 200
    return out


PLAN_LINK_RE = re.compile(r'<a href="(/ke-hoach/\d+/)">([^<]+)</a>')


async def public_plan(probe: Probe) -> dict[str, str] | None:
    """The plan the portal's home page lists first (its path, its title as the page writes it),
    for the public plan page's row; None when the home page lists none."""
    async with probe._client(None) as c:
        r = await c.get("/")
    found = PLAN_LINK_RE.search(r.text) if r.status_code == 200 else None
    return {"path": found[1], "title": found[2]} if found else None


async def measure_row(probe: Probe, server: Server, case: Case, conc: int) -> dict[str, Any]:
    tick_ms = 1000 / os.sysconf("SC_CLK_TCK")
    before = await wait_quiet(server, max_wait=min(30.0, run.QUIET_WAIT))
    meter = CpuMeter(server)
    r = await probe.run(
        case, concurrency=conc, requests=REQUESTS, warmup=WARMUP, max_seconds=MAX_SECONDS
    )
    cpu = meter.read()
    row = as_dict(r)
    row["path"] = case.path
    row["others_cpu_pct_before"] = before
    row["others_cpu_pct"] = cpu["others_pct"]
    row["server_cpu_ms_per_req"] = round(
        cpu["server_ticks"] * tick_ms / (r.ok + r.errors + WARMUP), 1
    )
    log(f"{case.name:<26} c={conc} n={r.ok} err={r.errors} p50={r.p50_ms} "
        f"p95={r.p95_ms} server_cpu/req={row['server_cpu_ms_per_req']}ms "
        f"others={cpu['others_pct']}%" + (f" {r.error_samples}" if r.errors else ""))  # fmt: skip
    return row


async def probe_pages(
    server: Server,
    facts: dict[str, Any],
    floor_server: Server | None = None,
    bare: Server | None = None,
) -> dict[str, Any]:
    """The rows; with `bare` (run.unkept_server), each one-client row again there."""
    probe = Probe(server.url, timeout=120)
    bare_probe = Probe(bare.url, timeout=120) if bare else None
    for user in (OFFICER, LEADER, PROVINCE, PROVINCE_ADMIN, ASSIGNED):
        await probe.login(user, PASSWORD)
        if bare_probe:
            await bare_probe.login(user, PASSWORD)
    available = await availability(probe, facts["users"][OFFICER]["newest"])
    log(f"pages available: {available}")
    facts["public_plan"] = await public_plan(probe)
    spellings = []
    for case in variants(facts):
        r = await probe.run(case, concurrency=1, requests=1, warmup=0, max_seconds=60)
        spellings.append({"query": case.name, "ok": r.errors == 0, "errors": r.error_samples})
    results = []
    floor_probe = Probe(floor_server.url) if floor_server else None
    if floor_server and floor_probe:
        for c in floor_cases(facts, "before"):
            results.append(await measure_row(floor_probe, floor_server, c, 1))
    beside = floor.Beside(
        floor_server.url if floor_server else None,
        floor_cases(facts, "beside"),
        REQUESTS,
        WARMUP,
        run.log,
    )
    for case in build_cases(facts, available):
        if ONLY and not case.name.startswith(ONLY):
            continue

        async def one_client(case: Case = case) -> list[dict[str, Any]]:
            out = [await measure_row(probe, server, case, 1)]
            if bare and bare_probe:
                out.append(await measure_row(bare_probe, bare, run.unkept(case), 1))
            return out

        results += await beside.around(case.path, one_client)
        for conc in CONCURRENCY:
            if conc != 1:
                results.append(await measure_row(probe, server, case, conc))
    if floor_server and floor_probe:
        for c in floor_cases(facts, "after"):
            results.append(await measure_row(floor_probe, floor_server, c, 1))
    floor.annotate(results)
    return {
        "available": available,
        "variants": spellings,
        "results": results,
        "floor_beside": beside.summary(),
    }


# --- public submissions -------------------------------------------------------------------------

CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
OPTION_RE = re.compile(r'<option value="(\d+)"[^>]*>([^<]+)</option>')
SUBMIT_LUA = HERE / "submit.lua"


def fail_database(db: str, seconds: float) -> dict[str, Any]:
    """Make the database refuse every write for `seconds`, from outside the server, then take
    writes again (issue 11, item 5).

    SQLite: another process holds the write lock (BEGIN IMMEDIATE) longer than the server's
    busy timeout (20 s, settings.py), so that the server's writes wait, then fail with
    "database is locked"; reads go on (WAL). PostgreSQL: the database is made read-only
    (`default_transaction_read_only`) and the server's connections are cut, so that it
    reconnects to a database that refuses writes ("cannot execute INSERT in a read-only
    transaction"), as after a fail-over to a standby; then writable again, connections cut
    again. Only this benchmark's database is touched."""
    t0 = time.monotonic()
    if db == "sqlite":
        import sqlite3

        conn = sqlite3.connect(SQLITE_PATH, timeout=60, isolation_level=None)
        try:
            conn.execute("BEGIN IMMEDIATE")
            held = time.monotonic()
            time.sleep(seconds)
            conn.execute("ROLLBACK")
        finally:
            conn.close()
        return {"how": "write lock held by another process", "waited_s": round(held - t0, 2),
                "seconds": round(time.monotonic() - held, 2)}  # fmt: skip

    def psql(sql: str) -> str:
        conn = ["-h", "127.0.0.1", "-p", "5432", "-U", "postgres", "-d", "postgres"]
        out = subprocess.run(["psql", *conn, "-v", "ON_ERROR_STOP=1", "-Atc", sql],
                             capture_output=True, text=True, timeout=60, check=True)  # fmt: skip
        return out.stdout.strip()

    cut = (
        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "  # noqa: S608 - constant
        f"WHERE datname = '{PG_DB}' AND pid <> pg_backend_pid()"
    )
    psql(f"ALTER DATABASE {PG_DB} SET default_transaction_read_only = on")
    first_cut = psql(cut)
    time.sleep(seconds)
    psql(f"ALTER DATABASE {PG_DB} RESET default_transaction_read_only")
    second_cut = psql(cut)
    return {"how": "database read-only, connections cut", "seconds": round(time.monotonic() - t0, 2),
            "connections_cut": [int(first_cut or 0), int(second_cut or 0)]}  # fmt: skip


def submit_load(
    server: Server,
    env: dict[str, str],
    db: str,
    seconds: float,
    *,
    kill_worker: bool = False,
    fail_db: tuple[float, float] | None = None,
    clients: int = 8,
) -> dict[str, Any]:
    """8 citizens sending petitions for `seconds` (wrk, so that the load generator leaves the
    2 cores to the server): each POST carries its own form token, as one opened form each, and
    goes to a commune in turn; a 302 to a receipt is an acknowledgment, and every
    acknowledged receipt must name a petition in the database. With `kill_worker`, one
    gunicorn worker is killed half-way (SIGKILL, as a crash or the OOM killer would): the
    requests it held fail, gunicorn starts another, and still nothing acknowledged may be
    missing (DESIGN.md: never lost, even when the server is killed mid-load). With
    `fail_db` (after, for), the database refuses writes for a while (`fail_database`): every
    answer must be a receipt of a stored petition or a 503 saying it was not saved."""
    tokens_file = OUT / f"petition-tokens-{db}.txt"
    pdb(env, "tokens", "--n", str(int(seconds * 600)), "--out", str(tokens_file))
    form = httpx.get(server.url + "/gui-don/", timeout=30)
    csrf = CSRF_RE.search(form.text)
    select = re.search(r'<select name="commune".*?</select>', form.text, re.S)
    communes = [pk for pk, _ in OPTION_RE.findall(select[0])] if select else []
    if form.status_code != 200 or not csrf or not communes:
        return {"error": f"form: HTTP {form.status_code}"}
    receipts_dir = OUT / f"receipts-{db}"
    receipts_dir.mkdir(exist_ok=True)
    for old in [*receipts_dir.glob("receipts-*.txt"), *receipts_dir.glob("told-*.txt")]:
        old.unlink()
    before = pdb(env, "count")["petitions"]
    ticks0 = server.cpu_ticks()
    threads = 2
    # A write waiting out SQLite's 20-s busy timeout, behind another one, must not look lost.
    timeout = "60s" if fail_db else "30s"
    wrk = subprocess.Popen(
        [
            "wrk", f"-t{threads}", f"-c{clients}", f"-d{int(seconds)}s", "--timeout", timeout,
            "-s", str(SUBMIT_LUA), server.url, "--", str(tokens_file), ",".join(communes),
            csrf[1], form.cookies["csrftoken"], str(threads), str(receipts_dir),
            str(random.randrange(10**6)),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    killed = None
    failure: dict[str, Any] = {}
    if kill_worker:
        time.sleep(seconds / 2)
        workers = [pid for pid in server._pids() if pid != server.proc.pid]
        killed = workers[0] if workers else None
        if killed:
            os.kill(killed, signal.SIGKILL)
    if fail_db:
        time.sleep(fail_db[0])
        log(f"database refusing writes for {fail_db[1]:g} s")
        failure = fail_database(db, fail_db[1])
        log(f"database takes writes again: {failure}")
    out, err = wrk.communicate(timeout=seconds + 120)
    ticks = server.cpu_ticks() - ticks0
    after = pdb(env, "count")["petitions"]
    result = json.loads(out.strip().splitlines()[-1])
    receipts = receipts_dir / "all.txt"
    receipts.write_text("".join(f.read_text() for f in sorted(receipts_dir.glob("receipts-*.txt"))))
    checked = pdb(env, "receipts", "--out", str(receipts))
    told_file = receipts_dir / "told.txt"
    told_file.write_text("".join(f.read_text() for f in sorted(receipts_dir.glob("told-*.txt"))))
    told = pdb(env, "told", "--out", str(told_file))
    acked = result["acknowledged"]
    result.update(
        tool="wrk",
        clients=clients,
        worker_killed=bool(killed),
        per_second=round(acked / result["seconds"], 1),
        distinct_receipts=checked["receipts"],
        found=checked["found"],
        lost=acked - checked["found"],
        before=before,
        after=after,
        stored=after - before,
        # Rows no receipt names: answers wrk did not read (in flight when it stopped, one per
        # connection at most, or held by a killed worker), or told "not saved" though stored.
        unreceipted=after - before - checked["found"],
        # 503s that gave the form back with its token, and how many of those were stored.
        told_forms=told["told"],
        told_but_stored=told["stored"],
        failure=failure,
        errors=result["refused"] + result["socket_errors"],
        # A killed worker takes its CPU count with it: no figure then.
        server_cpu_ms=None
        if killed
        else round(ticks * 1000 / os.sysconf("SC_CLK_TCK") / max(acked, 1), 2),
        wrk_stderr=err.strip()[-300:],
    )
    return result


# --- one database -------------------------------------------------------------------------------


def bench(db: str, reuse: bool, generate_only: bool = False) -> dict[str, Any]:
    log(f"=== {db} ===")
    env = environment(db)
    danvan = str(VENV / "danvan")
    data: dict[str, Any] = {"db": db, "when": datetime.now(UTC).isoformat(timespec="seconds")}
    previous = OUT / f"results-petitions-{db}.json"
    generated = OUT / f"generated-petitions-{db}.json"
    exists = SQLITE_PATH.exists() if db == "sqlite" else True
    if reuse and exists:
        old = json.loads(previous.read_text()) if previous.exists() else {}
        if generated.exists():
            old = json.loads(generated.read_text())
        keep = ("migrate_s", "gen_bench_s", "gen_s", "gen_output", "prepare", "generated_when")
        data.update({k: old[k] for k in keep if k in old})
        data["reused"] = True
        log("reusing the generated database")
        # The code may have gained migrations since the data was generated (an index): apply
        # them, and analyze again if any ran.
        out, data["reuse_migrate_s"] = sh([danvan, "migrate", "--noinput", "-v1"], env, 3600)
        if "Applying" in out:
            data["reuse_migrations"] = re.findall(r"Applying (\S+)", out)
            data["reuse_prepare"] = pdb(env, "prepare")
    else:
        fresh(db)
        _, data["migrate_s"] = sh([danvan, "migrate", "--noinput", "-v0"], env, 900)
        _, data["gen_bench_s"] = sh(
            [danvan, "gen-bench", "--communes", "65", "--tasks", str(TASKS), "--seed", "42"],
            env,
            3600,
        )
        data["gen_output"], data["gen_s"] = sh(
            [danvan, "gen-petitions", "--petitions", str(PETITIONS), "--seed", "42"], env, 7200
        )
        data["prepare"] = pdb(env, "prepare")
        data["generated_when"] = data["when"]
        generated.write_text(json.dumps(data, ensure_ascii=False, indent=1))
        if generate_only:
            return data
    data["versions"] = json.loads(
        sh([str(VENV / "python"), str(ROOT / "benchmarks" / "dbtool.py"), "versions"], env, 120)[0]
    )
    data["sizes"] = pdb(env, "count")
    if db == "postgres":
        data["pg_sizes"] = pdb(env, "sizes")
    data["province_admin"] = pdb(env, "province-admin")
    users = [OFFICER, LEADER, PROVINCE, ASSIGNED]
    earlier = json.loads(previous.read_text()) if ONLY and MERGE and previous.exists() else {}
    if earlier.get("facts") and "submit" not in earlier:
        # Rows measured again write nothing, and that run wrote nothing after counting: its
        # ground truth holds (the submission phases add petitions: then it is counted again).
        data["facts"] = facts = earlier["facts"]
    else:
        data["facts"] = facts = pdb(env, "facts", *(a for u in users for a in ("--user", u)))
    server = Server(env, f"petitions-{db}")
    floor_server = bare = None
    try:
        server.wait_ready()
        floor_server = run.start_floor(env, f"petitions-{db}")
        bare = run.unkept_server(env, f"petitions-{db}")
        data.update(asyncio.run(probe_pages(server, facts, floor_server, bare)))
        for other in (floor_server, bare):
            if other:
                other.stop()
        if data["available"].get("submit") and (not ONLY or "submit" in ONLY):
            data["submit"] = load = submit_load(server, env, db, SUBMIT_SECONDS)
            log(f"submissions: {load}")
            data["submit_kill"] = crash = submit_load(server, env, db, 10, kill_worker=True)
            log(f"submissions with a worker killed: {crash}")
            data["submit_dbfail"] = failed = submit_load(server, env, db, **DBFAIL[db])
            log(f"submissions with the database failing: {failed}")
    finally:
        server.stop()
        for other in (floor_server, bare):
            if other and other.proc.poll() is None:
                other.stop()
    data["rss_kib_max"] = {str(k): v for k, v in server.rss_max.items()}
    if ONLY:  # a run of some rows (the 3x run): no profiles, no in-process phases
        if MERGE and previous.exists():
            data = merged(json.loads(previous.read_text()), data)
        (OUT / f"results-petitions-{db}.json").write_text(
            json.dumps(data, ensure_ascii=False, indent=1)
        )
        return data
    data["profiles"] = run.profile_pages(
        env, f"petitions-{db}", build_cases(facts, data["available"])
    )
    data["dupcheck"] = pdb(env, "dupcheck", "--n", "200")
    log(f"duplicate check: {data['dupcheck']}")
    data["selectors"] = pdb(env, "selectors")
    data["plans"] = pdb(env, "plans")
    (OUT / f"results-petitions-{db}.json").write_text(
        json.dumps(data, ensure_ascii=False, indent=1)
    )
    return data


def merged(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """An earlier run's results with the rows `new` measured again (same case and clients) in
    their places, and the floor's ratios computed again from the new floor rows."""
    fresh = {(r["case"], r["concurrency"]): r for r in new["results"]}
    rows = [fresh.pop((r["case"], r["concurrency"]), r) for r in old["results"]]
    old["results"] = rows + list(fresh.values())
    floor.annotate(old["results"])
    for phase in ("submit", "submit_kill", "submit_dbfail"):  # BENCH_ONLY=submit
        if phase in new:
            old[phase] = new[phase]
    again = {"when": new["when"], "rows": sorted({r["case"] for r in new["results"]})}
    again["submissions"] = "submit" in new
    old.setdefault("reruns", []).append(again)
    return old


# --- RESULTS-petitions.md -----------------------------------------------------------------------


def fmt(v: Any) -> str:
    return "—" if v is None else str(v)


def render(all_data: list[dict[str, Any]], peer: str) -> str:
    m = machine()
    lines = [
        "# Petitions benchmark — Dân vận số (issue 4, item 9)",
        "",
        "Produced by `benchmarks/petitions/run.sh` (driver `run.py`, in-Django helpers",
        "`pdbtool.py`, probe `benchmarks/probe.py`, data `danvan gen-petitions`). Raw data:",
        "`var/bench/results-petitions-<db>.json`. Latency is client wall time per request in ms;",
        "the targets are about p95 at one client; c=8 shows queueing on 2 cores shared by the",
        "2 gunicorn workers, the probe and, during these runs, other engineers' test suites",
        "(*others' CPU %*: share of both cores other processes took during the row; *server CPU",
        "ms/req*: gunicorn's own CPU per request, which that noise barely moves). *floor p95",
        "ms*: the bare-Django floor of the same run (`benchmarks/floor/`, issue 16: one indexed",
        "query, the 25 newest petitions of the desk's commune, a plain template, its own gunicorn",
        "with 2 sync workers, measured right before and right after each one-client row, the",
        "lower p95; c=8 rows against the floor before and after all rows); *× floor*: the",
        "row's p95 over it, against issue 16's target (officer pages ≤ 4×, public pages ≤ 3×).",
        "",
        "## Machine",
        "",
        f"- `nproc` = {m['nproc']} ({m['cpu']}), {m['os']}, Python {m['python']}, {m['gunicorn']}, {m['psql']}",
    ]
    for d in all_data:
        v = d["versions"]
        extra = f", journal_mode={v['journal_mode']}" if "journal_mode" in v else ""
        lines.append(f"- {d['db']}: {v['database']}{extra}, Django {v['django']} (run {d['when']})")
    for d in all_data:
        f = d["facts"]["users"][OFFICER]
        lines += ["", f"## {d['db']}", ""]
        lines.append(
            f"Data: {d['sizes']['petitions']:,} petitions, {d['sizes']['events']:,} events; "
            f"migrate {fmt(d.get('migrate_s') and round(d['migrate_s'], 1))} s, gen-bench "
            f"{fmt(d.get('gen_bench_s') and round(d['gen_bench_s'], 1))} s, **gen-petitions "
            f"{fmt(d.get('gen_s') and round(d['gen_s'], 1))} s**; prepare {d.get('prepare')}"
            + (
                f" (database generated {d.get('generated_when', 'by an earlier run')}, reused; "
                f"migrations applied since: {', '.join(d.get('reuse_migrations', [])) or 'none'})"
                if d.get("reused")
                else ""
            )
        )
        for again in d.get("reruns", []):
            rows = ", ".join(r for r in again["rows"] if not r.startswith("floor"))
            subs = " and the submission phases" if again.get("submissions") else ""
            lines += [
                "",
                f"Measured again on {again['when']} (`BENCH_ONLY`, `BENCH_MERGE`: the code of that"
                f" time, the floor with them): {rows}{subs}; the rest is the first run's.",
            ]
        lines.append("")
        lines.append(
            f"Ground truth for `{OFFICER}` (petition desk of one commune, computed in Python): "
            f"{f['petitions']:,} petitions, {f['open']:,} open, {f['overdue']:,} overdue; search "
            + ", ".join(f"“{k}” {v['count']:,}" for k, v in f["search"].items())
        )
        for user, who in ((PROVINCE, "the province's book, 65 communes"),
                          (ASSIGNED, "an officer's assigned cases")):  # fmt: skip
            g = d["facts"]["users"].get(user)
            if g:
                lines.append(
                    f"; `{user}` ({who}): {g['petitions']:,} petitions, {g['open']:,} open, "
                    f"{g['overdue']:,} overdue; search "
                    + ", ".join(f"“{k}” {v['count']:,}" for k, v in g["search"].items())
                )
        lines += [
            "",
            "| case | c | n | err | p50 ms | p95 ms | max ms | req/s | target p95 | met? | server CPU ms/req | others' CPU % |"
            + floor.HEADER,
        ]
        lines.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|---|--:|--:|" + floor.ALIGN)
        for r in d["results"]:
            target = f"≤ {r['target_ms']:g} ms" if r["target_ms"] else "—"
            met = (
                "(info)"
                if r["concurrency"] != 1 or r["met"] is None
                else ("**yes**" if r["met"] else "**NO**")
            )
            lines.append(
                f"| {r['case']} | {r['concurrency']} | {r['ok']} | {r['errors']} | {fmt(r['p50_ms'])} "
                f"| {fmt(r['p95_ms'])} | {fmt(r['max_ms'])} | {fmt(r['rps'])} | {target} | {met} "
                f"| {fmt(r.get('server_cpu_ms_per_req'))} | {fmt(r.get('others_cpu_pct'))} |"
                + floor.cells(r, counted=r["concurrency"] == 1)
            )
        for r in d["results"]:
            if r["errors"]:
                lines.append(f"- errors in {r['case']} c={r['concurrency']}: {r['error_samples']}")
        lines.append(floor.sentence(d["results"], d.get("floor_beside")))
        bad = [v for v in d["variants"] if not v["ok"]]
        lines.append(
            f"- spellings ({', '.join(v['query'] for v in d['variants'])}): "
            + ("each finds exactly the ground truth of “o nhiem”" if not bad else f"FAILED {bad}")
        )
        missing = [k for k, ok in d["available"].items() if not ok]
        if missing:
            lines.append(
                f"- not mounted in this build, so not probed over HTTP: {', '.join(missing)}"
            )
        s = d.get("submit")
        if s and "acknowledged" in s:
            lines += [
                "",
                f"Public submission (`POST /gui-don/`, {s['clients']} clients with wrk, "
                f"{s['seconds']} s): **{s['per_second']}/s**, {s['acknowledged']:,} acknowledged "
                f"(302 to a receipt), {s['errors']} errors, rows {s['before']:,} → {s['after']:,} "
                f"(+{s['stored']:,}), every receipt looked up: {s['found']:,} found, "
                f"**lost {s['lost']}**; latency p50 {s['p50_ms']} ms, p95 {s['p95_ms']} ms; "
                f"server CPU {s['server_cpu_ms']} ms a submission.",
            ]
        k = d.get("submit_kill")
        if k and "acknowledged" in k:
            lines += [
                "",
                f"The same for {k['seconds']} s with one gunicorn worker killed (SIGKILL) half-way: "
                f"{k['acknowledged']:,} acknowledged, {k['errors']} request(s) failed with the "
                f"worker, every receipt looked up: {k['found']:,} found, **lost {k['lost']}**.",
            ]
        f = d.get("submit_dbfail")
        if f and "acknowledged" in f:
            lines += ["", failure_sentence(f)]
        dc = d["dupcheck"]
        lines += [
            "",
            f"Duplicate check (`similar_petitions`, in-process, {dc['checks']} new petitions "
            f"against {d['sizes']['petitions']:,}): p50 {dc['ms']['p50']} ms, **p95 "
            f"{dc['ms']['p95']} ms**, max {dc['ms']['max']} ms, {dc['queries_median']} queries; "
            f"{dc['with_candidates']} had candidates; of the {dc.get('repeats', '?')} that repeat a "
            f"petition of the last year, that petition was among the 5 offered for "
            f"{dc['source_offered']}.",
            "",
            "In-process selectors (ms, p50 / p95):",
            "",
        ]
        for name, t in d["selectors"].items():
            lines.append(f"- {name}: {t['p50']} / {t['p95']} (n={t['n']})")
        lines += floor.profile_table(d.get("profiles"))
        lines += ["", "Query plans (EXPLAIN QUERY PLAN / EXPLAIN ANALYZE), first lines:", ""]
        for name, qs in d["plans"].items():
            for qd in qs:
                plan = [x.strip() for x in qd["plan"].split("\n") if x.strip()][:4]
                lines.append(f"- {name} ({qd['ms']} ms): `{' / '.join(plan)[:300]}`")
        lines += [
            "",
            "gen-petitions output:",
            "",
            "```",
            (d.get("gen_output") or "").strip(),
            "```",
        ]
    lines += ["", peer]
    return "\n".join(lines) + "\n"


# django-helpdesk, the peer of issue 4: its own harness (scripts, case list, data generator) lives
# in ../shared/bench/peer/ and is never copied here; it installs the peer in a venv under its work
# directory, which this run puts in var/peer/ (gitignored).
PEER_SCRIPT = Path(
    os.environ.get("PEER_SCRIPT", ROOT.parent / "shared" / "bench" / "peer" / "bench_peer.sh")
)
PEER_WORK = Path(os.environ.get("PEER_WORKDIR", ROOT / "var" / "peer"))
PEER_DIR = PEER_WORK / "results"
PEER_RUN = OUT / "peer-run.json"
PEER_TIMEOUT = 3600.0
# (our case, the peer's analogous case in ../shared/bench/peer/cases_helpdesk.json)
PEER_PAIRS = [
    ("list: newest first", "a_list_page+json", "list"),
    ("filtered list: open", "b_list_queue+status", "filtered list"),
    ("search: o nhiem", "c_search_'o nhiem'", "search without diacritics"),
    ("search: o nhiem", "c_search_'ô nhiễm'", "search with diacritics (ours: same query result)"),
    ("petition page", "d_ticket_detail", "one case"),
    ("dashboard (petitions)", "f_dashboard", "dashboard"),
]


def run_peer() -> dict[str, Any]:
    """Run django-helpdesk's benchmark now, on this machine, with the peer's own script (venv,
    pip install of django-helpdesk 2.6.1, data, gunicorn on loopback, probe, stop by its pid)."""
    info: dict[str, Any] = {"script": str(PEER_SCRIPT), "workdir": str(PEER_WORK)}
    if not PEER_SCRIPT.exists():
        log(f"peer: {PEER_SCRIPT} not found, not run")
        return info | {"skipped": "script not found"}
    log(f"=== peer: {PEER_SCRIPT} (work dir {PEER_WORK}) ===")
    PEER_WORK.mkdir(parents=True, exist_ok=True)
    before = {p.name for p in PEER_DIR.glob("run-*.json")}
    env = dict(os.environ, PEER_WORKDIR=str(PEER_WORK), PORT=str(free_port()))
    info["started"] = datetime.now(UTC).isoformat(timespec="seconds")
    t0 = time.perf_counter()
    with (OUT / "peer.log").open("w") as out:
        try:
            proc = subprocess.run(
                ["bash", str(PEER_SCRIPT)],
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                timeout=PEER_TIMEOUT,
                check=False,
            )
            info["returncode"] = proc.returncode
        except subprocess.TimeoutExpired:
            info["returncode"] = "timeout"
            _stop_peer_server()
    info["seconds"] = round(time.perf_counter() - t0, 1)
    info["finished"] = datetime.now(UTC).isoformat(timespec="seconds")
    new = sorted(p.name for p in PEER_DIR.glob("run-*.json") if p.name not in before)
    info["run_file"] = new[-1] if new else None
    PEER_RUN.write_text(json.dumps(info, indent=1))
    log(f"peer: {info}")
    return info


def _stop_peer_server() -> None:
    """After a timeout only: the gunicorn master the peer's script started, by its pid file."""
    pid_file = PEER_WORK / "data" / "gunicorn.pid"
    try:
        pid = int(pid_file.read_text().strip())
        os.kill(pid, 15)
    except (OSError, ValueError):
        pass


def peer_section(all_data: list[dict[str, Any]]) -> str:
    """Our figures beside django-helpdesk's, from the peer run this script started."""
    info = json.loads(PEER_RUN.read_text()) if PEER_RUN.exists() else {}
    run_file = PEER_DIR / info["run_file"] if info.get("run_file") else None
    if run_file is None or not run_file.exists():
        why = info.get("skipped") or f"return code {info.get('returncode')}" if info else "not run"
        return (
            "## Beside django-helpdesk\n\n"
            f"The peer's benchmark (`{PEER_SCRIPT}`) gave no result in this run ({why}); see "
            "`var/bench/peer.log`. Not compared.\n"
        )
    run = json.loads(run_file.read_text())
    stamp = run_file.stem.removeprefix("run-")
    meta_file = PEER_DIR / f"meta-{stamp}.json"
    meta = json.loads(meta_file.read_text()) if meta_file.exists() else {}
    peer = {(r["case"], r["concurrency"]): r for r in run["results"]}
    ours = {(d["db"], r["case"], r["concurrency"]): r for d in all_data for r in d["results"]}
    dbs = [d["db"] for d in all_data]
    when = {d["db"]: d["when"] for d in all_data}
    order = " → ".join(
        name
        for _, name in sorted(
            [(t, db) for db, t in when.items()] + [(info["started"], "django-helpdesk")]
        )
    )
    tickets = meta.get("load", {}).get("tickets") or meta.get("truth", {}).get("tickets_total")
    lines = [
        "## Beside django-helpdesk (same machine, same run)",
        "",
        f"django-helpdesk 2.6.1 on {tickets:,} tickets (SQLite WAL, gunicorn 2 sync workers), "
        f"installed and run by `{PEER_SCRIPT}` (the peer's own "
        f"script, run `{stamp}`, {info.get('seconds')} s, return code {info.get('returncode')}) "
        f"from `run.sh` in this run, in the order {order} (raw: `var/peer/results/`, log "
        "`var/bench/peer.log`). Ours: 1,000,000 petitions, the officer of one commune's "
        "petition desk. p95 ms at one client / requests per second at 8 clients; helpdesk's "
        "rows stop after its per-case time caps (n = completed requests).",
        "",
        "| what | ours: case | "
        + " | ".join(f"ours {db} p95 c=1 / rps c=8" for db in dbs)
        + " | helpdesk: case | helpdesk p95 c=1 / rps c=8 (n) | helpdesk finds |",
        "|---|---|" + "--:|" * len(dbs) + "---|--:|--:|",
    ]
    for our_case, peer_case, what in PEER_PAIRS:
        cells = []
        for db in dbs:
            one, eight = ours.get((db, our_case, 1)), ours.get((db, our_case, 8))
            bare = ours.get((db, our_case + UNKEPT, 1))
            cells.append(
                f"{one['p95_ms']}"
                + (f" (nothing kept: {bare['p95_ms']})" if bare else "")
                + f" / {eight['rps'] if eight else '— (one client only)'}"
                if one
                else "not measured"
            )
        p1, p8 = peer.get((peer_case, 1)), peer.get((peer_case, 8))
        finds = p1.get("extract", "") if p1 else ""
        theirs = f"{p1['p95_ms']} / {p8['rps']} ({p1['n_ok']}, {p8['n_ok']})" if p1 and p8 else "—"
        lines.append(
            f"| {what} | {our_case} | "
            + " | ".join(cells)
            + f" | {peer_case} | {theirs} | {finds} |"
        )
    sub = peer.get(("e_public_submit_POST", 8))
    if sub:
        ours_sub = ", ".join(
            f"{d['db']} {d['submit']['per_second']}/s, lost {d['submit']['lost']}"
            for d in all_data
            if d.get("submit")
        )
        lines += [
            "",
            f"Public submission at 8 clients: ours {ours_sub} (wrk); helpdesk {sub['rps']}/s "
            "(the peer's own Python probe), "
            f"{sub['n_ok']} acknowledged, rows +{sub.get('count_delta')}, lost "
            f"{sub.get('lost_writes')}.",
        ]
    truth = meta.get("truth", {}).get("ô nhiễm", {})

    def found(case: str) -> str:
        r = peer.get((case, 1))
        return str(r.get("extract", "?")) if r else "not measured"

    lines += [
        "",
        "Search correctness: helpdesk's ground truth (its `truth_helpdesk.py`) has "
        f"{truth.get('accent_and_case_folded', '?')} tickets containing “ô nhiễm” in any case or "
        f"accent ({truth.get('exact', '?')} exactly so); its search for “o nhiem” finds "
        f"{found(chr(99) + '_search_' + repr('o nhiem'))}, “ô nhiễm” typed in NFD "
        f"{found('c_probe_' + repr('ô nhiễm') + '(NFD)')}, “Ô nhiễm” "
        f"{found('c_probe_' + repr('Ô nhiễm') + '(capital)')}. Ours finds exactly the Python "
        "ground truth for every spelling (rows above, and the spellings line per database).",
    ]
    return "\n".join(lines) + "\n"


SECTION = ("<!-- PETITIONS -->", "<!-- /PETITIONS -->")
RESULTS_ALL = run.RESULTS_MD  # the summary sections (benchmarks/RESULTS.md, or BENCH_OUT's)


def _ratios(rows: list[dict[str, Any]], lead: str) -> str:
    """ "; 1.2–3.4× floor (≤ 4×)" of some rows of a group: their ratios and the verdict."""
    ratios = [r["floor_ratio"] for r in rows if r.get("floor_ratio") is not None]
    if not ratios:
        return ""
    within = all(r.get("floor_met") for r in rows)
    span = f"{min(ratios)}–{max(ratios)}" if len(ratios) > 1 else f"{ratios[0]}"
    return f"{lead or '; '}{span}× floor" + (" (≤ 4×)" if within else " (**over 4×**)")


def headline(all_data: list[dict[str, Any]]) -> str:
    """The petitions section of benchmarks/RESULTS.md: the targets' p95 per database, the
    duplicate check and django-helpdesk's list and search from the same run."""
    lines = [
        SECTION[0],
        "## Petitions (issue 4): 1,000,000 petitions, 65 communes",
        "",
        "Full results, ground truth, query plans and the peer:",
        "[RESULTS-petitions.md](RESULTS-petitions.md) (`benchmarks/petitions/run.sh`). p95 ms",
        "at one client over HTTP, the officer of one commune's petition desk (and, issue 15, the",
        "province's viewer and administrator, an officer whose cases are assigned to him); every",
        "response checked against a ground truth computed in Python; × floor: p95 over the",
        "bare-Django floor beside the row (issue 16, target ≤ 4× for officer pages), kept and",
        "with nothing kept (the first request after a write); p95 ms spans both.",
        "",
        "| case | target | " + " | ".join(d["db"] for d in all_data) + " |",
        "|---|---|" + "---|" * len(all_data),
    ]
    groups = [
        ("officer's lists (3)", ("list", "filtered list"), "", 50.0),
        ("search (4 phrases)", ("search",), "", 100.0),
        ("petition page", ("detail",), "", 50.0),
        ("dashboard", ("dashboard",), "", 200.0),
        ("province's book: lists (3), 65 communes", ("list", "filtered list"), "province:", 100.0),
        ("province's book: searches (5)", ("search",), "province:", 100.0),
        ("an officer's assigned cases: search (2)", ("search",), "assigned", 100.0),
    ]
    for label, kinds, prefix, target in groups:
        cells = []
        for d in all_data:
            rows = [
                r
                for r in d["results"]
                if r["kind"] in kinds
                and r["concurrency"] == 1
                and (r["case"].startswith(prefix) if prefix else not r["case"].startswith(OTHERS))
            ]
            if not rows:
                cells.append("not measured")
                continue
            worst = max(r["p95_ms"] or 0 for r in rows)
            best = min(r["p95_ms"] or 0 for r in rows)
            ok = all(r["met"] for r in rows) and not any(r["errors"] for r in rows)
            span = f"{best}–{worst}" if len(rows) > 1 else f"{worst}"
            kept = [r for r in rows if not r["case"].endswith(run.UNKEPT)]
            unkept = [r for r in rows if r["case"].endswith(run.UNKEPT)]
            span += _ratios(kept, "") + _ratios(unkept, "; nothing kept ")
            cells.append(f"{span} ({'met' if ok else '**missed**'})")
        lines.append(f"| {label} | ≤ {target:g} | " + " | ".join(cells) + " |")
    cells = []
    for d in all_data:
        r = next((r for r in d["results"] if r["kind"] == "public" and r["concurrency"] == 1), None)
        if r is None or r.get("floor_ratio") is None:
            cells.append("not measured")
            continue
        ok = r["floor_met"]
        cells.append(f"{r['p95_ms']}; {r['floor_ratio']}× floor ({'met' if ok else '**missed**'})")
    lines.append("| portal's form (public) | ≤ 3× floor | " + " | ".join(cells) + " |")
    cells = []
    for d in all_data:
        p95 = d["dupcheck"]["ms"]["p95"]
        cells.append(f"{p95} ({'met' if p95 <= 50 else '**missed**'}, in-process)")
    lines.append("| duplicate check | ≤ 50 | " + " | ".join(cells) + " |")
    cells = []
    for d in all_data:
        s, k = d.get("submit") or {}, d.get("submit_kill") or {}
        if "acknowledged" not in s:
            cells.append("not measured")
            continue
        f = d.get("submit_dbfail") or {}
        ok = (
            s["per_second"] >= 200
            and s["lost"] == 0
            and k.get("lost", 0) == 0
            and f.get("lost", 0) == 0
        )
        killed = f", {k['lost']} with a worker killed" if "lost" in k else ""
        killed += f", {f['lost']} with the database failing" if "lost" in f else ""
        cells.append(
            f"{s['per_second']}/s, lost {s['lost']}{killed} ({'met' if ok else '**missed**'})"
        )
    lines.append(
        "| public submissions, 8 clients | ≥ 200/s, none lost | " + " | ".join(cells) + " |"
    )
    info = json.loads(PEER_RUN.read_text()) if PEER_RUN.exists() else {}
    run_file = PEER_DIR / info["run_file"] if info.get("run_file") else None
    if run_file is not None and run_file.exists():
        peer = {
            (r["case"], r["concurrency"]): r for r in json.loads(run_file.read_text())["results"]
        }
        meta_file = run_file.with_name(run_file.name.replace("run-", "meta-"))
        meta = json.loads(meta_file.read_text()) if meta_file.exists() else {}
        tickets = meta.get("load", {}).get("tickets", 0)
        parts = []
        for case, what in [
            ("a_list_page+json", "list"),
            ("c_search_'ô nhiễm'", "search “ô nhiễm”"),
            ("c_search_'o nhiem'", "search “o nhiem”"),
        ]:
            r = peer.get((case, 1))
            if r:
                parts.append(f"{what} {r['p95_ms']} ms (finds {r.get('extract', '?')})")
        lines += [
            "",
            f"django-helpdesk 2.6.1 ({tickets:,} tickets, SQLite), same machine, same run,",
            "p95 at one client: " + "; ".join(parts) + ".",
        ]
    lines.append(SECTION[1])
    return "\n".join(lines)


def write_headline(all_data: list[dict[str, Any]]) -> None:
    """Replace (or append) the petitions section of RESULTS.md; the rest is others'."""
    if not all_data or not RESULTS_ALL.exists():
        return
    keep_section(RESULTS_ALL, SECTION, headline(all_data))


# --- submissions when storage fails (issue 11) ----------------------------------------------------


def failure_sentence(f: dict[str, Any]) -> str:
    how = f.get("failure", {})
    held = how.get("seconds", "?")
    return (
        f"The same for {f['seconds']} s with the database refusing writes for {held} s from 5 s "
        f"in ({how.get('how', '?')}): {f['acknowledged']:,} acknowledged, every receipt looked "
        f"up: {f['found']:,} found, **lost {f['lost']}**; {f['told']:,} refused with a 503 "
        f"saying the petition was not saved (the form kept), {f['refused']} other answers, "
        f"{f['socket_errors']} failed connections; of the forms given back, "
        f"{f.get('told_but_stored', '?')} stored all the same; rows +{f['stored']:,}, of which "
        f"{f['unreceipted']} named by no receipt (answers in flight when wrk stopped)."
    )


def pg_exists() -> bool:
    out = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-p", "5432", "-U", "postgres", "-d", "postgres", "-Atc",
         f"SELECT 1 FROM pg_database WHERE datname = '{PG_DB}'"],  # noqa: S608 - a constant
        capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    return out.stdout.strip() == "1"


def submit_only(db: str) -> dict[str, Any]:
    """The three submission phases alone (normal, a worker killed, the database failing), on the
    database of an earlier run when there is one, otherwise on one made now with
    BENCH_SUBMIT_PETITIONS petitions (20,000): the submission path does not depend on how
    many petitions are stored but for the numbering and duplicate indexes."""
    log(f"=== {db}: submissions only ===")
    env = environment(db)
    danvan = str(VENV / "danvan")
    data: dict[str, Any] = {"db": db, "when": datetime.now(UTC).isoformat(timespec="seconds")}
    if SQLITE_PATH.exists() if db == "sqlite" else pg_exists():
        data["reused"] = True
        sh([danvan, "migrate", "--noinput", "-v1"], env, 3600)
    else:
        fresh(db)
        sh([danvan, "migrate", "--noinput", "-v0"], env, 900)
        sh([danvan, "gen-bench", "--communes", "65", "--tasks", "2000", "--seed", "42"], env, 3600)
        sh([danvan, "gen-petitions", "--petitions", str(SUBMIT_ONLY_PETITIONS), "--seed", "42"],
           env, 3600)  # fmt: skip
    data["sizes"] = pdb(env, "count")
    if db == "postgres":
        data["pg_sizes"] = pdb(env, "sizes")
    server = Server(env, f"submit-{db}")
    try:
        server.wait_ready()
        data["load_before"] = round(os.getloadavg()[0], 1)
        data["submit"] = submit_load(server, env, db, SUBMIT_SECONDS)
        log(f"submissions: {data['submit']}")
        data["submit_kill"] = submit_load(server, env, db, 10, kill_worker=True)
        log(f"submissions with a worker killed: {data['submit_kill']}")
        data["submit_dbfail"] = submit_load(server, env, db, **DBFAIL[db])
        log(f"submissions with the database failing: {data['submit_dbfail']}")
        data["load_after"] = round(os.getloadavg()[0], 1)
    finally:
        server.stop()
    (OUT / f"results-submit-{db}.json").write_text(json.dumps(data, ensure_ascii=False, indent=1))
    return data


FAILURES = ("<!-- SUBMIT-FAILURES -->", "<!-- /SUBMIT-FAILURES -->")


def write_failures(all_data: list[dict[str, Any]]) -> None:
    """The section of RESULTS.md for issue 11, item 5: acknowledged = stored, refused = told."""
    if not all_data or not RESULTS_ALL.exists():
        return
    lines = [
        FAILURES[0],
        "## Submissions when the server or the database fails (issue 11)",
        "",
        "`benchmarks/petitions/run.sh DB --submit-only` (raw: `var/bench/results-submit-<db>.json`):",
        "`POST /gui-don/` by wrk, 8 clients, each form with its own token, citizens at their own",
        "addresses, gunicorn with 2 sync workers; every acknowledged receipt looked up in the",
        "database. *Told*: a 503 that says the petition was not saved and gives the form back.",
        "",
        "| db | petitions stored | phase | s | acknowledged | lost | told (503) | told yet stored | other answers | failed connections | rows added | rows without receipt |",
        "|---|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for d in all_data:
        phases = [
            ("normal", d.get("submit")),
            ("a worker killed (SIGKILL) half-way", d.get("submit_kill")),
        ]
        f = d.get("submit_dbfail") or {}
        how = f.get("failure", {})
        phases.append(
            (f"database refusing writes {how.get('seconds', '?')} s: {how.get('how', '?')}", f)
        )
        for name, r in phases:
            if not r or "acknowledged" not in r:
                continue
            lines.append(
                f"| {d['db']} | {d['sizes']['petitions']:,} | {name} | {r['seconds']} | "
                f"{r['acknowledged']:,} ({r['per_second']}/s) | **{r['lost']}** | "
                f"{r.get('told', 0):,} | {r.get('told_but_stored', '—')} | {r['refused']} | "
                f"{r['socket_errors']} | "
                f"{r['stored']:,} | {r.get('unreceipted', '—')} |"
            )
    lines += [
        "",
        "Lost = acknowledged receipts whose petition is not in the database. Told yet stored =",
        "forms given back “not saved” whose nonce was stored all the same (a connection cut at the",
        "commit): the citizen who sends the form again gets its receipt, nothing is filed twice.",
        "Rows without receipt: stored, answered, but not read by wrk, which stops at the end of a",
        "phase with up to one request in flight per connection (8), or held by a killed worker.",
        "The machine's load average (1 min, 2 cores) before and after each database's phases: "
        + ", ".join(
            f"{d['db']} {d.get('load_before', '?')} → {d.get('load_after', '?')}" for d in all_data
        )
        + "; the rates are the server's share of a machine busy with other work, not the",
        "petitions benchmark's figures (RESULTS-petitions.md): what this run shows is lost and told.",
        FAILURES[1],
    ]
    keep_section(RESULTS_ALL, FAILURES, "\n".join(lines))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("which", nargs="?", default="all", choices=["sqlite", "postgres", "all"])
    ap.add_argument("--reuse", action="store_true", help="probe a database generated earlier")
    ap.add_argument("--report-only", action="store_true")
    ap.add_argument(
        "--peer",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="run django-helpdesk's benchmark too (default: with 'all')",
    )
    ap.add_argument(
        "--generate-only", action="store_true", help="make the data for a later --reuse, no probe"
    )
    ap.add_argument(
        "--submit-only",
        action="store_true",
        help="only the submission phases (normal, worker killed, database failing): issue 11",
    )
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    if args.submit_only:
        for db in ["sqlite", "postgres"] if args.which == "all" else [args.which]:
            if not args.report_only:
                submit_only(db)
        found = [OUT / f"results-submit-{db}.json" for db in ("sqlite", "postgres")]
        write_failures([json.loads(p.read_text()) for p in found if p.exists()])
        log(f"wrote the issue-11 section of {RESULTS_ALL.name}")
        return
    if args.generate_only:
        for db in ["sqlite", "postgres"] if args.which == "all" else [args.which]:
            bench(db, reuse=False, generate_only=True)
        return
    if not args.report_only:
        dbs = ["sqlite", "postgres"] if args.which == "all" else [args.which]
        peer = args.peer if args.peer is not None else args.which == "all"
        for n, db in enumerate(dbs):
            bench(db, args.reuse)
            # The peer runs between our two databases, so that all three share the evening.
            if peer and n == 0:
                run_peer()
    if ONLY:
        log(f"rows only (BENCH_ONLY): results in {OUT}/results-petitions-*.json, no report")
        return
    found = [OUT / f"results-petitions-{db}.json" for db in ("sqlite", "postgres")]
    all_data = [floor.load(p) for p in found if p.exists()]
    RESULTS_MD.write_text(render(all_data, peer_section(all_data)))
    write_headline(all_data)
    log(f"wrote {RESULTS_MD.relative_to(ROOT)} and its section of {RESULTS_ALL.name}")


if __name__ == "__main__":
    main()
