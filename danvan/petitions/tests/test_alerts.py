"""Notifications of petitions (issue 12, item 4): a petition arriving at the desk (the portal,
intake by another channel), assigned, about to fall due; a denunciation's notices name nobody."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import date, timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from danvan.conftest import World, _user
from danvan.core.models import Notification, NotificationPreference, Role, Unit, User
from danvan.petitions import services as petitions
from danvan.petitions.models import Petition, PetitionKind
from danvan.petitions.reminders import send_petition_reminders

Email = NotificationPreference.Email
Capture = Callable[..., AbstractContextManager[Any]]

NAME = "Lường Thị Thắm"
PHONE = "0912 345 678"
IDENTITY = {"name": NAME, "address": "Số 7, ngõ 12, thôn Khau Ngù", "phone": PHONE}


def told(title_part: str = "") -> set[str]:
    """Who holds an in-app notification (whose title holds `title_part`)."""
    rows = Notification.objects.filter(title__contains=title_part)
    return set(rows.values_list("user__username", flat=True))


def mailed_to() -> list[str]:
    return sorted(addr for m in mail.outbox for addr in m.to)


def prefer(user: User, choice: str) -> None:
    NotificationPreference.objects.update_or_create(user=user, defaults={"email": choice})


class _Null:
    def write(self, *args: object) -> None:
        pass

    def flush(self) -> None:
        pass


@pytest.fixture
def desk(world: World) -> User:
    """A second officer of the reception office (officer_b is the first)."""
    return _user("desk2", world.office_b, Role.OFFICER)


@pytest.fixture
def other_desk(world: World) -> User:
    """An officer of the other commune's reception office: never told of Hồng Phong's cases."""
    Unit.objects.filter(pk=world.other_office.pk).update(receives_petitions=True)
    return world.outsider


@pytest.fixture
def commit(
    django_capture_on_commit_callbacks: Capture,
) -> Callable[[], AbstractContextManager[Any]]:
    """`with commit():` runs what the block leaves for after the commit, as a request would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def receive(world: World, by: User | None, **extra: Any) -> Petition:
    fields: dict[str, Any] = {
        "commune": world.commune,
        "by": by,
        "channel": Petition.Channel.PORTAL if by is None else Petition.Channel.IN_PERSON,
        "kind": PetitionKind.RECOMMENDATION,
        "subject": "Kiến nghị sửa đường liên thôn",
        "content": "Đường liên thôn Đoàn Kết xuống cấp.",
        "received_on": date(2026, 3, 2),
        "identity": {"name": "Hoàng Văn Nam"},
    }
    fields.update(extra)
    return petitions.petition_receive(**fields)


# --- a petition arrives at the desk -----------------------------------------------------------


def test_a_portal_petition_tells_the_communes_desk_only(
    world: World, desk: User, other_desk: User, django_capture_on_commit_callbacks: Capture
) -> None:
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        p = receive(world, by=None)
    assert told() == {"officer_b", "desk2"}
    n = Notification.objects.get(user=desk)
    assert n.title.startswith("Đơn mới đến") and p.code in n.title
    assert n.url == p.get_absolute_url()
    assert mailed_to() == ["desk2@example.org", "officer_b@example.org"]


def test_intake_tells_the_desk_but_not_the_officer_who_took_it_in(
    world: World, desk: User, other_desk: User, commit: Callable[[], AbstractContextManager[Any]]
) -> None:
    with commit():
        receive(world, by=world.officer_b)
    assert told() == {"desk2"}


def test_nothing_is_told_of_a_petition_that_was_not_saved(
    world: World, desk: User, django_capture_on_commit_callbacks: Capture
) -> None:
    def fail(p: Petition) -> None:
        raise RuntimeError("the portal's attachments could not be filed")

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        receive(world, by=None, then=fail)
    assert Notification.objects.count() == 0


# --- a petition is assigned -------------------------------------------------------------------


def test_assignment_tells_the_handler_and_the_units_officers(
    world: World, desk: User, commit: Callable[[], AbstractContextManager[Any]]
) -> None:
    colleague = _user("officer_a2", world.office_a, Role.OFFICER)
    with commit():
        p = receive(world, by=world.officer_b)
    Notification.objects.all().delete()
    with commit():
        petitions.petition_assign(
            petition=p, by=world.chairman, handler=world.officer_a, unit=world.office_a
        )
    assert told("Đơn được giao") == {"officer_a", colleague.username}
    # Not the reader of the unit, the desk, the leader who assigned it, another commune.
    assert Notification.objects.exclude(title__contains="Đơn được giao").count() == 0


def test_one_who_takes_a_case_himself_is_not_told(
    world: World, commit: Callable[[], AbstractContextManager[Any]]
) -> None:
    with commit():
        p = receive(world, by=world.officer_b)
    Notification.objects.all().delete()
    with commit():
        petitions.petition_assign(
            petition=p, by=world.officer_b, handler=world.officer_b, unit=world.office_b
        )
    assert told() == set()


def test_the_handler_is_told_a_case_is_about_to_fall_due(
    world: World, commit: Callable[[], AbstractContextManager[Any]]
) -> None:
    with commit():
        p = receive(world, by=world.officer_b)
    with commit():
        petitions.petition_assign(
            petition=p, by=world.chairman, handler=world.officer_a, unit=world.office_a
        )
    Notification.objects.all().delete()
    p.refresh_from_db()
    assert p.due_on is not None
    with commit():
        send_petition_reminders(today=p.due_on - timedelta(days=1))
    assert told("Sắp đến hạn") == {"officer_a"}


# --- a denunciation's notices name nobody -----------------------------------------------------


def test_a_denunciations_notices_carry_no_identity(
    world: World, desk: User, commit: Callable[[], AbstractContextManager[Any]]
) -> None:
    prefer(desk, Email.DAILY)
    mail.outbox.clear()
    with commit():
        p = receive(
            world,
            by=world.officer_b,
            kind=PetitionKind.DENUNCIATION,
            subject=f"Tố cáo cán bộ địa chính, người báo tin {NAME} {PHONE}",
            identity=IDENTITY,
        )
    # A letter stored before intake knew a variant still holds it: the notice strikes it again.
    Petition.objects.filter(pk=p.pk).update(subject=f"Tố cáo cán bộ địa chính, bà Thắm {PHONE}")
    p.refresh_from_db()
    with commit():
        petitions.petition_assign(
            petition=p, by=world.chairman, handler=world.officer_a, unit=world.office_a
        )
    call_command("digest", "--on", timezone.localdate().isoformat(), stdout=_Null())
    assert told("Đơn mới đến") == {"desk2"} and told("Đơn được giao") == {"officer_a"}
    texts = [f"{n.title} {n.body}" for n in Notification.objects.all()]
    texts += [f"{m.subject} {m.body}" for m in mail.outbox]
    assert len(mail.outbox) == 2  # officer_a's at once, then desk2's digest
    for text in texts:
        assert p.code in text
        for trace in ("Thắm", "Thị Thắm", "345 678", "0912", "Khau Ngù"):
            assert trace not in text, text
