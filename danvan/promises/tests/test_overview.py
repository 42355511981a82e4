"""The promises' part of the leaders' overview and the periodic report (leaders.overview.compose):
every number known from the promises made."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import time_machine

from danvan.conftest import World
from danvan.leaders.overview import compose
from danvan.promises import services
from danvan.promises.models import Outcome, Promise, Source

TODAY = date(2026, 6, 15)


@pytest.fixture(autouse=True)
def frozen() -> Any:
    with time_machine.travel(TODAY, tick=False) as traveller:
        yield traveller


def make(world: World, title: str, due: date, **over: Any) -> Promise:
    fields: dict[str, Any] = {
        "commune": world.commune,
        "source": Source.DIALOGUE,
        "source_label": "Hội nghị đối thoại năm 2026",
        "owner_unit": world.office_a,
        "made_on": date(2026, 3, 12),
        "by": world.chairman,
    }
    return services.promise_create(title=title, due_on=due, **{**fields, **over})


def part(world: World, **scope: Any) -> dict[str, Any]:
    return compose(
        communes=[world.commune.pk], start=date(2026, 1, 1), end=date(2026, 12, 31), on=TODAY,
        **scope,
    )["promises"]  # fmt: skip


def test_it_counts_kept_late_and_explained_promises_by_source(world: World) -> None:
    on_time = make(world, "Sửa cầu tràn", date(2026, 6, 30))
    services.promise_report(
        promise=on_time, by=world.officer_a, outcome=Outcome.KEPT, note="Xong.", on=TODAY
    )
    make(world, "Lắp đèn đường", date(2026, 6, 1), source=Source.VOTERS)  # open and late
    explained = make(world, "Nâng cấp chợ", date(2026, 5, 1), source=Source.QUESTIONING)
    services.promise_report(  # explained after the date promised: done late
        promise=explained, by=world.chairman, outcome=Outcome.EXPLAINED, note="Chưa có vốn.",
        on=date(2026, 6, 10),
    )  # fmt: skip
    roadmap = make(world, "Đường thôn", date(2026, 6, 10), village=world.village)
    services.promise_report(  # a new date: open, not late, until it passes
        promise=roadmap, by=world.officer_a, outcome=Outcome.ROADMAP, note="Quý III.",
        on=TODAY, roadmap_due=date(2026, 9, 30),
    )  # fmt: skip
    make(world, "Khắc phục hồ sơ một cửa", date(2026, 7, 1), owner_unit=world.office_b,
         source=Source.INSPECTION)  # fmt: skip

    p = part(world)
    assert (p["total"], p["done"], p["done_on_time"], p["done_late"], p["late"]) == (5, 2, 1, 1, 1)
    assert p["on_time_rate"] == 33  # 1 on time ÷ (2 done + 1 late)
    extra = {e["key"]: e["value"] for e in p["extra"]}
    assert (extra["dialogue"], extra["voters"], extra["questioning"], extra["inspection"]) == (
        2, 1, 1, 1,
    )  # fmt: skip
    assert (extra["roadmap"], extra["explained"]) == (1, 1)
    assert [i["title"] for i in p["late_items"]] == ["Lắp đèn đường"]
    assert part(world, units=[world.office_b.pk])["total"] == 1
    assert part(world, villages=[world.village.pk])["total"] == 1
