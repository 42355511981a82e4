"""The one way to write the audit log, and the chain that makes it tamper-evident.

Each entry carries the sha256 of its own fields and of the entry before it (`entry_hash`), so
that changing or deleting a row in the database shows at that row (`verify_chain`, `danvan
audit-verify`). `log_action` is the one writer: it takes the chain's lock (an advisory lock on
PostgreSQL; SQLite's IMMEDIATE transactions serialise writers already), reads the last hash and
appends, so two concurrent writers can never fork the chain. The lock is held until the
caller's transaction ends: that is what makes the order of ids the order of the chain.

The chain has no secret: someone who can write the database could recompute every hash after
a change. What catches that is a hash kept elsewhere: `danvan audit-verify` prints the last one,
and docs/operations.md says to keep it off the server every day.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.signals import request_finished, request_started
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from danvan.core.cache import Composed
from danvan.core.models import AuditEntry, ChangeMark, Unit, User

# pg_advisory_xact_lock's key for the chain ("danvan-audit" in hex, as a 63-bit number).
CHAIN_LOCK = 0x64616E76_61756469

# Vietnamese labels of actions, changed fields and stored codes, registered by each app in
# AppConfig.ready(): an officer reads "Loại: Kiến nghị", never "Loại: recommendation". A field's
# label is looked up first among those of the app whose action the entry records (the prefix of
# "promises.promise_reported"), since two apps may name a field alike and mean different things
# ("due_on": a remedy's "Hạn khắc phục", a promise's "Hạn thực hiện"); then among every app's.
ACTION_LABELS: dict[str, str] = {}
FIELD_LABELS: dict[str, str] = {}
APP_FIELD_LABELS: dict[str, dict[str, str]] = {}
VALUE_LABELS: dict[str, dict[str, dict[str, str]]] = {}


def register_labels(
    *,
    actions: dict[str, str],
    fields: dict[str, str],
    values: dict[str, dict[str, dict[str, Any]]] | None = None,
) -> None:
    """`values` maps an action to {field: {stored code: label}} (choices' labels, say)."""
    ACTION_LABELS.update(actions)
    FIELD_LABELS.update(fields)
    for app in {action.partition(".")[0] for action in actions}:
        APP_FIELD_LABELS.setdefault(app, {}).update(fields)
    for action, by_field in (values or {}).items():
        for field, labels in by_field.items():
            known = VALUE_LABELS.setdefault(action, {}).setdefault(field, {})
            known.update({str(code): str(label) for code, label in labels.items()})


def describe(entry: AuditEntry) -> tuple[str, list[tuple[str, str]]]:
    """An entry as a person reads it: the action's label and "field: before → after" lines."""
    lines = []
    own = APP_FIELD_LABELS.get(entry.action.partition(".")[0], {})
    for key, value in entry.changes.items():
        label = own.get(key) or FIELD_LABELS.get(key, key)
        codes = VALUE_LABELS.get(entry.action, {}).get(key, {})
        if isinstance(value, list) and len(value) == 2 and not key.endswith("units"):
            lines.append((label, f"{_show(value[0], codes)} → {_show(value[1], codes)}"))
        else:
            lines.append((label, _show(value, codes)))
    return ACTION_LABELS.get(entry.action, entry.action), lines


def _show(value: Any, codes: dict[str, str] | None = None) -> str:
    if value in (None, "", []):
        return "—"
    if codes and isinstance(value, str) and value in codes:
        return codes[value]
    if isinstance(value, list):
        return "; ".join(_show(v, codes) for v in value)
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        return f"{value[8:]}/{value[5:7]}/{value[:4]}"
    return str(value)


def log_action(
    obj: models.Model,
    action: str,
    *,
    by: User | None,
    changes: dict[str, Any] | None = None,
    commune: Unit | int | None = None,
) -> AuditEntry:
    """Append one entry: `changes` maps a field to `[before, after]` or holds event data."""
    if commune is None:
        commune = getattr(obj, "commune_id", None)
    entry = AuditEntry(
        actor=by if by and by.is_authenticated else None,
        commune_id=commune.pk if isinstance(commune, Unit) else commune,
        action=action,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        changes=_jsonable(changes or {}),
    )
    # No savepoint: a failure here fails the caller's transaction anyway.
    with transaction.atomic(savepoint=False):
        _lock_chain()
        entry.prev_hash = last_hash()
        entry.created_at = timezone.now()
        entry.hash = entry_hash(entry)
        entry.save()
        # Under the chain's lock, so marks only move forward (core.models.ChangeMark).
        ChangeMark.objects.bulk_create(
            [
                ChangeMark(
                    commune_id=entry.commune_id or 0,
                    app=entry.content_type.app_label,
                    entry_id=entry.pk,
                )
            ],
            update_conflicts=True,
            unique_fields=["commune_id", "app"],
            update_fields=["entry_id"],
        )
    _forget_changes()
    return entry


def _lock_chain() -> None:
    """Serialise the chain's writers until the transaction ends (see the module's docstring)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK])


# last_change's and app_changes' answers within one request: a page that keeps several parts
# (an item's page: its step forms and its history) asks once per commune, not once per part. A
# request's own write (log_action) forgets them; outside a request nothing is remembered.
_changes: ContextVar[dict[Any, Any] | None] = ContextVar("audit_changes", default=None)


def _remember_changes(**kwargs: Any) -> None:
    _changes.set({})


def _forget_changes(**kwargs: Any) -> None:
    found = _changes.get()
    if found:
        found.clear()


def _stop_remembering(**kwargs: Any) -> None:
    _changes.set(None)


request_started.connect(_remember_changes, dispatch_uid="audit_changes_start")
request_finished.connect(_stop_remembering, dispatch_uid="audit_changes_end")


def last_change(commune_id: int | None) -> int:
    """The id of the newest entry of a commune's records (an entry without a commune counts for
    every commune), or of any record for `None`; 0 before any. Every write of the product logs
    an entry, so a value computed from those records is still right while this number has not
    moved (core.cache.kept). For a commune, the newest of its apps' marks (`app_changes`, which
    log_action moves with every entry): a page that keeps parts of both kinds reads the marks
    once. For `None`, one lookup of the log's primary key. Once per commune in a request."""
    if commune_id is not None:
        return max(app_changes(commune_id).values(), default=0)
    found = _changes.get()
    if found is not None and None in found:
        return found[None]  # type: ignore[no-any-return]
    change = AuditEntry.objects.aggregate(n=models.Max("id"))["n"] or 0
    if found is not None:
        found[None] = change
    return change


# A commune's marks and those of entries without a commune (asked at nearly every request).
COMMUNE_MARKS = Composed(
    lambda commune_id: ChangeMark.objects.filter(commune_id__in=[commune_id, 0]).values_list(
        "app", "entry_id"
    )
)


def app_changes(commune_id: int | None) -> dict[str, int]:
    """The newest entry of each app's records in a commune (of any commune, for `None`), by
    app label (an entry without a commune counts for every commune): core.cache.kept's key for
    a part that reads only some apps' records. One query of a few rows per commune
    (core.models.ChangeMark); once per commune in a request, as last_change."""
    found = _changes.get()
    key = ("apps", commune_id)
    if found is not None and key in found:
        return found[key]  # type: ignore[no-any-return]
    marks: dict[str, int] = {}
    rows: Iterable[tuple[str, int]]
    if commune_id is None:
        rows = ChangeMark.objects.values_list("app", "entry_id")
    else:
        with connection.cursor() as cursor:
            cursor.execute(*COMMUNE_MARKS.sql(commune_id))
            rows = cursor.fetchall()
    for app, entry_id in rows:
        marks[app] = max(marks.get(app, 0), entry_id)
    if found is not None:
        found[key] = marks
    return marks


def last_hash() -> str:
    return AuditEntry.objects.order_by("-pk").values_list("hash", flat=True).first() or ""


# --- the chain --------------------------------------------------------------------------------


def chain_digest(
    *,
    prev_hash: str,
    created_at: datetime,
    actor_id: int | None,
    commune_id: int | None,
    action: str,
    content_type: str,
    object_id: str,
    object_repr: str,
    changes: Any,
) -> str:
    """sha256 (hex) of the UTF-8 JSON array [prev_hash, created_at (UTC, ISO 8601 with
    microseconds), actor id, commune id, action, content type ("app_label.model"), object id,
    object text, changes], keys sorted, no spaces, integral numbers as integers: what an
    inspector recomputes from an export (docs/operations.md) to check a period on its own."""
    payload = [
        prev_hash,
        created_at.astimezone(UTC).isoformat(timespec="microseconds"),
        actor_id,
        commune_id,
        action,
        content_type,
        object_id,
        object_repr,
        _canonical(changes),
    ]
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def _canonical(value: Any) -> Any:
    # PostgreSQL's jsonb may give 1e16 back as an integer: integral numbers hash as integers.
    if isinstance(value, dict):
        return {k: _canonical(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_canonical(v) for v in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def content_type_key(content_type_id: int) -> str:
    ct = ContentType.objects.get_for_id(content_type_id)
    return f"{ct.app_label}.{ct.model}"


def entry_hash(entry: AuditEntry) -> str:
    return chain_digest(
        prev_hash=entry.prev_hash,
        created_at=entry.created_at,
        actor_id=entry.actor_id,
        commune_id=entry.commune_id,
        action=entry.action,
        content_type=content_type_key(entry.content_type_id),
        object_id=entry.object_id,
        object_repr=entry.object_repr,
        changes=entry.changes,
    )


CHAIN_FIELDS = (
    "pk",
    "prev_hash",
    "hash",
    "created_at",
    "actor_id",
    "commune_id",
    "action",
    "content_type_id",
    "object_id",
    "object_repr",
    "changes",
)


@dataclass(frozen=True)
class Break:
    """The first entry where the chain does not hold, and why (in Vietnamese)."""

    entry_id: int
    created_at: datetime
    reason: str


@dataclass(frozen=True)
class ChainReport:
    entries: int
    last_hash: str
    broken: Break | None


def verify_chain(entries: models.QuerySet[AuditEntry] | None = None) -> ChainReport:
    """Walk the chain in id order from `prev` = "" and report the first broken link: an entry
    whose fields no longer give its hash (changed), or whose prev_hash is not the hash of the
    entry before it (that one was deleted, or changed along with its hash)."""
    prev = ""
    count = 0
    for row in _rows(entries):
        problem = check_row(row, prev)
        if problem:
            return ChainReport(count, prev, Break(row["pk"], row["created_at"], problem))
        prev = row["hash"]
        count += 1
    return ChainReport(count, prev, None)


def check_row(row: dict[str, Any], prev: str) -> str | None:
    """What is wrong with one entry (a `CHAIN_FIELDS` dict), given the hash before it."""
    if not row["hash"]:
        return "mục chưa được đưa vào chuỗi (không có mã băm)"
    if row["prev_hash"] != prev:
        return "mã băm mục trước không khớp: mục liền trước đã bị xóa hoặc bị sửa"
    if row_digest(row) != row["hash"]:
        return "nội dung của mục đã bị sửa (mã băm không khớp)"
    return None


def row_digest(row: dict[str, Any]) -> str:
    return chain_digest(
        prev_hash=row["prev_hash"],
        created_at=row["created_at"],
        actor_id=row["actor_id"],
        commune_id=row["commune_id"],
        action=row["action"],
        content_type=content_type_key(row["content_type_id"]),
        object_id=row["object_id"],
        object_repr=row["object_repr"],
        changes=row["changes"],
    )


def _rows(entries: models.QuerySet[AuditEntry] | None) -> Iterator[dict[str, Any]]:
    qs = AuditEntry.objects.all() if entries is None else entries
    return qs.order_by("pk").values(*CHAIN_FIELDS).iterator(chunk_size=2000)


def chain_unhashed() -> int:
    """Put entries written without `log_action` (bulk inserts of the benchmark generator) into
    the chain, in id order, after the last hashed one; returns how many. Refuses nothing: an
    unhashed entry in the middle of the chain is a break that audit-verify reports instead."""
    count = 0
    with transaction.atomic():
        _lock_chain()
        last = AuditEntry.objects.exclude(hash="").order_by("-pk").values_list("pk", "hash").first()
        after, prev = last or (0, "")
        todo = AuditEntry.objects.filter(pk__gt=after, hash="").order_by("pk")
        batch: list[AuditEntry] = []
        for entry in todo.iterator(chunk_size=2000):
            entry.prev_hash = prev
            entry.hash = prev = entry_hash(entry)
            batch.append(entry)
            if len(batch) == 2000:
                AuditEntry.objects.bulk_update(batch, ["prev_hash", "hash"])
                count += len(batch)
                batch = []
        AuditEntry.objects.bulk_update(batch, ["prev_hash", "hash"])
        count += len(batch)
    return count


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """Fields whose value changed, as {field: [before, after]}."""
    return {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}


def history(obj: models.Model) -> models.QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    ).select_related("actor")


def written_history(obj: models.Model, limit: int, *, commune_id: int | None = None) -> SafeString:
    """An item's newest `limit` entries as `{% history_items %}` writes them, the same for every
    reader, kept as written until a record of its commune changes (core.cache.kept): its
    entries are logged under its commune (the item's own, as log_action does, or `commune_id`
    for an item that has none, such as a decision's tally; without either, any change of any
    commune). The time of an entry is written in the site's time zone, which is every reader's."""
    from django.template import Context

    from danvan.core.cache import kept
    from danvan.core.templatetags.history import write_items

    if commune_id is None:
        commune_id = getattr(obj, "commune_id", None)
    content_type = ContentType.objects.get_for_model(obj)
    html = kept(
        f"history:{content_type.pk}|{obj.pk}|{limit}",
        commune_id,
        lambda: str(write_items(history(obj)[:limit], Context())),
    )
    return mark_safe(html)


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, models.Model):
        return str(value)
    return value.isoformat() if hasattr(value, "isoformat") else str(value)
