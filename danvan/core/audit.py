"""The one way to write the audit log."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from danvan.core.models import AuditEntry, Unit, User


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
