"""A citizen comments point by point on the portal, without an account."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from danvan.consultations.models import Comment, Consultation
from danvan.consultations.tests.conftest import PDF, Scene


@pytest.fixture(autouse=True)
def _fast_forms(settings: Any) -> None:
    settings.DANVAN_PORTAL_MIN_FILL_SECONDS = 0


def form_token(c: Consultation) -> str:
    """The signed token of the form, as a browser gets it from the page."""
    page = Client().get(_url(c)).content.decode()
    found = re.search(r'name="token" value="([^"]+)"', page)
    assert found, "the form carries no token"
    return found.group(1)


def _data(c: Consultation, **extra: Any) -> dict[str, Any]:
    p1, p2 = list(c.points.all())
    return {
        "token": form_token(c),
        f"diem_{p1.pk}": "Mục tiêu thu nhập nên là 60 triệu đồng.",
        f"diem_{p2.pk}": "",
        "general": "Đồng ý với dự thảo.",
        "name": "Lường Thị Mai",
        "village": "",
        **extra,
    }


def _url(c: Consultation) -> str:
    return reverse("portal:consultation", args=[c.pk])


def test_it_files_one_comment_per_point_written_on_and_thanks(scene: Scene) -> None:
    c = scene.open
    before = Comment.objects.filter(consultation=c).count()
    response = Client().post(_url(c), _data(c, village=str(scene.world.village.pk)))
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:consultation_thanks", args=[c.pk])
    new = Comment.objects.filter(consultation=c).order_by("pk")[before:]
    assert [(x.point_id is None, x.channel_id, x.village) for x in new] == [
        (False, "portal", scene.world.village),
        (True, "portal", scene.world.village),
    ]
    thanks = Client().get(response["Location"])
    assert "Ý kiến của bạn đã được ghi nhận" in thanks.content.decode()


def test_it_files_nothing_twice_when_the_form_is_sent_again(scene: Scene) -> None:
    c = scene.open
    data = _data(c)
    Client().post(_url(c), data)
    count = Comment.objects.count()
    again = Client().post(_url(c), data)
    assert again.status_code == 302 and Comment.objects.count() == count


def test_it_refuses_an_empty_form_and_keeps_what_was_typed(scene: Scene) -> None:
    c = scene.open
    data = _data(c, general="", name="Lường Thị Mai")
    data = {k: ("" if k.startswith("diem_") else v) for k, v in data.items()}
    response = Client().post(_url(c), data)
    body = response.content.decode()
    assert response.status_code == 400
    assert "Vui lòng viết ý kiến ở ít nhất một mục" in body
    assert "Lường Thị Mai" in body


def test_it_refuses_a_filled_honeypot(scene: Scene) -> None:
    c = scene.open
    before = Comment.objects.count()
    response = Client().post(_url(c), _data(c, website="http://spam.example"))
    assert response.status_code == 400 and Comment.objects.count() == before
    assert "Mục tiêu thu nhập nên là 60 triệu đồng." in response.content.decode()


def test_it_refuses_a_form_sent_in_a_blink(scene: Scene, settings: Any) -> None:
    settings.DANVAN_PORTAL_MIN_FILL_SECONDS = 3
    c = scene.open
    response = Client().post(_url(c), _data(c))
    assert response.status_code == 400
    assert "quá nhanh" in response.content.decode()


def test_it_limits_submissions_per_client_and_keeps_the_text(scene: Scene, settings: Any) -> None:
    settings.DANVAN_PORTAL_COMMENTS_PER_HOUR = 2
    c = scene.open
    client = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(2):
        assert client.post(_url(c), _data(c)).status_code == 302
    before = Comment.objects.count()
    response = client.post(_url(c), _data(c, general="Ý kiến thứ ba còn giữ"))
    assert response.status_code == 429 and Comment.objects.count() == before
    assert "Ý kiến thứ ba còn giữ" in response.content.decode()
    # Another client is not limited.
    assert Client(REMOTE_ADDR="203.0.113.10").post(_url(c), _data(c)).status_code == 302


def test_it_refuses_too_long_a_comment(scene: Scene) -> None:
    c = scene.open
    response = Client().post(_url(c), _data(c, general="x" * 2001))
    assert response.status_code == 400 and "Tối đa 2000 ký tự" in response.content.decode()


def test_it_shows_markup_as_text(scene: Scene) -> None:
    c = scene.open
    Client().post(_url(c), _data(c, general="<script>alert(1)</script><b>đậm</b>"))
    comments = Client().get(reverse("consultations:comments", args=[c.pk]))
    assert comments.status_code == 302  # officers only; check the officer page as a manager
    page = scene.world.client(scene.world.chairman).get(
        reverse("consultations:comments", args=[c.pk])
    )
    body = page.content.decode()
    assert "<script>alert(1)</script>" not in body and "&lt;script&gt;" in body


def test_it_refuses_comments_on_a_closed_consultation_with_a_clear_message(scene: Scene) -> None:
    c = scene.closed
    before = Comment.objects.count()
    page = Client().get(_url(c))
    assert "Đã hết thời gian nhận ý kiến" in page.content.decode()
    assert 'name="general"' not in page.content.decode()
    response = Client().post(_url(c), _data(scene.open) | {"general": "Muộn"})
    assert response.status_code == 409 and Comment.objects.count() == before
    assert "ý kiến mới không được ghi nhận" in response.content.decode()


def test_it_publishes_answers_without_names_unless_public(scene: Scene) -> None:
    from django.utils import timezone

    from danvan.consultations import services

    world, c = scene.world, scene.closed
    today = c.opens_on
    assert today is not None
    Comment.objects.filter(consultation=c).update(author_name="Hoàng Văn Kín")
    named = Comment.objects.create(
        consultation=c,
        text="Nên trồng hồi.",
        channel_id="portal",
        received_on=today,
        author_name="Vi Thị Công Khai",
        show_name=True,
        decision="partly",
        explanation="Chỉ vùng đồi.",
    )
    services.consultation_publish(consultation=c, by=world.chairman, today=timezone.localdate())
    body = Client().get(_url(c)).content.decode()
    assert "Kết quả tiếp thu, giải trình" in body
    assert "Vi Thị Công Khai" in body and "Chỉ vùng đồi." in body
    assert "Hoàng Văn Kín" not in body
    assert named.text in body


def test_it_lists_open_consultations_with_days_left_on_the_home_page(scene: Scene) -> None:
    body = Client().get(reverse("portal:home")).content.decode()
    assert scene.open.title in body and "còn 10 ngày" in body
    assert scene.draft.title not in body


def test_it_hides_drafts_and_hidden_comments_from_the_public(scene: Scene) -> None:
    assert Client().get(_url(scene.draft)).status_code == 404
    listing = Client().get(reverse("portal:consultation_list")).content.decode()
    assert scene.open.title in listing and scene.draft.title not in listing


def test_the_kept_page_follows_the_consultation_and_not_other_apps(
    scene: Scene, settings: Any
) -> None:
    """Its points, villages, files, forms and tallies are kept by the commune's consultations
    records: another app's write leaves them kept (no query of the points); a file attached or
    a comment entered since shows at once."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from danvan.consultations import services
    from danvan.consultations.models import MEETING
    from danvan.testing.pages import another_apps_write, kept_as_fresh

    world, client = scene.world, Client()
    for c in (scene.open, scene.closed):
        kept_as_fresh(client, _url(c), settings)
    another_apps_write(world.commune, world.chairman)
    with CaptureQueriesContext(connection) as seen:
        assert client.get(_url(scene.open)).status_code == 200
    assert not [q for q in seen.captured_queries if "consultations_point" in q["sql"]]

    services.consultation_attach(
        consultation=scene.open,
        by=world.chairman,
        file=SimpleUploadedFile("phu-luc-moi.pdf", PDF, "application/pdf"),
    )
    assert "phu-luc-moi.pdf" in client.get(_url(scene.open)).content.decode()
    p1 = scene.closed.points.order_by("order", "pk").first()
    assert "1 ý kiến" not in client.get(_url(scene.closed)).content.decode()
    services.comment_enter(
        consultation=scene.closed,
        by=world.officer_a,
        text="Nên hỗ trợ giống cây.",
        channel=MEETING,
        source="Hội nghị thôn Đoàn Kết",
        received_on=scene.closed.closes_on,
        point=p1,
    )
    assert "1 ý kiến" in client.get(_url(scene.closed)).content.decode()
