"""The smaller gaps of issue 11, item 8, in core: an account is locked across addresses, a file
name that is not text is refused, a development key never serves outside, the comment limit is a
setting. The portal's side (no cache, the upload cap, a name sent in another encoding):
portal/tests/test_hardening.py."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from danvan.conftest import PASSWORD, World
from danvan.core.fields import check_file

PDF = b"%PDF-1.4\n%%EOF\n"


# --- failed logins: per address, and per account across addresses ---------------------------


def _login(address: str, username: str, password: str) -> Any:
    return Client(REMOTE_ADDR=address).post(
        "/dang-nhap/", {"username": username, "password": password}
    )


def _locked(response: Any) -> bool:
    return response.status_code == 429 and "Tạm khóa đăng nhập" in response.content.decode()


def test_it_locks_an_account_guessed_at_from_many_addresses(world: World, settings: Any) -> None:
    settings.DANVAN_LOGIN_FAILURE_LIMIT = 3
    settings.DANVAN_LOGIN_ACCOUNT_FAILURE_LIMIT = 6
    for i in range(5):  # one failure from each of six addresses: no address reaches 3…
        assert not _locked(_login(f"198.51.100.{i + 1}", "chairman", "doan-sai"))
    assert _locked(_login("198.51.100.6", "chairman", "doan-sai"))  # …the sixth locks the account
    # The right password from a seventh address is refused too, in Vietnamese.
    assert _locked(_login("198.51.100.99", "chairman", PASSWORD))
    # Another account is not affected.
    assert _login("198.51.100.99", "officer_a", PASSWORD).status_code == 302


def test_it_locks_an_account_at_one_address_first(world: World, settings: Any) -> None:
    settings.DANVAN_LOGIN_FAILURE_LIMIT = 3
    settings.DANVAN_LOGIN_ACCOUNT_FAILURE_LIMIT = 6
    for _ in range(3):
        _login("198.51.100.7", "chairman", "doan-sai")
    assert _locked(_login("198.51.100.7", "chairman", PASSWORD))
    # The chairman at the office, another address, still signs in.
    assert _login("203.0.113.5", "chairman", PASSWORD).status_code == 302


# --- file names that are not text ------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["bi\udcea\udc6eb\udcean.pdf", "bi\ufffdn b\ufffdn.pdf"], ids=["surrogates", "fffd"]
)
def test_it_refuses_a_file_name_that_is_not_text(name: str) -> None:
    with pytest.raises(ValidationError) as e:
        check_file(SimpleUploadedFile(name, PDF, "application/pdf"))
    assert e.value.messages == [
        "Tên tệp “bi??b?n.pdf” không đọc được (có ký tự không phải chữ Unicode); "
        "hãy đổi tên tệp rồi gửi lại."
        if "\udcea" in name
        else "Tên tệp “bi?n b?n.pdf” không đọc được (có ký tự không phải chữ Unicode); "
        "hãy đổi tên tệp rồi gửi lại."
    ]


# --- a development key never serves outside ---------------------------------------------------

REAL_KEYS = {
    "DANVAN_SECRET_KEY": "a-long-random-key-of-this-server-" + "r4nd" * 10,
    "DANVAN_IDENTITY_KEYS": "q2pWc0X4Qh2o4mJ3m1Yb0nUuY8pQ6f9lQnZp0Hk5r6s=",
}


def _danvan(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    base = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("DANVAN_") or k in ("DANVAN_DATABASE_URL", "DANVAN_VAR_DIR")
    }
    base.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return subprocess.run(
        [sys.executable, "-m", "danvan.cli", *args],
        env={**base, **env},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_it_refuses_the_development_keys_when_debug_is_off() -> None:
    result = _danvan("check", "--deploy", DANVAN_DEBUG="false")
    assert result.returncode == 1
    assert "(danvan.deploy.E001) Máy chủ chạy với DEBUG tắt" in result.stderr
    assert "DANVAN_SECRET_KEY chưa được đặt" in result.stderr
    assert "(danvan.deploy.E002)" in result.stderr and "DANVAN_IDENTITY_KEYS" in result.stderr
    # Its own keys: no error of ours (Django's HTTPS warnings remain for a test server).
    result = _danvan("check", "--deploy", DANVAN_DEBUG="false", **REAL_KEYS)
    assert result.returncode == 0, result.stderr
    assert "danvan" not in result.stderr


def test_it_refuses_to_serve_other_hosts_with_a_derived_identity_key() -> None:
    # A real secret key, but the identity key still derived from it: every command refuses.
    outside = {
        "DANVAN_ALLOWED_HOSTS": "xa.example.vn",
        "DANVAN_SECRET_KEY": REAL_KEYS["DANVAN_SECRET_KEY"],
    }
    result = _danvan("check", **outside)
    assert result.returncode == 1
    assert "(danvan.E002) Máy chủ phục vụ xa.example.vn (ALLOWED_HOSTS)" in result.stderr
    assert "danvan.E001" not in result.stderr
    assert _danvan("check", **(outside | REAL_KEYS)).returncode == 0


def test_it_lets_a_developer_use_the_development_keys_on_this_machine() -> None:
    result = _danvan("check", "--deploy")
    assert result.returncode == 0, result.stderr
    assert "danvan" not in result.stderr


# --- the comment limit is a setting -------------------------------------------------------------


def test_it_reads_the_comment_limit_from_the_environment() -> None:
    # How the limit applies: consultations/tests/test_portal.py (…limits_submissions_per_client…).
    show = "from django.conf import settings; print(settings.DANVAN_PORTAL_COMMENTS_PER_HOUR)"
    assert _danvan("shell", "-c", show).stdout.split()[-1] == "10"
    result = _danvan("shell", "-c", show, DANVAN_PORTAL_COMMENTS_PER_HOUR="3")
    assert result.stdout.split()[-1] == "3", result.stderr
