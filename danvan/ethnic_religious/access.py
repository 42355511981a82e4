"""Who may see and do what in ethnic and religious work (docs/permissions.md, "Dân tộc, tôn
giáo"):

- the commune's leaders, administrators and its office (the officers of the unit that receives
  petitions, Access.reception_communes) write everything: persons, establishments, contacts,
  events, and see the internal rows;
- the officer assigned to follow a person or an establishment (its `follower`) sees it, internal
  or not, and records its contacts or its events;
- a village head reads the rows of the villages he heads that are not internal;
- every other member of the commune, and a province viewer, reads the rows that are not
  internal;
- a row the user may not see answers 404 and is never counted in a list he sees; another
  commune's row answers 404.
"""

from __future__ import annotations

from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest

from danvan.core.access import get_access, get_item
from danvan.core.models import Role, Unit, User
from danvan.ethnic_religious.models import Establishment, Event, Followed, KeyPerson

F = TypeVar("F", KeyPerson, Establishment)


def writes(user: User, commune_id: int) -> bool:
    """Leaders, administrators and the office of the commune."""
    return commune_id in get_access(user).reception_communes


def village_only(user: User, commune_id: int) -> set[int] | None:
    """The villages a user who is only a village head in the commune heads; None for anyone
    who reads the whole commune (a member in another seat, a province viewer)."""
    access = get_access(user)
    seats = [s for s in access.seats if s.commune_id == commune_id]
    if seats and all(s.role == Role.VILLAGE_HEAD for s in seats):
        return access.units(Role.VILLAGE_HEAD, kinds=[Unit.Kind.VILLAGE], commune_id=commune_id)
    return None


def visible(qs: QuerySet[F], user: User, commune_id: int) -> QuerySet[F]:
    """The persons or establishments of a commune the user sees (none of another commune's)."""
    qs = qs.filter(commune_id=commune_id)
    if not get_access(user).can_read(commune_id):
        return qs.none()
    if writes(user, commune_id):
        return qs
    shown = Q(internal=False)
    villages = village_only(user, commune_id)
    if villages is not None:
        shown &= Q(village_id__in=villages)
    return qs.filter(shown | Q(follower_id=user.pk))


def sees(user: User, row: Followed) -> bool:
    commune_id = row.commune_id
    if not get_access(user).can_read(commune_id):
        return False
    if writes(user, commune_id) or row.follower_id == user.pk:
        return True
    if row.internal:
        return False
    villages = village_only(user, commune_id)
    return villages is None or row.village_id in villages


def records(user: User, row: Followed) -> bool:
    """Records contacts (a person) or events (an establishment): the office and the follower."""
    return writes(user, row.commune_id) or row.follower_id == user.pk


def shows_phone(user: User, row: KeyPerson) -> bool:
    """A person's phone: to those who record for him, not to every reader."""
    return records(user, row)


def _get(
    request: HttpRequest,
    model: type[F],
    pk: int,
    related: tuple[str, ...],
    *,
    record: bool,
    write: bool,
) -> F:
    row = get_item(request, model, pk, related)
    user: User = request.user  # type: ignore[assignment]
    if not sees(user, row):
        raise Http404
    if write and not writes(user, row.commune_id):
        raise PermissionDenied
    if record and not records(user, row):
        raise PermissionDenied
    return row


def get_person_for_user(
    request: HttpRequest, pk: int, *, record: bool = False, write: bool = False
) -> KeyPerson:
    related = ("village", "ethnic_group", "standing", "follower", "commune")
    return _get(request, KeyPerson, pk, related, record=record, write=write)


def get_establishment_for_user(
    request: HttpRequest, pk: int, *, record: bool = False, write: bool = False
) -> Establishment:
    related = ("village", "kind", "religion", "follower", "commune")
    return _get(request, Establishment, pk, related, record=record, write=write)


def get_event_for_user(request: HttpRequest, pk: int) -> Event:
    """An event to edit: the office's or the follower's of its establishment."""
    event = get_item(request, Event, pk, ("establishment",))
    get_establishment_for_user(request, event.establishment_id, record=True)
    return event
