"""Who may see and do what with promises. Rules (docs/permissions.md, "Cam kết, lời hứa"):

- everyone who reads the commune reads its promises (leaders, officers, read-only members, the
  Front, village heads, province viewers): what the commune owes the people is no secret inside;
- the owner unit's officers (Access.can_write_for) and the commune's leaders and administrators
  (Access.can_manage) report the outcome;
- leaders, administrators and the office (the officers of the unit that receives petitions,
  Văn phòng HĐND và UBND, which keeps the commune's records: core.access.reception_communes)
  decide what is shown on the portal (with a reason when not);
- another commune's promise answers 404.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from danvan.core.access import get_access, get_item
from danvan.core.models import User
from danvan.promises.models import Promise


def can_report(user: User, promise: Promise) -> bool:
    access = get_access(user)
    return access.can_write_for(promise.owner_unit_id) or access.can_manage(promise.commune_id)


def can_set_public(user: User, promise: Promise) -> bool:
    return promise.commune_id in get_access(user).reception_communes


def get_promise_for_user(
    request: HttpRequest, pk: int, *, report: bool = False, manage: bool = False
) -> Promise:
    """The promise if the user reads its commune (404 otherwise); 403 when `report` or `manage`
    asks for a right the user does not hold."""
    promise = get_item(request, Promise, pk, ("commune", "owner_unit", "village", "task"))
    user = request.user
    if not get_access(user).can_read(promise.commune_id):
        raise Http404
    if report and not can_report(user, promise):  # type: ignore[arg-type]
        raise PermissionDenied
    if manage and not can_set_public(user, promise):  # type: ignore[arg-type]
        raise PermissionDenied
    return promise
