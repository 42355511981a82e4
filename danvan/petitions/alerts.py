"""Who is told, in the app and by e-mail (core.notify), when a petition arrives at the desk or
is assigned; services call these after the commit (`transaction.on_commit`), so that a notice
never announces a case rolled back. The reminders before and after a due date are in
petitions.reminders.

A notice leaves the system by e-mail: its title quotes the petition's summary struck of a
denunciation's identity (petitions.redaction) before it is cut short, as reminders do, and the
body holds the kind, the channel and the due date only, never the letter."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet

from danvan.core.access import members
from danvan.core.models import Role, User
from danvan.core.notify import notify
from danvan.petitions.models import Petition
from danvan.petitions.redaction import Redactor


def _what(p: Petition) -> str:
    summary = Redactor(strict=False).load([p])(p, p.subject)
    return f"đơn số {p.code}: {summary[:150]}"


def _body(p: Petition) -> str:
    due = f" Hạn xử lý: {p.due_on:%d/%m/%Y}." if p.due_on else ""
    return f"{p.get_kind_display()}, tiếp nhận qua {p.get_channel_display().lower()}.{due}"


def _others(people: Iterable[User], by: User | None) -> list[User]:
    return [u for u in people if by is None or u.pk != by.pk]


def desk(p: Petition) -> QuerySet[User]:
    """The officers of the commune's office that receives petitions."""
    return members(Role.OFFICER, commune_id=p.commune_id, receives_petitions=True)


def received(p: Petition, by: User | None) -> int:
    """A petition arrived (the portal, or intake by another channel): the desk is told, but
    not the officer who took it in."""
    return notify(
        _others(desk(p), by),
        title=f"Đơn mới đến – {_what(p)}",
        body=_body(p),
        url=p.get_absolute_url(),
    )


def assigned(p: Petition, by: User) -> int:
    """A petition was given to a handler in a unit: the handler and the unit's officers are
    told, but not whoever assigned it."""
    assert p.handler is not None and p.handling_unit is not None
    people = [p.handler, *members(Role.OFFICER, unit_id=p.handling_unit_id)]
    return notify(
        _others(people, by),
        title=f"Đơn được giao cho {p.handler} ({p.handling_unit.label}) – {_what(p)}",
        body=_body(p),
        url=p.get_absolute_url(),
    )
