"""Encryption at rest with the vault's keys: denouncers' identities and the files they send.

Fernet (AES-128-CBC + HMAC-SHA256) from `cryptography`. The keys are DANVAN_IDENTITY_KEYS
(comma-separated, newest first): encryption uses the newest, decryption tries each in turn, so a
new key can be put in front and the old ones dropped once `danvan rotate-keys` has re-encrypted
everything under the new one. The keys live outside the database and outside every backup
(docs/operations.md): the database or an archive alone reveals nothing.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings


class KeyMismatch(PermissionError):
    """No key in DANVAN_IDENTITY_KEYS opens the token (a key was dropped too soon, or another
    installation's data was restored here)."""

    def __init__(self) -> None:
        super().__init__("Không giải mã được: khóa mã hóa không khớp.")


def keys() -> tuple[str, ...]:
    """The configured keys, newest first (read each time: a test or an operator may change
    the setting; the Fernet objects below are cached per set of keys)."""
    return tuple(k.strip() for k in settings.DANVAN_IDENTITY_KEYS if k.strip())


@lru_cache(maxsize=8)
def _fernets(configured: tuple[str, ...]) -> tuple[MultiFernet, Fernet]:
    each = [Fernet(k) for k in configured]
    return MultiFernet(each), each[0]


def encrypt(data: bytes) -> bytes:
    return _fernets(keys())[0].encrypt(data)


def decrypt(token: bytes) -> bytes:
    try:
        return _fernets(keys())[0].decrypt(bytes(token))
    except InvalidToken:
        raise KeyMismatch from None


def is_current(token: bytes) -> bool:
    """Whether the newest key opens the token (nothing to rotate)."""
    try:
        _fernets(keys())[1].decrypt(bytes(token))
    except InvalidToken:
        return False
    return True


def rotate(token: bytes) -> bytes:
    """The token re-encrypted under the newest key (KeyMismatch when no key opens it)."""
    try:
        return _fernets(keys())[0].rotate(bytes(token))
    except InvalidToken:
        raise KeyMismatch from None


def key_ids() -> list[str]:
    """Short fingerprints of the keys (not the keys): a backup's manifest records them so that
    a restore can say which key it still needs, without the archive holding any key."""
    return [hashlib.sha256(k.encode()).hexdigest()[:12] for k in keys()]


# A model keeps a secret sealed with these keys in a binary field of this name
# (petitions.IdentityVault, …): `danvan rotate-keys` finds them all by it, so core re-encrypts
# every app's secrets without importing the apps.
SEALED_FIELD = "ciphertext"
