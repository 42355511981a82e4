"""The one-stop centre's part of the leaders' overview: dossiers against their promised day,
the late ones without an apology slip, and the late list only for those who may open it."""

from __future__ import annotations

from datetime import date
from typing import Any

from danvan.conftest import World
from danvan.onestop import services
from danvan.onestop.models import Dossier
from danvan.onestop.overview import figures
from danvan.onestop.tests.conftest import Centre
from danvan.onestop.tests.files import xlsx

ON = date(2026, 3, 12)


def part(world: World, **scope: Any) -> dict[str, Any]:
    return figures(
        communes=[world.commune.pk], start=date(2026, 3, 1), end=date(2026, 3, 31), on=ON, **scope
    )


def test_it_counts_dossiers_against_their_promised_day(world: World, centre: Centre) -> None:
    services.file_import(xlsx(), "thang3.xlsx", commune=world.commune, on=ON, by=centre.officer)
    found = part(world)["onestop"]
    # Early and on time are done on time; one returned late; one open past its day is late.
    assert (found["total"], found["done"], found["done_on_time"], found["done_late"]) == (
        5,
        3,
        2,
        1,
    )
    assert (found["open"], found["late"], found["on_time_rate"]) == (2, 1, 50)
    extra = {e["key"]: e["value"] for e in found["extra"]}
    assert (extra["early"], extra["no_slip"], extra["slip"], extra["rated"]) == (1, 2, 0, 2)
    [late] = found["late_items"]
    assert late["title"] == "Hồ sơ H01.01-260301-0005: Đăng ký biến động đất đai"
    assert (late["due"], late["days_late"], late["kind"]) == (
        "2026-03-10",
        2,
        "Chưa có phiếu xin lỗi",
    )

    overdue = Dossier.objects.get(code="H01.01-260301-0005")
    services.apology_record(
        dossier=overdue, reason="Chờ xác minh", new_due_on=date(2026, 3, 17),
        sent_on=date(2026, 3, 9), by=centre.officer,
    )  # fmt: skip
    found = part(world)["onestop"]
    extra = {e["key"]: e["value"] for e in found["extra"]}
    assert (extra["no_slip"], extra["slip"]) == (1, 1)
    assert found["late_items"][0]["kind"] == ""


def test_a_village_or_another_unit_has_no_one_stop_part(world: World, centre: Centre) -> None:
    services.file_import(xlsx(), "thang3.xlsx", commune=world.commune, on=ON, by=centre.officer)
    assert part(world, villages=[world.village.pk]) == {}
    assert part(world, units=[world.office_a.pk]) == {}
    assert part(world, units=[centre.unit.pk])["onestop"]["total"] == 5


def test_the_late_list_names_dossiers_only_to_those_who_may_open_them(
    world: World, centre: Centre
) -> None:
    services.file_import(xlsx(), "thang3.xlsx", commune=world.commune, on=ON, by=centre.officer)

    def late_for(user: Any) -> int:
        return len(part(world, viewer=user)["onestop"]["late_items"])

    assert (late_for(world.chairman), late_for(centre.readonly)) == (1, 1)
    # The province and other offices read the counts, not the citizens' dossier codes.
    assert (late_for(world.province_viewer), late_for(world.officer_a)) == (0, 0)
    assert part(world, viewer=world.province_viewer)["onestop"]["late"] == 1
