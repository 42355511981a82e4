"""Who keeps and who reads the one-stop register (core.access decides the seats).

- Officers of the commune's one-stop centre (a unit marked `Unit.one_stop`) import files,
  map columns and record apology slips.
- The centre's other members (read-only) and the commune's leaders and administrators read.
- Nobody else: not other offices, villages, the Front, nor a province viewer (the register
  holds citizens' dossier codes; the province has its own one-stop system).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from danvan.core.access import Access, Seat, get_access
from danvan.core.http import AuthedRequest
from danvan.core.models import Role
from danvan.onestop.models import Dossier


def centre_seats(access: Access) -> list[Seat]:
    """The user's seats in a one-stop centre (read with the memberships, core.access)."""
    return [s for s in access.seats if s.one_stop and s.commune_id is not None]


def write_communes(access: Access) -> set[int]:
    return {s.commune_id for s in centre_seats(access) if s.role == Role.OFFICER}  # type: ignore[misc]


def read_communes(access: Access) -> set[int]:
    return set(access.managed_communes) | {s.commune_id for s in centre_seats(access)}  # type: ignore[misc]


def can_write(access: Access, commune_id: int | None) -> bool:
    return commune_id in write_communes(access)


def can_read(access: Access, commune_id: int | None) -> bool:
    return commune_id in read_communes(access)


def get_dossier_for_user(request: AuthedRequest, pk: int, *, write: bool = False) -> Dossier:
    """The dossier, if the user may read it (or write, with `write`): 404 outside the user's
    communes, 403 inside them without the right."""
    dossier = Dossier.objects.filter(pk=pk).first()
    access = get_access(request.user)
    if dossier is None or not access.can_read(dossier.commune_id):
        raise Http404
    allowed = can_write if write else can_read
    if not allowed(access, dossier.commune_id):
        raise PermissionDenied
    return dossier
