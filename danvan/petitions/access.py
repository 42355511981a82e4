"""Who sees petitions: they carry personal data, so fewer people than plans.

- the commune's leaders and administrators: every petition of the commune;
- officers of the office that receives petitions (Unit.receives_petitions): every petition;
- officers of the unit a petition is assigned to, and its handler: that petition;
- nobody else — read-only members, the Front, village heads and province viewers see the
  statistics only (petitions.selectors), never a petition.
A denouncer's identity is further restricted to IdentityGrant holders (`can_read_identity`),
and only a leader of the commune grants it (`can_grant_identity`).

Every answer comes from the user's memberships read once per request (core.access.get_access).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q
from django.http import Http404, HttpRequest

from danvan.core.access import commune_for, commune_id_for, get_access, get_item
from danvan.core.http import int_param
from danvan.core.models import Role, Unit, User
from danvan.petitions.models import Petition, PetitionKind, PetitionQuerySet

M = TypeVar("M", bound=Model)


def assigned_to(user: User) -> Q:
    """The cases given to the user or to a unit the user writes for."""
    return Q(handler=user) | Q(handling_unit_id__in=get_access(user).writable_units)


def petitions_for(user: User) -> PetitionQuerySet:
    """Every petition the user may open (the rule at the top of this module)."""
    whole = get_access(user).reception_communes
    return Petition.objects.filter(Q(commune_id__in=whole) | assigned_to(user))


def can_work_on_petitions(user: User) -> bool:
    """Those who keep the book or may be given cases (leaders, officers): the Front, village
    heads and read-only members see statistics only. The menu and the list ask the same."""
    access = get_access(user)
    return bool(access.reception_communes or access.units(Role.LEADER, Role.OFFICER))


def kept_communes(request: HttpRequest) -> set[int]:
    """Communes whose petition book and reception register the user keeps or reads as a leader
    (403 for anybody else)."""
    communes = get_access(request.user).reception_communes
    if not communes:
        raise PermissionDenied
    return communes


def kept_or_404(request: HttpRequest, model: type[M], pk: int, related: Sequence[str] = ()) -> M:
    """A reception day or a line of the register of a commune whose register the user keeps
    (403 for one who keeps none, 404 for another commune's)."""
    communes = kept_communes(request)
    row = get_item(request, model, pk, related)
    if row.commune_id not in communes:  # type: ignore[attr-defined]
        raise Http404
    return row


def commune_choices(ids: set[int]) -> list[Unit]:
    """The communes of a page's picker, by name; none when there is only one to pick from."""
    return list(Unit.objects.filter(pk__in=ids).order_by("name")) if len(ids) > 1 else []


def get_petition_for_user(request: HttpRequest, pk: int, *, write: bool = False) -> Petition:
    """A petition the user may see (404 otherwise); `write` also needs a role that writes."""
    user: User = request.user  # type: ignore[assignment]
    petition = get_item(request, Petition, pk, ("commune", "village", "handler", "handling_unit"))
    if not sees(user, petition):
        raise Http404("No Petition matches the given query.")  # get_object_or_404's
    if write and not can_write(user, petition):
        raise PermissionDenied
    return petition


def sees(user: User, petition: Petition) -> bool:
    """petitions_for's rule on one petition already read: a page that reads a case by its key
    checks it so, rather than asking the database with the rule's OR of three conditions."""
    access = get_access(user)
    return (
        petition.commune_id in access.reception_communes
        or (petition.handler_id is not None and petition.handler_id == user.pk)
        or (
            petition.handling_unit_id is not None
            and petition.handling_unit_id in access.writable_units
        )
    )


def can_write(user: User, petition: Petition) -> bool:
    """Whether the user acts on a petition they can see: the book's keepers and leaders, its
    handler, and officers of its handling unit."""
    access = get_access(user)
    return (
        petition.commune_id in access.reception_communes
        or petition.handler_id == user.pk
        or access.can_write_for(petition.handling_unit_id)
    )


def can_sign_off(user: User, petition: Petition) -> bool:
    """A leader of the petition's commune (the chairman, a vice-chairman): who signs the
    conclusion or decision that closes an accepted case, or sends the handler's draft back: the
    handler drafts, the commune's head signs (the commune's own rule of work, not a rule of law
    the product encodes). A system administrator does not."""
    return get_access(user).holds(Role.LEADER, commune_id=petition.commune_id)


def can_read_identity(user: User, petition: Petition) -> bool:
    """Whether the user may see who sent a petition they can open. Any other petition names
    its sender on the case; a denouncer is protected (Luật Tố cáo 2018, Điều 8 khoản 3): only a
    holder of an IdentityGrant on this case sees who denounced — its handler, and whoever a
    leader named; neither a leader without a grant nor a system administrator. The reveal
    (services.identity_reveal), the notices addressed to the denouncer and a denunciation's
    attached files (Petition.readable_by) all ask this."""
    return (
        petition.kind != PetitionKind.DENUNCIATION
        or petition.identity_grants.filter(user=user).exists()
    )


def can_grant_identity(user: User, petition: Petition) -> bool:
    """A leader of the petition's commune: the head who grants the right (Điều 8 khoản 3) and
    reads who looked; a system administrator does not, so who runs the system does not see."""
    return get_access(user).holds(Role.LEADER, commune_id=petition.commune_id)


def reception_commune_for(request: HttpRequest, wanted: str | None = None) -> Unit:
    """The commune whose book or register a page shows (`?xa=`): one the user keeps.

    403 for a user who keeps none; 404 for any other commune asked for — even one the user
    reads (the permission matrix): the book of a commune one does not keep is not offered at all.
    Text that is no number shows the default commune, as before the kit.
    """
    among = kept_communes(request)
    cid = int_param(wanted)
    if cid is not None and cid not in among:
        raise Http404
    return commune_for(request, cid, among=among)


def reception_commune_id(request: HttpRequest, wanted: str | None = None) -> int:
    """The id of the commune `reception_commune_for` picks, with the same 403 and 404, without
    reading the commune: for a page that only filters by it (the book's list)."""
    among = kept_communes(request)
    cid = int_param(wanted)
    if cid is not None and cid not in among:
        raise Http404
    return commune_id_for(request, cid, among=among)
