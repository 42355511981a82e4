"""Encryption of a denouncer's identity at rest (Luật Tố cáo 2018 Art. 8(3), 47).

The keys and the cipher are core's (`core/crypto.py`, DANVAN_IDENTITY_KEYS, newest first, so
keys can be rotated with `danvan rotate-keys`); the database alone reveals nothing.
"""

from __future__ import annotations

import json

from danvan.core import crypto

FIELDS = ("name", "address", "phone", "email", "id_number")


def seal(identity: dict[str, str]) -> bytes:
    clean = {k: str(identity.get(k, "")).strip() for k in FIELDS}
    return crypto.encrypt(json.dumps(clean, ensure_ascii=False).encode())


def unseal(token: bytes) -> dict[str, str]:
    try:
        return json.loads(crypto.decrypt(token))
    except crypto.KeyMismatch as e:
        raise PermissionError("Không giải mã được danh tính: khóa mã hóa không khớp.") from e
