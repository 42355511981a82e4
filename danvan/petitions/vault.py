"""Encryption of a denouncer's identity at rest (Luật Tố cáo 2018 Art. 8(3), 47).

Fernet (AES-128-CBC + HMAC-SHA256) from `cryptography`, with the keys in DANVAN_IDENTITY_KEYS
(comma-separated, newest first, so keys can be rotated). The database alone reveals nothing.
"""

from __future__ import annotations

import json
from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings

FIELDS = ("name", "address", "phone", "email", "id_number")


@cache
def _fernet() -> MultiFernet:
    return MultiFernet([Fernet(k.strip()) for k in settings.DANVAN_IDENTITY_KEYS if k.strip()])


def seal(identity: dict[str, str]) -> bytes:
    clean = {k: str(identity.get(k, "")).strip() for k in FIELDS}
    return _fernet().encrypt(json.dumps(clean, ensure_ascii=False).encode())


def unseal(token: bytes) -> dict[str, str]:
    try:
        return json.loads(_fernet().decrypt(bytes(token)))
    except InvalidToken as e:
        raise PermissionError("Không giải mã được danh tính: khóa mã hóa không khớp.") from e
