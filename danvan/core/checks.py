"""System checks: a key anyone can read in this repository never protects a server others reach.

The development SECRET_KEY is in settings.py: with it anyone can forge a session, a signed
portal form or the keyed hash of a citizen's address. Without DANVAN_IDENTITY_KEYS, the key that
encrypts denouncers' identities is derived from SECRET_KEY: from the development one it is
public, and from a real one it is lost with it (a new secret key, and no identity opens again).

`danvan check --deploy` refuses both as soon as the server is reachable from outside (DEBUG
off, or a host name in ALLOWED_HOSTS other than this machine's); every command and runserver
refuse them when ALLOWED_HOSTS names another host (the settings of a server others reach).
"""

from __future__ import annotations

import base64
import hashlib
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register

LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1", "testserver"}


def derived_identity_key(secret_key: str) -> str:
    """The identity key settings.py derives from the secret key when none is set."""
    return base64.urlsafe_b64encode(hashlib.sha256(secret_key.encode()).digest()).decode()


def _outside_hosts() -> list[str]:
    return [h for h in settings.ALLOWED_HOSTS if h.strip() and h.strip() not in LOCAL_HOSTS]


def _key_errors(why: str, prefix: str) -> list[CheckMessage]:
    errors: list[CheckMessage] = []
    if settings.SECRET_KEY == settings.DANVAN_DEVELOPMENT_SECRET_KEY:
        errors.append(
            Error(
                f"{why}, nhưng DANVAN_SECRET_KEY chưa được đặt: máy chủ đang dùng khóa bí mật "
                "dành cho phát triển, có sẵn trong mã nguồn, nên ai cũng giả được phiên đăng "
                "nhập và biểu mẫu.",
                hint="Đặt DANVAN_SECRET_KEY là một chuỗi ngẫu nhiên dài, giữ bí mật, ví dụ "
                'python -c "import secrets; print(secrets.token_urlsafe(50))".',
                id=f"{prefix}.E001",
            )
        )
    if derived_identity_key(settings.SECRET_KEY) in settings.DANVAN_IDENTITY_KEYS:
        errors.append(
            Error(
                f"{why}, nhưng DANVAN_IDENTITY_KEYS chưa được đặt: khóa mã hóa danh tính người "
                "tố cáo đang được suy ra từ khóa bí mật (từ khóa phát triển thì ai cũng biết; "
                "đổi khóa bí mật thì không mở lại được danh tính đã lưu).",
                hint='Đặt DANVAN_IDENTITY_KEYS, tạo khóa bằng python -c "from '
                'cryptography.fernet import Fernet; print(Fernet.generate_key().decode())", và '
                "cất giữ khóa ngoài cơ sở dữ liệu.",
                id=f"{prefix}.E002",
            )
        )
    return errors


@register(Tags.security, deploy=True)
def development_keys_deployed(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """`check --deploy`: a server with DEBUG off has keys of its own (one serving other hosts
    is refused by the check below, which --deploy runs too)."""
    if settings.DEBUG or _outside_hosts():
        return []
    return _key_errors("Máy chủ chạy với DEBUG tắt, tức là để phục vụ thật", "danvan.deploy")


@register(Tags.security)
def development_keys_served(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Every command, runserver and `check --deploy`: settings that serve other hosts have
    keys of their own."""
    outside = _outside_hosts()
    if not outside:
        return []
    return _key_errors(f"Máy chủ phục vụ {', '.join(outside)} (ALLOWED_HOSTS)", "danvan")
