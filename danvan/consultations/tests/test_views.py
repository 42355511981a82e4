"""Officers' pages: the whole flow, and bad input answered in Vietnamese, never a 500."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from danvan.conftest import World
from danvan.consultations import selectors
from danvan.consultations.models import Comment, CommentGroup, Consultation, Decision
from danvan.consultations.tests.conftest import DRAFT_TEXT, Scene
from danvan.core.models import AuditEntry


def _create(world: World, **extra: Any) -> Any:
    today = timezone.localdate()
    data = {
        "title": "Dự thảo kế hoạch nông thôn mới",
        "matter_other": "Kế hoạch nông thôn mới",
        "lead_unit": world.office_a.pk,
        "whole_commune": "1",
        "opens_on": today.isoformat(),
        "closes_on": (today + timedelta(days=20)).isoformat(),
        "channels": ["portal", "meeting"],
        **extra,
    }
    return world.client(world.officer_a).post(reverse("consultations:create"), data)


def test_it_runs_from_draft_to_published(world: World) -> None:
    client = world.client(world.officer_a)
    response = _create(world)
    c = Consultation.objects.get()
    assert response["Location"] == reverse("consultations:points", args=[c.pk])
    client.post(reverse("consultations:split", args=[c.pk]), {"draft": DRAFT_TEXT})
    assert c.points.count() == 4
    assert client.post(reverse("consultations:open", args=[c.pk])).status_code == 302
    c.refresh_from_db()
    assert c.status == Consultation.Status.OPEN
    client.post(
        reverse("consultations:comment_add", args=[c.pk]),
        {
            "point": "chung",
            "text": "Đồng ý",
            "channel": "ballot",
            "people": "3",
            "received_on": timezone.localdate().isoformat(),
        },
    )
    comment = Comment.objects.get()
    # Not before the 20 days of Điều 28(2) have run, even with a reason.
    early = client.post(reverse("consultations:close", args=[c.pk]), {"reason": "Đủ ý kiến"})
    assert early.status_code == 400 and "Điều 28 khoản 2" in early.content.decode()
    with time_machine.travel(timezone.localdate() + timedelta(days=21), tick=False):
        client = world.client(world.officer_a)
        client.post(reverse("consultations:close", args=[c.pk]), {"reason": ""})
        refused = client.post(reverse("consultations:publish", args=[c.pk]), {"synthesis": ""})
        assert refused.status_code == 400 and "chưa được trả lời" in refused.content.decode()
        client.post(
            reverse("consultations:comment_answer", args=[c.pk, comment.pk]),
            {"decision": "accepted"},
        )
        assert client.post(reverse("consultations:publish", args=[c.pk])).status_code == 302
        c.refresh_from_db()
        assert c.status == Consultation.Status.PUBLISHED
        actions = set(AuditEntry.objects.values_list("action", flat=True))
        assert {
            "consultations.created",
            "consultations.points_set",
            "consultations.opened",
            "consultations.comment_entered",
            "consultations.closed",
            "consultations.comment_answered",
            "consultations.published",
        } <= actions
        detail = client.get(reverse("consultations:detail", args=[c.pk])).content.decode()
        assert "Công bố kết quả tiếp thu, giải trình" in detail  # the audit label, in words


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("opens_on", "31/02/2026", "Ngày không hợp lệ"),
        ("opens_on", "99999-01-01", "Ngày không hợp lệ"),
        ("closes_on", "2026-01-01", "Ngày hết hạn phải sau ngày bắt đầu"),
        ("title", "", "Tên dự thảo"),
        ("title", "x" * 400, "300"),
        ("lead_unit", "999999999999999999999", "Đơn vị chủ trì"),
        ("channels", ["telepathy"], "Hình thức đã chọn không hợp lệ"),
        ("whole_commune", "0", "Vui lòng chọn ít nhất một thôn"),
    ],
)
def test_it_refuses_bad_input_and_keeps_what_was_typed(
    world: World, field: str, value: Any, message: str
) -> None:
    response = _create(world, **{field: value}, summary="Giữ nguyên đoạn giới thiệu")
    body = response.content.decode()
    assert response.status_code == 400, body
    assert message in body and "Giữ nguyên đoạn giới thiệu" in body
    assert not Consultation.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("people", "-3", "ít nhất là 1"),
        ("people", "99999999999999999999", "tối đa"),
        ("people", "mười", "số nguyên"),
        ("received_on", "2026-13-45", "Ngày không hợp lệ"),
        ("point", "99999", "không có trong dự thảo"),
        ("channel", "meeting", "tên hội nghị"),
        ("text", "\x00", "Nội dung ý kiến"),
    ],
)
def test_it_refuses_bad_comments_entered_by_officers(
    scene: Scene, field: str, value: str, message: str
) -> None:
    data = {
        "point": "chung",
        "text": "Ý kiến tại hội nghị",
        "channel": "ballot",
        "source": "",
        "people": "5",
        "received_on": timezone.localdate().isoformat(),
        field: value,
    }
    before = Comment.objects.count()
    response = scene.world.client(scene.world.chairman).post(
        reverse("consultations:comment_add", args=[scene.open.pk]), data
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Comment.objects.count() == before


def test_it_refuses_a_comment_dated_before_the_period(scene: Scene) -> None:
    assert scene.open.opens_on is not None
    response = scene.world.client(scene.world.chairman).post(
        reverse("consultations:comment_add", args=[scene.open.pk]),
        {
            "point": "chung",
            "text": "Sớm",
            "channel": "ballot",
            "people": "1",
            "received_on": (scene.open.opens_on - timedelta(days=1)).isoformat(),
        },
    )
    assert response.status_code == 400
    assert "trong thời gian lấy ý kiến" in response.content.decode()


def test_it_asks_an_explanation_and_keeps_the_choice(scene: Scene) -> None:
    response = scene.world.client(scene.world.chairman).post(
        reverse("consultations:comment_answer", args=[scene.open.pk, scene.comment.pk]),
        {"decision": "rejected", "explanation": ""},
    )
    assert response.status_code == 400
    assert "phải có giải trình" in response.content.decode()


def test_it_cannot_edit_a_draft_once_opened(scene: Scene) -> None:
    client = scene.world.client(scene.world.chairman)
    response = client.post(
        reverse("consultations:split", args=[scene.open.pk]), {"draft": "Điều 1. X"}
    )
    assert response.status_code == 400
    assert "đã đưa ra lấy ý kiến" in response.content.decode()


def test_it_refuses_a_disguised_upload(scene: Scene) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("du-thao.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    response = scene.world.client(scene.world.chairman).post(
        reverse("consultations:attach", args=[scene.open.pk]), {"file": fake}
    )
    assert response.status_code == 400
    assert "không đúng định dạng" in response.content.decode()


def test_it_closes_consultations_past_their_last_day_and_tells_the_managers(scene: Scene) -> None:
    from django.apps import apps

    from danvan.core.models import Notification

    assert scene.open.closes_on is not None
    later = scene.open.closes_on + timedelta(days=1)
    config = apps.get_app_config("consultations")
    # Hồng Phong's open consultation and the other commune's, both past their last day.
    assert config.send_reminders(today=later) == {"closed": 2}  # type: ignore[attr-defined]
    assert config.send_reminders(today=later) == {"closed": 0}  # type: ignore[attr-defined]
    scene.open.refresh_from_db()
    assert scene.open.status == Consultation.Status.CLOSED
    told = set(Notification.objects.values_list("user__username", flat=True))
    assert {"chairman", "officer_a", "outsider"} <= told and "officer_b" not in told


def test_it_counts_the_same_from_the_lean_read_as_from_the_comments(scene: Scene) -> None:
    # The page reads only what a tally counts (selectors.counted_comments); a comment answered
    # through its group and a hidden one are counted as from the full read.
    CommentGroup.objects.filter(pk=scene.group_id).update(decision=Decision.PARTLY)
    for c in (scene.open, scene.closed, scene.draft):
        lean = selectors.tallies(c, selectors.counted_comments(c))
        full = selectors.tallies(c)

        def figures(rows: list[selectors.PointTally]) -> list[tuple[Any, ...]]:
            return [
                (
                    r.point,
                    r.heading,
                    len(r.comments),
                    r.people,
                    r.accepted,
                    r.partly,
                    r.rejected,
                    r.unanswered,
                )
                for r in [*rows, selectors.totals(rows)]
            ]

        assert figures(lean) == figures(full)
    assert selectors.totals(selectors.tallies(scene.open)).people == 26
    assert selectors.totals(selectors.tallies(scene.open)).partly == 1


def test_the_create_page_writes_the_blank_form_as_the_template_did(world: World) -> None:
    """The blank form is kept as written (core.kept_forms): the same fields as a fresh form
    for each user's lead units, a village added since shown once a write is logged."""
    from danvan.consultations import services
    from danvan.consultations.access import lead_units_for
    from danvan.consultations.forms import ConsultationForm
    from danvan.core.audit import log_action
    from danvan.core.models import Unit

    def fresh(user: Any) -> str:
        opens, closes = services.default_period(timezone.localdate())
        initial = {
            "opens_on": opens,
            "closes_on": closes,
            "channels": ["portal", "meeting"],
            "whole_commune": "1",
        }
        units = lead_units_for(user, world.commune)
        return str(ConsultationForm(commune=world.commune, lead_units=units, initial=initial))

    url = reverse("consultations:create")
    for user in (world.chairman, world.officer_a):
        page = world.client(user).get(url, {"xa": world.commune.pk}).content.decode()
        assert fresh(user) in page
    added = Unit.objects.create(kind=Unit.Kind.VILLAGE, name="Thôn Mới", commune=world.commune)
    log_action(added, "core.unit_created", by=world.admin, commune=world.commune)
    page = world.client(world.officer_a).get(url, {"xa": world.commune.pk}).content.decode()
    assert "Thôn Mới" in page and fresh(world.officer_a) in page
    refused = _create(world, title="")
    assert refused.status_code == 400 and "Thôn Mới" in refused.content.decode()


def test_the_kept_tallies_count_a_comment_sent_since(scene: Scene) -> None:
    """The page's facts, tallies and history are kept as written (issue 16) until a record of
    the commune changes: a comment sent from the portal is counted on the next visit."""
    from django.template.loader import render_to_string

    from danvan.consultations import services

    c = scene.open
    client = scene.world.client(scene.world.chairman)
    url = reverse("consultations:detail", args=[c.pk])

    def points() -> str:
        rows = selectors.tallies(c, selectors.counted_comments(c))
        context = {"consultation": c, "rows": rows, "total": selectors.totals(rows)}
        context.update(files=selectors.files_of(c), manages=True)
        return render_to_string("consultations/_points.html", context)

    first = client.get(url).content.decode()
    assert points() in first
    point = c.points.order_by("order").first()
    services.comments_submit(
        consultation=c, texts=[(point, "Thêm một ý kiến.")], today=timezone.localdate()
    )
    again = client.get(url).content.decode()
    assert points() in again and points() not in first


def test_the_kept_list_counts_a_comment_sent_from_the_portal_since(
    scene: Scene, settings: Any
) -> None:
    from danvan.consultations import services
    from danvan.testing.pages import kept_as_fresh

    world = scene.world
    url = f"{reverse('consultations:index')}?xa={world.commune.pk}"

    def count() -> str:
        body = world.client(world.readonly_a).get(url).content.decode()
        row = body.split(f'href="{reverse("consultations:detail", args=[scene.open.pk])}"')[1]
        return row.split('data-label="Số ý kiến">')[1].split("<")[0]

    kept_as_fresh(world.client(world.readonly_a), url, settings)
    before = int(count())
    point = scene.open.points.first()
    services.comments_submit(consultation=scene.open, texts=[(point, "Đồng ý với dự thảo.")])
    assert int(count()) == before + 1
