"""The drivers' side of the floor: its gunicorn, its cases, each row's ratio to it, table cells.

Used by every driver under benchmarks/; imports no Django. A run measures the floor before its
rows and again after them, with the same probe, warm-up, request count (at one client) and
scheduling as the rows; the floor of the run is the lower of the two p95s (what the machine
does for a bare Django page when least disturbed), so a ratio is never flattered by a noisy
floor. This machine's speed changes within minutes (floors of 4 and 9 ms in one run), so each
one-client row is also measured against the floor beside it (`Beside`): the floor of its table
right before the row and right after it (and its twin with nothing kept), the lower p95 of the
two. A row's ratio is then to the machine of its own minute, whatever phase the run is in.
"""

from __future__ import annotations

import json
import os
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from probe import Case, Probe

BENCHMARKS = Path(__file__).resolve().parent.parent
APP = "floor.wsgi"
READY = "/"
ROWS = 25
OFFICER_TARGET, PUBLIC_TARGET = 4.0, 3.0  # issue 16: p95 within 4× (officer), 3× (portal)
# Pages that read tasks are compared with the tasks' floor; every other page (petitions, the
# leaders' overview and "Việc của tôi", which read both) with the petitions' floor, the one the
# issue names; a run that measured only one floor compares everything with it.
TASK_PAGES = ("/can-bo/nhiem-vu/", "/can-bo/ke-hoach/", "/can-bo/tong-quan/")


def server_args() -> dict[str, Any]:
    """Keyword arguments of run.Server for the floor's gunicorn (same workers and timeout)."""
    return {"app": APP, "ready": READY, "extra": ["--pythonpath", str(BENCHMARKS)]}


def environment(env: dict[str, str]) -> dict[str, str]:
    """The danvan server's environment (its database URL), with the floor's settings."""
    out = dict(env)
    out["DJANGO_SETTINGS_MODULE"] = "floor.settings"
    return out


def case(table: str, commune: int, rows: int | None, when: str, newest: int | None = None) -> Case:
    """The floor page of `table` ("petitions" or "tasks") for one commune, checked: it must show
    min(25, rows) lines (when the commune's row count is known) and the newest petition first."""
    path = f"/don-thu/{commune}/" if table == "petitions" else f"/nhiem-vu/{commune}/"
    return Case(
        f"floor: 25 {table} ({when})", path, "", "floor",
        expect_count=None if rows is None else min(ROWS, rows),
        count_regex=r'data-rows="(\d+)"',
        contains=[f'<tr id="p{newest}">'] if newest else [],
        note=f"bare Django (benchmarks/floor): one indexed query, {ROWS} {table} of commune #{commune}",
    )  # fmt: skip


def table_of(row: dict[str, Any]) -> str:
    path = row.get("path") or ""
    return "tasks" if path.startswith(TASK_PAGES) else "petitions"


def is_floor(row: dict[str, Any]) -> bool:
    return row.get("kind") == "floor"


def floors(rows: list[dict[str, Any]]) -> dict[str, float]:
    """Per table, the floor of the run: the lower p95 of its error-free measurements."""
    out: dict[str, float] = {}
    for r in rows:
        if is_floor(r) and not r["errors"] and r["p95_ms"]:
            table = "tasks" if "tasks" in r["case"] else "petitions"
            out[table] = min(out.get(table, r["p95_ms"]), r["p95_ms"])
    return out


def annotate(rows: list[dict[str, Any]]) -> None:
    """Give every page row its floor's p95 (the floor beside it when measured, else the run's),
    its ratio to it and the issue's target."""
    found = floors(rows)
    for r in rows:
        if is_floor(r) or r.get("p95_ms") is None:
            continue
        table = table_of(r)
        if table not in found and found:
            table = next(iter(found))
        beside = [ms for ms in r.get("floor_beside_ms") or [] if ms]
        if not beside and table not in found:
            continue
        path = r.get("path") or ""
        r["floor_table"] = r.get("floor_beside_table", table)
        r["floor_p95_ms"] = min(beside) if beside else found[table]
        r["floor_ratio"] = round(r["p95_ms"] / r["floor_p95_ms"], 1)
        r["floor_target"] = OFFICER_TARGET if path.startswith("/can-bo/") else PUBLIC_TARGET
        r["floor_met"] = r["errors"] == 0 and r["floor_ratio"] <= r["floor_target"]


def load(path: Path) -> dict[str, Any]:
    """A run's results file with each row's ratio computed again from its measured p95s: a
    report rewritten (`--report-only`) always applies this module's rule to the raw numbers."""
    data: dict[str, Any] = json.loads(path.read_text())
    annotate(data["results"])
    return data


class Beside:
    """The floor measured beside each row: `around` measures the floor of the row's table, then
    the row (and anything measured with it), then the floor again, and writes both p95s into
    each row it measured (`floor_beside_ms`). The floor after a row serves as the floor before
    the next one when that reads the same table. `cases`: the driver's floor cases, one per
    table; without a floor server it measures only the rows. `log` gets a line per floor."""

    def __init__(
        self,
        url: str | None,
        cases: list[Case],
        requests: int,
        warmup: int,
        log: Callable[[str], None] | None = None,
    ) -> None:
        self.probe = Probe(url) if url else None
        self.log = log
        self.cases = {("tasks" if "tasks" in c.name else "petitions"): c for c in cases}
        self.requests, self.warmup = requests, warmup
        self.last: tuple[str, float | None] | None = None  # the floor just measured
        self.measured: list[float] = []

    async def _floor(self, table: str) -> float | None:
        assert self.probe is not None
        r = await self.probe.run(
            self.cases[table], concurrency=1, requests=self.requests, warmup=self.warmup
        )
        p95 = r.p95_ms if r.errors == 0 else None
        if p95:
            self.measured.append(p95)
        if self.log:
            self.log(f"  floor beside: 25 {table} p95={r.p95_ms} err={r.errors}")
        self.last = (table, p95)
        return p95

    async def around(
        self, path: str, measure: Callable[[], Awaitable[list[dict[str, Any]]]]
    ) -> list[dict[str, Any]]:
        if not self.probe or not self.cases:
            return await measure()
        table = table_of({"path": path})
        if table not in self.cases:
            table = next(iter(self.cases))
        before = self.last[1] if self.last and self.last[0] == table else await self._floor(table)
        rows = await measure()
        after = await self._floor(table)
        for r in rows:
            r["floor_beside_ms"] = [before, after]
            r["floor_beside_table"] = table
        return rows

    def summary(self) -> dict[str, Any]:
        """The floors measured beside the rows, for the run's JSON and `sentence`."""
        ms = sorted(self.measured)
        if not ms:
            return {}
        return {"n": len(ms), "min": ms[0], "median": ms[len(ms) // 2], "max": ms[-1]}


HEADER = " floor p95 ms | × floor (issue 16 target) |"
ALIGN = "--:|---|"


def cells(r: dict[str, Any], counted: bool) -> str:
    """The two cells of a row; `counted`: a row the target is about (c=1, not information)."""
    if is_floor(r):
        return f" {r['p95_ms']} | the floor |"
    if r.get("floor_ratio") is None:
        return " — | — |"
    ratio = f"{r['floor_ratio']}×"
    if not counted:
        return f" {r['floor_p95_ms']} | {ratio} (info) |"
    met = "**yes**" if r["floor_met"] else "**NO**"
    return f" {r['floor_p95_ms']} | {ratio} (≤ {r['floor_target']:g}×) {met} |"


def sentence(rows: list[dict[str, Any]], beside: dict[str, Any] | None = None) -> str:
    """One line on how the floor was measured in this run and what it gave; `beside`:
    `Beside.summary()` of the run, when its rows were measured against the floor beside them."""
    measured = [r for r in rows if is_floor(r)]
    if not measured:
        return "- floor: not measured in this run (results made before issue 16)."
    found = floors(rows)
    parts = [f"{r['case']} p95 {r['p95_ms']} ms" for r in measured]
    errs = [f"{r['case']}: {r['error_samples']}" for r in measured if r["errors"]]
    return (
        "- floor (bare Django, `benchmarks/floor/`: its own gunicorn, 2 sync workers, the same "
        "database read-only, one indexed query, 25 rows in a plain table): "
        + "; ".join(parts)
        + ". The run's floor (the lower p95 of each): "
        + ", ".join(f"{t} {v} ms" for t, v in sorted(found.items()))
        + (f". Errors: {errs}" if errs else ".")
        + (
            " Rows “(nothing kept)”: the same page on a server with `DANVAN_KEPT_PAGES=false`, "
            "as its first request after a write (benchmarks/README.md, “Kept and nothing kept”)."
            if any(r["case"].endswith(" (nothing kept)") for r in rows)
            else ""
        )
        + (
            f" Each one-client row against the floor beside it (measured right before it and "
            f"right after it and its twin with nothing kept, the lower p95; the column *floor "
            f"p95 ms*): {beside['n']} measurements of the floor, p95 from {beside['min']} to "
            f"{beside['max']} ms (median {beside['median']})."
            if beside
            else ""
        )
    )


# --- profiles -------------------------------------------------------------------------------------

SHARES = ("templates", "form widgets", "SQL", "ORM", "view", "middleware")


def profile_cases(cases: list[Case]) -> list[list[str]]:
    """The officer pages a run probed, as [name, path, username] for floor/pageprofile.py."""
    seen: set[tuple[str, str]] = set()
    out = []
    for c in cases:
        if c.kind == "floor" or not c.path.startswith("/can-bo/") or (c.path, c.auth) in seen:
            continue
        seen.add((c.path, c.auth))
        out.append([c.name, c.path, c.auth])
    return out


def profile_env(env: dict[str, str]) -> dict[str, str]:
    out = dict(env)
    out.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    out["BENCH_PROFILE_REQUESTS"] = os.environ.get("BENCH_PROFILE_REQUESTS", "40")
    return out


def profile_table(profiles: dict[str, Any] | None) -> list[str]:
    """Where each officer page's time goes, from floor/pageprofile.py's summary."""
    if not profiles or not profiles.get("pages"):
        return []
    lines = [
        "",
        f"Where the time goes, in-process (`benchmarks/floor/pageprofile.py`: "
        f"{profiles['requests']} requests per page through Django's test client on this "
        "database, a stack sampler every 0.5 ms; each sample goes to the first of SQL, ORM, "
        "form widgets, templates, view, middleware found on its stack; cProfile's top "
        "functions in `" + profiles["dir"] + "/<db>-<page>.txt`):",
        "",
        "| page | in-process ms/req | " + " | ".join(SHARES) + " |",
        "|---|--:|" + "--:|" * len(SHARES),
    ]
    for name, p in profiles["pages"].items():
        if "error" in p:
            lines.append(f"| {name} | {p['error']} |" + " |" * len(SHARES))
            continue
        shares = " | ".join(f"{p['shares'].get(s, 0):.0f} %" for s in SHARES)
        lines.append(f"| {name} | {p['ms_median']} | {shares} |")
    return lines
