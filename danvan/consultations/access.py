"""Who may do what with consultations (docs/permissions.md, "Lấy ý kiến Nhân dân").

- Every member of the commune and province viewers read its consultations and their comments.
- Leaders and administrators of the commune, and officers of a consultation's lead unit, manage
  it: edit the draft, open and close it, moderate, group and answer comments, publish.
- Officers of the commune's offices create consultations their own unit leads.
- A village head enters the comments gathered in their own village; the Front (and its member
  organisations) enters the comments gathered at its meetings. Neither manages.
- Another commune's consultation answers 404; a role that may not act answers 403.

Each function asks the user's `core.access.Access`; none reads memberships itself.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from danvan.consultations.models import Consultation
from danvan.core.access import get_access, get_item
from danvan.core.http import AuthedRequest
from danvan.core.models import Role, Unit, User

# Who enters gathered comments without managing, and from which kinds of unit.
ENTRY_ROLES = {
    Role.VILLAGE_HEAD: (Unit.Kind.VILLAGE,),
    Role.FRONT: (Unit.Kind.FRONT, Unit.Kind.ORGANISATION),
}
# An officer of any unit of the commune but a village may lead a consultation.
LEAD_KINDS = [k for k in Unit.Kind.values if k != Unit.Kind.VILLAGE]


def can_manage(user: User, consultation: Consultation) -> bool:
    access = get_access(user)
    return access.can_manage(consultation.commune_id) or access.holds(
        Role.OFFICER, unit_id=consultation.lead_unit_id
    )


def lead_units_for(user: User, commune: Unit) -> list[Unit]:
    """The units the user may name as lead of a new consultation in `commune`."""
    access = get_access(user)
    units = Unit.objects.filter(commune=commune, is_active=True).exclude(
        kind__in=[Unit.Kind.VILLAGE, Unit.Kind.PROVINCE]
    )
    if not access.can_manage(commune.pk):
        own = access.units(Role.OFFICER, commune_id=commune.pk)
        units = units.filter(pk__in=own).exclude(kind=Unit.Kind.COMMUNE)
    return list(units.order_by("kind", "name"))


def creatable_communes(user: User) -> list[Unit]:
    access = get_access(user)
    ids = access.managed_communes | access.communes(Role.OFFICER, kinds=LEAD_KINDS)
    return list(Unit.objects.filter(pk__in=ids, kind=Unit.Kind.COMMUNE).order_by("name"))


def entry_units(user: User, consultation: Consultation) -> list[Unit]:
    """Units for which the user enters gathered comments without managing: their own village
    (a village head) or their Front organisation. Empty for everyone else."""
    access = get_access(user)
    ids = set().union(
        *(
            access.units(role, kinds=kinds, commune_id=consultation.commune_id)
            for role, kinds in ENTRY_ROLES.items()
        )
    )
    if not ids:
        return []
    return [
        u
        for u in Unit.objects.filter(pk__in=ids).order_by("pk")
        if u.kind != Unit.Kind.VILLAGE or consultation.in_audience(u)
    ]


def get_consultation_for_user(
    request: AuthedRequest, pk: int, *, manage: bool = False
) -> Consultation:
    """A consultation the user reads (404 otherwise); `manage` also needs a managing role."""
    consultation = get_item(request, Consultation, pk, ("commune", "lead_unit", "matter"))
    if not get_access(request.user).can_read(consultation.commune_id):
        raise Http404
    if manage and not can_manage(request.user, consultation):
        raise PermissionDenied
    return consultation
