"""A period of the audit log exported with its chain, checked on its own as an inspector
would: by the recipe written at the top of the file (docs/operations.md), not by our code."""

from __future__ import annotations

import hashlib
import io
import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from danvan.conftest import World
from danvan.core.audit import log_action
from danvan.core.models import AuditEntry

FIELDS = ("id", "utc", "actor", "commune", "action", "type", "object_id", "object", "changes")
COLUMN = {"id": 1, "utc": 3, "actor": 4, "commune": 6, "action": 7, "type": 9, "object_id": 10}
COLUMN |= {"object": 11, "changes": 12, "prev": 13, "hash": 14, "linked": 15, "ok": 16}


def read_export(content: bytes) -> tuple[str, list[dict[str, Any]]]:
    """The hash before the period (from the title block) and the rows."""
    ws = load_workbook(io.BytesIO(content)).active
    assert ws is not None
    before = ""
    rows = []
    header = None
    for r, values in enumerate(ws.iter_rows(values_only=True), start=1):
        first = values[0]
        if isinstance(first, str) and first.startswith("Mã băm của mục cuối cùng trước kỳ"):
            before = first.rsplit(": ", 1)[1]
            before = "" if before == "(không có)" else before
        if first == "Mã mục":
            header = r
            continue
        if header and first is not None:
            rows.append({k: values[c - 1] for k, c in COLUMN.items()})
    return before, rows


def recompute(row: dict[str, Any]) -> str:
    """The recipe printed in the export: sha256 of the JSON array of the fields."""
    payload = [
        row["prev"] or "",
        row["utc"],
        row["actor"],
        row["commune"],
        row["action"],
        row["type"],
        str(row["object_id"]),
        row["object"],
        json.loads(row["changes"]),
    ]
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def check_period(before: str, rows: list[dict[str, Any]]) -> None:
    prev = before
    for row in rows:
        assert (row["prev"] or "") == prev, row["id"]
        assert recompute(row) == row["hash"], row["id"]
        prev = row["hash"]


def _download(world: World, day: str, **extra: str) -> bytes:
    query = {"tu": day, "den": day, **extra}
    response = world.client(world.chairman).get(reverse("core:audit_export"), query)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    return response.content


@time_machine.travel("2026-03-10 09:00 +07:00", tick=False)
def test_it_exports_a_period_that_verifies_on_its_own(world: World) -> None:
    with time_machine.travel("2026-03-09 16:00 +07:00", tick=False):
        earlier = log_action(world.commune, "core.test", by=world.chairman, changes={"n": 0})
    entries = [
        log_action(
            world.commune,
            "core.test",
            by=world.chairman,
            changes={"tên": "Đơn “ô nhiễm”", "n": [i, i + 1], "x": 2.5, "=cmd": "=1+1"},
        )
        for i in range(3)
    ]
    before, rows = read_export(_download(world, "2026-03-10"))
    assert before == earlier.hash
    assert [r["id"] for r in rows] == [e.pk for e in entries]
    check_period(before, rows)
    assert {r["ok"] for r in rows} == {"khớp"}
    assert {r["linked"] for r in rows} == {"có"}


@time_machine.travel("2026-03-10 09:00 +07:00", tick=False)
def test_it_shows_only_the_communes_entries_with_the_global_chain(world: World) -> None:
    mine = log_action(world.commune, "core.test", by=world.chairman, changes={"n": 1})
    theirs = log_action(world.other_commune, "core.test", by=world.outsider, changes={"n": 2})
    after = log_action(world.commune, "core.test", by=world.chairman, changes={"n": 3})
    _before, rows = read_export(_download(world, "2026-03-10"))
    assert [r["id"] for r in rows] == [mine.pk, after.pk]
    # The global chain: the entry after the other commune's links to it, not to ours.
    assert rows[1]["prev"] == theirs.hash
    assert rows[1]["linked"] == "không"
    for row in rows:
        assert recompute(row) == row["hash"]


@time_machine.travel("2026-03-10 09:00 +07:00", tick=False)
def test_it_marks_a_changed_entry_in_the_export(world: World) -> None:
    entry = log_action(world.commune, "core.test", by=world.chairman, changes={"n": 1})
    AuditEntry.objects.filter(pk=entry.pk).update(changes={"n": 2})
    _before, rows = read_export(_download(world, "2026-03-10"))
    assert rows[0]["ok"] == "KHÔNG KHỚP"
    assert recompute(rows[0]) != rows[0]["hash"]


def test_it_refuses_a_period_that_ends_before_it_starts(world: World) -> None:
    today = timezone.localdate()
    response = world.client(world.chairman).get(
        reverse("core:audit_export"),
        {"tu": today.isoformat(), "den": (today - timedelta(days=1)).isoformat()},
    )
    assert response.status_code == 400
    assert "Ngày kết thúc phải từ ngày bắt đầu trở đi." in response.content.decode()


@time_machine.travel("2026-03-10 09:00 +07:00", tick=False)
def test_its_command_exports_the_whole_chain_of_the_period(world: World, tmp_path: Path) -> None:
    log_action(world.commune, "core.test", by=world.chairman, changes={"n": 1})
    log_action(world.other_commune, "core.test", by=world.outsider, changes={"n": 2})
    path = tmp_path / "nhat-ky.xlsx"
    call_command("audit-export", str(path), "--from", "2026-03-10", "--to", "2026-03-10")
    before, rows = read_export(path.read_bytes())
    assert len(rows) == AuditEntry.objects.filter(created_at__date="2026-03-10").count()
    check_period(before, rows)
    one = tmp_path / "mot-xa.xlsx"
    call_command(
        "audit-export", str(one), "--from", "2026-03-10", "--to", "2026-03-10", "--commune", "06079"
    )
    assert {r["commune"] for r in read_export(one.read_bytes())[1]} == {world.commune.pk}
