"""Notifications (issue 12, item 4), core's side: each person's e-mail preference, the daily
digest (`danvan digest`) and the page "Cài đặt thông báo". The apps' events are tested where
the import contracts want them: petitions/tests/test_alerts.py, decisions/tests/test_meeting_alerts.py."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from danvan.conftest import World
from danvan.core.models import Notification, NotificationPreference, User
from danvan.core.notify import DIGEST_DAYS, notify, send_digests

Email = NotificationPreference.Email


def told(title_part: str = "") -> set[str]:
    """Who holds an in-app notification (whose title holds `title_part`)."""
    rows = Notification.objects.filter(title__contains=title_part)
    return set(rows.values_list("user__username", flat=True))


def mailed_to() -> list[str]:
    return sorted(addr for m in mail.outbox for addr in m.to)


def prefer(user: User, choice: str) -> None:
    NotificationPreference.objects.update_or_create(user=user, defaults={"email": choice})


# --- preferences ------------------------------------------------------------------------------


def test_each_preference_decides_the_mail_not_the_in_app_row(world: World) -> None:
    prefer(world.officer_a, Email.DAILY)
    prefer(world.officer_b, Email.NONE)
    mail.outbox.clear()
    assert notify([world.officer_a, world.officer_b, world.chairman], title="Việc mới") == 3
    assert told("Việc mới") == {"officer_a", "officer_b", "chairman"}
    assert mailed_to() == ["chairman@example.org"]  # no preference: at once
    mailed = Notification.objects.filter(mailed_at__isnull=False)
    assert list(mailed.values_list("user__username", flat=True)) == ["chairman"]


def test_a_title_goes_out_on_one_line_and_cut_to_the_column(world: World) -> None:
    mail.outbox.clear()
    notify([world.chairman], title="Đơn số 1/2026:\r\nBcc: x@example.org " + "x" * 300)
    n = Notification.objects.get()
    assert n.title.startswith("Đơn số 1/2026: Bcc: x@example.org x") and len(n.title) == 200
    assert [m.subject for m in mail.outbox] == [n.title]
    assert mail.outbox[0].bcc == [] and n.mailed_at is not None


def test_a_mail_server_outage_leaves_the_row_unmailed(world: World, settings: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens
    assert notify([world.chairman], title="Việc mới") == 1
    assert Notification.objects.get().mailed_at is None


# --- the daily digest -------------------------------------------------------------------------


class _Null:
    def write(self, *args: object) -> None:
        pass

    def flush(self) -> None:
        pass


def test_the_digest_sends_one_mail_per_person_and_marks_its_items(world: World) -> None:
    prefer(world.officer_a, Email.DAILY)
    prefer(world.officer_b, Email.DAILY)
    prefer(world.front, Email.NONE)
    for i in range(3):
        notify([world.officer_a, world.front, world.chairman], title=f"Việc số {i}", url=f"/v/{i}/")
    notify([world.officer_b], title="Việc của VP", body="Hạn 10/03/2026.")
    mail.outbox.clear()
    today = timezone.localdate()
    out = _Capture()
    call_command("digest", "--on", today.isoformat(), "--json", stdout=out)
    assert out.json() == {"on": today.isoformat(), "people": 2, "items": 4, "failed": 0}
    assert mailed_to() == ["officer_a@example.org", "officer_b@example.org"]
    to_a = next(m for m in mail.outbox if m.to == ["officer_a@example.org"])
    assert "3 thông báo" in to_a.subject
    for i in range(3):
        assert f"Việc số {i}" in to_a.body and f"/v/{i}/" in to_a.body
    assert "Việc của VP" not in to_a.body
    assert not Notification.objects.filter(
        user__in=[world.officer_a, world.officer_b], mailed_at__isnull=True
    ).exists()
    # In-app only stays unmailed; the chairman's went out at once, not again in a digest.
    assert Notification.objects.filter(user=world.front, mailed_at__isnull=True).count() == 3
    mail.outbox.clear()
    call_command("digest", "--on", today.isoformat(), stdout=_Null())
    assert mail.outbox == []


def test_the_digest_takes_the_days_up_to_on_and_a_week_back(world: World) -> None:
    prefer(world.officer_a, Email.DAILY)
    notify([world.officer_a], title="Hôm nay")
    notify([world.officer_a], title="Tuần trước nữa")
    notify([world.officer_a], title="Ngày mai")
    now = timezone.now()
    Notification.objects.filter(title="Tuần trước nữa").update(
        created_at=now - timedelta(days=DIGEST_DAYS + 1)
    )
    Notification.objects.filter(title="Ngày mai").update(created_at=now + timedelta(days=1))
    mail.outbox.clear()
    assert send_digests(on=timezone.localdate()) == {"people": 1, "items": 1, "failed": 0}
    assert "Hôm nay" in mail.outbox[0].body
    assert "Ngày mai" not in mail.outbox[0].body and "Tuần trước" not in mail.outbox[0].body


def test_the_digest_skips_people_without_an_address_or_inactive(world: World) -> None:
    prefer(world.officer_a, Email.DAILY)
    prefer(world.officer_b, Email.DAILY)
    notify([world.officer_a, world.officer_b], title="Việc mới")
    User.objects.filter(pk=world.officer_a.pk).update(email="")
    User.objects.filter(pk=world.officer_b.pk).update(is_active=False)
    mail.outbox.clear()
    assert send_digests(on=timezone.localdate())["people"] == 0
    assert mail.outbox == []


def test_the_digest_refuses_a_wrong_day_in_vietnamese(capsys: Any) -> None:
    with pytest.raises(SystemExit) as exit:
        call_command("digest", "--on", "31/12/2026")
    assert exit.value.code == 2
    assert "Ngày không hợp lệ" in capsys.readouterr().err


class _Capture(_Null):
    def __init__(self) -> None:
        self.text = ""

    def write(self, *args: object) -> None:
        self.text += "".join(str(a) for a in args)

    def json(self) -> Any:
        return json.loads(self.text)


# --- the page "Cài đặt thông báo" -------------------------------------------------------------

URL = "/can-bo/thong-bao/cai-dat/"


def test_the_page_is_linked_and_shows_the_current_choice(world: World) -> None:
    assert reverse("core:notification_settings") == URL
    c = world.client(world.officer_a)
    assert URL in c.get(reverse("core:notifications")).content.decode()
    page = c.get(URL)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Cài đặt thông báo" in html and "Gộp thành một e-mail mỗi ngày" in html
    radios = dict(re.findall(r'<input type="radio" name="email" value="([a-z-]+)"([^>]*)>', html))
    assert set(radios) == {"ngay", "hang-ngay", "khong"}
    assert [v for v, attrs in radios.items() if "checked" in attrs] == ["ngay"]
    prefer(world.officer_a, Email.NONE)
    html = c.get(URL).content.decode()
    radios = dict(re.findall(r'<input type="radio" name="email" value="([a-z-]+)"([^>]*)>', html))
    assert [v for v, attrs in radios.items() if "checked" in attrs] == ["khong"]


def test_posting_saves_the_users_own_choice_only(world: World) -> None:
    prefer(world.officer_b, Email.IMMEDIATE)
    c = world.client(world.officer_a)
    r = c.post(
        URL, {"email": "hang-ngay", "user": world.officer_b.pk, "user_id": world.officer_b.pk}
    )
    assert r.status_code == 302 and r["Location"] == URL
    assert NotificationPreference.objects.get(user=world.officer_a).email == Email.DAILY
    assert NotificationPreference.objects.get(user=world.officer_b).email == Email.IMMEDIATE
    assert "Đã lưu cài đặt thông báo" in c.get(URL).content.decode()
    c.post(URL, {"email": "khong"})
    assert NotificationPreference.objects.filter(user=world.officer_a).count() == 1
    assert NotificationPreference.objects.get(user=world.officer_a).email == Email.NONE


@pytest.mark.parametrize(
    "data", [{}, {"email": "weekly"}, {"email": "ngay" * 2000}, {"email": "NGAY"}]
)
def test_bad_input_is_refused_in_vietnamese(world: World, data: dict[str, Any]) -> None:
    r = world.client(world.officer_a).post(URL, data)
    assert r.status_code == 400
    html = r.content.decode()
    assert "Hãy chọn một cách nhận thông báo" in html or "Lựa chọn không hợp lệ" in html
    assert not NotificationPreference.objects.exists()


def test_the_page_needs_the_csrf_token(world: World) -> None:
    c = Client(enforce_csrf_checks=True)
    c.force_login(world.officer_a)
    assert c.post(URL, {"email": "khong"}).status_code == 403
    assert not NotificationPreference.objects.exists()
    assert world.client(world.officer_a).put(URL).status_code == 405
