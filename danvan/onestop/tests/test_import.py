"""Importing a file: upsert by code within the commune, counts as of a day, the same file twice
changes nothing, a changed row is updated, the apology slip is never touched, an audit entry."""

from __future__ import annotations

from datetime import date

import pytest

from danvan.conftest import World
from danvan.core.errors import DomainError
from danvan.core.models import AuditEntry
from danvan.onestop import services
from danvan.onestop.models import Dossier
from danvan.onestop.tests.files import ROWS, xlsx

ON = date(2026, 3, 12)


def run(world: World, raw: bytes, name: str = "thang3.xlsx") -> dict:
    done = services.file_import(raw, name, commune=world.commune, on=ON, by=world.chairman)
    return {**services.answer(done), **done.counts}


def test_it_counts_each_result_as_of_the_day(world: World) -> None:
    out = run(world, xlsx())
    assert {k: out[k] for k in (*services.COUNT_KEYS, "unreadable")} == {
        "total": 5, "early": 1, "on_time": 1, "late": 1, "in_progress": 1,
        "in_progress_overdue": 1, "unreadable": [],
    }  # fmt: skip
    assert Dossier.objects.filter(commune=world.commune).count() == 5
    entry = AuditEntry.objects.get(action="onestop.imported")
    assert entry.changes["created"] == 5 and entry.commune_id == world.commune.pk


def test_the_same_file_twice_changes_nothing(world: World) -> None:
    run(world, xlsx())
    before = list(Dossier.objects.order_by("code").values())
    out = run(world, xlsx())
    assert (out["created"], out["updated"], out["unchanged"]) == (0, 0, 5)
    after = list(Dossier.objects.order_by("code").values())
    strip = [{k: v for k, v in d.items() if k != "imported_at"} for d in before]
    assert strip == [{k: v for k, v in d.items() if k != "imported_at"} for d in after]


def test_a_row_returned_since_is_updated_and_its_slip_kept(world: World) -> None:
    run(world, xlsx())
    Dossier.objects.filter(code="H01.01-260301-0005").update(
        apology_sent_on=date(2026, 3, 8), apology_reason="Chờ xác minh"
    )
    rows = [list(r) for r in ROWS]
    rows[4][5] = "13/03/2026"
    out = run(world, xlsx(rows))
    assert (out["created"], out["updated"], out["unchanged"]) == (0, 1, 4)
    d = Dossier.objects.get(code="H01.01-260301-0005")
    assert d.returned_on == date(2026, 3, 13) and d.apology_reason == "Chờ xác minh"


def test_codes_are_per_commune(world: World) -> None:
    run(world, xlsx())
    services.file_import(xlsx(), "x.xlsx", commune=world.other_commune, on=ON, by=None)
    assert Dossier.objects.count() == 10


def test_a_file_without_the_required_columns_is_refused(world: World) -> None:
    with pytest.raises(DomainError, match="Không tìm thấy cột: Mã hồ sơ"):
        run(world, xlsx([[1, "x"]], ["STT", "Số BN"]))
    assert Dossier.objects.count() == 0


def test_the_saved_columns_are_used_next_time(world: World) -> None:
    headers = ["Số biên nhận", "Nhận lúc", "Hẹn"]
    raw = xlsx([["A1", "01/03/2026", "05/03/2026"]], headers, title=False)
    table = services.file_table(raw, "x.xlsx", world.commune)
    services.columns_save(
        commune=world.commune, headers=table.headers,
        chosen={"code": 0, "received_on": 1, "due_on": 2}, by=world.chairman,
    )  # fmt: skip
    assert run(world, raw)["total"] == 1


def test_columns_must_each_be_chosen_once(world: World) -> None:
    with pytest.raises(DomainError, match="Mỗi cột"):
        services.columns_save(
            commune=world.commune, headers=["a", "b"],
            chosen={"code": 0, "received_on": 1, "due_on": 1}, by=world.chairman,
        )  # fmt: skip
