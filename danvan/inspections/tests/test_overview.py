"""Inspections' part of the leaders' overview: known inspections give known numbers, a unit's
slice is the inspections of that unit, and the late list links only what the viewer may open
while the counts stay everyone's."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from danvan.conftest import World
from danvan.inspections import services
from danvan.inspections.models import Finding, Inspection, InspectionPlan, Remedy
from danvan.inspections.overview import NOTE, figures
from danvan.inspections.tests.conftest import TODAY, conclude, inspection
from danvan.leaders.overview import SECTIONS, compose


def _plan(world: World) -> InspectionPlan:
    return services.plan_create(
        commune=world.commune,
        by=world.officer_b,
        year=2026,
        number="15/KH-UBND",
        title="Kế hoạch kiểm tra kỷ luật, kỷ cương hành chính năm 2026",
        issued_on=date(2026, 1, 10),
    )


@pytest.fixture
def made(world: World, frozen: Any) -> dict[str, Inspection]:
    """Hồng Phong on 15/06/2026:
    A office A, planned 1-5/06, concluded 04/06 (on time): a shortcoming, a good point, one
      remedy, re-checked 12/06;
    B office A, unplanned 1-10/05, not concluded: late;
    C office B, planned 1-30/06, under way: not late yet;
    D office B, unplanned 1-5/11/2025, concluded 20/01/2026: carried over, done late;
    E office B, planned for September: not started, not counted;
    F the village, unplanned 1-3/06, not concluded: late;
    and a late one of the other commune, never counted here."""
    plan = _plan(world)
    a = inspection(world, world.commune, world.office_a, plan=plan)
    services.finding_add(
        inspection=a,
        by=world.officer_b,
        text="2 hồ sơ trả chậm chưa có phiếu xin lỗi.",
        severity=Finding.Severity.SHORTCOMING,
    )
    services.finding_add(
        inspection=a,
        by=world.officer_b,
        text="Niêm yết đầy đủ thủ tục hành chính.",
        severity=Finding.Severity.GOOD,
    )
    a = conclude(a, world.officer_b, done_on=date(2026, 6, 3), concluded_on=date(2026, 6, 4))
    shortcoming = a.findings.get(severity=Finding.Severity.SHORTCOMING)
    remedy = services.remedy_add(
        inspection=a,
        by=world.officer_b,
        finding=shortcoming,
        owner_unit=world.office_a,
        owner_person="",
        measure="Lập phiếu xin lỗi cho hồ sơ trả chậm.",
        due_on=date(2026, 6, 10),
        evidence="",
    )
    a = services.inspection_recheck(
        inspection=a,
        by=world.officer_b,
        rechecked_on=date(2026, 6, 12),
        note="Đã khắc phục.",
        results={remedy.pk: Remedy.Recheck.DONE},
    )
    b = inspection(
        world,
        world.commune,
        world.office_a,
        title="Việc tiếp công dân định kỳ",
        planned_from=date(2026, 5, 1),
        planned_to=date(2026, 5, 10),
    )
    c = inspection(world, world.commune, world.office_b, plan=plan, planned_to=date(2026, 6, 30))
    d = inspection(
        world,
        world.commune,
        world.office_b,
        planned_from=date(2025, 11, 1),
        planned_to=date(2025, 11, 5),
    )
    d = conclude(d, world.officer_b, done_on=date(2025, 11, 5), concluded_on=date(2026, 1, 20))
    e = inspection(
        world,
        world.commune,
        world.office_b,
        plan=plan,
        planned_from=date(2026, 9, 1),
        planned_to=date(2026, 9, 3),
    )
    f = inspection(
        world,
        world.commune,
        world.village,
        title="Việc công khai các khoản đóng góp của thôn",
        planned_from=date(2026, 6, 1),
        planned_to=date(2026, 6, 3),
    )
    inspection(world, world.other_commune, world.other_office, planned_to=date(2026, 6, 5))
    return {"a": a, "b": b, "c": c, "d": d, "e": e, "f": f}


def part(world: World, **scope: Any) -> dict[str, Any]:
    return figures(
        communes=[world.commune.pk], start=date(2026, 1, 1), end=date(2026, 12, 31), on=TODAY,
        **scope,
    )["inspections"]  # fmt: skip


def core(p: dict[str, Any]) -> dict[str, Any]:
    keys = ("total", "new", "carried", "open", "late", "done", "done_on_time", "done_late")
    return {k: p[k] for k in keys}


def extra(p: dict[str, Any]) -> dict[str, int]:
    return {e["key"]: e["value"] for e in p["extra"]}


def test_it_counts_the_communes_inspections_by_the_plans_dates(
    world: World, made: dict[str, Inspection]
) -> None:
    p = part(world)
    assert core(p) == {
        "total": 5,  # A B C D F; E has not started, the other commune's is not ours
        "new": 4,
        "carried": 1,
        "open": 3,
        "late": 2,  # B and F, not concluded past their planned end
        "done": 2,
        "done_on_time": 1,  # A
        "done_late": 1,  # D, concluded long after its planned end
    }
    assert p["on_time_rate"] == 25  # 1 ÷ (2 done + 2 late)
    assert p["note"] == NOTE
    assert extra(p) == {
        "planned": 2,
        "unplanned": 3,
        "findings": 1,  # the shortcoming; what was done well is no finding to remedy
        "remedies": 1,
        "rechecked": 1,
    }
    assert [i["url"] for i in p["late_items"]] == [
        f"/can-bo/kiem-tra/{made['b'].pk}/",
        f"/can-bo/kiem-tra/{made['f'].pk}/",
    ]  # the longest overdue first
    assert p["late_items"][0]["days_late"] == 36  # due 10/05
    assert p["late_items"][0]["owner"] == world.office_a.label
    june = next(m for m in p["by_month"] if m["month"] == "2026-06")
    assert june == {"month": "2026-06", "new": 3, "done": 1, "late": 1}  # new A C F, F late


def test_a_units_slice_is_the_inspections_of_that_unit(
    world: World, made: dict[str, Inspection]
) -> None:
    office_a = part(world, units=[world.office_a.pk])
    assert core(office_a) == {
        "total": 2, "new": 2, "carried": 0, "open": 1, "late": 1, "done": 1,
        "done_on_time": 1, "done_late": 0,
    }  # fmt: skip
    assert extra(office_a) == {
        "planned": 1,
        "unplanned": 1,
        "findings": 1,
        "remedies": 1,
        "rechecked": 1,
    }
    assert [i["title"] for i in office_a["late_items"]] == [
        f"Kiểm tra {world.office_a.label}: Việc tiếp công dân định kỳ"
    ]
    office_b = part(world, units=[world.office_b.pk])
    assert (office_b["total"], office_b["carried"], office_b["late"], office_b["done_late"]) == (
        2,
        1,
        0,
        1,
    )
    assert office_b["late_items"] == []
    village = part(world, villages=[world.village.pk])
    assert (village["total"], village["late"]) == (1, 1)


def test_the_late_list_links_only_what_the_viewer_may_open(
    world: World, made: dict[str, Inspection]
) -> None:
    def late_urls(viewer: Any) -> list[str]:
        p = part(world, viewer=viewer)
        assert p["late"] == 2  # the counts are never narrowed
        return [i["url"] for i in p["late_items"]]

    b, f = (f"/can-bo/kiem-tra/{made[k].pk}/" for k in ("b", "f"))
    for reader in (world.chairman, world.officer_b, world.front, world.province_viewer):
        assert late_urls(reader) == [b, f]
    assert late_urls(world.officer_a) == [b]  # office A's own, not the village's
    assert late_urls(world.village_head) == [f]  # the village's own
    assert late_urls(world.outsider) == []
    # And each link the list gives opens for that viewer.
    for viewer, url in ((world.officer_a, b), (world.village_head, f)):
        assert world.client(viewer).get(url).status_code == 200
    assert world.client(world.officer_a).get(f).status_code == 403


def test_a_concluded_public_inspection_is_readable_by_every_member(
    world: World, made: dict[str, Inspection]
) -> None:
    """A public conclusion written after the reference day: late on that day, and listed for
    every member of the commune, as its page lets them read it."""
    services.inspection_conclude(
        inspection=made["b"],
        by=world.officer_b,
        done_on=date(2026, 5, 10),
        concluded_on=TODAY,
        conclusion_number="",
        conclusion="Đơn vị thực hiện đúng lịch tiếp công dân.",
    )
    p = figures(
        communes=[world.commune.pk], start=date(2026, 1, 1), end=date(2026, 6, 14), on=TODAY,
        viewer=world.village_head,
    )["inspections"]  # fmt: skip
    assert p["late"] == 2
    assert [i["url"] for i in p["late_items"]] == [
        f"/can-bo/kiem-tra/{made['b'].pk}/",
        f"/can-bo/kiem-tra/{made['f'].pk}/",
    ]


def test_compose_shows_the_part(world: World, made: dict[str, Inspection]) -> None:
    assert "inspections" in SECTIONS
    parts = compose(
        communes=[world.commune.pk], start=date(2026, 1, 1), end=date(2026, 12, 31), on=TODAY,
        units=[world.office_a.pk], detail=False,
    )  # fmt: skip
    p = parts["inspections"]
    assert (p["total"], p["late"], p["label"]) == (2, 1, "Kiểm tra kỷ luật, kỷ cương, công vụ")
    assert p["late_items"] == [] and p["by_month"] == []
