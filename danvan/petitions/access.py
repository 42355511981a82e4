"""Who sees petitions: they carry personal data, so fewer people than plans.

- the commune's leaders and administrators: every petition of the commune;
- officers of the office that receives petitions (Unit.receives_petitions): every petition;
- officers of the unit a petition is assigned to, and its handler: that petition;
- nobody else — read-only members, the Front, village heads and province viewers see the
  statistics only (petitions.selectors), never a petition.
A denouncer's identity is further restricted to IdentityGrant holders (services.identity_reveal).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from danvan.core.access import get_access
from danvan.core.models import Membership, Role, Unit, User
from danvan.petitions.models import Petition, PetitionQuerySet


def reception_communes(user: User) -> set[int]:
    """Communes whose whole petition book the user reads (computed once per request's user:
    the menu asks twice on every staff page, and petition views ask again)."""
    cached: set[int] | None = getattr(user, "_danvan_reception", None)
    if cached is not None:
        return cached
    access = get_access(user)
    if access.is_superuser:
        communes = set(access.readable_communes)
    else:
        desk = Membership.objects.filter(
            user=user, role=Role.OFFICER, unit__receives_petitions=True, unit__is_active=True
        ).values_list("unit__commune_id", flat=True)
        communes = set(access.managed_communes) | {c for c in desk if c}
    user._danvan_reception = communes  # type: ignore[attr-defined]
    return communes


def petitions_for(user: User) -> PetitionQuerySet:
    access = get_access(user)
    whole = reception_communes(user)
    mine = Q(handler=user) | Q(handling_unit_id__in=access.writable_units)
    return Petition.objects.filter(Q(commune_id__in=whole) | mine)


def can_work_on_petitions(user: User) -> bool:
    """Those who keep the book or may be given cases (leaders, officers): the Front, village
    heads and read-only members see statistics only. The menu and the list ask the same."""
    if reception_communes(user):
        return True
    return Membership.objects.filter(
        user=user, role__in=(Role.LEADER, Role.OFFICER), unit__is_active=True
    ).exists()


def get_petition_for_user(request: HttpRequest, pk: int, *, write: bool = False) -> Petition:
    """A petition the user may see (404 otherwise); `write` also needs a role that writes."""
    user: User = request.user  # type: ignore[assignment]
    petition = get_object_or_404(
        petitions_for(user).select_related("commune", "village", "handler", "handling_unit"), pk=pk
    )
    if write and not can_write(user, petition):
        raise PermissionDenied
    return petition


def can_write(user: User, petition: Petition) -> bool:
    """Whether the user acts on a petition they can see: the book's keepers and leaders, its
    handler, and officers of its handling unit."""
    access = get_access(user)
    return (
        access.is_superuser
        or petition.commune_id in reception_communes(user)
        or petition.handler_id == user.pk
        or access.can_write_for(petition.handling_unit_id)
    )


def reception_commune_for(request: HttpRequest, commune_id: int | None = None) -> Unit:
    user: User = request.user  # type: ignore[assignment]
    ids = sorted(reception_communes(user))
    if not ids:
        raise PermissionDenied
    cid = commune_id if commune_id in ids else ids[0]
    if commune_id is not None and commune_id not in ids:
        raise Http404
    return Unit.objects.get(pk=cid)
