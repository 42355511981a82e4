"""The one way to write the audit log."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from danvan.core.models import AuditEntry, Unit, User

# Vietnamese labels of actions, changed fields and stored codes, registered by each app in
# AppConfig.ready(): an officer reads "Loại: Kiến nghị", never "Loại: recommendation".
ACTION_LABELS: dict[str, str] = {}
FIELD_LABELS: dict[str, str] = {}
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
    for action, by_field in (values or {}).items():
        for field, labels in by_field.items():
            known = VALUE_LABELS.setdefault(action, {}).setdefault(field, {})
            known.update({str(code): str(label) for code, label in labels.items()})


def describe(entry: AuditEntry) -> tuple[str, list[tuple[str, str]]]:
    """An entry as a person reads it: the action's label and "field: before → after" lines."""
    lines = []
    for key, value in entry.changes.items():
        label = FIELD_LABELS.get(key, key)
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
    return AuditEntry.objects.create(
        actor=by if by and by.is_authenticated else None,
        commune_id=commune.pk if isinstance(commune, Unit) else commune,
        action=action,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        changes=_jsonable(changes or {}),
    )


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """Fields whose value changed, as {field: [before, after]}."""
    return {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}


def history(obj: models.Model) -> models.QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    ).select_related("actor")


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
