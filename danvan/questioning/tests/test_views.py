"""Officers' and public pages: bad input gets a Vietnamese message, keeps what was typed, never a
500; the public page shows officials acting in public and nobody else."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.conftest import World
from danvan.core.models import Attachment
from danvan.promises import services as promises
from danvan.questioning import services
from danvan.questioning.models import CouncilSession, Question
from danvan.questioning.tests.conftest import Council
from danvan.testing.pages import kept_as_fresh


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"asked_on": "31/02/2026"}, "Ngày không hợp lệ"),
        ({"asked_on": "2026-06-05", "mode": "session"}, "trong những ngày họp"),
        ({"asked_on": "2027-01-01"}, "không được sau hôm nay"),
        ({"respondent_unit": "99999999999999999999"}, "Chọn cơ quan của xã"),
        ({"delegate": ""}, "bắt buộc"),
        ({"content": "x" * 10001}, "Tối đa 10000 ký tự"),
    ],
)
def test_it_refuses_a_bad_question_and_keeps_the_text(
    world: World, council: Council, data: dict[str, str], message: str
) -> None:
    form = {
        "delegate": "Vy Văn Sơn <script>alert(1)</script>",
        "respondent_unit": world.office_a.pk,
        "respondent_title": "Trưởng phòng Văn hóa - Xã hội",
        "content": "Câu hỏi rất dài vẫn được giữ",
        "asked_on": "2026-06-09",
        "mode": "writing",
    } | data
    url = reverse("questioning:question_create", args=[council.session.pk])
    response = world.client(world.officer_b).post(url, form)
    body = response.content.decode()
    assert response.status_code == 400 and message in body
    if "content" not in data:
        assert "Câu hỏi rất dài vẫn được giữ" in body
    assert "<script>alert(1)</script>" not in body
    assert Question.objects.filter(session=council.session).count() == 3


def test_it_refuses_a_session_closing_before_it_opens(world: World, council: Council) -> None:
    response = world.client(world.chairman).post(
        reverse("questioning:session_create"),
        {
            "term": "khóa I",
            "number": "7",
            "kind": "regular",
            "opens_on": "2026-12-15",
            "closes_on": "2026-12-14",
        },
    )
    assert response.status_code == 400
    assert "Ngày bế mạc không được trước ngày khai mạc" in response.content.decode()
    assert CouncilSession.objects.filter(number=7).count() == 0


def test_only_the_respondent_and_the_office_are_offered_the_answer_form(
    world: World, council: Council
) -> None:
    url = reverse("questioning:question", args=[council.writing.pk])
    for user, offered in (
        (world.officer_a, True),
        (world.officer_b, True),
        (world.readonly_a, False),
        (world.front, False),
    ):
        body = world.client(user).get(url).content.decode()
        assert ("Lưu trả lời" in body) is offered, user


def test_the_kept_question_page_is_the_page_written_afresh(
    world: World, council: Council, settings: Any
) -> None:
    pages = {}
    for user, question in (
        (world.officer_a, council.writing),
        (world.officer_b, council.answered),
        (world.front, council.writing),
    ):
        pages[user] = kept_as_fresh(
            world.client(user), reverse("questioning:question", args=[question.pk]), settings
        )
    assert 'name="tl-answer"' in pages[world.officer_a]
    assert 'name="lh-title"' in pages[world.officer_b]
    assert 'name="tl-answer"' not in pages[world.front]


def test_the_kept_question_page_offers_the_pledge_once_answered(
    world: World, council: Council
) -> None:
    c = world.client(world.officer_b)
    url = reverse("questioning:question", args=[council.writing.pk])
    body = c.get(url).content.decode()
    assert 'name="tl-answer"' in body and 'name="lh-title"' not in body
    services.question_answer(
        question=council.writing,
        by=world.officer_a,
        answer="Phòng sẽ rà soát lại hồ sơ đất đai.",
        answered_on=date(2026, 6, 15),
    )
    body = c.get(url).content.decode()
    assert 'name="tl-answer"' not in body and 'name="lh-title"' in body


def test_an_answer_recorded_late_says_so(world: World, council: Council, frozen: object) -> None:
    frozen.move_to(date(2026, 7, 2))  # type: ignore[attr-defined]
    response = world.client(world.officer_a).post(
        reverse("questioning:question_answer", args=[council.writing.pk]),
        {"tl-answered_on": "2026-07-02", "tl-answer": "Khởi công tháng 8."},
    )
    assert response.status_code == 302
    page = world.client(world.officer_a).get(response["Location"]).content.decode()
    assert "Đã trả lời, chậm so với hạn" in page


def test_a_pledge_kept_internal_needs_a_reason_and_stays_off_the_portal(
    world: World, council: Council
) -> None:
    url = reverse("questioning:pledge_create", args=[council.answered.pk])
    data = {
        "lh-title": "Xử lý hồ sơ của một hộ",
        "lh-owner_unit": world.office_a.pk,
        "lh-due_on": "2026-08-31",
    }
    refused = world.client(world.officer_b).post(url, data)
    assert refused.status_code == 400
    assert "phải ghi lý do" in refused.content.decode()
    assert (
        world.client(world.officer_b)
        .post(url, data | {"lh-internal_reason": "Liên quan thông tin cá nhân của một hộ"})
        .status_code
        == 302
    )
    public = world.client(None).get(
        reverse("portal:questioning_session", args=[council.session.pk])
    )
    body = public.content.decode()
    assert "Rà soát quy trình chi trả trợ cấp" in body
    assert "Xử lý hồ sơ của một hộ" not in body


def test_the_public_page_names_the_delegate_and_the_title_only(
    world: World, council: Council
) -> None:
    body = (
        world.client(None)
        .get(reverse("portal:questioning_session", args=[council.session.pk]))
        .content.decode()
    )
    assert "Hoàng Văn Đại" in body and "Trưởng phòng Văn hóa - Xã hội" in body
    assert "Đang thực hiện" in body
    for user in (world.officer_a, world.officer_b, world.chairman):
        assert user.get_full_name() not in body
    other = world.client(None).get(reverse("portal:questioning"))
    assert str(council.session) in other.content.decode()


def test_the_public_page_shows_a_kept_pledge(world: World, council: Council) -> None:
    assert council.pledge.promise is not None
    promises.promise_report(
        promise=council.pledge.promise,
        by=world.officer_a,
        outcome="kept",
        note="Đã sửa quy trình ký duyệt.",
        on=date(2026, 6, 15),
    )
    body = (
        world.client(None)
        .get(reverse("portal:questioning_session", args=[council.session.pk]))
        .content.decode()
    )
    assert "Đã thực hiện đúng hạn" in body and "Đã sửa quy trình ký duyệt." in body


def test_a_report_filed_shows_on_the_session(world: World, council: Council) -> None:
    url = reverse("questioning:report_file", args=[council.session.pk, world.office_a.pk])
    field = f"bc{world.office_a.pk}-on"
    bad = world.client(world.officer_a).post(url, {field: "2026-02-31"})
    assert bad.status_code == 302
    page = world.client(world.officer_a).get(bad["Location"]).content.decode()
    assert "Ngày gửi báo cáo" in page and "Chưa gửi" in page
    world.client(world.officer_a).post(url, {field: "2026-06-15"})
    page = world.client(world.front).get(bad["Location"]).content.decode()
    assert "Đã gửi ngày 15/06/2026" in page
    assert services.report_due(council.session) is not None


def test_the_kept_session_page_is_the_page_written_afresh_and_follows_a_report(
    world: World, council: Council, settings: Any
) -> None:
    """Its questions, pledges and reports are kept as written (questioning.views._session_parts);
    who may file a report is asked on every request."""
    url = reverse("questioning:session", args=[council.session.pk])
    field = f'name="bc{world.office_a.pk}-on"'
    filer = kept_as_fresh(world.client(world.officer_a), url, settings)
    reader = kept_as_fresh(world.client(world.front), url, settings)
    assert field in filer and field not in reader
    assert council.answered.content[:40] in reader and council.pledge.title in reader
    assert "Chưa gửi" in reader
    world.client(world.officer_a).post(
        reverse("questioning:report_file", args=[council.session.pk, world.office_a.pk]),
        {f"bc{world.office_a.pk}-on": "2026-06-15"},
    )
    after = world.client(world.front).get(url).content.decode()
    assert "Đã gửi ngày 15/06/2026" in after and "Chưa gửi" not in after
    assert field not in world.client(world.officer_a).get(url).content.decode()


def test_the_history_names_the_written_answer_due_date_in_words(
    world: World, council: Council
) -> None:
    body = (
        world.client(world.front)
        .get(reverse("questioning:question", args=[council.writing.pk]))
        .content.decode()
    )
    assert "Hạn trả lời bằng văn bản: 29/06/2026" in body
    assert "Căn cứ thời hạn trả lời: CHƯA KIỂM CHỨNG" in body


def test_a_written_answer_keeps_its_document_for_the_commune_only(
    world: World, council: Council
) -> None:
    pdf = SimpleUploadedFile("tra-loi.pdf", b"%PDF-1.4\n%%EOF", "application/pdf")
    response = world.client(world.officer_a).post(
        reverse("questioning:question_answer", args=[council.writing.pk]),
        {
            "tl-answered_on": "2026-06-15",
            "tl-answer": "Xem văn bản kèm theo.",
            "tl-attachments": pdf,
        },
    )
    assert response.status_code == 302
    page = world.client(world.front).get(response["Location"]).content.decode()
    assert "tra-loi.pdf" in page
    file_url = reverse("core:attachment", args=[Attachment.objects.get().pk])
    assert world.client(world.readonly_a).get(file_url).status_code == 200
    assert world.client(world.outsider).get(file_url).status_code == 404


def test_it_refuses_a_disguised_answer_document(world: World, council: Council) -> None:
    fake = SimpleUploadedFile("tra-loi.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    response = world.client(world.officer_a).post(
        reverse("questioning:question_answer", args=[council.writing.pk]),
        {
            "tl-answered_on": "2026-06-15",
            "tl-answer": "Trả lời vẫn được giữ",
            "tl-attachments": fake,
        },
    )
    assert response.status_code == 400
    assert "Trả lời vẫn được giữ" in response.content.decode()
    council.writing.refresh_from_db()
    assert council.writing.answered_on is None


def test_the_kept_question_page_shows_its_pledges_promise_reported_since(
    world: World, council: Council
) -> None:
    c = world.client(world.officer_b)
    url = reverse("questioning:question", args=[council.pledge.question_id])
    assert "Đã thực hiện đúng hạn" not in c.get(url).content.decode()
    assert council.pledge.promise is not None
    promises.promise_report(
        promise=council.pledge.promise,
        by=world.officer_a,
        outcome="kept",
        note="Đã sửa quy trình ký duyệt.",
        on=date(2026, 6, 15),
    )
    assert "Đã thực hiện đúng hạn" in c.get(url).content.decode()
