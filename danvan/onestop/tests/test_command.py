"""`danvan one-stop-import`: exactly the keys asked, the results as of --on, bad input refused
in Vietnamese with status 2 and nothing stored."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from danvan.conftest import World
from danvan.onestop.models import Dossier
from danvan.onestop.tests.files import ROWS, csv_bytes, xlsx


def run(*args: str) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command("one-stop-import", *args, stdout=out, stderr=err)
    except SystemExit as e:
        return int(e.code or 0), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def test_it_prints_the_counts_as_json(world: World, tmp_path: Path) -> None:
    bad: list[Any] = [[6, "X", "x", "01/03/2026", "hôm qua", "", "", ""]]
    f = tmp_path / "thang3.xlsx"
    f.write_bytes(xlsx(ROWS + bad))
    code, out, _ = run(str(f), "--commune", "06079", "--on", "2026-03-12", "--json")
    assert code == 0
    assert json.loads(out) == {
        "total": 5, "early": 1, "on_time": 1, "late": 1, "in_progress": 1,
        "in_progress_overdue": 1, "unreadable": [9],
    }  # fmt: skip
    assert Dossier.objects.filter(commune=world.commune).count() == 5
    code, out, _ = run(str(f), "--commune", "06079", "--on", "2026-03-21", "--json")
    assert json.loads(out)["in_progress_overdue"] == 2 and Dossier.objects.count() == 5


def test_it_reads_csv_and_speaks_vietnamese(world: World, tmp_path: Path) -> None:
    f = tmp_path / "x.csv"
    f.write_bytes(csv_bytes())
    code, out, _ = run(str(f), "--commune", "06079", "--on", "2026-03-12")
    assert code == 0 and "Trả quá hạn: 1" in out and "Đang giải quyết, quá hạn: 1" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--commune", "99999"], "Không có xã nào mang mã 99999."),
        (["--commune", "06079", "--on", "12/03/2026"], "Ngày không hợp lệ"),
        (["--commune", "06079", "--file-missing"], ""),
    ],
)
def test_bad_input_exits_2_in_vietnamese(
    world: World, tmp_path: Path, args: list[str], message: str
) -> None:
    f = tmp_path / "x.xlsx"
    f.write_bytes(xlsx())
    if "--file-missing" in args:
        code, _, err = run(str(tmp_path / "none.xlsx"), "--commune", "06079")
        assert code == 2 and "Không đọc được tệp" in err
        return
    code, _, err = run(str(f), *args)
    assert code == 2 and message in err and "Traceback" not in err
    assert Dossier.objects.count() == 0


def test_a_file_in_another_encoding_or_without_columns_exits_2(
    world: World, tmp_path: Path
) -> None:
    f = tmp_path / "x.csv"
    f.write_bytes("Mã hồ sơ,Tên\nA,B\n".encode("utf-16"))
    code, _, err = run(str(f), "--commune", "06079")
    assert code == 2 and "UTF-8" in err
    f.write_bytes(xlsx([[1, "A"]], ["STT", "Số"]))
    code, _, err = run(str(f), "--commune", "06079")
    assert code == 2 and "Không tìm thấy cột" in err and Dossier.objects.count() == 0
