"""Officers' pages: bad input gets a Vietnamese message, keeps what was typed, never a 500."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.conftest import World
from danvan.core.models import DeadlineRule
from danvan.supervision.models import Activity, Recommendation
from danvan.supervision.tests.conftest import Sup


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"started_on": "31/02/2026"}, "Ngày không hợp lệ"),
        ({"started_on": "2026-06-10", "ended_on": "2026-06-08"}, "không được trước ngày bắt đầu"),
        ({"ended_on": "2027-01-01"}, "không được sau hôm nay"),
        ({"started_on": "1900-01-01"}, "từ năm 2000"),
        ({"board": "99999999999999999999"}, "Chọn ban"),
        ({"subject": ""}, "bắt buộc"),
    ],
)
def test_it_refuses_a_bad_supervision_and_keeps_the_text(
    world: World, sup: Sup, data: dict[str, str], message: str
) -> None:
    form = {
        "board": sup.board.pk,
        "subject_kind": sup.activity.subject_kind_id,
        "subject": "Chi trả trợ cấp <script>alert(1)</script>",
        "started_on": "2026-06-08",
        "ended_on": "2026-06-09",
        "method": "documents",
        "findings": "Kết quả giám sát rất dài vẫn được giữ",
    } | data
    response = world.client(world.front).post(reverse("supervision:activity_create"), form)
    body = response.content.decode()
    assert response.status_code == 400 and message in body
    assert "Kết quả giám sát rất dài vẫn được giữ" in body
    assert "<script>alert(1)</script>" not in body
    assert Activity.objects.count() == 2


def test_it_refuses_a_disguised_upload(world: World, sup: Sup) -> None:
    fake = SimpleUploadedFile("anh.jpg", b"MZ\x90\x00 not an image", "image/jpeg")
    response = world.client(world.front).post(
        reverse("supervision:activity_files", args=[sup.activity.pk]), {"tep-attachments": fake}
    )
    assert response.status_code == 400 and "không đúng định dạng" in response.content.decode()


def test_it_refuses_a_huge_or_negative_due_date(world: World, sup: Sup) -> None:
    url = reverse("supervision:recommendation_assign", args=[sup.sent.pk])
    client = world.client(world.chairman)
    for due in ("99999-01-01", "-1", "2026-13-40"):
        response = client.post(url, {"giao-owner_unit": world.office_a.pk, "giao-due_on": due})
        assert response.status_code == 400, due
    for received in ("2026-06-01", "2026-06-30", "x"):  # before it was sent, after today, none
        response = client.post(
            url, {"giao-owner_unit": world.office_a.pk, "giao-received_on": received}
        )
        assert response.status_code == 400, received
    DeadlineRule.objects.filter(procedure="giam-sat", step="tra-loi-kien-nghi").delete()
    response = client.post(url, {"giao-owner_unit": world.office_a.pk, "giao-due_on": ""})
    assert response.status_code == 400
    assert "nhập hạn trả lời" in response.content.decode()
    assert Recommendation.objects.get(pk=sup.sent.pk).status == Recommendation.Status.SENT


def test_it_fills_the_due_date_from_the_day_received_art_40_1_c(world: World, sup: Sup) -> None:
    """Luật THDCCS 2022, Điều 40 khoản 1 điểm c: 15 days from the day the UBND received it."""
    url = reverse("supervision:recommendation", args=[sup.sent.pk])
    client = world.client(world.chairman)
    page = client.get(url).content.decode()
    assert "Ngày UBND xã nhận được kiến nghị" in page and "22/06/2026" in page
    response = client.post(
        reverse("supervision:recommendation_assign", args=[sup.sent.pk]),
        {"giao-owner_unit": world.office_a.pk, "giao-received_on": "2026-06-08"},
    )
    assert response.status_code == 302
    rec = Recommendation.objects.get(pk=sup.sent.pk)
    assert (rec.received_on, rec.due_on) == (date(2026, 6, 8), date(2026, 6, 23))
    assert "08/06/2026" in client.get(url).content.decode()


def test_it_assigns_answers_and_publishes_through_the_pages(
    world: World, sup: Sup, frozen: Any
) -> None:
    client = world.client(world.chairman)
    response = client.post(
        reverse("supervision:recommendation_assign", args=[sup.sent.pk]),
        {"giao-owner_unit": world.office_a.pk, "giao-due_on": "2026-07-10"},
    )
    assert response.status_code == 302
    page = client.get(reverse("supervision:recommendation", args=[sup.sent.pk])).content.decode()
    assert "Phòng Văn hóa - Xã hội" in page and "10/07/2026" in page
    response = client.post(
        reverse("supervision:recommendation_answer", args=[sup.sent.pk]),
        {
            "tl-answered_by_body": "UBND xã",
            "tl-answered_on": "2026-06-15",
            "tl-answer": "Đã kiểm tra độ dày, yêu cầu nhà thầu làm lại.",
            "tl-publish": "on",
        },
    )
    assert response.status_code == 302
    rec = Recommendation.objects.get(pk=sup.sent.pk)
    assert rec.published_at is not None and rec.timeliness(rec.answered_on) == "on_time"  # type: ignore[arg-type]
    public = world.client(None).get(reverse("portal:supervision")).content.decode()
    assert "Kiểm tra độ dày mặt đường" in public


def test_it_shows_the_task_status_on_the_recommendation(world: World, sup: Sup) -> None:
    page = world.client(world.readonly_a).get(
        reverse("supervision:recommendation", args=[sup.assigned.pk])
    )
    assert "Chưa bắt đầu" in page.content.decode()
    assert page.context["task"] == sup.assigned.task


def test_the_kept_forms_and_history_are_written_again_after_a_write(world: World, sup: Sup) -> None:
    """An open recommendation's blank forms and every record's history are kept as written
    (issue 16): the same HTML as the forms and the template, and an assignment made since shows
    in both on the next visit."""
    from django.template.loader import render_to_string
    from django.utils import timezone

    from danvan.core.audit import history
    from danvan.supervision import services
    from danvan.supervision.forms import AnswerForm, AssignForm
    from danvan.supervision.views import _rule_text

    client = world.client(world.chairman)

    def expected(rec: Recommendation) -> list[str]:
        rec.refresh_from_db()
        assign = AssignForm(
            prefix="giao",
            commune_id=rec.commune_id,
            rule_text=_rule_text(rec),
            initial={
                "owner_unit": rec.owner_unit_id,
                "due_on": rec.due_on,
                "received_on": rec.received_on,
            },
        )
        answer = AnswerForm(prefix="tl", initial={"answered_on": timezone.localdate()})
        written = render_to_string("supervision/_history.html", {"history": history(rec)[:30]})
        return [str(assign), written] + ([str(answer)] if rec.owner_unit_id else [])

    url = reverse("supervision:recommendation", args=[sup.sent.pk])
    first = client.get(url).content.decode()
    assert all(part in first for part in expected(sup.sent))
    services.recommendation_assign(
        rec=sup.sent, by=world.chairman, owner_unit=world.office_b, due_on=date(2026, 6, 29)
    )
    again = client.get(url).content.decode()
    assert all(part in again for part in expected(sup.sent))
    assert 'value="2026-06-29"' in again and 'value="2026-06-29"' not in first
    # Its facts too: the unit and day just set, as the template writes them.
    from danvan.supervision.views import TIMELINESS_LABELS

    rec = Recommendation.objects.get(pk=sup.sent.pk)
    facts = {
        "rec": rec,
        "board": rec.activity.board,
        "task": rec.task,
        "timeliness": TIMELINESS_LABELS[rec.timeliness(timezone.localdate())],
        "files": [],
    }
    written_facts = render_to_string("supervision/_rec_facts.html", facts)
    assert written_facts in again and "29/06/2026" in written_facts
    page = client.get(reverse("supervision:activity", args=[sup.activity.pk])).content.decode()
    activity = render_to_string(
        "supervision/_history.html", {"history": history(sup.activity)[:30]}
    )
    assert activity in page


def test_the_kept_overview_shows_what_is_recorded_since_and_who_records(
    world: World, sup: Sup, settings: Any
) -> None:
    """The overview is the page written afresh; a recommendation sent since shows at once; the
    Front official may record, a reader may not, whoever read the page first."""
    from danvan.supervision import services
    from danvan.testing.pages import kept_as_fresh

    url = f"{reverse('supervision:index')}?xa={world.commune.pk}"
    reader = kept_as_fresh(world.client(world.readonly_a), url, settings)
    front = kept_as_fresh(world.client(world.front), url, settings)
    record = reverse("supervision:activity_create")
    assert record in front and record not in reader
    assert "Lắp đèn đường đoạn cua" not in reader
    services.recommendation_create(
        activity=sup.activity,
        by=world.front,
        title="Lắp đèn đường đoạn cua",
        content="Đề nghị lắp đèn.",
        addressed_to="Chủ tịch UBND xã",
        sent_on=date(2026, 6, 5),
    )
    assert "Lắp đèn đường đoạn cua" in world.client(world.readonly_a).get(url).content.decode()


def test_the_kept_recommendations_list_shows_one_answered_since(
    world: World, sup: Sup, settings: Any
) -> None:
    from danvan.supervision import services
    from danvan.testing.pages import kept_as_fresh

    url = f"{reverse('supervision:recommendations')}?xa={world.commune.pk}&nam=2026"
    page = kept_as_fresh(world.client(world.readonly_a), url, settings)
    answered = 'dv-status-done">Đã trả lời'
    assert page.count(answered) == 1
    services.recommendation_answer(
        rec=sup.assigned,
        by=world.chairman,
        answer="Đã công khai dự toán.",
        answered_on=date(2026, 6, 12),
        answered_by_body="UBND xã",
        publish=False,
    )
    assert world.client(world.readonly_a).get(url).content.decode().count(answered) == 2


def test_the_kept_activity_page_shows_what_is_recorded_since_to_its_recorders(
    world: World, sup: Sup, settings: Any
) -> None:
    from danvan.supervision import services
    from danvan.supervision.tests.conftest import pdf
    from danvan.testing.pages import kept_as_fresh

    url = reverse("supervision:activity", args=[sup.activity.pk])
    front = kept_as_fresh(world.client(world.front), url, settings)
    reader = kept_as_fresh(world.client(world.readonly_a), url, settings)
    assert 'name="kn-title"' in front and 'name="kn-title"' not in reader
    services.recommendation_create(
        activity=sup.activity,
        by=world.front,
        title="Lắp đèn đường đoạn cua",
        content="Đề nghị lắp đèn.",
        addressed_to="Chủ tịch UBND xã",
        sent_on=date(2026, 6, 5),
    )
    services.activity_add_files(activity=sup.activity, by=world.front, files=[pdf("anh-2.pdf")])
    page = world.client(world.readonly_a).get(url).content.decode()
    assert "Lắp đèn đường đoạn cua" in page and "anh-2.pdf" in page
