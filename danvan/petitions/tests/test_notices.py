"""Notices to the citizen and the verifier's file, as .docx in the layout of NĐ 30/2020.

Who is named where: Luật Tố cáo 2018, Điều 8 khoản 3 (no disclosure), Điều 9 khoản 1 điểm c
(the denouncer is told of acceptance, refusal, forwarding), Điều 29 khoản 3 (the denouncer and
the denounced are told of the acceptance), Điều 56 khoản 2 (the verifier's file is struck out).
"""

from __future__ import annotations

import io
import unicodedata
import zipfile
from datetime import date
from typing import Any

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.http import QueryDict
from django.test import Client
from django.urls import reverse
from docx import Document

from danvan.conftest import World
from danvan.core.models import Attachment, AuditEntry
from danvan.petitions import services
from danvan.petitions.models import IdentityReveal, Petition, PetitionKind
from danvan.petitions.redaction import REDACTED, redact_identity
from danvan.petitions.tests.test_identity import ADDRESS, IDENTITY, NAME, PHONE, receive

PROTECTED = "người tố cáo (danh tính được giữ bí mật theo Điều 8 Luật Tố cáo)"
TODAY = date(2026, 3, 20)


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture(autouse=True)
def _frozen() -> Any:
    with time_machine.travel("2026-03-20 09:00 +07:00", tick=False):
        yield


def docx_text(content: bytes) -> str:
    """The visible text: paragraphs, then every table cell, in order."""
    doc = Document(io.BytesIO(content))
    lines = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            lines += [cell.text for cell in row.cells]
    return "\n".join(lines)


def docx_xml(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        return "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())


def notice_url(p: Petition, kind: str, query: str = "") -> str:
    return reverse("petitions:notice", args=[p.pk, kind]) + query


def dossier_url(p: Petition) -> str:
    return reverse("petitions:verification_dossier", args=[p.pk])


def download(client: Client, url: str) -> Any:
    """A document is made by POST (issue #11): what the tests write as a query is posted."""
    path, _, query = url.partition("?")
    return client.post(path, QueryDict(query))


@pytest.fixture
def complaint(world: World) -> Petition:
    p = receive(world, kind=PetitionKind.COMPLAINT, subject="Khiếu nại quyết định thu hồi đất")
    p = services.petition_assign(
        petition=p, by=world.chairman, handler=world.officer_b, unit=world.office_b
    )
    return services.petition_classify(
        petition=p, by=world.officer_b, competent=True, conditions_met=True
    )


@pytest.fixture
def denunciation(world: World) -> Petition:
    p = receive(world)
    p = services.petition_assign(
        petition=p, by=world.chairman, handler=world.officer_b, unit=world.office_b
    )
    return services.petition_classify(
        petition=p, by=world.officer_b, competent=True, conditions_met=True
    )


def accept(world: World, p: Petition) -> Petition:
    return services.petition_accept(petition=p, by=world.officer_b, accepted_on=date(2026, 3, 4))


# --- the official layout --------------------------------------------------------------------


class TestLayout:
    def test_it_issues_as_the_commune_with_a_blank_number_and_todays_date(
        self, world: World, complaint: Petition
    ) -> None:
        accept(world, complaint)
        response = download(world.client(world.officer_b), notice_url(complaint, "thu-ly"))
        assert response.status_code == 200
        assert response["Content-Type"].startswith(
            "application/vnd.openxmlformats-officedocument.wordprocessingml"
        )
        assert "thu-ly-1-2026.docx" in response["Content-Disposition"]
        text = docx_text(response.content)
        for line in (
            "ỦY BAN NHÂN DÂN",
            "XÃ HỒNG PHONG",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Số:      /TB-UBND",
            "Hồng Phong, ngày 20 tháng 3 năm 2026",
            "THÔNG BÁO",
            "Về việc thụ lý giải quyết đơn khiếu nại",
            "TM. ỦY BAN NHÂN DÂN",
            "CHỦ TỊCH",
        ):
            assert line in text, line

    def test_it_cites_the_rule_that_governs_the_step(
        self, world: World, complaint: Petition
    ) -> None:
        accept(world, complaint)
        text = docx_text(
            download(world.client(world.officer_b), notice_url(complaint, "thu-ly")).content
        )
        # The legal basis and the due date come from the rule table (DeadlineRule.source).
        assert "Căn cứ Luật Khiếu nại 2011, Điều 27" in text
        assert "theo Luật Khiếu nại 2011, Điều 28" in text
        assert "Thời hạn giải quyết: đến hết ngày 03/04/2026" in text

    def test_it_cites_article_24_on_a_denunciation_forwarding_slip(
        self, world: World, denunciation: Petition
    ) -> None:
        text = docx_text(
            download(world.client(world.officer_b), notice_url(denunciation, "chuyen-don")).content
        )
        assert "PHIẾU CHUYỂN ĐƠN" in text
        assert "Số:      /PC-UBND" in text
        assert "Căn cứ Luật Tố cáo 2018, Điều 24 khoản 2" in text


# --- each notice ------------------------------------------------------------------------------


class TestNotices:
    def test_it_names_a_complainant_on_every_notice(
        self, world: World, complaint: Petition
    ) -> None:
        client = world.client(world.officer_b)
        for kind in ("khong-thu-ly", "chuyen-don", "huong-dan"):
            text = docx_text(
                download(client, notice_url(complaint, kind, "?den=UBND huyện")).content
            )
            assert NAME in text, kind
        accept(world, complaint)
        assert NAME in docx_text(download(client, notice_url(complaint, "thu-ly")).content)

    def test_it_writes_the_reason_of_a_refusal(self, world: World, complaint: Petition) -> None:
        url = notice_url(complaint, "khong-thu-ly", "?ly_do=Đơn đã được giải quyết lần hai.")
        text = docx_text(download(world.client(world.officer_b), url).content)
        assert "Về việc không thụ lý giải quyết đơn khiếu nại" in text
        assert "với lý do: Đơn đã được giải quyết lần hai." in text

    def test_it_takes_the_refusal_reason_from_the_classification(
        self, world: World, complaint: Petition
    ) -> None:
        services.petition_classify(
            petition=complaint, by=world.officer_b, competent=False, conditions_met=True
        )
        text = docx_text(
            download(world.client(world.officer_b), notice_url(complaint, "khong-thu-ly")).content
        )
        assert "không thuộc thẩm quyền giải quyết của Ủy ban nhân dân xã" in text

    def test_it_sends_the_forwarding_slip_to_the_competent_body(
        self, world: World, complaint: Petition
    ) -> None:
        url = notice_url(complaint, "chuyen-don", "?den=Chi cục Thuế khu vực")
        text = docx_text(download(world.client(world.officer_b), url).content)
        assert "Kính gửi: Chi cục Thuế khu vực." in text
        assert "chuyển đơn đến Chi cục Thuế khu vực" in text

    def test_it_points_the_citizen_to_the_competent_body(
        self, world: World, complaint: Petition
    ) -> None:
        url = notice_url(complaint, "huong-dan", "?den=Tòa án nhân dân khu vực")
        text = docx_text(download(world.client(world.officer_b), url).content)
        assert "PHIẾU HƯỚNG DẪN" in text
        assert "gửi đơn đến Tòa án nhân dân khu vực" in text

    def test_it_writes_an_audit_entry(self, world: World, complaint: Petition) -> None:
        download(world.client(world.officer_b), notice_url(complaint, "huong-dan"))
        entry = AuditEntry.objects.get(action="petitions.notice_generated")
        assert entry.actor == world.officer_b
        assert entry.changes == {"kind": "huong-dan", "named": False}
        assert entry.object_id == str(complaint.pk)

    def test_it_is_never_cached(self, world: World, complaint: Petition) -> None:
        response = download(world.client(world.officer_b), notice_url(complaint, "huong-dan"))
        assert "no-store" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]

    def test_it_explains_a_notice_that_does_not_fit_the_case(
        self, world: World, complaint: Petition
    ) -> None:
        response = download(world.client(world.officer_b), notice_url(complaint, "thu-ly"))
        assert response.status_code == 409
        assert "Đơn chưa được thụ lý" in response.content.decode()
        accept(world, complaint)
        response = download(world.client(world.officer_b), notice_url(complaint, "chuyen-don"))
        assert response.status_code == 409
        assert "Đơn đã được thụ lý ngày 04/03/2026" in response.content.decode()
        assert not AuditEntry.objects.filter(action="petitions.notice_generated").exists()

    def test_it_has_no_notice_to_a_denounced_person_in_a_complaint(
        self, world: World, complaint: Petition
    ) -> None:
        accept(world, complaint)
        response = download(world.client(world.officer_b), notice_url(complaint, "nguoi-bi-to-cao"))
        assert response.status_code == 409

    def test_it_knows_no_other_kind(self, world: World, complaint: Petition) -> None:
        assert download(
            world.client(world.officer_b), notice_url(complaint, "bao-cao")
        ).status_code == (404)

    @pytest.mark.parametrize(
        "query",
        [
            "?ly_do=%00%00",
            "?ly_do=" + "x" * 5000,
            "?den=<script>alert(1)</script>",
            "?den=%E2%80%AE%00&ly_do=%F0%9F%98%80",
            "?ly_do[]=1&den=",
        ],
    )
    def test_it_survives_odd_input(self, world: World, complaint: Petition, query: str) -> None:
        for kind in ("khong-thu-ly", "chuyen-don"):
            response = download(world.client(world.officer_b), notice_url(complaint, kind, query))
            assert response.status_code == 200
            assert "<script>" not in docx_xml(response.content)
            docx_text(response.content)  # opens as a Word document

    def test_it_refuses_get(self, world: World, complaint: Petition) -> None:
        """Making a document is logged (and may reveal a denouncer): only a POST with its CSRF
        token makes one, never a link (issue #11)."""
        client = world.client(world.officer_b)
        assert client.get(notice_url(complaint, "huong-dan")).status_code == 405
        assert client.get(dossier_url(complaint)).status_code == 405
        assert not AuditEntry.objects.filter(action__endswith="_generated").exists()

    @pytest.mark.parametrize("persona", ["readonly_a", "officer_a", "front", "village_head"])
    def test_it_refuses_who_may_not_see_the_case(
        self, world: World, complaint: Petition, persona: str
    ) -> None:
        client = world.client(getattr(world, persona))
        assert download(client, notice_url(complaint, "huong-dan")).status_code == 404
        assert download(client, dossier_url(complaint)).status_code == 404
        assert client.get(reverse("petitions:notices", args=[complaint.pk])).status_code == 404

    def test_it_hides_the_case_from_another_commune(
        self, world: World, complaint: Petition
    ) -> None:
        client = world.client(world.outsider)
        assert download(client, notice_url(complaint, "huong-dan")).status_code == 404
        assert download(client, dossier_url(complaint)).status_code == 404

    def test_it_lists_the_notices_with_what_each_needs(
        self, world: World, denunciation: Petition
    ) -> None:
        response = world.client(world.chairman).get(
            reverse("petitions:notices", args=[denunciation.pk])
        )
        assert response.status_code == 200
        page = response.content.decode()
        assert 'name="ly_do"' in page and 'name="den"' in page
        assert "Đơn chưa được thụ lý" in page  # acceptance: not yet
        assert "thông báo gửi người tố cáo sẽ không ghi họ tên" in page.lower()
        assert NAME not in page


# --- the denouncer on notices -----------------------------------------------------------------


class TestDenouncerOnNotices:
    def test_it_names_the_denouncer_for_a_grant_holder_and_logs_the_reveal(
        self, world: World, denunciation: Petition
    ) -> None:
        accept(world, denunciation)
        response = download(world.client(world.officer_b), notice_url(denunciation, "thu-ly"))
        text = docx_text(response.content)
        assert f"Kính gửi: Ông/Bà {NAME}." in text
        assert ADDRESS in text
        assert "Luật Tố cáo năm 2018, điểm c khoản 1 Điều 9 và khoản 3 Điều 29" in text
        reveal = IdentityReveal.objects.get()
        assert reveal.user == world.officer_b
        assert "thông báo thụ lý" in reveal.reason
        entry = AuditEntry.objects.get(action="petitions.notice_generated")
        assert entry.changes == {"kind": "thu-ly", "named": True}

    def test_it_keeps_the_denouncer_secret_for_a_user_without_the_grant(
        self, world: World, denunciation: Petition
    ) -> None:
        accept(world, denunciation)
        for kind in ("thu-ly",):
            content = download(world.client(world.chairman), notice_url(denunciation, kind)).content
            assert NAME not in docx_xml(content)
            assert "Kính gửi: Người tố cáo (danh tính được giữ bí mật" in docx_text(content)
        assert not IdentityReveal.objects.exists()

    @pytest.mark.parametrize("kind", ["chuyen-don", "nguoi-bi-to-cao"])
    def test_it_never_names_the_denouncer_to_another_party(
        self, world: World, denunciation: Petition, kind: str
    ) -> None:
        if kind == "nguoi-bi-to-cao":
            accept(world, denunciation)
        # Even the handler, who holds the grant, cannot put the name on these.
        content = download(world.client(world.officer_b), notice_url(denunciation, kind)).content
        xml = docx_xml(content)
        for value in (NAME, ADDRESS, PHONE, IDENTITY["email"], IDENTITY["id_number"]):
            assert value not in xml
        assert PROTECTED in docx_text(content)
        assert not IdentityReveal.objects.exists()
        entry = AuditEntry.objects.get(action="petitions.notice_generated")
        assert entry.changes == {"kind": kind, "named": False}

    def test_it_tells_the_denounced_person_what_is_alleged(
        self, world: World, denunciation: Petition
    ) -> None:
        accept(world, denunciation)
        url = notice_url(denunciation, "nguoi-bi-to-cao", "?den=Ông Trần Văn Bảy, cán bộ địa chính")
        text = docx_text(download(world.client(world.officer_b), url).content)
        assert "Kính gửi: Ông Trần Văn Bảy, cán bộ địa chính." in text
        assert "Căn cứ Luật Tố cáo năm 2018, khoản 3 Điều 29;" in text
        assert "Tố cáo cán bộ địa chính thu tiền trái quy định" in text

    def test_it_strikes_the_name_out_of_what_the_officer_types(
        self, world: World, denunciation: Petition
    ) -> None:
        url = notice_url(denunciation, "chuyen-don", f"?den=Công an tỉnh, nhờ gặp {NAME}")
        content = download(world.client(world.officer_b), url).content
        assert NAME not in docx_xml(content)
        assert REDACTED in docx_text(content)


# --- the verifier's file ----------------------------------------------------------------------


def attach(world: World, p: Petition, filename: str) -> Attachment:
    return Attachment.objects.create(
        file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="scan.pdf"),
        original_name=filename,
        mime_type="application/pdf",
        size=2048,
        sha256="0" * 64,
        commune=world.commune,
        uploaded_by=world.officer_b,
        owner_type=ContentType.objects.get_for_model(Petition),
        owner_id=p.pk,
    )


class TestVerifierFile:
    def test_it_holds_the_case_without_the_denouncer_even_for_a_grant_holder(
        self, world: World, denunciation: Petition
    ) -> None:
        denunciation.content = f"Tôi là {NAME}, số điện thoại {PHONE}. Cán bộ thu tiền sai."
        denunciation.save()
        accept(world, denunciation)
        attach(world, denunciation, f"Don to cao - {NAME}.pdf")
        response = download(world.client(world.officer_b), dossier_url(denunciation))
        assert response.status_code == 200
        assert "ho-so-xac-minh-1-2026.docx" in response["Content-Disposition"]
        assert "no-store" in response["Cache-Control"]
        xml, text = docx_xml(response.content), docx_text(response.content)
        for value in (NAME, ADDRESS, PHONE, IDENTITY["email"], IDENTITY["id_number"]):
            assert value not in xml
        assert "Don to cao" not in xml
        for part in (
            "HỒ SƠ GIAO XÁC MINH",
            "Vụ việc số 1/2026: tố cáo",
            "khoản 2 Điều 56 Luật Tố cáo năm 2018",
            f"Tôi là {REDACTED}, số điện thoại {REDACTED}. Cán bộ thu tiền sai.",
            "Tiếp nhận đơn",
            "Thụ lý",
            "Thuộc thẩm quyền: có; đủ điều kiện thụ lý: có",
            "Tài liệu 01 (PDF, 2,0",
            PROTECTED[:1].upper() + PROTECTED[1:],
        ):
            assert part in text, part
        assert not IdentityReveal.objects.exists()

    def test_it_names_the_sender_of_a_complaint(self, world: World, complaint: Petition) -> None:
        text = docx_text(download(world.client(world.officer_b), dossier_url(complaint)).content)
        assert NAME in text
        assert "Luật Tố cáo" not in text

    def test_it_writes_an_audit_entry(self, world: World, denunciation: Petition) -> None:
        attach(world, denunciation, "a.pdf")
        download(world.client(world.chairman), dossier_url(denunciation))
        entry = AuditEntry.objects.get(action="petitions.dossier_generated")
        assert entry.actor == world.chairman and entry.changes == {"attachments": 1}


# --- redaction --------------------------------------------------------------------------------


class TestRedaction:
    def test_it_ignores_case_diacritics_and_spacing(self) -> None:
        identity = {"name": "Đỗ Thị Ánh"}
        for written in ("Đỗ Thị Ánh", "ĐỖ THỊ ÁNH", "do thi anh", "Đỗ  Thị\nÁnh", "Do Thi Anh"):
            assert redact_identity(f"Tôi là {written}.", identity) == f"Tôi là {REDACTED}."

    def test_it_finds_decomposed_unicode(self) -> None:
        text = unicodedata.normalize("NFD", "Tôi là Đỗ Thị Ánh.")
        assert redact_identity(text, {"name": "Đỗ Thị Ánh"}) == f"Tôi là {REDACTED}."

    def test_it_finds_a_phone_with_any_separator(self) -> None:
        identity = {"phone": "0912345678"}
        for written in ("0912345678", "0912 345 678", "0912.345.678", "+84 912 345 678"):
            assert redact_identity(f"Gọi {written}.", identity) == f"Gọi {REDACTED}."

    def test_it_leaves_words_that_only_contain_the_name(self) -> None:
        assert redact_identity("Đảm bảo an ninh.", {"name": "An"}) == "Đảm bảo an ninh."
        assert redact_identity("Ông Lê Anh", {"name": "Lê An"}) == "Ông Lê Anh"

    def test_it_leaves_text_alone_without_an_identity(self) -> None:
        assert redact_identity("Nội dung", None) == "Nội dung"
