"""Keys of other systems: issued, checked, limited and revoked here, for every API of the product
(danvan.api's JSON API, danvan.open311's GeoReport).

A key reads `dv_<prefix>_<secret>`: the prefix (8 hex characters) names the key in lists and
logs, the secret is 32 random bytes. Only the sha256 of the whole key is stored, so a copy of
the database gives nobody a working key; `issue` returns the key once. `authenticate` finds an
active key by its digest, notes its use (last used, count) and returns it; what it may read is
`key.communes()`, whether it may write `key.can_write`. Every issue and revocation is logged
with `log_action` under the key's commune; writes made with a key are logged by the API that
makes them (danvan.api.audit, danvan.open311.submit).

Rate limits: `throttle(key)` counts a key's requests per minute in Django's cache
(`DANVAN_API_REQUESTS_PER_MINUTE`) and answers how many seconds to wait when over. The default
cache is per process, so with several processes the limit applies to each; a shared cache
(Redis, Memcached, the database cache) makes it one limit (docs/operations.md).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from danvan.core.access import members
from danvan.core.audit import log_action
from danvan.core.errors import DomainError, save_valid
from danvan.core.failsafe import best_effort
from danvan.core.models import ApiKey, Role, Unit, User
from danvan.core.notify import notify

PREFIX = "dv_"
ACTIONS = {
    "core.api_key_issued": "Cấp khóa API",
    "core.api_key_revoked": "Thu hồi khóa API",
}
FIELDS = {
    "api_key": "Khóa API",
    "api_key_scope": "Phạm vi khóa",
    "api_key_write": "Được gửi dữ liệu",
}


def may_be_code(code: str) -> bool:
    """Whether a unit's official code another system sent can name a unit at all: at most 10
    characters and no NUL, which PostgreSQL refuses even in a comparison (an error, not "no
    such row"). Both APIs answer "not found" for anything else without asking the database."""
    return len(code) <= 10 and "\x00" not in code


def digest(raw_key: str) -> str:
    return hashlib.sha256(raw_key.encode("utf-8", "surrogatepass")).hexdigest()


def parse(raw_key: str | None) -> str | None:
    """The key's prefix when the text has a key's shape, else None (no query is made then)."""
    if not raw_key or len(raw_key) > 100 or not raw_key.startswith(PREFIX):
        return None
    prefix, _, secret = raw_key[len(PREFIX) :].partition("_")
    if len(prefix) != 8 or len(secret) < 20:
        return None
    return prefix


@transaction.atomic
def issue(*, name: str, unit: Unit, can_write: bool = False, by: User | None) -> tuple[ApiKey, str]:
    """A new key for a system, in a commune or a province: (the row, the key to show once)."""
    name = (name or "").strip()
    if not name:
        raise DomainError("Cần nhập tên hệ thống được cấp khóa.")
    if unit.kind not in (Unit.Kind.COMMUNE, Unit.Kind.PROVINCE):
        raise DomainError("Khóa API chỉ cấp cho một xã, phường hoặc một tỉnh.")
    if not unit.is_active:
        raise DomainError("Đơn vị này đã ngừng hoạt động.")
    prefix = secrets.token_hex(4)
    while ApiKey.objects.filter(prefix=prefix).exists():
        prefix = secrets.token_hex(4)
    raw = f"{PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
    key = save_valid(
        ApiKey(
            name=name,
            unit=unit,
            can_write=can_write,
            prefix=prefix,
            digest=digest(raw),
            created_by=by,
        )
    )
    log_action(
        key,
        "core.api_key_issued",
        by=by,
        commune=key.commune_id,
        changes={"api_key": key.prefix, "api_key_scope": str(unit), "api_key_write": can_write},
    )
    _tell_leaders(key, by, f"Cấp khóa API cho hệ thống “{key.name}” ({rights(key)}, {unit})")
    return key, raw


def rights(key: ApiKey) -> str:
    """What the key may do, in words."""
    return "đọc và gửi dữ liệu" if key.can_write else "chỉ đọc"


@transaction.atomic
def revoke(key: ApiKey, *, by: User | None) -> ApiKey:
    """Stop a key at once (it is kept, with its history, and never works again)."""
    if key.revoked_at is not None:
        raise DomainError("Khóa này đã bị thu hồi.")
    key.revoked_at = timezone.now()
    key.revoked_by = by
    key.save(update_fields=["revoked_at", "revoked_by"])
    log_action(
        key,
        "core.api_key_revoked",
        by=by,
        commune=key.commune_id,
        changes={"api_key": key.prefix, "api_key_scope": str(key.unit)},
    )
    _tell_leaders(key, by, f"Thu hồi khóa API của hệ thống “{key.name}” ({key.unit})")
    return key


def _tell_leaders(key: ApiKey, by: User | None, title: str) -> None:
    """The leaders of every commune the key reads learn that a system was given (or lost) access
    to their commune's records, as they learn of a role given (core.roles); not the actor."""
    communes = sorted(
        {key.unit_id}
        if key.unit.kind == Unit.Kind.COMMUNE
        else set(
            Unit.objects.filter(kind=Unit.Kind.COMMUNE, parent_id=key.unit_id).values_list(
                "pk", flat=True
            )
        )
    )
    body = f"{by or 'Người vận hành hệ thống'}: {title}. Mã nhận diện khóa: {key.prefix}."

    def send() -> None:
        for commune_id in communes:
            leaders = members(Role.LEADER, commune_id=commune_id)
            if by is not None:
                leaders = leaders.exclude(pk=by.pk)
            notify(leaders, title=title, body=body)

    transaction.on_commit(send)


def authenticate(raw_key: str | None) -> ApiKey | None:
    """The active key this text is, its use noted (last used, count); None for anything else."""
    if parse(raw_key) is None:
        return None
    assert raw_key is not None
    wanted = digest(raw_key)
    key = (
        ApiKey.objects.select_related("unit").filter(digest=wanted, revoked_at__isnull=True).first()
    )
    if key is None or not hmac.compare_digest(key.digest, wanted):
        return None
    now = timezone.now()
    # Noting the use must not stop a read when the database takes no writes (full, read-only).
    with best_effort():
        ApiKey.objects.filter(pk=key.pk).update(last_used_at=now, uses=F("uses") + 1)
    key.last_used_at = now
    return key


def throttle(key: ApiKey, *, now: float | None = None) -> int | None:
    """Count one request of the key; the seconds to wait when it is over its limit, else None."""
    limit = int(getattr(settings, "DANVAN_API_REQUESTS_PER_MINUTE", 120))
    if limit <= 0:
        return None
    now = time.time() if now is None else now
    window = int(now // 60)
    name = f"danvan-api-rate:{key.pk}:{window}"
    cache.add(name, 0, timeout=120)
    try:
        count = cache.incr(name)
    except ValueError:  # expired between add and incr
        cache.set(name, 1, timeout=120)
        count = 1
    if count > limit:
        return max(1, 60 - int(now % 60))
    return None
