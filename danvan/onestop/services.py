"""Writes of the one-stop register: an import (file, command or API push), the column mapping,
an apology slip. Each runs in the caller's transaction and writes its audit entry."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from datetime import date, datetime, timedelta
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from danvan.core.audit import log_action
from danvan.core.deadlines import rule_for
from danvan.core.errors import DomainError
from danvan.core.models import Unit, User
from danvan.lib.text import fold
from danvan.onestop import reader
from danvan.onestop.models import ColumnMapping, Dossier, DossierImport, classify

# The keys of an import's answer (the command's --json, the API), in this order.
COUNT_KEYS = ("total", "early", "on_time", "late", "in_progress", "in_progress_overdue")
CHUNK = 2000
# What an import compares and writes; the apology slip is the centre's own and never touched.
COLUMNS = ("procedure", "received_on", "due_on", "returned_on", "status", "satisfaction", "search")
APOLOGY_RULE = ("mot-cua", "xin-loi")


def _values(row: reader.Row) -> dict[str, Any]:
    return {
        "procedure": row.procedure,
        "received_on": row.received_on,
        "due_on": row.due_on,
        "returned_on": row.returned_on,
        "status": row.status,
        "satisfaction": row.satisfaction,
        "search": fold(f"{row.code} {row.procedure}")[:700],
    }


def _insert(commune: Unit, new: list[tuple[str, dict[str, Any]]], now: datetime) -> None:
    """Insert new dossiers with one executemany: the ORM's bulk_create spends most of a large
    import building model instances and compiling values (measured: 100,000 rows, 20 s of 36)."""
    if not new:
        return
    ops = connection.ops
    names = ["commune_id", "code", *COLUMNS, "apology_reason", "imported_at"]
    table = Dossier._meta.db_table
    # Names from the model's own metadata, values as parameters: nothing typed reaches the SQL.
    columns = ", ".join(ops.quote_name(n) for n in names)
    marks = ", ".join(["%s"] * len(names))
    sql = f"INSERT INTO {ops.quote_name(table)} ({columns}) VALUES ({marks})"  # noqa: S608
    day = ops.adapt_datefield_value
    stamp = ops.adapt_datetimefield_value(now)
    params = [
        (
            commune.pk,
            code,
            v["procedure"],
            day(v["received_on"]),
            day(v["due_on"]),
            day(v["returned_on"]),
            v["status"],
            v["satisfaction"],
            v["search"],
            "",
            stamp,
        )
        for code, v in new
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def answer(done: DossierImport) -> dict[str, Any]:
    """What the command prints and the API answers: the counts, and the unreadable row numbers."""
    return {
        **{k: done.counts.get(k, 0) for k in COUNT_KEYS},
        "unreadable": [n for n, _ in done.unreadable],
    }


def dossiers_import(
    *,
    commune: Unit,
    reading: reader.Reading,
    on: date,
    by: User | None,
    source: str,
    progress: Callable[[int, int], None] | None = None,
) -> DossierImport:
    """Upsert the rows read by their code within the commune (in bulk: a month of a province's
    centre is thousands of rows, a year 100,000) and record the import.

    Counts are over the rows read: each row's result as of `on` (`models.classify`), and how
    many were created, changed or found unchanged; importing the same file twice changes
    nothing the second time (all unchanged)."""
    counts: Counter[str] = Counter()
    rows = reading.rows
    total = len(rows)
    now = timezone.now()
    with transaction.atomic():
        for start in range(0, total, CHUNK):
            chunk = rows[start : start + CHUNK]
            known = {
                d["code"]: d
                for d in Dossier.objects.filter(commune=commune, code__in=[r.code for r in chunk])
                .order_by()
                .values("pk", "code", *COLUMNS)
            }
            new, changed = [], []
            for row in chunk:
                counts[classify(row.due_on, row.returned_on, on)] += 1
                values = _values(row)
                old = known.get(row.code)
                if old is None:
                    new.append((row.code, values))
                elif any(old[k] != v for k, v in values.items()):
                    changed.append(Dossier(pk=old["pk"], code=row.code, imported_at=now, **values))
                else:
                    counts["unchanged"] += 1
            _insert(commune, new, now)
            if changed:
                Dossier.objects.bulk_update(changed, [*COLUMNS, "imported_at"], batch_size=500)
            counts["created"] += len(new)
            counts["updated"] += len(changed)
            if progress is not None:
                progress(min(start + CHUNK, total), total)
        counts["total"] = total
        done = DossierImport.objects.create(
            commune=commune,
            created_by=by if by and by.is_authenticated else None,
            source=source[:300],
            on=on,
            counts={k: counts.get(k, 0) for k in (*COUNT_KEYS, "created", "updated", "unchanged")},
            unreadable=[list(x) for x in reading.unreadable],
        )
        log_action(
            done,
            "onestop.imported",
            by=by,
            changes={**done.counts, "unreadable": len(reading.unreadable), "source": source},
        )
    return done


def columns_save(
    *, commune: Unit, headers: list[str], chosen: Mapping[str, int], by: User
) -> ColumnMapping:
    """Remember which header holds which field for this commune's next files."""
    columns = {
        name: reader.header_key(headers[index])
        for name, index in chosen.items()
        if name in reader.FIELDS and 0 <= index < len(headers)
    }
    missing = [reader.FIELDS[f] for f in reader.REQUIRED if not columns.get(f)]
    if missing:
        raise DomainError("Chưa chọn cột cho: " + ", ".join(missing) + ".")
    if len(set(columns.values())) < len(columns):
        raise DomainError("Mỗi cột chỉ chọn cho một thông tin.")
    mapping, _ = ColumnMapping.objects.update_or_create(
        commune=commune, defaults={"columns": columns, "updated_by": by}
    )
    log_action(mapping, "onestop.columns_saved", by=by, changes=columns, commune=commune)
    return mapping


def saved_columns(commune: Unit) -> dict[str, str]:
    mapping = ColumnMapping.objects.filter(commune=commune).first()
    return dict(mapping.columns) if mapping else {}


def apology_last_day(due_on: date) -> date:
    """The last day an apology slip may be sent: at least the rule's days before the promised
    day (provincial regulations under Nghị định 118/2025/NĐ-CP; the rule row `mot-cua/xin-loi`
    holds the limit and its source, unverified: docs/legal-rules.md)."""
    rule = rule_for(*APOLOGY_RULE, due_on)
    return due_on - timedelta(days=rule.days)


def apology_record(
    *, dossier: Dossier, reason: str, new_due_on: date, sent_on: date, by: User
) -> Dossier:
    """Record the apology slip of a dossier that is or will be late: once, sent in time."""
    if dossier.apology_sent_on is not None:
        raise DomainError(
            f"Hồ sơ {dossier.code} đã có phiếu xin lỗi gửi ngày "
            f"{dossier.apology_sent_on:%d/%m/%Y}; mỗi hồ sơ chỉ ghi một lần."
        )
    if dossier.returned_on is not None and dossier.returned_on <= dossier.due_on:
        raise DomainError("Hồ sơ đã trả kết quả đúng hạn, không cần phiếu xin lỗi.")
    last = apology_last_day(dossier.due_on)
    if sent_on > last:
        raise DomainError(
            f"Phiếu xin lỗi phải gửi chậm nhất ngày {last:%d/%m/%Y} (trước ngày hẹn trả "
            f"{dossier.due_on:%d/%m/%Y} ít nhất {(dossier.due_on - last).days} ngày); "
            f"ngày gửi {sent_on:%d/%m/%Y} là quá muộn."
        )
    if sent_on < dossier.received_on:
        raise DomainError("Ngày gửi phiếu không được trước ngày tiếp nhận hồ sơ.")
    if new_due_on <= dossier.due_on:
        raise DomainError(f"Ngày hẹn trả mới phải sau ngày hẹn trả cũ ({dossier.due_on:%d/%m/%Y}).")
    dossier.apology_sent_on = sent_on
    dossier.apology_reason = reason
    dossier.apology_new_due_on = new_due_on
    dossier.apology_by = by
    dossier.save(
        update_fields=["apology_sent_on", "apology_reason", "apology_new_due_on", "apology_by"]
    )
    log_action(
        dossier,
        "onestop.apology_recorded",
        by=by,
        changes={
            "apology_sent_on": [None, sent_on],
            "apology_reason": [None, reason],
            "apology_new_due_on": [None, new_due_on],
        },
    )
    return dossier


def file_table(raw: bytes, name: str, commune: Unit) -> reader.Table:
    """The file's rows and header, its columns found with the commune's saved mapping; a file
    that cannot be read at all is a DomainError (Vietnamese)."""
    try:
        return reader.find_header(reader.read_rows(raw, name), saved_columns(commune))
    except reader.Unreadable as e:
        raise DomainError(str(e)) from None


def missing_columns(table: reader.Table) -> str:
    """Why a table cannot be imported as it is (the columns not found), or ""."""
    if not table.missing:
        return ""
    return (
        "Không tìm thấy cột: "
        + ", ".join(reader.FIELDS[f] for f in table.missing)
        + ". Hãy chọn cột tương ứng trên trang “Nhập hồ sơ một cửa” (chọn một lần, các lần sau "
        "dùng lại)."
    )


def file_import(
    raw: bytes,
    name: str,
    *,
    commune: Unit,
    on: date,
    by: User | None,
    progress: Callable[[int, int], None] | None = None,
) -> DossierImport:
    """Read a file (page, command, background job) and import it: DomainError when the file
    or its required columns cannot be read; rows that cannot be read are listed."""
    table = file_table(raw, name, commune)
    if why := missing_columns(table):
        raise DomainError(why)
    return dossiers_import(
        commune=commune,
        reading=reader.read_table(table),
        on=on,
        by=by,
        source=name,
        progress=progress,
    )


def summary(done: DossierImport) -> str:
    c = done.counts
    text = (
        f"Đã nhập {c.get('total', 0)} hồ sơ: {c.get('created', 0)} hồ sơ mới, "
        f"{c.get('updated', 0)} hồ sơ cập nhật, {c.get('unchanged', 0)} hồ sơ không đổi."
    )
    if done.unreadable:
        text += f" {len(done.unreadable)} dòng không đọc được (xem danh sách)."
    return text
