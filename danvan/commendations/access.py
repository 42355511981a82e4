"""Who may see and do what in commendations (docs/permissions.md, "Khen thưởng"):

- every member of the commune and the province viewers read the register, the decisions (their
  .docx, the certificates) and the proposals: it is internal, there is no portal page;
- the commune's officers, the Front and village heads propose (for their commune, their unit
  proposing), as do the leaders;
- the leaders (and administrators) of the commune and the officers of the office that keeps its
  records (Access.reception_communes) grant or refuse proposals and record decisions;
- read-only members and province viewers never write; another commune's record answers 404.
"""

from __future__ import annotations

from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.http import Http404, HttpRequest

from danvan.commendations.models import Award, Decision, Proposal
from danvan.core.access import MANAGER_ROLES, UNIT_WRITER_ROLES, get_access, get_item
from danvan.core.models import Unit, User

_M = TypeVar("_M", bound=Model)


def reads(user: User, commune_id: int) -> bool:
    return get_access(user).can_read(commune_id)


def decides(user: User, commune_id: int) -> bool:
    """Leaders, administrators and the office (Văn phòng HĐND và UBND) of the commune."""
    return commune_id in get_access(user).reception_communes


def proposing_units(user: User, commune_id: int) -> list[Unit]:
    """The units in whose name the user may propose: his own units of the commune (the commune
    itself for a leader)."""
    ids = get_access(user).units(*UNIT_WRITER_ROLES, *MANAGER_ROLES, commune_id=commune_id)
    return list(Unit.objects.filter(pk__in=ids).order_by("kind", "name"))


def proposes(user: User, commune_id: int) -> bool:
    return bool(get_access(user).units(*UNIT_WRITER_ROLES, *MANAGER_ROLES, commune_id=commune_id))


def _get(
    request: HttpRequest, model: type[_M], pk: int, related: tuple[str, ...], *, decide: bool
) -> _M:
    obj = get_item(request, model, pk, related)
    commune_id: int = obj.commune_id  # type: ignore[attr-defined]
    user: User = request.user  # type: ignore[assignment]
    if not reads(user, commune_id):
        raise Http404
    if decide and not decides(user, commune_id):
        raise PermissionDenied
    return obj


def get_decision_for_user(request: HttpRequest, pk: int, *, decide: bool = False) -> Decision:
    return _get(request, Decision, pk, ("form", "commune"), decide=decide)


def get_proposal_for_user(request: HttpRequest, pk: int, *, decide: bool = False) -> Proposal:
    related = ("form", "commune", "proposing_unit", "recipient_unit", "created_by")
    return _get(request, Proposal, pk, related, decide=decide)


def get_award_for_user(request: HttpRequest, pk: int) -> Award:
    return _get(request, Award, pk, ("decision", "decision__form", "commune"), decide=False)
