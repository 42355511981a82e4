"""The rule every benchmark's verdict on issue 16 rests on: a row against the floor beside it.

Run by `make test` with the product's tests (pytest collects it from benchmarks/floor/); it
needs no server and no database: the floor's probe is replaced by one that answers given p95s.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from types import SimpleNamespace
from typing import Any

import pytest

from floor import report


def row(path: str, p95: float, beside: list[float | None] | None = None) -> dict[str, Any]:
    r: dict[str, Any] = {"case": path, "path": path, "p95_ms": p95, "errors": 0, "kind": "page"}
    if beside is not None:
        r["floor_beside_ms"] = beside
    return r


def floor_row(table: str, p95: float) -> dict[str, Any]:
    return {"case": f"floor: 25 {table} (before)", "kind": "floor", "p95_ms": p95, "errors": 0}


def test_a_row_is_judged_against_the_lower_floor_beside_it_not_the_runs():
    officer = row("/can-bo/don-thu/", 19.0, beside=[5.0, 6.0])
    public = row("/gui-don/", 16.0, beside=[7.0, 5.0])
    rows = [floor_row("petitions", 9.0), officer, public]

    report.annotate(rows)

    assert officer["floor_p95_ms"] == 5.0
    assert officer["floor_ratio"] == 3.8
    assert officer["floor_met"] is True  # within 4x an officer page's floor
    assert public["floor_ratio"] == 3.2
    assert public["floor_met"] is False  # over 3x: the portal's target


def test_a_row_without_floors_beside_it_takes_the_runs_lower_floor():
    page = row("/can-bo/nhiem-vu/", 20.0)
    rows = [floor_row("tasks", 6.0), page, floor_row("tasks", 4.0)]

    report.annotate(rows)

    assert (page["floor_p95_ms"], page["floor_ratio"], page["floor_met"]) == (4.0, 5.0, False)


def test_a_floor_that_failed_beside_a_row_is_not_counted():
    page = row("/can-bo/don-thu/", 12.0, beside=[None, 4.0])

    report.annotate([page])

    assert (page["floor_p95_ms"], page["floor_ratio"]) == (4.0, 3.0)


class AnsweringProbe:
    """The floor's probe: answers each floor case with the next p95 given, and notes it."""

    def __init__(self, p95s: list[float], measured: list[str]) -> None:
        self.p95s = p95s
        self.measured = measured

    async def run(self, case: Any, **_: Any) -> SimpleNamespace:
        self.measured.append(case.name)
        return SimpleNamespace(p95_ms=self.p95s.pop(0), errors=0)


@pytest.fixture
def measured(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    done: list[str] = []
    p95s = [5.0, 6.0, 7.0, 4.0, 8.0]
    monkeypatch.setattr(report, "Probe", lambda url: AnsweringProbe(p95s, done))
    return done


def test_each_row_is_measured_between_two_floors_of_its_own_table(measured):
    beside = report.Beside(
        "http://floor",
        [
            report.case("tasks", 2, 30, "beside"),
            report.case("petitions", 2, 30, "beside", newest=7),
        ],
        requests=10,
        warmup=1,
    )

    async def page(path: str) -> list[dict[str, Any]]:
        async def measure() -> list[dict[str, Any]]:
            measured.append(path)
            return [row(path, 10.0), row(path, 30.0)]  # the page and its twin, nothing kept

        return await beside.around(path, measure)

    async def three_pages() -> list[list[dict[str, Any]]]:
        return [
            await page("/can-bo/don-thu/"),
            await page("/can-bo/don-thu/?q=dat"),
            await page("/can-bo/nhiem-vu/"),
        ]

    # In a thread of its own: the browser tests may leave an event loop running in this one.
    with ThreadPoolExecutor(1) as thread:
        first, second, tasks = thread.submit(asyncio.run, three_pages()).result()

    assert measured == [
        "floor: 25 petitions (beside)",
        "/can-bo/don-thu/",
        "floor: 25 petitions (beside)",  # after the first page, before the second
        "/can-bo/don-thu/?q=dat",
        "floor: 25 petitions (beside)",
        "floor: 25 tasks (beside)",  # a page of the other table gets its own floor first
        "/can-bo/nhiem-vu/",
        "floor: 25 tasks (beside)",
    ]
    assert [r["floor_beside_ms"] for r in first] == [[5.0, 6.0], [5.0, 6.0]]
    assert second[0]["floor_beside_ms"] == [6.0, 7.0]
    assert tasks[0]["floor_beside_ms"] == [4.0, 8.0]
    assert beside.summary() == {"n": 5, "min": 4.0, "median": 6.0, "max": 8.0}
