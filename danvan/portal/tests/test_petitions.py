"""The citizen's side of petitions: send one from the portal, get a receipt, follow it by code."""

from __future__ import annotations

import gzip
import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.http import HttpResponse
from django.test import Client

from danvan.conftest import World
from danvan.core.models import Attachment, AuditEntry, Unit
from danvan.petitions import services
from danvan.petitions.models import IdentityVault, Petition, PetitionEvent
from danvan.portal import petitions as portal_views
from danvan.portal.forms import form_token
from danvan.portal.models import RateLimitHit, Submission, client_key

# Monday 05/10/2026, 09:00 in Vietnam: no holiday in the next three weeks.
MONDAY = datetime(2026, 10, 5, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
NAME, PHONE, ADDRESS, EMAIL = "Nguyễn Thị Hoa", "0912 345 678", "Xóm Nà Pàn", "hoa@example.org"
SUBJECT = "Đường vào thôn Đoàn Kết bị sạt lở sau mưa lớn"
CONTENT = "Đoạn đường dài khoảng 50 m bị sạt, xe máy không đi qua được từ tuần trước."
PDF = b"%PDF-1.4\n%test\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture
def frozen() -> Iterator[None]:
    with time_machine.travel(MONDAY, tick=False):
        yield


def form_data(world: World, **changes: Any) -> dict[str, Any]:
    """A complete form as a citizen fills it, shown a minute ago."""
    data: dict[str, Any] = {
        "commune": world.commune.pk,
        "kind": "reflection",
        "topic": "construction",
        "village": world.village.pk,
        "subject": SUBJECT,
        "content": CONTENT,
        "name": NAME,
        "address": ADDRESS,
        "phone": PHONE,
        "email": EMAIL,
        "consent": "on",
        "website": "",
        "token": form_token(started=time.time() - 60),
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def send(client: Client, data: dict[str, Any], **extra: Any) -> HttpResponse:
    return client.post("/gui-don/", data, **extra)  # type: ignore[return-value]


def pdf(name: str = "anh-hien-truong.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def sent(world: World, **changes: Any) -> Petition:
    response = send(world.client(None), form_data(world, **changes))
    assert response.status_code == 302, response.content.decode()[:2000]
    return Petition.objects.get(tracking_code=response["Location"].split("/")[2])


def public_pages(client: Client, petition: Petition) -> list[str]:
    code = petition.tracking_code
    pages = []
    for url in (f"/don/{code}/bien-nhan/", f"/don/{code}/", "/tra-cuu/", "/"):
        response = client.get(url)
        assert response.status_code == 200, url
        pages.append(response.content.decode())
    return pages


# --- sending ----------------------------------------------------------------------------------


def test_it_shows_the_form_without_an_account(world: World) -> None:
    response = world.client(None).get("/gui-don/")
    assert response.status_code == 200
    html = response.content.decode()
    for text in ("Kiến nghị", "Phản ánh", "Khiếu nại", "Tố cáo", "Điều 25", world.village.name):
        assert text in html
    assert 'name="website"' in html and "hidden" in html
    for odd in ("²", "9" * 40, "1\x00", "-1"):
        assert world.client(None).get("/gui-don/", {"xa": odd}).status_code == 200
    assert world.client(None).head("/gui-don/").status_code == 200


def test_it_preselects_the_only_commune_of_a_one_commune_install(world: World) -> None:
    Unit.objects.filter(pk=world.other_commune.pk).update(is_active=False)
    html = world.client(None).get("/gui-don/").content.decode()
    option = f'<option value="{world.commune.pk}" selected>Xã Hồng Phong (tỉnh Lạng Sơn)</option>'
    assert option in html
    assert world.other_commune.name not in html
    assert "— Chọn xã, phường —" not in html


def test_it_lists_villages_by_commune_in_a_province_install(world: World) -> None:
    other_village = Unit.objects.create(
        kind=Unit.Kind.VILLAGE, name="Thôn Bản Chắt", parent=world.other_commune
    )
    html = world.client(None).get(f"/gui-don/?xa={world.other_commune.pk}").content.decode()
    assert f'<option value="{world.other_commune.pk}" selected>' in html
    assert f'data-commune="{world.other_commune.pk}"' in html
    assert f'value="{other_village.pk}"' in html


def test_it_files_a_portal_petition_with_its_first_deadline(world: World, frozen: None) -> None:
    petition = sent(world)
    assert petition.channel == Petition.Channel.PORTAL
    assert (petition.commune, petition.village) == (world.commune, world.village)
    assert (petition.kind, petition.topic) == ("reflection", "construction")
    assert (petition.subject, petition.content) == (SUBJECT, CONTENT)
    assert petition.status == Petition.Status.RECEIVED
    assert petition.received_on == date(2026, 10, 5)
    # Luật Tiếp công dân 2013, Điều 28 khoản 1: 10 working days from receipt → Monday 19/10.
    assert (petition.procedure, petition.step) == ("tiep-cong-dan", "tra-loi")
    assert petition.due_on == date(2026, 10, 19)
    assert (petition.petitioner_name, petition.petitioner_phone) == (NAME, PHONE)
    assert not petition.anonymous
    entry = AuditEntry.objects.get(action="petitions.received", object_id=str(petition.pk))
    assert entry.actor is None
    assert entry.changes["channel"] == "portal"


@pytest.mark.parametrize(
    ("kind", "procedure", "step", "due"),
    [
        # Luật Tố cáo 2018, Điều 24 khoản 1: 7 working days.
        ("denunciation", "to-cao", "xu-ly-ban-dau", date(2026, 10, 14)),
        # Luật Khiếu nại 2011, Điều 27: 10 working days to accept or refuse.
        ("complaint", "khieu-nai-lan-1", "thu-ly", date(2026, 10, 19)),
        ("recommendation", "tiep-cong-dan", "tra-loi", date(2026, 10, 19)),
    ],
)
def test_it_starts_the_first_legal_deadline_of_each_kind(
    world: World, frozen: None, kind: str, procedure: str, step: str, due: date
) -> None:
    petition = sent(world, kind=kind)
    assert (petition.procedure, petition.step, petition.due_on) == (procedure, step, due)


def test_it_keeps_the_email_of_a_petitioner(world: World) -> None:
    assert sent(world).petitioner_email == EMAIL


def test_it_accepts_an_anonymous_petition(world: World) -> None:
    petition = sent(world, name="", address="", phone="", email="")
    assert petition.anonymous
    assert petition.petitioner_name == ""


def test_it_stores_up_to_three_attachments_without_an_uploader(world: World) -> None:
    files = [pdf(), SimpleUploadedFile("anh.png", PNG, content_type="image/png")]
    petition = sent(world, attachments=files)
    stored = Attachment.objects.filter(owner_type__model="petition", owner_id=petition.pk)
    assert sorted(a.mime_type for a in stored) == ["application/pdf", "image/png"]
    assert {a.uploaded_by for a in stored} == {None}
    assert {a.commune for a in stored} == {world.commune}


def test_it_gives_a_denunciations_files_neutral_names(world: World) -> None:
    petition = sent(world, kind="denunciation", attachments=[pdf(f"to-cao-cua-{NAME}.PDF")])
    attachment = Attachment.objects.get(owner_type__model="petition", owner_id=petition.pk)
    assert attachment.original_name == "tai-lieu-1.pdf"


def test_it_files_a_resent_form_once(world: World) -> None:
    client = world.client(None)
    data = form_data(world)
    first = send(client, data)
    again = send(client, data)
    assert again.status_code == 302
    assert again["Location"] == first["Location"]
    assert Petition.objects.count() == 1
    assert Submission.objects.count() == 1


@pytest.mark.usefixtures("migrated_rows")
def test_it_redirects_to_the_receipt_only_after_the_commit(world: World) -> None:
    seen: list[tuple[bool, int]] = []
    real_redirect = portal_views.redirect

    def spy(*args: Any, **kwargs: Any) -> HttpResponse:
        seen.append((connection.in_atomic_block, Petition.objects.count()))
        return real_redirect(*args, **kwargs)  # type: ignore[return-value]

    with mock.patch.object(portal_views, "redirect", spy):
        response = send(world.client(None), form_data(world))
    assert response.status_code == 302
    assert seen == [(False, 1)]  # autocommit again, and the petition is there


def test_it_gives_no_receipt_when_a_file_cannot_be_stored(world: World) -> None:
    with mock.patch.object(portal_views, "attachment_create", side_effect=OSError("disk full")):
        response = send(world.client(None), form_data(world, attachments=[pdf()]))
    assert response.status_code == 503
    assert "Chưa lưu được: hệ thống đang gặp sự cố lưu trữ" in response.content.decode()
    assert SUBJECT in response.content.decode()
    assert Petition.objects.count() == 0
    assert not AuditEntry.objects.filter(action="petitions.received").exists()


# --- bad input --------------------------------------------------------------------------------


def assert_refused(response: HttpResponse, *messages: str, kept: str = NAME) -> None:
    html = response.content.decode()
    assert response.status_code == 400, html[:2000]
    for message in messages:
        assert message in html, message
    assert kept in html, "the typed text is lost"
    assert Petition.objects.count() == 0


def test_it_refuses_missing_fields_in_vietnamese(world: World) -> None:
    data = form_data(world, subject="", content="   ", consent=None, kind=None)
    assert_refused(
        send(world.client(None), data),
        "Vui lòng nhập “tóm tắt nội dung”.",
        "Vui lòng nhập “nội dung”.",
        "Vui lòng chọn loại đơn.",
        "Vui lòng đánh dấu ô cam đoan trước khi gửi.",
    )


def test_it_refuses_a_file_over_the_size_limit(world: World, settings: Any) -> None:
    big = pdf("ban-do.pdf", PDF + b"0" * settings.DANVAN_MAX_UPLOAD_BYTES)
    response = send(world.client(None), form_data(world, attachments=[big]))
    assert_refused(response, "Tệp “ban-do.pdf” quá lớn", "vui lòng chọn lại tệp", kept=SUBJECT)


def test_it_refuses_a_program_renamed_pdf(world: World) -> None:
    exe = pdf("bien-ban.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64)
    response = send(world.client(None), form_data(world, attachments=[exe]))
    assert_refused(response, "Tệp “bien-ban.pdf” không đúng định dạng cho phép", kept=SUBJECT)


def test_it_refuses_an_office_file_on_the_portal(world: World) -> None:
    docx = SimpleUploadedFile("don.pdf", b"PK\x03\x04junk", content_type="application/pdf")
    response = send(world.client(None), form_data(world, attachments=[docx]))
    assert_refused(response, "không đúng định dạng cho phép", kept=SUBJECT)


def test_it_refuses_more_than_three_files(world: World) -> None:
    files = [pdf(f"tep-{i}.pdf") for i in range(4)]
    response = send(world.client(None), form_data(world, attachments=files))
    assert_refused(response, "Chỉ đính kèm tối đa 3 tệp.", kept=SUBJECT)


def test_it_drops_nul_bytes_and_keeps_the_rest(world: World) -> None:
    # One text policy for every form (core.fields.Text): invisible control characters are
    # dropped, nothing the citizen can see is lost.
    petition = sent(world, subject="Ô nhiễm\x00 nguồn nước", content="Nước\x07 đục")
    assert (petition.subject, petition.content) == ("Ô nhiễm nguồn nước", "Nước đục")


def test_it_refuses_odd_values_without_an_error_page(world: World) -> None:
    data = form_data(
        world, commune="1\x00", kind="mixed", topic="<script>", village="x" * 50, phone="gọi tôi"
    )
    assert_refused(
        send(world.client(None), data),
        "Xã, phường đã chọn không có trong danh sách.",
        "Loại đơn không hợp lệ.",
        "Lĩnh vực không hợp lệ.",
        "Thôn, tổ dân phố đã chọn không có trong danh sách.",
        "Số điện thoại chưa đúng",
    )


def test_it_refuses_huge_text(world: World) -> None:
    response = send(world.client(None), form_data(world, subject="ô" * 100_000))
    assert_refused(response, "Tối đa 300 ký tự (bạn đã nhập 100000).")


def test_it_refuses_a_village_of_another_commune(world: World) -> None:
    elsewhere = Unit.objects.create(
        kind=Unit.Kind.VILLAGE, name="Thôn Bản Chắt", parent=world.other_commune
    )
    response = send(world.client(None), form_data(world, village=elsewhere.pk))
    assert_refused(response, "Thôn Bản Chắt không thuộc Xã Hồng Phong (tỉnh Lạng Sơn)")
    page = response.content.decode()
    # The form comes back whole, every village listed under its commune and province.
    assert SUBJECT in page and CONTENT in page and NAME in page
    assert '<optgroup label="Xã Hồng Phong (tỉnh Lạng Sơn)">' in page
    assert f'value="{elsewhere.pk}" selected data-commune="{world.other_commune.pk}"' in page


def test_it_asks_a_complainant_for_name_and_address_art_8(world: World) -> None:
    data = form_data(world, kind="complaint", name="", address="")
    assert_refused(
        send(world.client(None), data),
        "Đơn khiếu nại phải ghi rõ họ và tên người khiếu nại (Luật Khiếu nại 2011, Điều 8).",
        kept=SUBJECT,
    )


def test_it_refuses_a_filled_honeypot(world: World) -> None:
    response = send(world.client(None), form_data(world, website="http://spam.example"))
    assert_refused(response, "Không gửi được đơn")


def test_it_refuses_a_form_sent_too_fast_and_keeps_its_token(world: World) -> None:
    token = form_token()
    response = send(world.client(None), form_data(world, token=token))
    assert_refused(response, "Đơn được gửi quá nhanh sau khi mở trang")
    assert f'value="{token}"' in response.content.decode()


def test_it_refuses_a_forged_token_and_gives_a_new_one(world: World) -> None:
    response = send(world.client(None), form_data(world, token="forged"))
    assert_refused(response, "Đơn được gửi quá nhanh sau khi mở trang")
    assert 'value="forged"' not in response.content.decode()


def test_it_refuses_other_methods(world: World) -> None:
    client = world.client(None)
    assert client.put("/gui-don/").status_code == 405
    assert client.post(f"/don/{'A' * 10}/").status_code == 405


# --- rate limits ------------------------------------------------------------------------------


def test_it_limits_submissions_per_client_and_keeps_the_text(world: World, settings: Any) -> None:
    settings.DANVAN_PORTAL_SUBMISSIONS_PER_HOUR = 2
    client = world.client(None)
    assert send(client, form_data(world)).status_code == 302
    assert send(client, form_data(world)).status_code == 302
    response = send(client, form_data(world, subject="Xin lắp đèn đường"))
    html = response.content.decode()
    assert response.status_code == 429
    assert "Bạn đã gửi nhiều đơn trong một giờ qua" in html
    assert "Xin lắp đèn đường" in html and NAME in html
    assert Petition.objects.count() == 2
    # Another client is not affected.
    assert send(client, form_data(world), REMOTE_ADDR="10.1.2.3").status_code == 302


def test_it_limits_lookups_per_minute(world: World, settings: Any) -> None:
    settings.DANVAN_PORTAL_LOOKUPS_PER_MINUTE = 3
    petition = sent(world)
    client = world.client(None)
    with time_machine.travel(MONDAY + timedelta(days=1), tick=False) as traveller:
        for _ in range(3):
            assert client.get(f"/don/{petition.tracking_code}/").status_code == 200
        response = client.get(f"/don/{petition.tracking_code}/")
        assert response.status_code == 429
        assert "Bạn đã tra cứu nhiều lần trong một phút" in response.content.decode()
        assert petition.tracking_code in response.content.decode()
        traveller.shift(61)
        assert client.get(f"/don/{petition.tracking_code}/").status_code == 200


def test_it_counts_unknown_codes_against_the_limit(world: World, settings: Any) -> None:
    settings.DANVAN_PORTAL_LOOKUPS_PER_MINUTE = 2
    client = world.client(None)
    assert client.get("/don/ABCDEFGHJK/").status_code == 404
    assert client.get("/don/ABCDEFGHJM/").status_code == 404
    assert client.get("/don/ABCDEFGHJN/").status_code == 429


def test_it_keeps_no_client_address(world: World) -> None:
    send(world.client(None), form_data(world), REMOTE_ADDR="203.0.113.7")
    hit = RateLimitHit.objects.get()
    assert "203.0.113.7" not in str(vars(hit))
    assert hit.client == client_key("203.0.113.7")


def test_it_groups_ipv6_clients_by_their_network() -> None:
    assert client_key("2001:db8:1:2::1") == client_key("2001:db8:1:2:ffff::9")
    assert client_key("2001:db8:1:2::1") != client_key("2001:db8:1:3::1")
    assert client_key("::ffff:198.51.100.4") == client_key("198.51.100.4")
    assert client_key("") == client_key("not an address")


# --- receipt and status -----------------------------------------------------------------------


def test_it_shows_the_receipt_with_code_deadline_and_qr(world: World, frozen: None) -> None:
    petition = sent(world)
    response = world.client(None).get(f"/don/{petition.tracking_code}/bien-nhan/")
    html = response.content.decode()
    assert response.status_code == 200
    code = petition.tracking_code
    assert f"{code[:5]} {code[5:]}" in html
    assert petition.code in html  # the case number of the commune's book
    assert "05/10/2026" in html and "19/10/2026" in html
    assert "Luật Tiếp công dân 2013, Điều 28 khoản 1" in html
    assert "Tiếp theo sẽ thế nào?" in html
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert "style=" not in svg
    assert "<path" in svg
    assert f"http://testserver/don/{code}/" in html
    assert response["Cache-Control"].startswith("max-age=0")


def test_it_shows_the_public_status_and_timeline(world: World, frozen: None) -> None:
    petition = sent(world, kind="complaint")
    services.petition_accept(petition=petition, by=world.chairman, accepted_on=date(2026, 10, 7))
    html = world.client(None).get(f"/don/{petition.tracking_code}/").content.decode()
    assert "Đã thụ lý" in html
    assert "Khiếu nại" in html and SUBJECT in html
    assert "Tiếp nhận đơn" in html and "Thụ lý đơn" in html
    # Luật Khiếu nại 2011, Điều 28: 30 days from acceptance on 07/10 → Friday 06/11/2026.
    assert "06/11/2026" in html and "Luật Khiếu nại 2011, Điều 28" in html


def test_it_shows_the_public_answer_when_resolved(world: World) -> None:
    petition = sent(world, kind="complaint")
    today = petition.received_on
    services.petition_accept(petition=petition, by=world.chairman, accepted_on=today)
    services.petition_resolve(
        petition=petition,
        by=world.chairman,
        decided_on=today,
        outcome="Nội bộ: giao Phòng Kinh tế khắc phục.",
        public_answer="Xã đã gia cố đoạn đường sạt lở.",
    )
    html = world.client(None).get(f"/don/{petition.tracking_code}/").content.decode()
    assert "Đã giải quyết" in html and "Xã đã gia cố đoạn đường sạt lở." in html
    assert "Nội bộ" not in html


def test_it_shows_no_personal_data_on_public_pages(world: World) -> None:
    petition = sent(world)
    services.petition_accept(
        petition=petition, by=world.officer_b, accepted_on=petition.received_on
    )
    PetitionEvent.objects.create(
        petition=petition, kind="note", on=petition.received_on, by=world.officer_b, note="Nội bộ"
    )
    for html in public_pages(world.client(None), petition):
        for secret in (NAME, PHONE, ADDRESS, EMAIL, CONTENT, str(world.officer_b), "Nội bộ"):
            assert secret not in html, secret


def test_it_keeps_a_denouncer_out_of_the_petition_and_the_audit_log(world: World) -> None:
    petition = sent(world, kind="denunciation", subject="Tố cáo cán bộ địa chính thu tiền")
    row = Petition.objects.filter(pk=petition.pk).values().get()
    entries = list(AuditEntry.objects.values_list("object_repr", "changes"))
    stored = f"{row} {entries} {list(PetitionEvent.objects.values())}"
    for secret in (NAME, PHONE, ADDRESS, EMAIL):
        assert secret not in stored, secret
    assert IdentityVault.objects.filter(petition=petition).exists()
    assert NAME.encode() not in bytes(IdentityVault.objects.get(petition=petition).ciphertext)
    for html in public_pages(world.client(None), petition):
        assert NAME not in html and PHONE not in html
        assert "Tố cáo cán bộ địa chính" not in html  # the subject stays off public pages


def test_it_explains_an_anonymous_denunciation_is_information_art_25(world: World) -> None:
    petition = sent(world, kind="denunciation", name="", address="", phone="", email="")
    assert petition.anonymous
    html = world.client(None).get(f"/don/{petition.tracking_code}/bien-nhan/").content.decode()
    assert "xử lý như <strong>thông tin</strong>" in html and "Điều 25" in html


def test_it_answers_an_unknown_code_with_a_friendly_404(world: World) -> None:
    response = world.client(None).get("/don/ABCDEFGHJK/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Không tìm thấy đơn" in html and 'name="code"' in html
    assert world.client(None).get("/don/%00%3Cb%3E/").status_code == 404
    assert world.client(None).get("/don/ABCDEFGHJK/bien-nhan/").status_code == 404


def test_it_looks_up_a_code_ignoring_case_and_spaces(world: World) -> None:
    petition = sent(world)
    typed = f" {petition.tracking_code[:5].lower()} {petition.tracking_code[5:]} "
    response = world.client(None).get("/tra-cuu/", {"code": typed})
    assert response.status_code == 302
    assert response["Location"] == f"/don/{petition.tracking_code}/"
    lower = world.client(None).get(f"/don/{petition.tracking_code.lower()}/")
    assert lower.status_code == 302 and lower["Location"] == f"/don/{petition.tracking_code}/"


def test_it_explains_a_malformed_code(world: World) -> None:
    client = world.client(None)
    response = client.get("/tra-cuu/", {"code": "O0I1L-12"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Mã tra cứu gồm đúng 10 chữ và số" in html and "O0I1L-12" in html
    assert client.get("/tra-cuu/", {"code": "A\x00B"}).status_code == 400
    assert client.get("/tra-cuu/", {"code": "x" * 1000}).status_code == 400
    assert client.get("/tra-cuu/").status_code == 200


def test_it_links_the_home_page_to_sending_and_tracking(world: World) -> None:
    html = world.client(None).get("/").content.decode()
    assert 'href="/gui-don/"' in html and "Gửi phản ánh, kiến nghị" in html
    assert 'href="/tra-cuu/"' in html and "Tra cứu đơn" in html


def test_it_keeps_public_pages_light(world: World) -> None:
    petition = sent(world)
    client = world.client(None)
    for url in ("/gui-don/", f"/don/{petition.tracking_code}/bien-nhan/", "/tra-cuu/"):
        assert len(gzip.compress(client.get(url).content)) < 20_000, url


def test_it_tells_two_communes_of_the_same_name_apart_by_their_province(world: World) -> None:
    ninh_binh = Unit.objects.create(kind=Unit.Kind.PROVINCE, name="Tỉnh Ninh Bình", code="37")
    Unit.objects.filter(pk=world.other_commune.pk).update(name="Xã Hồng Phong", parent=ninh_binh)
    html = world.client(None).get("/gui-don/").content.decode()
    assert f'<option value="{world.commune.pk}">Xã Hồng Phong (tỉnh Lạng Sơn)</option>' in html
    assert (
        f'<option value="{world.other_commune.pk}">Xã Hồng Phong (tỉnh Ninh Bình)</option>' in html
    )
    petition = sent(world)
    for page in public_pages(world.client(None), petition)[:2]:  # the receipt and the status
        assert "UBND Xã Hồng Phong (tỉnh Lạng Sơn)" in page
