"""Officers' and public pages: bad input gets a Vietnamese message and keeps what was typed,
filters narrow, a village head reads his village, the public sees only what was published."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from danvan.conftest import World
from danvan.testing.pages import kept_as_fresh, without_tokens
from danvan.voters import services
from danvan.voters.models import VoterMeeting, VoterRecommendation
from danvan.voters.tests.conftest import Vot

MEETING = {
    "kind": "before",
    "session_label": "Kỳ họp thứ 4 HĐND xã khóa I",
    "session_on": "2026-07-20",
    "held_on": "2026-06-12",
    "place": "Hội trường UBND xã",
    "delegates": "Nông Văn An\nHoàng Thị Bích",
    "voters_count": "120",
}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"held_on": "31/02/2026"}, "Ngày không hợp lệ"),
        ({"held_on": "2027-01-01"}, "không được sau hôm nay"),
        ({"session_on": "2026-06-01"}, "trước ngày khai mạc kỳ họp"),
        ({"voters_count": "-3"}, "không được âm"),
        ({"voters_count": "nhiều"}, "bằng chữ số"),
        ({"delegates": "  \n "}, "bắt buộc"),
        ({"kind": "thematic", "session_label": ""}, "chuyên đề"),
        ({"chaired_by": "99999999999999999999"}, "Chọn Ủy ban MTTQ"),
    ],
)
def test_it_refuses_a_bad_meeting_and_keeps_the_text(
    world: World, vot: Vot, data: dict[str, str], message: str
) -> None:
    form = MEETING | {"chaired_by": str(world.front_unit.pk)} | data
    form["place"] = "Nhà văn hóa <script>alert(1)</script> giữ nguyên"
    url = f"{reverse('voters:meeting_create')}?xa={world.commune.pk}"
    response = world.client(world.front).post(url, form)
    body = response.content.decode()
    assert response.status_code == 400 and message in body
    assert "giữ nguyên" in body and "<script>alert(1)</script>" not in body
    assert VoterMeeting.objects.count() == 2


def test_it_records_a_meeting_and_its_recommendations(world: World, vot: Vot) -> None:
    client = world.client(world.front)
    url = f"{reverse('voters:meeting_create')}?xa={world.commune.pk}"
    response = client.post(url, MEETING | {"chaired_by": world.front_unit.pk})
    meeting = VoterMeeting.objects.latest("pk")
    assert response.status_code == 302 and response["Location"] == meeting.get_absolute_url()
    for content in ("Đề nghị làm đường ra đồng.", "Đề nghị hỗ trợ giống lúa."):
        client.post(
            reverse("voters:recommendation_create", args=[meeting.pk]),
            {"kn-content": content, "kn-field": "agriculture", "kn-village": world.village.pk},
        )
    assert [r.number for r in meeting.recommendations.order_by("number")] == [5, 6]
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Đề nghị làm đường ra đồng." in page and "Chờ phân loại" in page


def test_it_refuses_an_empty_recommendation_and_keeps_the_field(world: World, vot: Vot) -> None:
    response = world.client(world.front).post(
        reverse("voters:recommendation_create", args=[vot.meeting.pk]),
        {"kn-content": "", "kn-field": "bogus"},
    )
    body = response.content.decode()
    assert response.status_code == 400 and "bắt buộc" in body and "Chọn" in body


def test_the_front_corrects_a_recommendation_until_it_is_sorted(world: World, vot: Vot) -> None:
    url = reverse("voters:recommendation_correct", args=[vot.pending.pk])
    page = world.client(world.front).get(reverse("voters:recommendation", args=[vot.pending.pk]))
    assert url in page.content.decode()
    bad = world.client(world.front).post(url, {"sua-content": "", "sua-field": "infrastructure"})
    assert bad.status_code == 400 and "bắt buộc" in bad.content.decode()
    fixed = "Đề nghị sửa đoạn đường bị sạt lở ở km 3, thôn Đoàn Kết."
    data = {"sua-content": fixed, "sua-field": "infrastructure", "sua-village": world.village.pk}
    assert world.client(world.front).post(url, data).status_code == 302
    rec = VoterRecommendation.objects.get(pk=vot.pending.pk)
    assert rec.content == fixed
    history = (
        world.client(world.chairman)
        .get(reverse("voters:recommendation", args=[rec.pk]))
        .content.decode()
    )
    assert "Sửa kiến nghị đã ghi" in history and "Nội dung kiến nghị" in history
    same = world.client(world.front).post(url, data)
    assert same.status_code == 400 and "Không có gì thay đổi" in same.content.decode()
    # Once given to a unit, the words are the unit's promise: no more corrections.
    services.recommendation_assign(
        rec=rec, by=world.chairman, owner_unit=world.office_a, due_on=date(2026, 6, 30)
    )
    refused = world.client(world.front).post(url, data | {"sua-content": "Sửa lần nữa"})
    assert refused.status_code == 400 and "đã được giao" in refused.content.decode()
    assert VoterRecommendation.objects.get(pk=rec.pk).content == fixed


@pytest.mark.parametrize("due", ["99999-01-01", "-1", "2026-13-40", "1999-12-31"])
def test_it_refuses_a_wrong_due_date(world: World, vot: Vot, due: str) -> None:
    response = world.client(world.chairman).post(
        reverse("voters:recommendation_assign", args=[vot.pending.pk]),
        {"giao-owner_unit": world.office_a.pk, "giao-due_on": due},
    )
    assert response.status_code == 400
    assert VoterRecommendation.objects.get(pk=vot.pending.pk).promise_id is None


def test_it_refuses_a_district_on_the_forward_form(world: World, vot: Vot) -> None:
    response = world.client(world.officer_b).post(
        reverse("voters:recommendation_forward", args=[vot.pending.pk]),
        {
            "chuyen-receiving_body": "UBND huyện Cao Lộc",
            "chuyen-forwarded_on": "2026-06-15",
            "chuyen-chase_on": "2026-07-15",
        },
    )
    body = response.content.decode()
    assert response.status_code == 400 and "không còn cấp huyện" in body
    assert "UBND huyện Cao Lộc" in body


def test_it_filters_the_list_by_status_competence_and_village(world: World, vot: Vot) -> None:
    client = world.client(world.chairman)
    base = f"{reverse('voters:recommendations')}?xa={world.commune.pk}&nam=2026"

    def shown(query: str) -> set[str]:
        body = client.get(base + query).content.decode()
        return {
            r.code
            for r in VoterRecommendation.objects.filter(commune=world.commune)
            if f'{r.get_absolute_url()}"' in body
        }

    assert shown("") == {"1/2026", "2/2026", "3/2026", "4/2026"}
    assert shown("&trang-thai=unclassified") == {"1/2026", "4/2026"}
    assert shown("&tham-quyen=province") == {"3/2026"}
    assert shown(f"&thon={vot.other_village.pk}") == {"4/2026"}
    assert shown("&trang-thai=answered") == set()


def test_it_narrows_a_village_head_to_his_village(world: World, vot: Vot) -> None:
    chairman = world.client(world.chairman).get(reverse("voters:recommendations")).content.decode()
    assert vot.elsewhere.get_absolute_url() in chairman  # kept for the commune's whole list
    body = world.client(world.village_head).get(reverse("voters:recommendations")).content.decode()
    assert vot.pending.get_absolute_url() in body
    assert vot.elsewhere.get_absolute_url() not in body


def test_the_kept_list_shows_a_promise_reported_since(
    world: World, vot: Vot, settings: Any
) -> None:
    from danvan.promises import services as promises

    url = f"{reverse('voters:recommendations')}?xa={world.commune.pk}&nam=2026"
    before = kept_as_fresh(world.client(world.chairman), url, settings)
    assert vot.assigned.promise is not None
    promises.promise_report(
        promise=vot.assigned.promise,
        by=world.officer_a,
        outcome="kept",
        note="Đã sửa xong.",
        on=date(2026, 6, 15),
    )
    after = world.client(world.chairman).get(url).content.decode()
    assert without_tokens(after) != without_tokens(before)
    assert without_tokens(after) == without_tokens(
        kept_as_fresh(world.client(world.chairman), url, settings)
    )


def test_it_exports_the_filtered_list(world: World, vot: Vot) -> None:
    response = world.client(world.readonly_a).get(
        f"{reverse('voters:recommendations_xlsx')}?nam=2026&tham-quyen=province"
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [str(c.value) for row in sheet.iter_rows() for c in row if c.value]
    assert "Đề nghị nâng cấp tỉnh lộ qua xã." in values
    assert "Đề nghị sửa đoạn đường bị sạt lở." not in values


def test_it_shows_only_published_meetings_to_the_public(world: World, vot: Vot) -> None:
    client = world.client(None)
    assert "Đề nghị lắp đèn" not in client.get(reverse("portal:voters")).content.decode()
    services.meeting_publish(meeting=vot.meeting, by=world.chairman)
    services.recommendation_record_answer(
        rec=vot.forwarded,
        by=world.officer_b,
        answered_on=date(2026, 6, 15),
        answer="Đã đưa vào kế hoạch đầu tư công trung hạn.",
        outcome="explained",
    )
    body = client.get(reverse("portal:voters")).content.decode()
    assert "Đề nghị lắp đèn chiếu sáng đường thôn." in body
    assert "Đã đưa vào kế hoạch đầu tư công trung hạn." in body
    assert "Thường trực HĐND tỉnh" in body
    # Nobody's name: not the recorder's, not a delegate's.
    assert world.front.full_name not in body and "Nông Văn An" not in body


def test_it_reports_to_the_standing_body_with_every_status(world: World, vot: Vot) -> None:
    """Luật 87/2015, Điều 66 khoản 6: the Thường trực HĐND supervises the handling of voters'
    recommendations; the UBND's report counts each status and lists every recommendation."""
    import zipfile

    services.recommendation_record_answer(
        rec=vot.forwarded,
        by=world.officer_b,
        answered_on=date(2026, 6, 15),
        answer="Đã giải trình.",
        outcome="explained",
    )
    response = world.client(world.officer_b).get(f"{reverse('voters:report_docx')}?nam=2026")
    xml = zipfile.ZipFile(io.BytesIO(response.content)).read("word/document.xml").decode()
    assert "tiếp nhận 4 kiến nghị" in xml and "1 kiến nghị thuộc thẩm quyền" in xml
    assert "đã giải trình, thông tin lại cho cử tri: 1" in xml
    assert "Đề nghị nạo vét mương thôn Hòa Bình." in xml
    assert "Thường trực HĐND xã" in xml


def test_it_lists_a_village_head_the_meetings_of_his_village_only(world: World, vot: Vot) -> None:
    elsewhere = services.meeting_create(
        commune=world.commune,
        by=world.front,
        kind=VoterMeeting.Kind.RESIDENCE,
        held_on=date(2026, 6, 12),
        place="Nhà văn hóa thôn Hòa Bình",
        chaired_by=world.front_unit,
        delegates="Nông Văn An",
        voters_count=30,
        villages=[vot.other_village],
    )
    # A meeting naming no village, where his village spoke.
    hall = services.meeting_create(
        commune=world.commune,
        by=world.front,
        kind=VoterMeeting.Kind.THEMATIC,
        topic="Đất đai",
        held_on=date(2026, 6, 13),
        place="Hội trường UBND xã",
        chaired_by=world.front_unit,
        delegates="Nông Văn An",
        voters_count=30,
    )
    services.recommendation_create(
        meeting=hall,
        by=world.front,
        content="Đề nghị đo đạc lại.",
        field="land",
        village=world.village,
    )
    body = world.client(world.village_head).get(reverse("voters:meetings")).content.decode()
    assert vot.meeting.get_absolute_url() in body and hall.get_absolute_url() in body
    assert elsewhere.get_absolute_url() not in body
    assert world.client(world.village_head).get(elsewhere.get_absolute_url()).status_code == 404
    body = world.client(world.chairman).get(reverse("voters:meetings")).content.decode()
    assert elsewhere.get_absolute_url() in body


def test_the_kept_meeting_and_recommendation_pages_are_the_pages_written_afresh(
    world: World, vot: Vot, settings: Any
) -> None:
    pages = {}
    for user, name, pk in (
        (world.officer_b, "voters:meeting", vot.meeting.pk),
        (world.village_head, "voters:meeting", vot.meeting.pk),
        (world.officer_b, "voters:recommendation", vot.pending.pk),
        (world.officer_b, "voters:recommendation", vot.forwarded.pk),
        (world.front, "voters:recommendation", vot.pending.pk),
    ):
        pages[user, name, pk] = kept_as_fresh(
            world.client(user), reverse(name, args=[pk]), settings
        )
    meeting, rec = "voters:meeting", "voters:recommendation"
    assert 'name="kn-content"' in pages[world.officer_b, meeting, vot.meeting.pk]
    assert 'name="giao-owner_unit"' in pages[world.officer_b, rec, vot.pending.pk]
    assert 'name="tl-answered_on"' in pages[world.officer_b, rec, vot.forwarded.pk]
    assert 'name="giao-owner_unit"' not in pages[world.front, rec, vot.pending.pk]


def test_the_kept_correction_form_shows_the_words_corrected_since(world: World, vot: Vot) -> None:
    c = world.client(world.officer_b)
    url = reverse("voters:recommendation", args=[vot.pending.pk])
    assert "Xin sửa cầu treo Bản Mới" not in c.get(url).content.decode()
    services.recommendation_correct(
        rec=vot.pending, by=world.officer_b, content="Xin sửa cầu treo Bản Mới", field="other"
    )
    body = c.get(url).content.decode()
    assert "Xin sửa cầu treo Bản Mới" in body.split('name="sua-content"')[1]
