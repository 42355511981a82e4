"""The API's key check and rate limit, over core.apikeys (shared with Open311), and the scope
helpers every endpoint asks: which communes the key reads, which one it may write."""

from __future__ import annotations

import threading
from typing import Any

from django.http import HttpRequest
from ninja.security import APIKeyHeader
from ninja.throttling import BaseThrottle

from danvan.api.errors import Refused
from danvan.core import apikeys
from danvan.core.models import ApiKey, Unit


class KeyAuth(APIKeyHeader):
    """`X-API-Key: dv_…`: a key an administrator issued (`danvan api-key create`)."""

    param_name = "X-API-Key"

    def authenticate(self, request: HttpRequest, key: str | None) -> ApiKey | None:
        return apikeys.authenticate(key)


class KeyThrottle(BaseThrottle):
    """DANVAN_API_REQUESTS_PER_MINUTE per key (core.apikeys.throttle); 429 with Retry-After."""

    def __init__(self) -> None:
        # One instance serves every request: the wait of this thread's request, not another's.
        self._local = threading.local()

    def allow_request(self, request: HttpRequest) -> bool:
        key = getattr(request, "auth", None)
        self._local.wait = apikeys.throttle(key) if isinstance(key, ApiKey) else None
        return self._local.wait is None

    def wait(self) -> float | None:
        return getattr(self._local, "wait", None)


def key_of(request: HttpRequest) -> ApiKey:
    key: Any = getattr(request, "auth", None)
    if not isinstance(key, ApiKey):  # an operation without auth never reaches here
        raise Refused(401)
    return key


def readable(request: HttpRequest, commune: str | None = None) -> set[int]:
    """The communes a read covers: the key's, or the one `commune` (its official code) names,
    404 when it is none of the key's."""
    ids = key_of(request).communes()
    if commune in (None, ""):
        return ids
    return {_in_scope(ids, commune).pk}


def writable(request: HttpRequest, commune: str) -> Unit:
    """The commune a write goes to: a key that may write (403), one of its communes (404)."""
    key = key_of(request)
    if not key.can_write:
        raise Refused(403, "Khóa API này chỉ được đọc, không được gửi dữ liệu.")
    return _in_scope(key.communes(), commune)


def _in_scope(ids: set[int], commune: str | None) -> Unit:
    """The commune of this official code among `ids`; 404 for a blank code, another's, or a
    text that cannot be a code."""
    found = (
        Unit.objects.filter(kind=Unit.Kind.COMMUNE, code=commune, pk__in=ids).first()
        if commune and apikeys.may_be_code(commune)
        else None
    )
    if found is None:
        raise Refused(
            404,
            f"Không có xã mã {commune} trong phạm vi của khóa API này.",
            commune="Không có trong phạm vi.",
        )
    return found
