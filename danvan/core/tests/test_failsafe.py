"""When storage fails (issue 11, item 5): an officer's step keeps the form and says it was not
saved, with 503 and nothing half-written; what no form catches is a 503 page, never a 500."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from unittest import mock

import pytest
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory

from danvan.conftest import World
from danvan.core.failsafe import NOT_DONE, NOT_SAVED
from danvan.core.models import Notification, Unit
from danvan.core.steps import run_action
from danvan.plans import services as plan_services
from danvan.plans.models import Plan, ProgressReport, Task
from danvan.testing.storage import read_only_database

PDF = b"%PDF-1.4\n%%EOF\n"
TEXT = "Đã tổ chức hội nghị đối thoại với 120 hộ dân thôn Đoàn Kết"
DISK_FULL = OperationalError("database or disk is full")


def _report(client: Client, task: Task, **extra: Any) -> HttpResponse:
    data = {"unit": task.lead_unit_id, "text": TEXT, "milestone": "Hội nghị ngày 15/10", **extra}
    return client.post(f"/can-bo/nhiem-vu/{task.pk}/bao-cao/", data)  # type: ignore[return-value]


def _assert_not_saved(response: HttpResponse) -> None:
    html = response.content.decode()
    assert response.status_code == 503, html[:2000]
    assert response["Retry-After"] == "60"
    assert NOT_SAVED in html
    assert TEXT in html, "the typed text is lost"
    assert "Đã gửi báo cáo" not in html


def test_it_keeps_an_officers_form_when_the_disk_is_full(world: World, task: Task) -> None:
    with mock.patch.object(plan_services, "progress_report_create", side_effect=DISK_FULL):
        response = _report(world.client(world.officer_a), task)
    _assert_not_saved(response)
    assert not ProgressReport.objects.exists()


def test_it_keeps_an_officers_form_when_the_database_refuses_writes(
    world: World, task: Task
) -> None:
    client = world.client(world.officer_a)
    with read_only_database():
        response = _report(client, task)
        _assert_not_saved(response)
        assert not ProgressReport.objects.exists()
    # Once the database takes writes again, the same form goes through.
    assert _report(client, task).status_code == 302
    assert ProgressReport.objects.get().text == TEXT


def test_it_keeps_the_form_when_an_evidence_file_cannot_be_written(
    world: World, task: Task
) -> None:
    full = OSError(28, "No space left on device")
    with mock.patch("django.core.files.storage.FileSystemStorage._save", side_effect=full):
        response = _report(
            world.client(world.officer_a),
            task,
            evidence=[SimpleUploadedFile("bien-ban.pdf", PDF)],
        )
    _assert_not_saved(response)
    assert not ProgressReport.objects.exists()


def test_it_rolls_back_what_a_step_wrote_before_storage_failed(world: World, task: Task) -> None:
    real = plan_services.progress_report_create

    def half_then_full(**kwargs: Any) -> ProgressReport:
        real(**kwargs)  # stored…
        raise DISK_FULL  # …then the next write fails

    with mock.patch.object(plan_services, "progress_report_create", side_effect=half_then_full):
        response = _report(world.client(world.officer_a), task)
    _assert_not_saved(response)
    assert not ProgressReport.objects.exists()


def test_it_says_a_button_did_nothing_when_storage_fails(world: World, plan: Plan) -> None:
    request = RequestFactory().post("/")
    request.user = world.chairman
    request.session = SessionStore()
    request._messages = FallbackStorage(request)  # type: ignore[attr-defined]

    def publish() -> None:
        Unit.objects.filter(pk=world.village.pk).update(name="Thôn đổi tên")
        raise DISK_FULL

    response = run_action(request, publish, done="Đã làm.", then=lambda: HttpResponse(status=302))
    assert response.status_code == 302
    assert [str(m) for m in get_messages(request)] == [NOT_DONE]
    world.village.refresh_from_db()
    assert world.village.name == "Thôn Đoàn Kết"


# --- no form to keep: the 503 page ------------------------------------------------------------


def _assert_unavailable_page(response: Any) -> None:
    html = response.content.decode()
    assert response.status_code == 503, html[:2000]
    assert response["Retry-After"] == "60"
    assert "Hệ thống tạm thời gián đoạn" in html
    assert "chưa được lưu" in html


def test_it_answers_503_when_a_button_without_a_step_cannot_write(world: World) -> None:
    Notification.objects.create(user=world.officer_a, title="Nhắc việc", body="", url="/")
    client = world.client(world.officer_a)
    with read_only_database():
        response = client.post("/can-bo/thong-bao/da-doc/")
    _assert_unavailable_page(response)
    assert Notification.objects.get().read_at is None


@pytest.mark.parametrize("debug", [False, True])
def test_it_answers_503_not_500_for_an_uncaught_storage_failure(
    world: World, settings: Any, debug: bool
) -> None:
    settings.DEBUG = debug
    with mock.patch("danvan.core.views.law_in_force", side_effect=DISK_FULL):
        response = world.client(world.officer_a).get("/can-bo/phap-luat/")
    _assert_unavailable_page(response)


def disk_full_middleware(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable[..., Any]:
    def middleware(request: HttpRequest) -> HttpResponse:
        raise DISK_FULL

    return middleware


def bug_middleware(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable[..., Any]:
    def middleware(request: HttpRequest) -> HttpResponse:
        raise ZeroDivisionError

    return middleware


def test_it_answers_503_when_storage_fails_outside_any_view(world: World, settings: Any) -> None:
    # A middleware that writes (a session saved on the way out) fails: handler500's path.
    here = __name__
    base = list(settings.MIDDLEWARE)
    settings.MIDDLEWARE = [*base, f"{here}.disk_full_middleware"]
    _assert_unavailable_page(Client(raise_request_exception=False).get("/"))
    settings.MIDDLEWARE = [*base, f"{here}.bug_middleware"]
    response = Client(raise_request_exception=False).get("/")
    assert response.status_code == 500
    assert "Lỗi hệ thống" in response.content.decode()
