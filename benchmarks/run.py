"""Benchmark driver: fresh database → migrate → gen-bench → ANALYZE → gunicorn → probe → RESULTS.md.

    .venv/bin/python benchmarks/run.py [sqlite|postgres|all]   (benchmarks/run.sh calls this)

Per database it writes var/bench/results-<db>.json, and RESULTS.md is rebuilt from every results
file present, so `run.sh sqlite` keeps the last PostgreSQL figures. Every wait is bounded; the
only processes it stops are the gunicorn master it started (by pid).
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import unicodedata
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from floor import report as floor
from probe import Case, Probe, as_dict

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv" / "bin"
# BENCH_OUT: where the databases, results files and profiles go (var/bench). A run elsewhere
# (a trial: BENCH_OUT=var/bench-floor) writes its RESULTS*.md there too, never benchmarks/, and
# BENCH_DB_SUFFIX gives its PostgreSQL databases names of their own (danvan_bench<suffix>…).
DEFAULT_OUT = ROOT / "var" / "bench"
OUT = (ROOT / os.environ["BENCH_OUT"]).resolve() if os.environ.get("BENCH_OUT") else DEFAULT_OUT
RESULTS_DIR = ROOT / "benchmarks" if OUT == DEFAULT_OUT else OUT
RESULTS_MD = RESULTS_DIR / "RESULTS.md"
DB_SUFFIX = os.environ.get("BENCH_DB_SUFFIX", "")
if not re.fullmatch(r"\w*", DB_SUFFIX):
    raise SystemExit(f"BENCH_DB_SUFFIX {DB_SUFFIX!r}: letters, digits and _ only")
LEADER = "bench_leader_1"
PROVINCE = "bench_province"
PASSWORD = "bench-pass-123"  # noqa: S105 - the bench accounts' password (gen-bench)
# Smaller runs for trying the harness: BENCH_GEN_ARGS="--communes 3 --tasks 5000" BENCH_REQUESTS=20
GEN_ARGS = os.environ.get("BENCH_GEN_ARGS", "--communes 65 --tasks 200000 --seed 42").split()
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "200"))
# BENCH_CONCURRENCY=1: every row at one client only (the targets are at one client; 8 clients
# are for information). The petitions' and the leaders' drivers read it too.
CONCURRENCY = tuple(int(x) for x in os.environ.get("BENCH_CONCURRENCY", "1,8").split(","))
WARMUP, MAX_SECONDS = 10, 150.0
# Other engineers' test suites share these 2 cores, and under that load a waking gunicorn worker
# waits on the run queue several times longer than it runs, whatever its nice value. As root,
# the probe phase therefore runs gunicorn, the probe and our own PostgreSQL backends with
# SCHED_RR priority 1 (the kernel still keeps 5% of the CPU for everything else); the province
# rows, which take minutes at c=8, run at c=1 only. BENCH_REALTIME=0 turns this off.
REALTIME = os.environ.get("BENCH_REALTIME", "1") == "1"
NOISY_PCT, RETRIES = 20.0, 1  # a row measured while others took > 20% CPU is measured again
# How long a row waits (at most) for a quieter machine when not under SCHED_RR; a trial run
# beside someone else's benchmark sets it to 0 rather than take its priority.
QUIET_WAIT = float(os.environ.get("BENCH_QUIET_WAIT", "90"))
TARGETS = {"list": 50.0, "filtered list": 50.0, "search": 100.0, "dashboard": 200.0}


def log(msg: str) -> None:
    print(f"[bench {datetime.now():%H:%M:%S}] {msg}", flush=True)


def run(cmd: list[str], env: dict[str, str], timeout: float, **kw: Any) -> str:
    t0 = time.perf_counter()
    proc = subprocess.run(
        cmd, env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False, **kw
    )
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stdout}{proc.stderr}")
    log(f"{' '.join(Path(c).name if i == 0 else c for i, c in enumerate(cmd))}"
        f" ({time.perf_counter() - t0:.1f} s)")  # fmt: skip
    return proc.stdout


def dbtool(env: dict[str, str], *args: str, timeout: float = 600) -> dict[str, Any]:
    out = run([str(VENV / "python"), "benchmarks/dbtool.py", *args], env, timeout)
    return json.loads(out)


def git_state() -> str:
    """The commit measured, and how many tracked files differ from it (others edit meanwhile)."""

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=30, check=False
        ).stdout.strip()

    dirty = [ln for ln in git("status", "--porcelain", "--untracked-files=no").splitlines() if ln]
    return f"{git('rev-parse', '--short', 'HEAD')}" + (
        f" + {len(dirty)} modified files" if dirty else ""
    )


def path_args(paths: list[str]) -> list[str]:
    return [arg for p in paths for arg in ("--path", p)]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# --- databases ----------------------------------------------------------------------------------


def sqlite_url(path: Path) -> str:
    """The URL of a database file under OUT: relative to the project when it can be."""
    return f"sqlite:///{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}"


def fresh_sqlite() -> str:
    OUT.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        (OUT / f"bench.sqlite3{suffix}").unlink(missing_ok=True)
    return sqlite_url(OUT / "bench.sqlite3")


def fresh_postgres() -> str:
    ready = subprocess.run(
        ["pg_isready", "-q", "-h", "127.0.0.1", "-p", "5432"], timeout=10, check=False
    )
    if ready.returncode == 0:
        host, port = "127.0.0.1", "5432"
    else:
        url = subprocess.run(
            ["scripts/ensure-postgres.sh"], cwd=ROOT, capture_output=True, text=True,
            timeout=120, check=True,
        ).stdout.strip()  # fmt: skip
        m = re.match(r"postgres://postgres@([\d.]+):(\d+)/", url)
        if not m:
            raise SystemExit(f"scripts/ensure-postgres.sh printed {url!r}")
        host, port = m[1], m[2]
    conn = ["-h", host, "-p", port, "-U", "postgres"]
    name = f"danvan_bench{DB_SUFFIX}"
    subprocess.run(["dropdb", *conn, "--if-exists", name], timeout=60, check=True)
    subprocess.run(["createdb", *conn, name], timeout=60, check=True)
    return f"postgres://postgres@{host}:{port}/{name}"


# --- scheduling ---------------------------------------------------------------------------------


def set_realtime(pid: int = 0, on: bool = True) -> bool:
    """SCHED_RR priority 1 for `pid` (0: this process), or back to the normal policy."""
    try:
        if on:
            os.sched_setscheduler(pid, os.SCHED_RR, os.sched_param(1))
        else:
            os.sched_setscheduler(pid, os.SCHED_OTHER, os.sched_param(0))
    except OSError:
        return False
    return True


def boost_pg_backends(url: str) -> list[int]:
    """SCHED_RR for the PostgreSQL backends serving our gunicorn's connections to danvan_bench
    (Django reopens a connection every CONN_MAX_AGE = 60 s, so this runs before every row)."""
    m = re.match(r"postgres://postgres@([\d.]+):(\d+)/(\w+)$", url)
    if not m:
        return []
    out = subprocess.run(
        ["psql", "-h", m[1], "-p", m[2], "-U", "postgres", "-d", m[3], "-Atc",
         "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
         "AND backend_type = 'client backend' AND pid <> pg_backend_pid()"],
        capture_output=True, text=True, timeout=20, check=False,
    ).stdout  # fmt: skip
    pids = [int(pid) for pid in out.split()]
    if REALTIME:
        for pid in pids:
            set_realtime(pid)
    return pids


# --- gunicorn -----------------------------------------------------------------------------------


class Server:
    """gunicorn with 2 sync workers on a free loopback port: the project (danvan.wsgi), or the
    floor (`Server(env, db, **floor.server_args())`) with the same options."""

    def __init__(
        self,
        env: dict[str, str],
        db: str,
        app: str = "danvan.wsgi",
        ready: str = "/dang-nhap/",
        extra: list[str] | None = None,
    ) -> None:
        self.db_url = env["DANVAN_DATABASE_URL"]
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.ready = ready
        self.log_path = OUT / f"gunicorn-{db}.log"
        self.log_file = self.log_path.open("w")
        cmd = [
            str(VENV / "gunicorn"), app, "-w", os.environ.get("BENCH_WORKERS", "2"), "-k", "sync",
            "-b", f"127.0.0.1:{self.port}", "--timeout", "120", *(extra or []),
        ]  # fmt: skip
        self.proc = subprocess.Popen(
            cmd, cwd=ROOT, env=env, stdout=self.log_file, stderr=self.log_file
        )
        self.rss_max: dict[int, int] = {}
        self.realtime = False
        self.db_pids: list[int] = []
        self._stop_sampling = threading.Event()
        self._sampler = threading.Thread(target=self._sample, daemon=True)

    def wait_ready(self, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit(f"gunicorn exited; see {self.log_path}")
            try:
                if httpx.get(self.url + self.ready, timeout=2).status_code == 200:
                    self._sampler.start()
                    if REALTIME:
                        self.realtime = all(set_realtime(pid) for pid in self._pids())
                    log(f"gunicorn pid {self.proc.pid} ready on {self.url}")
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        self.stop()
        raise SystemExit(f"gunicorn not ready after {seconds} s; see {self.log_path}")

    def _pids(self) -> list[int]:
        pids = [self.proc.pid]
        try:
            children = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children").read_text()
            pids += [int(p) for p in children.split()]
        except OSError:
            pass
        return pids

    @staticmethod
    def _stat(pids: list[int]) -> tuple[int, int]:
        """(utime + stime in clock ticks, minor page faults) summed over `pids`."""
        ticks = faults = 0
        for pid in pids:
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            ticks += int(fields[11]) + int(fields[12])
            faults += int(fields[7])
        return ticks, faults

    def cpu_ticks(self) -> int:
        """utime + stime of the gunicorn master and its workers, in clock ticks."""
        return self._stat(self._pids())[0]

    def page_faults(self) -> int:
        """Minor page faults of gunicorn: a few hundred per request is normal; thousands mean
        the Python 3.11 frame-chunk mmap/munmap churn (CPython gh-142183) or a fresh
        connection per request."""
        return self._stat(self._pids())[1]

    def db_ticks(self) -> int:
        """CPU of the PostgreSQL backends serving our connections (0 for SQLite)."""
        return self._stat(self.db_pids)[0]

    def run_queue_ns(self) -> int:
        """Time the gunicorn processes spent runnable but waiting for a CPU (schedstat)."""
        total = 0
        for pid in self._pids():
            try:
                total += int(Path(f"/proc/{pid}/schedstat").read_text().split()[1])
            except (OSError, IndexError, ValueError):
                continue
        return total

    def _sample(self) -> None:
        while not self._stop_sampling.wait(0.5):
            for pid in self._pids():
                try:
                    status = Path(f"/proc/{pid}/status").read_text()
                except OSError:
                    continue
                m = re.search(r"VmRSS:\s+(\d+)", status)
                if m:
                    self.rss_max[pid] = max(self.rss_max.get(pid, 0), int(m[1]))

    def stop(self) -> None:
        self._stop_sampling.set()
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        self.log_file.close()
        log(f"gunicorn pid {self.proc.pid} stopped")


# --- cases --------------------------------------------------------------------------------------


def task_list(**params: str) -> str:
    return "/can-bo/nhiem-vu/?" + "&".join(f"{k}={quote(v)}" for k, v in params.items())


def build_cases(facts: dict[str, Any]) -> list[Case]:
    lead = facts["users"][LEADER]
    prov = facts["users"][PROVINCE]
    plan = lead["plan"]
    year = facts["today"][:4]
    cases = [
        Case("list: all tasks", task_list(scope="all"), LEADER, "list",
             expect_count=lead["tasks"]),
        Case("list: overdue", task_list(scope="all", status="overdue"), LEADER, "filtered list",
             expect_count=lead["statuses"].get("overdue", 0)),
        Case("search: doi thoai", task_list(scope="all", q="doi thoai"), LEADER, "search",
             expect_count=lead["search"]["doi thoai"]),
        Case("search: o nhiem", task_list(scope="all", q="o nhiem"), LEADER, "search",
             expect_count=lead["search"]["o nhiem"]),
        Case("plan tree", f"/can-bo/ke-hoach/{plan['id']}/", LEADER, "plan tree",
             expect_links=plan["tasks"], contains=["Tiến độ chung"],
             note="no target in DESIGN.md; shown against the list target", target_ms=50.0),
        Case("dashboard", "/can-bo/tong-quan/", LEADER, "dashboard",
             contains=[f'<span class="dv-card-n">{lead["dashboard_total"]}</span> nhiệm vụ',
                       f"năm {year}"]),
        Case("overview", "/can-bo/dieu-hanh/tong-quan/", LEADER, "dashboard",
             contains=["Tổng quan điều hành", f"Năm {year}"],
             note="the leaders' overview, every app (issue 12; benchmarks/leaders.py adds petitions)"),
        Case("province: overview comparison", "/can-bo/dieu-hanh/tong-quan/", PROVINCE,
             "dashboard", extra=True, contains=[f"· {prov['communes']} xã</p>"],
             note="the province's communes side by side"),
        Case("province: list all", task_list(scope="all"), PROVINCE, "list", extra=True,
             expect_count=prov["tasks"], note="province viewer, all communes"),
        Case("province: overdue", task_list(scope="all", status="overdue"), PROVINCE,
             "filtered list", extra=True, expect_count=prov["statuses"].get("overdue", 0),
             note="province viewer, all communes"),
        Case("province: search doi thoai", task_list(scope="all", q="doi thoai"), PROVINCE,
             "search", extra=True, expect_count=prov["search"]["doi thoai"],
             note="province viewer, all communes"),
    ]  # fmt: skip
    for c in cases:
        if c.target_ms is None:
            c.target_ms = TARGETS.get(c.kind)
    return cases


def search_variants(facts: dict[str, Any]) -> list[Case]:
    """Spellings that must find exactly what "doi thoai" finds: case, accents, NFD input."""
    expected = facts["users"][LEADER]["search"]["doi thoai"]
    spellings = [
        "đối thoại",
        "ĐỐI THOẠI",
        "Doi Thoai",
        unicodedata.normalize("NFD", "đối thoại"),
        "  đối   thoại ",
    ]
    return [
        Case(f"q={s!r}", task_list(scope="all", q=s), LEADER, "search", expect_count=expected)
        for s in spellings
    ]


def machine_ticks() -> tuple[int, int]:
    """(busy, total) clock ticks of all CPUs since boot, from /proc/stat."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return sum(fields) - idle, sum(fields)


def self_ticks() -> int:
    t = os.times()
    return round((t.user + t.system) * os.sysconf("SC_CLK_TCK"))


class CpuMeter:
    """CPU used by gunicorn, by this probe and by everything else on the machine (other people's
    tests share these 2 cores: the "others" share says how noisy a measurement was)."""

    def __init__(self, server: Server) -> None:
        self.server = server
        self.start()

    def start(self) -> None:
        self.m0, self.s0, self.p0 = machine_ticks(), self.server.cpu_ticks(), self_ticks()
        self.w0, self.f0 = self.server.run_queue_ns(), self.server.page_faults()
        self.d0 = self.server.db_ticks()

    def read(self) -> dict[str, int | float]:
        (busy1, total1), s1, p1 = machine_ticks(), self.server.cpu_ticks(), self_ticks()
        busy, total = busy1 - self.m0[0], max(1, total1 - self.m0[1])
        server, probe = s1 - self.s0, p1 - self.p0
        db = max(0, self.server.db_ticks() - self.d0)  # a backend may have been replaced
        return {
            "db_ticks": db,
            "server_faults": self.server.page_faults() - self.f0,
            "server_wait_ns": self.server.run_queue_ns() - self.w0,
            "server_ticks": server,
            "others_pct": round(100 * max(0, busy - server - probe - db) / total, 1),
            "machine_busy_pct": round(100 * busy / total, 1),
        }


async def wait_quiet(server: Server, limit_pct: float = 15.0, max_wait: float = 90.0) -> float:
    """Wait (bounded) until other processes use under `limit_pct` of the machine for 2 s."""
    deadline = time.monotonic() + max_wait
    while True:
        meter = CpuMeter(server)
        await asyncio.sleep(2)
        others = meter.read()["others_pct"]
        if others < limit_pct or time.monotonic() > deadline:
            return others
        log(f"machine busy with other work ({others}% of CPU): waiting")


async def measure(probe: Probe, server: Server, case: Case, conc: int) -> dict[str, Any]:
    # Under SCHED_RR other work barely touches us: a short look at the machine is enough.
    before = await wait_quiet(
        server, max_wait=min(10, QUIET_WAIT) if server.realtime else QUIET_WAIT
    )
    server.db_pids = boost_pg_backends(server.db_url)
    meter = CpuMeter(server)
    r = await probe.run(
        case, concurrency=conc, requests=REQUESTS, warmup=WARMUP, max_seconds=MAX_SECONDS
    )
    cpu = meter.read()
    row = as_dict(r)
    row["path"] = case.path
    row["others_cpu_pct_before"] = before
    row["others_cpu_pct"] = cpu["others_pct"]
    requests = r.ok + r.errors + WARMUP
    tick_ms = 1000 / os.sysconf("SC_CLK_TCK")
    row["server_cpu_ms_per_req"] = round(cpu["server_ticks"] * tick_ms / requests, 1)
    row["server_wait_ms_per_req"] = round(cpu["server_wait_ns"] / 1e6 / requests, 1)
    row["server_faults_per_req"] = round(cpu["server_faults"] / requests)
    row["db_cpu_ms_per_req"] = (
        round(cpu["db_ticks"] * tick_ms / requests, 1) if server.db_pids else None
    )
    log(f"{case.name:<28} c={conc} n={r.ok} err={r.errors} p50={r.p50_ms} "
        f"p95={r.p95_ms} max={r.max_ms} rps={r.rps} "
        f"server_cpu/req={row['server_cpu_ms_per_req']}ms "
        f"server_wait/req={row['server_wait_ms_per_req']}ms "
        f"faults/req={row['server_faults_per_req']} db_cpu/req={row['db_cpu_ms_per_req']}ms "
        f"others={cpu['others_pct']}%"
        + (f" {r.error_samples}" if r.errors else ""))  # fmt: skip
    return row


def start_floor(env: dict[str, str], name: str) -> Server | None:
    """The floor's gunicorn beside the project's, ready; None (and the run goes on without the
    floor's columns) when it does not start, rather than lose a run's hour of data."""
    server = Server(floor.environment(env), f"floor-{name}", **floor.server_args())
    try:
        server.wait_ready()
    except SystemExit as e:
        log(f"the floor did not start ({e}); measuring without it")
        if server.proc.poll() is None:
            server.stop()
        return None
    return server


# --- pages counted afresh (issue 16) ------------------------------------------------------------
# Pages keep parts of themselves until a record of their commune changes (core.cache.kept), so a
# row that repeats one request measures the kept page. Every driver measures its one-client rows
# again on a second server with nothing kept (DANVAN_KEPT_PAGES=false), as "<row> (nothing
# kept)": what the first request after a write costs. A page that keeps nothing measures the
# same on both, which also shows the run's noise.
UNKEPT = " (nothing kept)"


def unkept_server(env: dict[str, str], name: str) -> Server:
    server = Server({**env, "DANVAN_KEPT_PAGES": "false"}, f"{name}-nothing-kept")
    server.wait_ready()
    return server


def unkept(case: Case) -> Case:
    return dataclasses.replace(case, name=case.name + UNKEPT)


def floor_cases(facts: dict[str, Any], when: str) -> list[Case]:
    lead = facts["users"][LEADER]
    return [floor.case("tasks", lead["first_commune"], lead["tasks"], when)]


async def measure_floor(server: Server, facts: dict[str, Any], when: str) -> list[dict]:
    """The floor at one client, as the rows are measured (same probe, warm-up, requests)."""
    probe = Probe(server.url)
    return [await measure(probe, server, c, 1) for c in floor_cases(facts, when)]


async def probe_all(
    server: Server,
    facts: dict[str, Any],
    floor_server: Server | None = None,
    bare: Server | None = None,
) -> tuple[list[dict], list[dict], dict[str, Any]]:
    """The rows, each one-client row against the floor beside it (floor.Beside), and the summary
    of those floors; with `bare` (unkept_server), each one-client row again there."""
    probe = Probe(server.url)
    bare_probe = Probe(bare.url) if bare else None
    for user in (LEADER, PROVINCE):
        await probe.login(user, PASSWORD)
        if bare_probe:
            await bare_probe.login(user, PASSWORD)
    log(f"logged in as {LEADER} and {PROVINCE}")
    variants = []
    for case in search_variants(facts):
        r = await probe.run(case, concurrency=1, requests=1, warmup=0, max_seconds=30)
        variants.append({"query": case.name, "ok": r.errors == 0, "errors": r.error_samples})
    results = await measure_floor(floor_server, facts, "before") if floor_server else []
    beside = floor.Beside(
        floor_server.url if floor_server else None,
        floor_cases(facts, "beside"),
        REQUESTS,
        WARMUP,
        log,
    )

    async def quiet(case: Case, conc: int) -> dict[str, Any]:
        row = await measure(probe, server, case, conc)
        for _ in range(0 if server.realtime else RETRIES):
            if row["others_cpu_pct"] <= NOISY_PCT:
                break
            log("   noisy: measuring again")
            again = await measure(probe, server, case, conc)
            if again["others_cpu_pct"] < row["others_cpu_pct"]:
                row = again
        return row

    for case in build_cases(facts):

        async def one_client(case: Case = case) -> list[dict[str, Any]]:
            out = [await quiet(case, 1)]
            if bare and bare_probe:
                out.append(await measure(bare_probe, bare, unkept(case), 1))
            return out

        results += await beside.around(case.path, one_client)
        for conc in () if case.extra else CONCURRENCY:
            if conc != 1:
                results.append(await quiet(case, conc))
    if floor_server:
        results += await measure_floor(floor_server, facts, "after")
    floor.annotate(results)
    return results, variants, beside.summary()


def profile_pages(env: dict[str, str], label: str, cases: list[Case]) -> dict[str, Any]:
    """Where each probed officer page's time goes (floor/pageprofile.py), in OUT/profiles."""
    args = [arg for c in floor.profile_cases(cases) for arg in ("--case", *c)]
    if not args:
        return {}
    try:
        out = run(
            [str(VENV / "python"), "benchmarks/floor/pageprofile.py", "--label", label,
             "--out", str(OUT / "profiles"), *args],
            floor.profile_env(env), 3600,
        )  # fmt: skip
    except (SystemExit, subprocess.TimeoutExpired) as e:  # keep the timings
        log(f"profiles failed: {str(e)[-300:]}")
        return {}
    return dict(json.loads(out))


# --- one database -------------------------------------------------------------------------------


def existing(db: str) -> str | None:
    """The URL of the database an earlier run (or `--generate-only`) made, if it is there."""
    if db == "sqlite":
        path = OUT / "bench.sqlite3"
        return sqlite_url(path) if path.exists() else None
    name = f"danvan_bench{DB_SUFFIX}"
    found = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-Atc",
         f"SELECT 1 FROM pg_database WHERE datname='{name}'"],  # noqa: S608 - a word
        capture_output=True, text=True, timeout=30, check=False,
    ).stdout.strip() == "1"  # fmt: skip
    return f"postgres://postgres@127.0.0.1:5432/{name}" if found else None


def bench(db: str, reuse: bool = False, generate_only: bool = False) -> dict[str, Any]:
    """One database: made afresh (`generate_only`: only that, its facts kept in
    generated-<db>.json), or with `reuse` the one made earlier, its migrations brought up to
    date; then measured."""
    log(f"=== {db} ===")
    generated = OUT / f"generated-{db}.json"
    url = existing(db) if reuse else None
    if url is None:
        return _measure(db, fresh_sqlite() if db == "sqlite" else fresh_postgres(), generated,
                        generate_only)  # fmt: skip
    made = json.loads(generated.read_text()) if generated.exists() else {}
    return _measure(db, url, None, False, made)


def _measure(
    db: str,
    url: str,
    generated: Path | None,
    generate_only: bool,
    made: dict[str, Any] | None = None,
) -> dict[str, Any]:
    env = dict(os.environ)
    env.update(
        DANVAN_DATABASE_URL=url,
        DANVAN_ENV="development",
        DANVAN_DEBUG="false",
        DANVAN_ALLOWED_HOSTS="127.0.0.1,testserver",
        DANVAN_LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE="danvan.settings",
    )
    danvan = str(VENV / "danvan")
    t0 = time.perf_counter()
    migrated = run([danvan, "migrate", "--noinput", "-v1"], env, 3600)
    migrate_s = time.perf_counter() - t0
    if made is None:  # a fresh database
        t0 = time.perf_counter()
        gen_out = run([danvan, "gen-bench", *GEN_ARGS], env, 1800)
        gen_s = time.perf_counter() - t0
        when = datetime.now(UTC).isoformat(timespec="seconds")
        made = {"gen_s": round(gen_s, 1), "gen_output": gen_out, "generated_when": when}
        if generated is not None:
            generated.write_text(json.dumps(made, ensure_ascii=False, indent=1))
        if generate_only:
            return made
    else:  # reused: what its generation printed, and the migrations applied since
        made = {
            "gen_s": made.get("gen_s", "—"),
            "gen_output": made.get("gen_output", ""),
            "generated_when": made.get("generated_when", "by an earlier run"),
            "reuse_migrations": re.findall(r"Applying (\S+)", migrated),
        }
    analyze = dbtool(env, "analyze")
    facts = dbtool(env, "facts", "--user", LEADER, "--user", PROVINCE)
    sizes = dbtool(env, "sizes")
    versions = dbtool(env, "versions")
    git = git_state()  # the code gunicorn loads
    server = Server(env, db)
    floor_server = bare = None
    realtime_self = False
    try:
        server.wait_ready()
        floor_server = start_floor(env, db)
        bare = unkept_server(env, db)
        realtime_self = REALTIME and set_realtime()
        results, variants, beside = asyncio.run(probe_all(server, facts, floor_server, bare))
    finally:
        server.stop()
        for other in (floor_server, bare):
            if other:
                other.stop()
    cases = build_cases(facts)
    data: dict[str, Any] = {
        "db": db,
        "url": url,
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "git": git,
        "migrate_s": round(migrate_s, 1),
        **made,
        "analyze": analyze,
        "facts": facts,
        "sizes": sizes,
        "versions": versions,
        "results": results,
        "floor_beside": beside,
        "variants": variants,
        "rss_kib_max": {str(k): v for k, v in server.rss_max.items()},
        "scheduling": "SCHED_RR 1 (gunicorn, probe, explain, own PostgreSQL backends)"
        if server.realtime and realtime_self
        else "normal (shared with other work)",
        "master_pid": server.proc.pid,
        "explain": [],
        "cases": {c.name: c.path for c in cases},
    }
    path = OUT / f"results-{db}.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1))
    for user, extra in ((LEADER, False), (PROVINCE, True)):
        paths = [c.path for c in cases if c.extra == extra]
        try:
            data["explain"].append(dbtool(env, "explain", "--user", user, *path_args(paths)))
        except SystemExit as e:  # the code moved under us (a new migration…): keep the timings
            log(f"explain for {user} failed: {str(e)[-300:]}")
    data["profiles"] = profile_pages(env, db, [c for c in cases if not c.extra])
    set_realtime(on=False)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1))
    return data


# --- RESULTS.md ---------------------------------------------------------------------------------


def machine() -> dict[str, str]:
    def sh(cmd: list[str]) -> str:
        try:
            return subprocess.run(cmd, capture_output=True, text=True, timeout=10).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return "?"

    cpu = "?"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    gunicorn = sh([str(VENV / "gunicorn"), "--version"])
    return {
        "nproc": sh(["nproc"]),
        "cpu": cpu,
        "kernel": platform.release(),
        "os": sh(["sh", "-c", ". /etc/os-release && echo $PRETTY_NAME"]),
        "free": sh(["free", "-h"]),
        "python": platform.python_version(),
        "gunicorn": gunicorn,
        "psql": sh(["psql", "--version"]) if shutil.which("psql") else "not installed",
    }


PEER = """\
## Peer and floor (quoted, not re-run)

Taken from `/work/shared/bench/peer/REPORT.md` (django-helpdesk 2.6.1, 100,000 tickets, SQLite
WAL, gunicorn 2 sync workers, same 2-core machine, run 20261126T193700Z) and from
`/work/shared/ECOSYSTEM.md`. **These numbers were not re-run by this benchmark.**

| analogous case | django-helpdesk case (REPORT.md) | helpdesk p95 c=1 | helpdesk p95 c=8 | helpdesk req/s c=8 |
|---|---|--:|--:|--:|
| list | a_list_page+json (35,047 open tickets) | 1412.7 ms | 9473.5 ms | 1.16 |
| filtered list | b_list_queue+status (3,692 tickets) | 380.5 ms | 2753.3 ms | 4.29 |
| search | c_search_'ô nhiễm' (finds 4,403 of 4,685) | 1534.7 ms | 10196.4 ms | 1.07 |
| search without diacritics | c_search_'o nhiem' (finds **0** of 4,685) | 1039.7 ms | 5514.1 ms | 1.81 |
| dashboard | f_dashboard | 5383.9 ms | 26967.8 ms | 0.34 |

Bare-Django floor (ECOSYSTEM.md): one indexed query over 1,000,000 rows rendering 25 rows,
**12.9 ms p95** at one client on a busy machine, 3.5 ms on a quiet one; the floor this benchmark
measures itself, in the same run, is in the tables above (*floor p95 ms*).

Like-for-like caveat: a helpdesk staff user sees all 100,000 tickets. Our commune leader sees
one commune (~3,000 of 200,000 tasks); the *province viewer* rows (all 200,000 tasks visible)
are the closer analogue of the helpdesk list and search.
"""


PG_NODES = ("->", "Limit", "Aggregate", "Sort", "Index", "Seq", "Bitmap", "Hash", "Nested")


PLANS = ("<!-- PLANS -->", "<!-- /PLANS -->")


def keep_section(path: Path, markers: tuple[str, str], block: str) -> None:
    """Replace the part of a results file between `markers` (which `block` starts and ends
    with), or append it; the rest of the file is other benchmarks' and is kept as it is."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    begin, end = markers
    if begin in text and end in text:
        head, rest = text.split(begin, 1)
        text = head + block + rest.split(end, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")


def fmt(v: Any) -> str:
    return "—" if v is None else str(v)


def render(all_data: list[dict[str, Any]]) -> str:
    m = machine()
    lines = [
        PLANS[0],
        "Produced by `benchmarks/run.sh` (driver `benchmarks/run.py`, probe `benchmarks/probe.py`,",
        "ground truth and query plans `benchmarks/dbtool.py`, data `danvan gen-bench`). Raw data:",
        "`var/bench/results-<db>.json`. Latency is client wall time per request in ms; p95 at",
        "c=1 is what the target is about, c=8 is shown for information (2 cores shared by the",
        "2 gunicorn workers and the load client, so c=8 mostly measures queueing).",
        "Other engineers' test suites share this machine (often 80-100% of both cores). Under",
        "that load a waking gunicorn worker waited on the run queue 3-4 times longer than it",
        "ran, whatever its nice value, so as root the probe phase runs gunicorn, the probe and",
        "our own PostgreSQL backends with SCHED_RR priority 1 (see *scheduling* per database;",
        "the kernel keeps 5% for everyone else; without it the driver waits up to 90 s for a",
        "quieter machine before each row and measures a noisy row again). Columns: *server CPU",
        "ms/req* = gunicorn CPU time per request (the service demand); *DB CPU ms/req* = CPU of",
        "our PostgreSQL backends per request (SQLite runs inside gunicorn); *server wait",
        "ms/req* = time gunicorn was runnable but not running; *page faults/req* = minor page",
        "faults of gunicorn per request (thousands = Python 3.11 frame-chunk mmap churn, see",
        "the report); *others' CPU %* = CPU other processes took during the row, of both cores.",
        "*floor p95 ms* = the bare-Django floor of the same run (`benchmarks/floor/`, issue 16:",
        "one indexed query, 25 rows of the leader's commune, a plain template, its own gunicorn",
        "with 2 sync workers, measured right before and right after each one-client row, the",
        "lower p95; at 8 clients the run's, before and after all rows); *× floor* = the",
        "row's p95 over it, against issue 16's target (officer pages ≤ 4×, public pages ≤ 3×).",
        "",
        "## Machine",
        "",
        f"- `nproc` = {m['nproc']} ({m['cpu']}), kernel {m['kernel']}, {m['os']}",
        f"- Python {m['python']}, {m['gunicorn']}, {m['psql']}",
        "- `free -h`:",
        "",
        "```",
        m["free"],
        "```",
        "",
    ]
    for d in all_data:
        v = d["versions"]
        extra = f", journal_mode={v['journal_mode']}" if "journal_mode" in v else ""
        lines.append(
            f"- {d['db']}: {v['database']}{extra}, Django {v['django']}; run {d['when']} "
            f"on commit {d.get('git', '?')}; scheduling: {d.get('scheduling', '?')}"
        )
    lines += ["", "## Data", ""]
    names = list(all_data[0]["sizes"]["rows"]) if all_data else []
    lines.append("| rows | " + " | ".join(d["db"] for d in all_data) + " |")
    lines.append("|---|" + "--:|" * len(all_data))
    for name in names:
        lines.append(
            f"| {name} | " + " | ".join(f"{d['sizes']['rows'][name]:,}" for d in all_data) + " |"
        )
    lines.append(
        "| database size | "
        + " | ".join(f"{d['sizes']['bytes'] / 2**20:,.0f} MiB" for d in all_data)
        + " |"
    )
    lines.append("| migrate | " + " | ".join(f"{d['migrate_s']} s" for d in all_data) + " |")
    lines.append("| gen-bench | " + " | ".join(f"{d['gen_s']} s" for d in all_data) + " |")
    lines.append(
        "| generated | "
        + " | ".join(
            f"{d.get('generated_when', d['when'])}"
            + (
                f", reused (migrations since: {', '.join(d['reuse_migrations']) or 'none'})"
                if "reuse_migrations" in d
                else ""
            )
            for d in all_data
        )
        + " |"
    )
    lines.append(
        "| ANALYZE | "
        + " | ".join(f"{d['analyze']['statement']} {d['analyze']['seconds']} s" for d in all_data)
        + " |"
    )
    if all_data:
        f = all_data[0]["facts"]
        lead, prov = f["users"][LEADER], f["users"][PROVINCE]
        lines += [
            "",
            f"Ground truth ({f['today']}, computed in Python over every row, `dbtool.py facts`):",
            f"- `{LEADER}` (one commune): {lead['tasks']:,} tasks, statuses {lead['statuses']}, "
            f"search {lead['search']}, plan tree #{lead['plan']['id']} with "
            f"{lead['plan']['tasks']} tasks, dashboard {lead['dashboard_total']} tasks this year",
            f"- `{PROVINCE}` ({prov['communes']} communes): {prov['tasks']:,} tasks, statuses "
            f"{prov['statuses']}, search {prov['search']}",
        ]
    for d in all_data:
        lines += ["", f"## {d['db']}", ""]
        lines.append(
            "| case | c | n | err | p50 ms | p95 ms | max ms | req/s | target p95 | met? "
            "| server CPU ms/req | DB CPU ms/req | server wait ms/req | page faults/req "
            "| others' CPU % |" + floor.HEADER
        )
        lines.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|---|--:|--:|--:|--:|--:|" + floor.ALIGN)
        for r in d["results"]:
            target = f"≤ {r['target_ms']:g} ms" if r["target_ms"] else "—"
            if r["concurrency"] != 1 or r["extra"] or r["met"] is None:
                met = "(info)"
            else:
                met = "**yes**" if r["met"] else "**NO**"
            name = r["case"] + (" *" if r["extra"] else "")
            lines.append(
                f"| {name} | {r['concurrency']} | {r['ok']} | {r['errors']} | {fmt(r['p50_ms'])} "
                f"| {fmt(r['p95_ms'])} | {fmt(r['max_ms'])} | {fmt(r['rps'])} | {target} | {met} "
                f"| {fmt(r.get('server_cpu_ms_per_req'))} | {fmt(r.get('db_cpu_ms_per_req'))} "
                f"| {fmt(r.get('server_wait_ms_per_req'))} | {fmt(r.get('server_faults_per_req'))} "
                f"| {fmt(r.get('others_cpu_pct'))} |"
                + floor.cells(r, counted=r["concurrency"] == 1 and not r["extra"])
            )
        lines.append("")
        lines.append(
            "\\* not a target: a province viewer reads all 65 communes. Every response was checked "
            "(status 200 and the count shown on the page equal to the ground truth; plan tree: "
            "the number of task links; dashboard: the year's total)."
        )
        errs = [r for r in d["results"] if r["errors"]]
        for r in errs:
            lines.append(f"- errors in {r['case']} c={r['concurrency']}: {r['error_samples']}")
        lines.append(floor.sentence(d["results"], d.get("floor_beside")))
        bad = [v for v in d["variants"] if not v["ok"]]
        lines.append(
            f"- search spellings ({', '.join(v['query'] for v in d['variants'])}): "
            + ("all find the same rows as `doi thoai`" if not bad else f"FAILED {bad}")
        )
        rss = sorted(d["rss_kib_max"].items())
        lines.append(
            "- peak RSS (MiB) master/workers: " + ", ".join(f"{int(v) / 1024:.0f}" for _, v in rss)
        )
        lines += ["", "Server side, in-process (`dbtool.py explain`, median of 5):", ""]
        lines.append(
            "| page | user | queries | in-process ms | SQL ms (rerun) | costliest query plan |"
        )
        lines.append("|---|---|--:|--:|--:|---|")
        for ex in d["explain"]:
            for p in ex["pages"]:
                costly = max(p["detail"], key=lambda q: q.get("ms_rerun", 0.0))
                plan = (costly.get("plan") or "").split("\n")
                if ex["vendor"] != "sqlite":
                    plan = [ln.strip() for ln in plan if ln.strip().startswith(PG_NODES)][:3]
                shown = "; ".join(x.strip() for x in plan[:3]).replace("|", "/")
                lines.append(
                    f"| `{p['path']}` | {ex['user']} | {p['queries']} | {p['wall_ms_median']} "
                    f"| {p['sql_ms_rerun_total']} | {costly.get('ms_rerun', 0):.1f} ms: {shown} |"
                )
        lines += floor.profile_table(d.get("profiles"))
        lines += ["", "gen-bench output:", "", "```", d["gen_output"].strip(), "```"]
    lines += ["", PEER.rstrip("\n"), PLANS[1]]
    return "\n".join(lines)


def main() -> None:
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # run `finally`: stop gunicorn
    ap = argparse.ArgumentParser()
    ap.add_argument("which", nargs="?", default="all", choices=["sqlite", "postgres", "all"])
    ap.add_argument("--report-only", action="store_true", help="rebuild RESULTS.md only")
    ap.add_argument("--reuse", action="store_true", help="measure the database made earlier")
    ap.add_argument("--generate-only", action="store_true", help="make the data, measure nothing")
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    if not args.report_only:
        for db in ["sqlite", "postgres"] if args.which == "all" else [args.which]:
            bench(db, reuse=args.reuse, generate_only=args.generate_only)
        if args.generate_only:
            return
    found = [OUT / f"results-{db}.json" for db in ("sqlite", "postgres")]
    all_data = [floor.load(p) for p in found if p.exists()]
    if not all_data:
        log("no results in var/bench: RESULTS.md left as it is")
        return
    keep_section(RESULTS_MD, PLANS, render(all_data))
    log(f"wrote the plans' section of {RESULTS_MD.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
