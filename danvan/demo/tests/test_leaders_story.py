"""The demo's leaders' loop (issue 12): `danvan load-demo` on an empty database leaves a
conclusion waiting for the chairman's signature, a late chase of his to Phòng VH-XH about one of
its overdue duties, and a meeting called in the village head's village; each person finds his
part on "Việc của tôi", and the chairman's signature gives the answer letter."""

from __future__ import annotations

from datetime import date, datetime
from io import StringIO
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client

from danvan.core.models import Notification, User
from danvan.decisions.models import Meeting
from danvan.demo.leaders_story import CHASE_TEXT, MEETING_TITLE, PROPOSED_SUBJECT
from danvan.leaders.models import Directive
from danvan.petitions.models import Petition
from danvan.plans.models import Task, TaskStatus

TODAY = date(2026, 12, 5)
MY_WORK = "/can-bo/dieu-hanh/viec-cua-toi/"


def _client(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


@pytest.mark.django_db
@time_machine.travel(datetime(2026, 12, 5, 9, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")), tick=False)
def test_load_demo_plays_the_leaders_loop(django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):  # notices go out after the commit
        call_command("load-demo", stdout=StringIO())

    p = Petition.objects.get(subject=PROPOSED_SUBJECT)
    assert (p.status, p.handler.username, p.step) == ("proposed", "vhxh", "giai-quyet")
    assert p.due_on is not None and p.due_on > TODAY
    chairman = _client("chutich")
    body = chairman.get(MY_WORK).content.decode()
    assert PROPOSED_SUBJECT in body and "Ký duyệt kết quả giải quyết" in body

    d = Directive.objects.get(text=CHASE_TEXT)
    assert Directive.objects.late_on(TODAY).filter(pk=d.pk).exists()
    assert d.to_unit is not None and d.to_unit.name == "Phòng Văn hóa - Xã hội"
    task = Task.objects.with_status(TODAY).get(pk=d.target_id)
    assert (task.lead_unit_id, task.status_code) == (d.to_unit.pk, TaskStatus.OVERDUE)
    officer = _client("vhxh")
    assert d.get_absolute_url() in officer.get(MY_WORK).content.decode()
    assert Notification.objects.filter(user__username="vhxh", url=d.get_absolute_url()).exists()

    meeting = Meeting.objects.get(decision__title=MEETING_TITLE)
    assert meeting.village.name == "Thôn Đoàn Kết" and meeting.held_on > TODAY
    assert MEETING_TITLE in _client("truongthon").get(MY_WORK).content.decode()
    assert Notification.objects.filter(user__username="truongthon", title__contains="họp").exists()

    # The chairman signs; the case closes and the answer letter is his.
    response = chairman.post(
        f"/can-bo/don-thu/{p.pk}/ky-duyet/", {"kd-signed_on": TODAY.isoformat()}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    p.refresh_from_db()
    assert (p.status, p.signed_off_by.username) == ("resolved", "chutich")
    letter = chairman.get(f"/can-bo/don-thu/{p.pk}/van-ban-tra-loi.docx")
    assert letter.status_code == 200
    assert letter["Content-Type"].startswith("application/vnd.openxmlformats")
