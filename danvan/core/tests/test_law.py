"""The rules in force, as `danvan law` prints them and the law page shows them, and the commands
that count time limits (`danvan deadline`, `danvan workdays`)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command

from danvan.conftest import World
from danvan.core.models import DeadlineRule

TIME_LIMIT_KEYS = {
    "procedure", "step", "name", "days", "unit", "kind", "source", "effective_from",
    "effective_to",
}  # fmt: skip


def _run(*args: str) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command(*args, stdout=out, stderr=err)
    except SystemExit as e:
        return int(e.code or 0), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_it_prints_every_section_with_the_keys_others_script_against() -> None:
    code, out, _ = _run("law", "--on", "2026-03-02", "--json")
    law = json.loads(out)
    assert code == 0 and law["on"] == "2026-03-02"
    assert set(law) == {
        "on", "time_limits", "disclosure_contents", "consultation_matters",
        "consultation_forms", "decision_matters", "petition_rules", "reporting_periods",
    }  # fmt: skip
    assert law["time_limits"], "the product ships time limits"
    for row in law["time_limits"]:
        assert set(row) == TIME_LIMIT_KEYS
        assert row["unit"] in {"working", "calendar"} and row["kind"] in {"deadline", "minimum"}
        assert row["source"]


@pytest.mark.django_db
def test_it_prints_only_the_rules_in_force_on_the_day() -> None:
    DeadlineRule.objects.create(
        procedure="thu", step="moi", name="Quy tắc mới", days=7, unit="working",
        start_event="ngày nhận", effective_from=date(2026, 7, 1), source="Văn bản thử, Điều 1",
    )  # fmt: skip
    before = json.loads(_run("law", "--on", "2026-06-30", "--json")[1])["time_limits"]
    after = json.loads(_run("law", "--on", "2026-07-01", "--json")[1])["time_limits"]
    assert ("thu", "moi") not in {(r["procedure"], r["step"]) for r in before}
    assert ("thu", "moi") in {(r["procedure"], r["step"]) for r in after}


@pytest.mark.django_db
def test_it_refuses_a_bad_day_in_vietnamese_with_status_2() -> None:
    code, _, err = _run("law", "--on", "2026-02-30")
    assert code == 2 and "Ngày không hợp lệ" in err and "Traceback" not in err


def test_it_shows_the_law_page_to_members_and_explains_a_bad_day(world: World) -> None:
    client = world.client(world.readonly_a)
    with time_machine.travel(date(2026, 3, 2)):
        page = client.get("/can-bo/phap-luat/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Quy tắc pháp luật đang áp dụng ngày 02/03/2026" in html
    assert "Luật Tố cáo" in html  # a source of the shipped time limits
    bad = client.get("/can-bo/phap-luat/", {"ngay": "2026-13-45"})
    assert bad.status_code == 400 and "Ngày không hợp lệ" in bad.content.decode()


# --- danvan deadline ------------------------------------------------------------------------


@pytest.mark.django_db
def test_it_never_moves_a_minimum_period_to_a_working_day() -> None:
    """BLDS 2015 Art. 147: the event day is not counted; a minimum (a notice, a posting) must
    run in full and is not moved by Art. 148(5): 2 days from 13/02/2026 end on Sunday 15/02."""
    DeadlineRule.objects.create(
        procedure="thu", step="toi-thieu", name="Thông báo trước", days=2, unit="calendar",
        kind="minimum", start_event="ngày thông báo", effective_from=date(2023, 1, 1),
        source="Nghị định 59/2023/NĐ-CP, Điều 3 khoản 3",
    )  # fmt: skip
    code, out, _ = _run(
        "deadline", "--procedure", "thu", "--step", "toi-thieu", "--from", "2026-02-13", "--json"
    )
    result = json.loads(out)
    assert code == 0 and result["due"] == "2026-02-15" and result["kind"] == "minimum"


@pytest.mark.django_db
def test_it_moves_a_calendar_deadline_that_ends_on_a_day_off() -> None:
    """BLDS 2015 Art. 148(5): a deadline ending on a Sunday ends on the next working day."""
    DeadlineRule.objects.create(
        procedure="thu", step="han", name="Hạn", days=2, unit="calendar",
        start_event="ngày nhận", effective_from=date(2023, 1, 1), source="Văn bản thử",
    )  # fmt: skip
    code, out, _ = _run(
        "deadline", "--procedure", "thu", "--step", "han", "--from", "2026-03-13", "--json"
    )
    assert code == 0 and json.loads(out)["due"] == "2026-03-16"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--extensions", "-5"], "không được âm"),
        (["--from", "2026-13-02"], "Ngày không hợp lệ"),
        (["--procedure", "khong-co"], "Chưa có quy tắc thời hạn"),
    ],
)
def test_it_refuses_bad_input_to_deadline_with_status_2(args: list[str], message: str) -> None:
    base = {"--procedure": "to-cao", "--step": "giai-quyet", "--from": "2026-03-02"}
    extra = dict(zip(args[::2], args[1::2], strict=True))
    argv = [x for k, v in {**base, **extra}.items() for x in (k, v)]
    code, _, err = _run("deadline", *argv)
    assert code == 2 and message in err and "CommandError" not in err


@pytest.mark.django_db
def test_it_lists_every_procedure_in_the_help_of_deadline() -> None:
    from django.core.management import load_command_class

    command = load_command_class("danvan.core", "deadline")
    help_text = command.create_parser("danvan", "deadline").format_help()
    for procedure in ("to-cao", "khieu-nai-lan-1", "dan-quyet-dinh", "cong-khai"):
        assert procedure in help_text


# --- danvan workdays ------------------------------------------------------------------------


@pytest.mark.django_db
def test_it_counts_working_days_across_tet() -> None:
    assert _run("workdays", "add", "2026-02-13", "7")[1].strip() == "2026-03-03"


@pytest.mark.django_db
@pytest.mark.parametrize(("args", "message"), [
    (["add", "2026-02-13", "100000000"], "Số ngày làm việc phải trong khoảng"),
    (["add", "2026-02-30", "3"], "Ngày không hợp lệ"),
    (["check", "hôm nay"], "Ngày không hợp lệ"),
])  # fmt: skip
def test_it_refuses_bad_input_to_workdays_at_once(args: list[str], message: str) -> None:
    code, _, err = _run("workdays", *args)
    assert code == 2 and message in err


def test_it_says_to_migrate_when_the_database_has_no_tables(tmp_path: Path) -> None:
    env = {**os.environ, "DANVAN_DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}"}
    danvan = Path(sys.executable).with_name("danvan")
    for argv in (["law", "--json"], ["deadline", "--procedure", "to-cao", "--step",
                 "giai-quyet", "--from", "2026-03-02"]):  # fmt: skip
        done = subprocess.run(
            [str(danvan), *argv], env=env, capture_output=True, text=True, timeout=60
        )
        assert done.returncode == 2, done.stderr
        assert "danvan migrate" in done.stderr and "Traceback" not in done.stderr
