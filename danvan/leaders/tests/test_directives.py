"""Chasing by hand (issue 12, item 3): "The chairman cannot chase anything himself: an overdue
task offers only 'Sửa nhiệm vụ'; chasing happens only through the nightly command."

Monday 05/10/2026. The chairman chases office A about its task (due 30/10) and the reception
office about a complaint it holds; directives are due Friday 09/10.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from danvan.conftest import World
from danvan.core.errors import DomainError
from danvan.core.models import AuditEntry, Notification, User
from danvan.leaders import directives, services
from danvan.leaders.models import Directive
from danvan.petitions import services as petitions
from danvan.petitions.models import Petition, PetitionKind
from danvan.plans.models import Task

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
TODAY = date(2026, 10, 5)
DUE = date(2026, 10, 9)
DENOUNCER = "Nguyễn Văn Tố Giác"


@pytest.fixture(autouse=True)
def _monday() -> Iterator[None]:
    with time_machine.travel(datetime(2026, 10, 5, 9, tzinfo=TZ), tick=False):
        yield


@pytest.fixture
def complaint(world: World) -> Petition:
    """A complaint at the reception office (office B), nobody assigned yet."""
    return petitions.petition_receive(
        commune=world.commune,
        by=world.officer_b,
        channel=Petition.Channel.POST,
        kind=PetitionKind.COMPLAINT,
        subject="Khiếu nại mức hỗ trợ giải phóng mặt bằng",
        content="Đề nghị xem xét lại.",
        received_on=TODAY,
        identity={"name": "Lê Văn Khải"},
    )


@pytest.fixture
def denunciation(world: World) -> Petition:
    return petitions.petition_receive(
        commune=world.commune,
        by=world.officer_b,
        channel=Petition.Channel.POST,
        kind=PetitionKind.DENUNCIATION,
        subject=f"Tố cáo cán bộ địa chính thu tiền, người tố cáo {DENOUNCER}",
        content=f"Tôi là {DENOUNCER}, tố cáo cán bộ địa chính thu tiền không biên lai.",
        received_on=TODAY,
        identity={"name": DENOUNCER},
    )


def form(target: Any, **fields: Any) -> dict[str, Any]:
    data = {
        "target_type": ContentType.objects.get_for_model(target).pk,
        "target_id": target.pk,
        "cd-kind": "chase",
        "cd-text": "Đề nghị báo cáo tiến độ trước ngày 09/10.",
        "cd-due_on": DUE.isoformat(),
    }
    data.update({f"cd-{k}": v for k, v in fields.items()})
    return data


def send(world: World, target: Any, **to: Any) -> Directive:
    return services.directive_send(
        target=target,
        by=world.chairman,
        kind=Directive.Kind.CHASE,
        text="Đề nghị báo cáo tiến độ.",
        due_on=DUE,
        **to,
    )


def inbox(user: User) -> list[str]:
    return list(Notification.objects.filter(user=user).values_list("title", flat=True))


def mailed_to(user: User) -> list[Any]:
    return [m for m in mail.outbox if user.email in m.to]


def test_it_lets_the_chairman_chase_a_task_from_its_page(
    world: World, task: Task, django_capture_on_commit_callbacks: Any
) -> None:
    chairman = world.client(world.chairman)
    page = chairman.get(reverse("plans:task", args=[task.pk])).content.decode()
    assert "Chỉ đạo / đôn đốc" in page and reverse("leaders:directive_send") in page

    with django_capture_on_commit_callbacks(execute=True):
        response = chairman.post(
            reverse("leaders:directive_send"), form(task, to_unit=world.office_a.pk)
        )

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('plans:task', args=[task.pk])}#chi-dao"
    d = Directive.objects.get()
    assert (d.commune, d.to_unit, d.sent_by, d.status) == (
        world.commune,
        world.office_a,
        world.chairman,
        Directive.Status.OPEN,
    )
    # Office A's officer is told in the app and by mail; its read-only member answers nothing.
    assert inbox(world.officer_a) == [f"Đôn đốc: {task.title}"]
    assert mailed_to(world.officer_a)[0].subject == f"Đôn đốc: {task.title}"
    assert "09/10/2026" in mailed_to(world.officer_a)[0].body
    assert inbox(world.readonly_a) == [] and inbox(world.officer_b) == []
    entry = AuditEntry.objects.get(action="leaders.directive_sent")
    assert entry.actor == world.chairman and entry.changes["answer_due"] == "2026-10-09"

    # Shown on the task's page to whoever opens it; only leaders get the form.
    page = world.client(world.officer_a).get(reverse("plans:task", args=[task.pk]))
    body = page.content.decode()
    assert "Đề nghị báo cáo tiến độ trước ngày 09/10." in body
    assert reverse("leaders:directive", args=[d.pk]) in body
    assert reverse("leaders:directive_send") not in body


def test_it_lets_the_desk_answer_a_directive_on_a_petition_and_the_chairman_close_it(
    world: World, complaint: Petition, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = world.client(world.chairman).post(
            reverse("leaders:directive_send"),
            form(complaint, kind="instruction", to_user=world.officer_b.pk),
        )
    assert response.status_code == 302
    d = Directive.objects.get()
    assert inbox(world.officer_b) == [f"Chỉ đạo: {complaint}"]
    page = world.client(world.officer_b).get(reverse("petitions:detail", args=[complaint.pk]))
    assert "Đề nghị báo cáo tiến độ trước ngày 09/10." in page.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = world.client(world.officer_b).post(
            reverse("leaders:directive_answer", args=[d.pk]),
            {"answer": "Đã thụ lý, đang xác minh."},
        )
    assert response.status_code == 302
    d.refresh_from_db()
    assert (d.status, d.answered_by, d.answer) == (
        Directive.Status.ANSWERED,
        world.officer_b,
        "Đã thụ lý, đang xác minh.",
    )
    assert inbox(world.chairman) == [f"Đã trả lời chỉ đạo: {complaint}"]
    assert "Đã thụ lý, đang xác minh." in mailed_to(world.chairman)[0].body

    response = world.client(world.chairman).post(
        reverse("leaders:directive_decide", args=[d.pk]), {"decision": "accept"}
    )
    assert response.status_code == 302
    d.refresh_from_db()
    assert d.status == Directive.Status.CLOSED and d.closed_at is not None
    assert list(
        AuditEntry.objects.filter(object_id=str(d.pk), action__startswith="leaders.")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == ["leaders.directive_sent", "leaders.directive_answered", "leaders.directive_closed"]


def test_it_sends_an_answer_back_with_the_senders_comment(
    world: World, task: Task, django_capture_on_commit_callbacks: Any
) -> None:
    d = send(world, task, to_unit=world.office_a)
    services.directive_answer(directive=d, by=world.officer_a, answer="Đang làm.")
    chairman = world.client(world.chairman)
    url = reverse("leaders:directive_decide", args=[d.pk])

    response = chairman.post(url, {"decision": "return", "comment": ""})
    assert response.status_code == 400
    assert "hãy ghi rõ cần trả lời thêm điều gì" in response.content.decode()
    d.refresh_from_db()
    assert d.status == Directive.Status.ANSWERED

    with django_capture_on_commit_callbacks(execute=True):
        response = chairman.post(url, {"decision": "return", "comment": "Nêu rõ ngày đối thoại."})
    assert response.status_code == 302
    d.refresh_from_db()
    assert (d.status, d.answered_at, d.return_comment) == (
        Directive.Status.OPEN,
        None,
        "Nêu rõ ngày đối thoại.",
    )
    assert inbox(world.officer_a) == [f"Trả lại, đề nghị trả lời lại: {task.title}"]
    page = world.client(world.officer_a).get(reverse("leaders:directive", args=[d.pk]))
    body = page.content.decode()
    assert "Nêu rõ ngày đối thoại." in body and 'name="answer"' in body
    assert "Đang làm." in body  # the earlier answer is offered again, to be completed


def test_it_never_carries_a_denouncers_identity(
    world: World, denunciation: Petition, django_capture_on_commit_callbacks: Any
) -> None:
    assert DENOUNCER not in denunciation.subject  # struck at intake
    with django_capture_on_commit_callbacks(execute=True):
        send(world, denunciation, to_unit=world.office_b)
    d = Directive.objects.get()
    assert directives.title_of(d) == str(denunciation)
    shown = [
        *Notification.objects.values_list("title", "body"),
        *((m.subject, m.body) for m in mail.outbox),
        *AuditEntry.objects.filter(action="leaders.directive_sent").values_list(
            "object_repr", "changes"
        ),
    ]
    assert shown and all(DENOUNCER not in str(row) for row in shown)
    for url in (reverse("leaders:directive", args=[d.pk]), reverse("leaders:directives")):
        body = world.client(world.officer_b).get(url).content.decode()
        assert denunciation.subject in body and DENOUNCER not in body
    # The desk officer opens the case's page without holding the identity: she may be chased.
    assert denunciation.visible_to(world.officer_b)
    assert not denunciation.readable_by(world.officer_b)


def test_it_counts_a_late_directive_and_how_it_was_answered(world: World, task: Task) -> None:
    d = send(world, task, to_unit=world.office_a)
    send(world, task, to_user=world.officer_b)
    year = {"communes": [world.commune.pk], "start": date(2026, 1, 1), "end": date(2026, 12, 31)}

    on_due = directives.figures(**year, on=DUE)
    assert (on_due["total"], on_due["open"], on_due["late"], on_due["answered"]) == (2, 2, 0, 0)

    late = directives.figures(**year, on=DUE + timedelta(days=3))
    assert (late["open"], late["late"], late["on_time_rate"]) == (2, 2, 0)
    assert [i["owner"] for i in late["late_items"]] == ["Phòng Văn hóa - Xã hội", "Officer_B"]
    assert late["late_items"][0]["days_late"] == 3
    assert late["late_items"][0]["url"] == reverse("leaders:directive", args=[d.pk])
    assert Directive.objects.late_on(DUE + timedelta(days=3)).count() == 2

    with time_machine.travel(datetime(2026, 10, 13, 9, tzinfo=TZ), tick=False):
        services.directive_answer(directive=d, by=world.officer_a, answer="Xong.")
    after = directives.figures(**year, on=date(2026, 10, 14))
    assert (after["answered"], after["done_late"], after["late"], after["open"]) == (1, 1, 1, 1)
    assert {x["key"]: x["value"] for x in after["extra"]} == {
        "instruction": 0,
        "chase": 2,
        "waiting_review": 1,
    }
    # Office A's slice holds its own directive only; the other commune has none.
    mine = directives.figures(**year, on=date(2026, 10, 14), units=[world.office_a.pk])
    assert (mine["total"], mine["answered"]) == (1, 1)
    assert (
        directives.figures(**{**year, "communes": [world.other_commune.pk]}, on=DUE)["total"] == 0
    )


def test_it_gives_the_directives_part_to_the_overview(world: World, task: Task) -> None:
    from danvan.leaders.overview import compose

    send(world, task, to_unit=world.office_a)
    parts = compose(
        communes=[world.commune.pk], start=date(2026, 1, 1), end=date(2026, 12, 31), on=TODAY
    )
    assert parts["directives"]["total"] == 1 and parts["directives"]["label"] == "Chỉ đạo, đôn đốc"


def test_it_chases_a_late_directive_in_danvan_remind_once(world: World, task: Task) -> None:
    d = send(world, task, to_unit=world.office_a)

    def remind(day: date) -> None:
        with time_machine.travel(datetime(day.year, day.month, day.day, 6, tzinfo=TZ), tick=False):
            call_command("remind", today=day.isoformat(), stdout=io.StringIO())

    remind(DUE)  # due today: not late yet
    assert inbox(world.officer_a) == []
    remind(date(2026, 10, 12))
    late = f"Quá hạn trả lời đôn đốc (hạn 09/10/2026): {task.title}"
    assert inbox(world.officer_a) == [late] and inbox(world.chairman) == []
    remind(date(2026, 10, 12))
    assert inbox(world.officer_a) == [late]  # once, however often it runs
    remind(date(2026, 10, 16))  # more than 3 working days late: the sender hears of it
    assert inbox(world.chairman) == [late] and inbox(world.officer_a) == [late]
    assert AuditEntry.objects.filter(
        object_id=str(d.pk), action="leaders.directive_reminder_escalation"
    ).exists()
    services.directive_answer(directive=d, by=world.officer_a, answer="Xong.")
    remind(date(2026, 10, 19))
    assert Notification.objects.filter(title__startswith="Quá hạn").count() == 2


# --- refusals ---------------------------------------------------------------------------------


def test_it_refuses_an_officer_who_sends(world: World, task: Task) -> None:
    for user in (world.officer_a, world.readonly_a, world.province_viewer):
        response = world.client(user).post(
            reverse("leaders:directive_send"), form(task, to_unit=world.office_a.pk)
        )
        assert response.status_code == 403
    assert not Directive.objects.exists()
    with pytest.raises(DomainError, match="Chỉ lãnh đạo UBND xã"):
        services.directive_send(
            target=task,
            by=world.officer_a,
            kind="chase",
            text="x",
            due_on=DUE,
            to_unit=world.office_b,
        )


def test_it_hides_another_communes_items_and_directives(
    world: World, task: Task, other_task: Task
) -> None:
    chairman = world.client(world.chairman)
    response = chairman.post(
        reverse("leaders:directive_send"), form(other_task, to_unit=world.other_office.pk)
    )
    assert response.status_code == 404
    d = send(world, task, to_unit=world.office_a)
    outsider = world.client(world.outsider)
    assert outsider.get(reverse("leaders:directive", args=[d.pk])).status_code == 404
    response = outsider.post(reverse("leaders:directive_answer", args=[d.pk]), {"answer": "x"})
    assert response.status_code == 404
    listed = outsider.get(reverse("leaders:directives")).content.decode()
    assert reverse("leaders:directive", args=[d.pk]) not in listed
    # A number that is no item, or an item that is no target: 404, never a 500.
    for target_type, target_id in (("x", "1"), (ContentType.objects.get_for_model(User).pk, "1")):
        response = chairman.post(
            reverse("leaders:directive_send"),
            {**form(task), "target_type": target_type, "target_id": target_id},
        )
        assert response.status_code == 404
    assert Directive.objects.count() == 1


def test_it_refuses_a_recipient_outside_the_commune_or_who_cannot_open_the_item(
    world: World, task: Task, complaint: Petition
) -> None:
    chairman = world.client(world.chairman)
    response = chairman.post(
        reverse("leaders:directive_send"), form(task, to_user=world.outsider.pk)
    )
    assert response.status_code == 400
    assert "Chọn người trong danh sách." in response.content.decode()
    response = chairman.post(
        reverse("leaders:directive_send"), form(task, to_unit=world.other_office.pk)
    )
    assert response.status_code == 400
    with pytest.raises(DomainError, match="Người nhận không thuộc xã này"):
        send(world, task, to_user=world.outsider)
    with pytest.raises(DomainError, match="Đơn vị nhận phải là"):
        send(world, task, to_unit=world.other_office)
    with pytest.raises(DomainError, match="chỉ được xem, không nhận chỉ đạo"):
        send(world, task, to_user=world.readonly_a)
    with pytest.raises(DomainError, match="Không gửi chỉ đạo cho chính mình"):
        send(world, task, to_user=world.chairman)
    # Office A is not given the complaint: its people cannot open the case, so are not chased.
    response = chairman.post(
        reverse("leaders:directive_send"), form(complaint, to_unit=world.office_a.pk)
    )
    assert response.status_code == 400
    assert "không được xem mục này" in response.content.decode()
    assert not Directive.objects.exists()


def test_it_keeps_what_was_typed_when_it_refuses(world: World, task: Task) -> None:
    chairman = world.client(world.chairman)
    typed = "Nội dung riêng của lần gửi này"
    for fields, message in (
        ({"to_unit": world.office_a.pk, "due_on": "2026-10-02"}, "không được trước hôm nay"),
        ({"to_unit": world.office_a.pk, "due_on": "31/02/2026"}, "Ngày không hợp lệ"),
        ({"to_unit": world.office_a.pk, "to_user": world.officer_b.pk}, "không chọn cả hai"),
        ({}, "Chọn một đơn vị hoặc một người nhận"),
    ):
        response = chairman.post(
            reverse("leaders:directive_send"), form(task, text=typed, **fields)
        )
        body = response.content.decode()
        assert response.status_code == 400, fields
        assert message in body and typed in body and "Chưa gửi được" in body, fields
    response = chairman.post(
        reverse("leaders:directive_send"), form(task, text="", to_unit=world.office_a.pk)
    )
    assert response.status_code == 400
    assert "This field is required" not in response.content.decode()
    assert not Directive.objects.exists()


def test_it_refuses_get_on_every_write_url(world: World, task: Task) -> None:
    d = send(world, task, to_unit=world.office_a)
    chairman = world.client(world.chairman)
    for url in (
        reverse("leaders:directive_send"),
        reverse("leaders:directive_answer", args=[d.pk]),
        reverse("leaders:directive_decide", args=[d.pk]),
    ):
        assert chairman.get(url).status_code == 405


def test_it_lets_only_the_recipients_answer_and_only_the_sender_decide(
    world: World, task: Task
) -> None:
    d = send(world, task, to_unit=world.office_a)
    answer = reverse("leaders:directive_answer", args=[d.pk])
    for user in (world.officer_b, world.readonly_a, world.chairman):
        assert world.client(user).post(answer, {"answer": "x"}).status_code == 403
    response = world.client(world.officer_a).post(answer, {"answer": ""})
    assert response.status_code == 400 and "bắt buộc" in response.content.decode()
    assert world.client(world.officer_a).post(answer, {"answer": "Xong."}).status_code == 302
    again = world.client(world.officer_a).post(answer, {"answer": "Lần nữa."})
    assert again.status_code == 400 and "đang chờ người gửi xem xét" in again.content.decode()
    decide = reverse("leaders:directive_decide", args=[d.pk])
    assert world.client(world.admin).post(decide, {"decision": "accept"}).status_code == 403
    assert world.client(world.officer_a).post(decide, {"decision": "accept"}).status_code == 403
    d.refresh_from_db()
    assert d.status == Directive.Status.ANSWERED


def test_it_lists_directives_by_party_and_state(world: World, task: Task) -> None:
    to_a = send(world, task, to_unit=world.office_a)
    to_b = send(world, task, to_user=world.officer_b)
    services.directive_answer(directive=to_b, by=world.officer_b, answer="Xong.")

    def listed(user: User, query: str = "") -> set[int]:
        response = world.client(user).get(f"{reverse('leaders:directives')}{query}")
        assert response.status_code == 200
        return {d.pk for d in response.context["page"].object_list}

    assert listed(world.chairman) == {to_a.pk, to_b.pk}
    assert listed(world.chairman, "?tinh-trang=da-tra-loi") == {to_b.pk}
    assert listed(world.officer_a) == {to_a.pk}
    assert listed(world.officer_a, "?cua=gui-den&tinh-trang=mo") == {to_a.pk}
    assert listed(world.officer_b, "?cua=da-gui") == set()
    assert listed(world.readonly_a) == set()
    with time_machine.travel(datetime(2026, 10, 12, 9, tzinfo=TZ), tick=False):
        assert listed(world.chairman, "?tinh-trang=qua-han") == {to_a.pk}
    bad = world.client(world.chairman).get(f"{reverse('leaders:directives')}?tinh-trang=zzz")
    assert bad.status_code == 400 and "Bộ lọc không hợp lệ" in bad.content.decode()


def test_it_shows_the_block_on_every_kind_of_item(world: World, task: Task) -> None:
    """Every target kind names a page that includes the block (one line in each template)."""
    from danvan.disclosures import services as disclosures
    from danvan.disclosures.tests.helpers import category

    d = disclosures.disclosure_create(
        commune=world.commune,
        by=world.officer_a,
        category=category(2),
        title="Dự toán ngân sách xã",
        content="Dự toán.",
        decided_on=TODAY,
        responsible_unit=world.office_a,
    )
    for item in (task, d):
        body = world.client(world.chairman).get(item.get_absolute_url()).content.decode()
        assert 'id="chi-dao"' in body and "Chỉ đạo / đôn đốc" in body
    assert set(directives.TARGETS) == {
        f"{ct.app_label}.{ct.model}"
        for ct in ContentType.objects.filter(pk__in=directives.target_types())
    }


def test_it_answers_an_anonymous_visitor_with_the_login_page(world: World, task: Task) -> None:
    response = Client().post(reverse("leaders:directive_send"), form(task))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_it_notifies_on_one_line_whatever_the_items_title_holds(
    world: World, task: Task, django_capture_on_commit_callbacks: Any
) -> None:
    Task.objects.filter(pk=task.pk).update(title="Tổ chức đối thoại\r\nBcc: ai@example.org")
    task.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        response = world.client(world.chairman).post(
            reverse("leaders:directive_send"), form(task, to_unit=world.office_a.pk)
        )
    assert response.status_code == 302
    assert mailed_to(world.officer_a)[0].subject == (
        "Đôn đốc: Tổ chức đối thoại Bcc: ai@example.org"
    )


def test_an_items_page_keeps_its_directives_until_one_changes_or_the_day_does(
    world: World, task: Task
) -> None:
    """The block's directives are read once, then shown as written until a directive of the
    commune is sent or answered (a write of another app leaves them kept), and again on the
    next day, when an unanswered one turns late."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from danvan.plans import services as plans

    client = world.client(world.chairman)
    url = task.get_absolute_url()

    def page() -> tuple[str, int]:
        with CaptureQueriesContext(connection) as seen:
            body = client.get(url).content.decode()
        return body, sum('"leaders_directive"' in q["sql"] for q in seen.captured_queries)

    assert page()[0].count("Chưa có chỉ đạo, đôn đốc nào") == 1
    assert page()[1] == 0
    d = send(world, task, to_unit=world.office_a)
    body, read = page()
    assert read == 1 and f'id="chi-dao-{d.pk}"' in body and "Chờ trả lời" in body
    plans.task_update(
        task=task,
        by=world.chairman,
        lead_unit=world.office_a,
        coordinating_units=[world.office_b],
        description="Thêm nội dung.",
    )
    assert page()[1] == 0
    services.directive_answer(directive=d, by=world.officer_a, answer="Đã báo cáo.")
    assert "Đã trả lời, chờ xem xét" in page()[0]
    with time_machine.travel(datetime(2026, 10, 12, 9, tzinfo=TZ), tick=False):
        Directive.objects.filter(pk=d.pk).update(status=Directive.Status.OPEN)
        body, read = page()
    assert read == 1 and "Quá hạn trả lời" in body


def test_the_kept_list_shows_a_directive_sent_and_answered_since(world: World, task: Task) -> None:
    url = reverse("leaders:directives")
    officer = world.client(world.officer_a)
    assert "0 chỉ đạo, đôn đốc" in officer.get(url).content.decode()
    d = send(world, task, to_unit=world.office_a)
    assert "1 chỉ đạo, đôn đốc" in officer.get(url).content.decode()
    answered = 'data-label="Tình trạng">Đã trả lời, chờ người gửi xem xét<'
    assert answered not in officer.get(url).content.decode()
    services.directive_answer(directive=d, by=world.officer_a, answer="Đã báo cáo.")
    assert answered in officer.get(url).content.decode()
