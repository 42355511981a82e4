"""Who may do what with matters villagers decide (docs/permissions.md, "Dân bàn và quyết định").

- Every member of the commune and province viewers read; another commune's record is a 404.
- Leaders and administrators manage: proposals, meetings, households, tallies, sending the
  record, and recognising what the law gives the People's Committee.
- Officers of the commune's offices create proposals and meetings, keep the households and send
  the record; they do not enter tallies nor recognise.
- A village head schedules the meetings of HIS village and enters its tally, nothing else.
- The Front reads, and recognises only the items the law gives it (MatterItem.recognizer).
- Read-only members and province viewers never write.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from danvan.core import access as core_access
from danvan.core.access import get_access, get_item
from danvan.core.models import Role, Unit, User
from danvan.decisions.models import CommunityDecision, Meeting, Recognizer


def can_manage(user: User, commune_id: int) -> bool:
    return get_access(user).can_manage(commune_id)


def officer_communes(user: User) -> set[int]:
    """Communes where the user is an officer of an office, a leader or an administrator."""
    a = get_access(user)
    return a.managed_communes | a.communes(Role.OFFICER)


def is_officer(user: User, commune_id: int) -> bool:
    """An officer of one of the commune's offices, or a leader or administrator."""
    return can_manage(user, commune_id) or get_access(user).holds(
        Role.OFFICER, commune_id=commune_id
    )


def heads_village(user: User, village_id: int) -> bool:
    return get_access(user).holds(Role.VILLAGE_HEAD, unit_id=village_id)


def headed_villages(user: User, commune_id: int) -> set[int]:
    return get_access(user).units(Role.VILLAGE_HEAD, commune_id=commune_id)


def is_front(user: User, commune_id: int) -> bool:
    return get_access(user).holds(Role.FRONT, commune_id=commune_id)


def can_enter_tally(user: User, meeting: Meeting) -> bool:
    """The village head of the meeting's village; leaders and administrators for any."""
    return can_manage(user, meeting.decision.commune_id) or heads_village(user, meeting.village_id)


def can_schedule(user: User, decision: CommunityDecision) -> bool:
    """Officers for any village of the decision; a village head for his own."""
    if is_officer(user, decision.commune_id):
        return True
    mine = headed_villages(user, decision.commune_id)
    return bool(mine & set(decision.villages.values_list("pk", flat=True)))


def can_send(user: User, decision: CommunityDecision) -> bool:
    """Sending the record is the commune's officers' (NĐ 59/2023, Điều 3 khoản 5)."""
    return is_officer(user, decision.commune_id)


def can_recognise(user: User, decision: CommunityDecision) -> bool:
    """The body the law names for the item: the People's Committee (its leaders) or the Front."""
    if decision.item.recognizer == Recognizer.FRONT:
        return is_front(user, decision.commune_id)
    return can_manage(user, decision.commune_id)


def get_decision_for_user(request: HttpRequest, pk: int) -> CommunityDecision:
    """A decision of a commune the user reads (404 otherwise)."""
    user: User = request.user  # type: ignore[assignment]
    decision = get_item(request, CommunityDecision, pk, ("commune", "item"))
    if not get_access(user).can_read(decision.commune_id):
        raise Http404
    return decision


def get_meeting_for_user(request: HttpRequest, pk: int, *, tally: bool = False) -> Meeting:
    user: User = request.user  # type: ignore[assignment]
    meeting = get_object_or_404(
        Meeting.objects.select_related(
            "decision", "decision__commune", "decision__item", "village"
        ),
        pk=pk,
    )
    if not get_access(user).can_read(meeting.decision.commune_id):
        raise Http404
    if tally and not can_enter_tally(user, meeting):
        raise PermissionDenied
    return meeting


def commune_for(request: HttpRequest, wanted: str | None, *, write: bool) -> Unit:
    """The commune a page is about (core.access.commune_for): the one asked for (404 if not
    readable), else the user's own; a write page only among the communes the user writes for
    (403 when none). A read page of a user who reads no commune stays a 404, as it always was."""
    user: User = request.user  # type: ignore[assignment]
    if write:
        return core_access.commune_for(request, wanted, among=officer_communes(user))
    if not get_access(user).has_any:
        raise Http404
    return core_access.commune_for(request, wanted)
