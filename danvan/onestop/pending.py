"""A file waiting for its columns: kept between the upload and the mapping form, under a random
name that starts with its owner's id (nobody else's request can name it), for a day at most."""

from __future__ import annotations

import re
import secrets
import time
from pathlib import Path

from django.conf import settings

KEEP_SECONDS = 24 * 3600
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,60}$")


def _dir() -> Path:
    return Path(settings.MEDIA_ROOT) / "onestop-pending"


def keep(raw: bytes, name: str, user_id: int) -> str:
    folder = _dir()
    folder.mkdir(parents=True, exist_ok=True)
    now = time.time()
    for old in folder.iterdir():
        if now - old.stat().st_mtime > KEEP_SECONDS:
            old.unlink(missing_ok=True)
    token = secrets.token_urlsafe(24)
    suffix = ".xlsx" if raw[:2] == b"PK" or name.lower().endswith(".xlsx") else ".csv"
    (folder / f"{user_id}-{token}{suffix}").write_bytes(raw)
    return f"{token}{suffix}"


def take(token: str, user_id: int) -> tuple[bytes, str] | None:
    """The file and a name for it, or None (gone, or not this user's)."""
    stem, dot, suffix = token.rpartition(".")
    if not dot or suffix not in ("xlsx", "csv") or not _TOKEN.match(stem):
        return None
    path = _dir() / f"{user_id}-{token}"
    try:
        return path.read_bytes(), f"tep.{suffix}"
    except OSError:
        return None


def drop(token: str, user_id: int) -> None:
    if take(token, user_id) is not None:
        (_dir() / f"{user_id}-{token}").unlink(missing_ok=True)
