"""The smaller gaps of issue 11, item 8, on the portal and officer pages: no cache keeps a page
with personal data, an anonymous submission's uploads are capped, a file whose name is not UTF-8
is refused with a message. Core's side: core/tests/test_hardening.py."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from danvan.conftest import World
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
