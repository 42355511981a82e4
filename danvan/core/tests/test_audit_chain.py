"""The audit log's hash chain: each entry carries the hash of the one before it, and
`danvan audit-verify` reports the first entry where the chain no longer holds."""

from __future__ import annotations

import importlib
import json
import threading
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import close_old_connections, connection, transaction

from danvan.conftest import World
from danvan.core.audit import chain_unhashed, log_action, verify_chain
from danvan.core.models import AuditEntry, Unit


def _entries(world: World, n: int) -> list[AuditEntry]:
    return [
        log_action(world.commune, "core.test", by=world.chairman, changes={"n": [i, i + 1]})
        for i in range(n)
    ]


def _verify(*args: str) -> tuple[int, str]:
    out = StringIO()
    try:
        call_command("audit-verify", *args, stdout=out)
    except SystemExit as e:
        return int(e.code or 0), out.getvalue()
    return 0, out.getvalue()


def test_it_chains_each_entry_to_the_one_before(world: World) -> None:
    before = AuditEntry.objects.order_by("-pk").first()
    a, b, c = _entries(world, 3)
    assert a.prev_hash == (before.hash if before else "")
    assert (b.prev_hash, c.prev_hash) == (a.hash, b.hash)
    assert len({a.hash, b.hash, c.hash}) == 3
    report = verify_chain()
    assert report.broken is None
    assert report.entries == AuditEntry.objects.count()
    assert report.last_hash == c.hash
    code, out = _verify()
    assert code == 0
    assert f"Nhật ký toàn vẹn: {report.entries} mục." in out
    assert c.hash in out


def test_it_hashes_what_the_database_gives_back(world: World) -> None:
    # Dates, nested lists, Vietnamese text and numbers come back from either database's JSON
    # as they were hashed.
    log_action(
        world.commune,
        "core.test",
        by=None,
        changes={"due_on": ["2026-03-02", None], "tên": "Đơn “ô nhiễm”", "x": 1.0, "y": 0.25},
    )
    assert verify_chain().broken is None


def test_it_reports_a_changed_entry_at_that_row(world: World) -> None:
    _a, b, _c = _entries(world, 3)
    AuditEntry.objects.filter(pk=b.pk).update(changes={"n": [1, 99]})
    report = verify_chain()
    assert report.broken is not None
    assert report.broken.entry_id == b.pk
    assert "nội dung của mục đã bị sửa" in report.broken.reason
    code, out = _verify()
    assert code == 1
    assert f"Nhật ký bị phá vỡ tại mục #{b.pk}" in out


def test_it_reports_a_changed_entry_whose_hash_was_recomputed_at_the_next_row(
    world: World,
) -> None:
    # Whoever edits a row and fixes its own hash still breaks the link of the row after it.
    from danvan.core.audit import entry_hash

    _a, b, c = _entries(world, 3)
    b.changes = {"n": [1, 99]}
    AuditEntry.objects.filter(pk=b.pk).update(changes=b.changes, hash=entry_hash(b))
    broken = verify_chain().broken
    assert broken is not None and broken.entry_id == c.pk
    assert "mục liền trước đã bị xóa hoặc bị sửa" in broken.reason


def test_it_reports_a_deleted_entry_at_the_row_after_it(world: World) -> None:
    _a, b, c = _entries(world, 3)
    AuditEntry.objects.filter(pk=b.pk).delete()  # the queryset: the model refuses delete()
    broken = verify_chain().broken
    assert broken is not None and broken.entry_id == c.pk
    code, out = _verify("--json")
    assert code == 1
    data = json.loads(out)
    assert data["ok"] is False
    assert data["broken"]["id"] == c.pk
    assert set(data) == {"ok", "entries", "last_hash", "broken"}
    assert set(data["broken"]) == {"id", "created_at", "reason"}


def test_it_still_refuses_to_change_an_entry_through_the_model(world: World) -> None:
    (a,) = _entries(world, 1)
    with pytest.raises(PermissionError):
        a.save()
    with pytest.raises(PermissionError):
        a.delete()


def test_it_chains_entries_inserted_in_bulk_after_the_last_hashed_one(world: World) -> None:
    (a,) = _entries(world, 1)
    bulk = AuditEntry.objects.bulk_create(
        [
            AuditEntry(
                commune=world.commune,
                action="plans.task_created",
                content_type=a.content_type,
                object_id=str(i),
                object_repr=f"Nhiệm vụ {i}",
                changes={"i": i},
            )
            for i in range(3)
        ]
    )
    broken = verify_chain().broken
    assert broken is not None and "chưa được đưa vào chuỗi" in broken.reason
    assert chain_unhashed() == 3
    assert verify_chain().broken is None
    assert AuditEntry.objects.get(pk=bulk[0].pk).prev_hash == a.hash


def test_its_command_chains_bulk_entries_when_asked(world: World) -> None:
    (a,) = _entries(world, 1)
    AuditEntry.objects.bulk_create(
        [AuditEntry(action="plans.task_created", content_type=a.content_type, object_id="1")]
    )
    assert _verify()[0] == 1
    code, out = _verify("--chain-unhashed")
    assert code == 0
    assert "Đã đưa 1 mục chưa có mã băm vào chuỗi." in out


def test_its_migration_chains_the_entries_written_before_it(world: World) -> None:
    _entries(world, 3)
    AuditEntry.objects.update(prev_hash="", hash="")
    assert verify_chain().broken is not None
    migration = importlib.import_module(
        "danvan.core.migrations.0007_audit_chain_sealed_attachments"
    )
    migration.chain_existing(apps, None)
    assert verify_chain().broken is None


@pytest.mark.django_db(transaction=True)
def test_it_never_forks_the_chain_when_two_writers_race(world: World) -> None:
    """Writer A logs inside a transaction it keeps open; writer B logs meanwhile. B must wait
    for A's commit and chain to A's entry (a second entry after the same one is a fork)."""
    if connection.vendor == "sqlite":
        # SQLite serialises writers by taking the write lock when a transaction begins
        # (IMMEDIATE, in the settings): B waits for A there. The in-memory test database
        # answers "locked" at once instead of waiting, so the race itself runs on PostgreSQL,
        # where log_action's advisory lock is what serialises the writers.
        assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
        return
    commune = Unit.objects.get(pk=world.commune.pk)
    logged = threading.Event()
    errors: list[BaseException] = []
    hashes: dict[str, str] = {}

    def writer_a() -> None:
        try:
            with transaction.atomic():
                entry = log_action(commune, "core.test", by=None, changes={"who": "A"})
                hashes["a"] = entry.hash
                logged.set()
                threading.Event().wait(0.5)  # B tries to write now
        except BaseException as e:
            errors.append(e)
            logged.set()
        finally:
            close_old_connections()
            connection.close()

    def writer_b() -> None:
        try:
            logged.wait(5)
            entry = log_action(commune, "core.test", by=None, changes={"who": "B"})
            hashes["b_prev"] = entry.prev_hash
        except BaseException as e:
            errors.append(e)
        finally:
            connection.close()

    threads = [threading.Thread(target=writer_a), threading.Thread(target=writer_b)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(20)
    assert errors == []
    assert hashes["b_prev"] == hashes["a"]
    assert verify_chain().broken is None
