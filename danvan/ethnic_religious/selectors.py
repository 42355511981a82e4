"""Reads of the ethnic and religious pages: the two lists with their filters, the calendar. Each
starts from access.visible, so an internal row the reader may not see is neither shown nor
counted."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Max, QuerySet

from danvan.core.models import User
from danvan.ethnic_religious.access import visible
from danvan.ethnic_religious.models import Establishment, Event, KeyPerson
from danvan.lib.text import fold


@dataclass(frozen=True)
class Filters:
    village: int | None = None
    group: int | None = None  # an ethnic group (persons) or a religion (establishments)
    status: str = ""
    q: str = ""


def persons(user: User, commune_id: int, f: Filters) -> QuerySet[KeyPerson]:
    qs = visible(KeyPerson.objects.all(), user, commune_id)
    if f.village is not None:
        qs = qs.filter(village_id=f.village)
    if f.group is not None:
        qs = qs.filter(ethnic_group_id=f.group)
    if f.status in KeyPerson.Status.values:
        qs = qs.filter(status=f.status)
    if words := fold(f.q):
        qs = qs.filter(search__contains=words)
    return (
        qs.select_related("village", "ethnic_group", "standing", "follower")
        .annotate(last_contact=Max("contacts__on"))
        .order_by("full_name", "pk")
    )


def establishments(user: User, commune_id: int, f: Filters) -> QuerySet[Establishment]:
    qs = visible(Establishment.objects.all(), user, commune_id)
    if f.village is not None:
        qs = qs.filter(village_id=f.village)
    if f.group is not None:
        qs = qs.filter(religion_id=f.group)
    if f.status in Establishment.Legal.values:
        qs = qs.filter(legal_status=f.status)
    if words := fold(f.q):
        qs = qs.filter(search__contains=words)
    return qs.select_related("village", "kind", "religion", "follower").order_by("name", "pk")


def calendar(
    user: User, commune_id: int, year: int, today: date
) -> tuple[list[Event], list[Event]]:
    """The year's events of the establishments the user sees: those to come (soonest first),
    then those held (latest first)."""
    seen = visible(Establishment.objects.all(), user, commune_id)
    events = list(
        Event.objects.filter(establishment__in=seen, on__year=year)
        .select_related("establishment", "establishment__village")
        .order_by("on", "pk")
    )
    coming = [e for e in events if e.on >= today]
    held = [e for e in events if e.on < today][::-1]
    return coming, held
