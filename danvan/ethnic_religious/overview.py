"""Ethnic and religious work's part of the leaders' overview (core.figures; the hook `overview`
in apps.py).

The items are the contacts made with respected persons: each comes and is done on its day, so
the part counts the contacts of the period; no law sets a time for them, so nothing is late and
there is no rate (the note says so). Its own numbers: the events held in the period (by their
day), the persons followed (recognised, at the reference day), those without a contact in the
reference day's year, and the establishments. Counts only, no name: an internal row counts as
one like any other. A village's slice is its persons, their contacts and its establishments; a
unit's slice means nothing here.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Q
from django.urls import reverse

from danvan.core.figures import Clock, Period, section
from danvan.ethnic_religious.models import Contact, Establishment, Event, KeyPerson

CLOCK = Clock(came="on", done="on", due=None)


def figures(
    *,
    communes: list[int],
    start: date,
    end: date,
    on: date,
    units: list[int] | None = None,
    villages: list[int] | None = None,
    viewer: Any = None,
    detail: bool = True,
) -> dict[str, dict[str, Any]]:
    if units is not None:
        return {}
    period = Period(start, end, on)
    ref = period.ref
    place = Q(commune_id__in=communes)
    if villages is not None:
        place &= Q(village_id__in=villages)
    persons = KeyPerson.objects.filter(place, recognised_year__lte=ref.year).filter(
        Q(status=KeyPerson.Status.ACTIVE) | Q(ended_on__gt=ref)
    )
    contacts = Contact.objects.filter(commune_id__in=communes)
    events = Event.objects.filter(commune_id__in=communes, on__gte=start, on__lte=ref)
    establishments = Establishment.objects.filter(place)
    if villages is not None:
        contacts = contacts.filter(person__village_id__in=villages)
        events = events.filter(establishment__village_id__in=villages)
    part = section(
        contacts,
        CLOCK,
        period,
        label="Dân tộc, tôn giáo",
        noun="lần tiếp xúc người có uy tín",
        url=reverse("ethnic_religious:index"),
        note="Không có thời hạn pháp định: đếm số lần tiếp xúc người có uy tín trong kỳ.",
        detail=detail,
    )
    contacted = Contact.objects.filter(on__year=ref.year, on__lte=ref).values("person_id")
    part["extra"] += [
        {"key": "events", "label": "Sự kiện, lễ hội đã diễn ra", "value": events.count()},
        {"key": "persons", "label": "Người có uy tín đang theo dõi", "value": persons.count()},
        {
            "key": "not_contacted",
            "label": f"Người có uy tín chưa được tiếp xúc năm {ref.year}",
            "value": persons.exclude(pk__in=contacted).count(),
        },
        {
            "key": "establishments",
            "label": "Cơ sở tôn giáo, tín ngưỡng",
            "value": establishments.count(),
        },
    ]
    return {"ethnic_religious": part}
