"""Who may see and do what in the disclosure register.

- Every member of a commune (leaders, officers, read-only members, the Front, village heads) and
  the province's viewers read the commune's register: disclosure is public by nature.
- Leaders and administrators manage every disclosure of their commune.
- Officers register disclosures for their own office and post them on every channel; the office
  named responsible keeps the disclosure.
- A village head records the posting at their own village (cultural house, village loudspeaker,
  meeting) with its proof, and only there.
- The Front and read-only members only read. Another commune's record answers 404.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from danvan.core.access import get_access, get_item
from danvan.core.models import Role, Unit, User
from danvan.disclosures.models import Channel, Disclosure, Posting

OFFICES = (Unit.Kind.OFFICE,)


def officer_units(user: User, commune_id: int | None = None) -> list[Unit]:
    """The offices the user registers disclosures for (officers of an office of the commune)."""
    ids = get_access(user).units(Role.OFFICER, kinds=OFFICES, commune_id=commune_id)
    return list(Unit.objects.filter(pk__in=ids).order_by("name")) if ids else []


def own_villages(user: User) -> set[int]:
    return get_access(user).units(Role.VILLAGE_HEAD, kinds=[Unit.Kind.VILLAGE])


def can_register(user: User, commune_id: int) -> bool:
    access = get_access(user)
    return access.can_manage(commune_id) or bool(
        access.units(Role.OFFICER, kinds=OFFICES, commune_id=commune_id)
    )


def can_keep(user: User, disclosure: Disclosure) -> bool:
    """Edit, document, post on any channel, review, withdraw."""
    access = get_access(user)
    return access.can_manage(disclosure.commune_id) or (
        disclosure.responsible_unit_id in access.units(Role.OFFICER, kinds=OFFICES)
    )


def can_record_posting(
    user: User, disclosure: Disclosure, channel: Channel, village: Unit | None
) -> bool:
    """A keeper posts anywhere; a village head only on a village channel of their village."""
    if can_keep(user, disclosure):
        return True
    return (
        channel.village_head_records
        and village is not None
        and village.commune_id == disclosure.commune_id
        and village.pk in own_villages(user)
    )


def get_disclosure_for_user(request: HttpRequest, pk: int, *, keep: bool = False) -> Disclosure:
    user: User = request.user  # type: ignore[assignment]
    disclosure = get_item(request, Disclosure, pk, ("commune", "category", "responsible_unit"))
    if not get_access(user).can_read(disclosure.commune_id):
        raise Http404
    if keep and not can_keep(user, disclosure):
        raise PermissionDenied
    return disclosure


def get_posting_for_user(request: HttpRequest, disclosure: Disclosure, pk: int) -> Posting:
    """A posting of this disclosure that the user may complete (end date, proof)."""
    user: User = request.user  # type: ignore[assignment]
    posting = get_object_or_404(
        Posting.objects.select_related("channel", "village"), pk=pk, disclosure=disclosure
    )
    if not can_record_posting(user, disclosure, posting.channel, posting.village):
        raise PermissionDenied
    return posting
