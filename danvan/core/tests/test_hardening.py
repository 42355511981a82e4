"""The smaller gaps of issue 11, item 8: no cache keeps a page with personal data, an account is
locked across addresses, an anonymous submission's uploads are capped, a file name that is not
text is refused, a development key never serves outside, the comment limit is a setting."""

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
from danvan.core.models import Attachment
from danvan.petitions.models import Petition
from danvan.portal.tests.test_petitions import SUBJECT, form_data, send


def _assert_no_store(response: Any) -> None:
    assert "no-store" in response["Cache-Control"], response.get("Cache-Control")
    assert response["Pragma"] == "no-cache"


# --- no cache for personal data ----------------------------------------------------------------


@pytest.mark.parametrize("url", ["/can-bo/", "/can-bo/thong-bao/", "/can-bo/don-thu/", "/"])
def test_it_keeps_every_page_of_a_signed_in_officer_out_of_caches(world: World, url: str) -> None:
    response = world.client(world.officer_b).get(url, follow=True)
    assert response.status_code == 200
    _assert_no_store(response)


def test_it_keeps_a_citizens_petition_pages_out_of_caches(world: World) -> None:
    client = world.client(None)
    sent = send(client, form_data(world))
    assert sent.status_code == 302
    _assert_no_store(sent)
    code = sent["Location"].split("/")[2]
    for url in (f"/don/{code}/bien-nhan/", f"/don/{code}/"):
        _assert_no_store(client.get(url))


def test_it_keeps_a_refused_form_with_what_was_typed_out_of_caches(world: World) -> None:
    response = send(world.client(None), form_data(world, consent=None))
    assert response.status_code == 400
    _assert_no_store(response)


def test_it_lets_caches_keep_public_pages_and_static_files(world: World) -> None:
    client = Client()
    for url in ("/", "/gui-don/", "/lay-y-kien/"):
        response = client.get(url)
        assert response.status_code == 200
        assert "no-store" not in response.get("Cache-Control", ""), url
        assert "Pragma" not in response
    officer = world.client(world.officer_b)
    css = officer.get("/static/danvan/app.css")
    assert css.status_code == 200 and "no-store" not in css.get("Cache-Control", "")


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


# --- uploads: a cap on what one anonymous form sends, names that are not text ------------------

PDF = b"%PDF-1.4\n%%EOF\n"


def test_it_caps_what_one_portal_form_uploads_in_all(world: World, settings: Any) -> None:
    settings.DANVAN_MAX_UPLOAD_BYTES = 1024 * 1024
    settings.DANVAN_PORTAL_UPLOAD_TOTAL_BYTES = 1024 * 1024
    big = PDF + b"0" * (600 * 1024)  # each file within its own limit, the two together not
    files = [SimpleUploadedFile(f"anh-{i}.pdf", big, "application/pdf") for i in (1, 2)]
    response = send(world.client(None), form_data(world, attachments=files))
    html = response.content.decode()
    assert response.status_code == 400
    assert "tổng dung lượng 1,2" in html and "vượt quá 1,0\xa0MB cho một lần gửi" in html
    assert "tất cả không quá 1 MB" in html  # the limit is said before sending, too
    assert not Petition.objects.exists()
    # One of them alone is taken.
    one = SimpleUploadedFile("anh-1.pdf", big, "application/pdf")
    assert send(world.client(None), form_data(world, attachments=[one])).status_code == 302


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


def _multipart(world: World, filename: bytes) -> bytes:
    fields = {k: str(v) for k, v in form_data(world).items()}
    parts = [
        b'--B0UND\r\nContent-Disposition: form-data; name="%s"\r\n\r\n%s\r\n'
        % (k.encode(), v.encode())
        for k, v in fields.items()
    ]
    parts.append(
        b'--B0UND\r\nContent-Disposition: form-data; name="attachments"; filename="'
        + filename
        + b'"\r\nContent-Type: application/pdf\r\n\r\n'
        + PDF
        + b"\r\n"
    )
    return b"".join(parts) + b"--B0UND--\r\n"


def test_it_refuses_a_sent_file_whose_name_is_not_utf8_instead_of_dropping_it(
    world: World,
) -> None:
    # A name saved in a Windows code page (CP1258, "biên bán"): bytes that are not UTF-8.
    # Django's parser alone drops the file and files the petition without it.
    body = _multipart(world, b"bi\xean b\xe1n.pdf")
    response = Client().generic(
        "POST", "/gui-don/", body, content_type="multipart/form-data; boundary=B0UND"
    )
    html = response.content.decode()
    assert response.status_code == 400, html[:2000]
    assert "không đọc được (có ký tự không phải chữ Unicode); hãy đổi tên tệp rồi gửi lại" in html
    assert SUBJECT in html
    assert not Petition.objects.exists()
    # The same file with a UTF-8 name is filed with its name.
    body = _multipart(world, "biên bản.pdf".encode())
    response = Client().generic(
        "POST", "/gui-don/", body, content_type="multipart/form-data; boundary=B0UND"
    )
    assert response.status_code == 302
    assert Attachment.objects.get().original_name == "biên bản.pdf"


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
