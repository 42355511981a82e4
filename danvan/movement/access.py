"""Who may see and do what in the "Dân vận khéo" movement (docs/permissions.md, "Dân vận khéo"):

- whoever reads the commune (its members, a province viewer) reads the register, each practice,
  its follow-ups, reviews and files;
- a unit registers for itself: a village head for his village, an office's officer for his
  office, the Front and the organisations for theirs; the commune's leaders and administrators
  for any unit of the commune;
- the registrant unit (its writers) and the leaders add follow-ups with evidence;
- the scorers are the leaders and the officers of the commune's offices (the culture office,
  Phòng Văn hóa - Xã hội, advises on the movement, but no flag marks it among the offices, and
  a commune may give the work to another office: every office's officer may score); each
  scores once per practice, and may score again until it is decided; they also choose what
  the portal's gallery shows and record replications;
- the leaders recognise (or not), propose upward and award;
- another commune's record answers 404; a role that may not, 403.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from danvan.core.access import get_access, get_item
from danvan.core.models import Role, Unit, User
from danvan.movement.models import Practice

REGISTRANT_KINDS = (
    Unit.Kind.VILLAGE,
    Unit.Kind.OFFICE,
    Unit.Kind.FRONT,
    Unit.Kind.ORGANISATION,
)


def reads(user: User, commune_id: int) -> bool:
    return get_access(user).can_read(commune_id)


def leads(user: User, commune_id: int) -> bool:
    return get_access(user).can_manage(commune_id)


def scores(user: User, commune_id: int) -> bool:
    """Leaders and the officers of the commune's offices."""
    access = get_access(user)
    return access.can_manage(commune_id) or bool(
        access.units(Role.OFFICER, kinds=[Unit.Kind.OFFICE], commune_id=commune_id)
    )


def registrant_units(user: User, commune_id: int) -> list[Unit]:
    """The units for which the user registers a practice."""
    qs = Unit.objects.filter(commune_id=commune_id, kind__in=REGISTRANT_KINDS, is_active=True)
    if not leads(user, commune_id):
        mine = get_access(user).units(
            Role.OFFICER, Role.FRONT, Role.VILLAGE_HEAD, commune_id=commune_id
        )
        qs = qs.filter(pk__in=mine)
    return list(qs.order_by("kind", "name"))


def registers(user: User, commune_id: int) -> bool:
    return bool(registrant_units(user, commune_id))


def follows(user: User, practice: Practice) -> bool:
    """The registrant unit's writers and the leaders."""
    return leads(user, practice.commune_id) or get_access(user).can_write_for(
        practice.registrant_id
    )


def replicates(user: User, practice: Practice) -> bool:
    return follows(user, practice) or scores(user, practice.commune_id)


def get_practice_for_user(request: HttpRequest, pk: int) -> Practice:
    practice = get_item(
        request,
        Practice,
        pk,
        ("commune", "field", "village", "registrant", "level", "award__decision__form"),
    )
    if not reads(request.user, practice.commune_id):  # type: ignore[arg-type]
        raise Http404
    return practice


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied
