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

from danvan.core.access import get_access
from danvan.core.models import Membership, Role, Unit, User
from danvan.decisions.models import CommunityDecision, Meeting, Recognizer


def _roles(user: User) -> set[tuple[str, int, int | None]]:
    """(role, unit id, commune id) of the user's active memberships, once per request."""
    cached: set[tuple[str, int, int | None]] | None = getattr(user, "_danvan_decision_roles", None)
    if cached is None:
        cached = set(
            Membership.objects.filter(user=user, unit__is_active=True).values_list(
                "role", "unit_id", "unit__commune_id"
            )
        )
        user._danvan_decision_roles = cached  # type: ignore[attr-defined]
    return cached


def can_manage(user: User, commune_id: int) -> bool:
    return get_access(user).can_manage(commune_id)


def is_officer(user: User, commune_id: int) -> bool:
    """An officer of one of the commune's offices, or a leader or administrator."""
    return can_manage(user, commune_id) or any(
        role == Role.OFFICER and c == commune_id for role, _u, c in _roles(user)
    )


def heads_village(user: User, village_id: int) -> bool:
    return any(role == Role.VILLAGE_HEAD and u == village_id for role, u, _c in _roles(user))


def headed_villages(user: User, commune_id: int) -> set[int]:
    return {u for role, u, c in _roles(user) if role == Role.VILLAGE_HEAD and c == commune_id}


def is_front(user: User, commune_id: int) -> bool:
    return any(role == Role.FRONT and c == commune_id for role, _u, c in _roles(user))


def can_enter_tally(user: User, meeting: Meeting) -> bool:
    """The village head of the meeting's village; leaders and administrators for any."""
    return can_manage(user, meeting.decision.commune_id) or heads_village(user, meeting.village_id)


def can_schedule(user: User, decision: CommunityDecision) -> bool:
    """Officers for any village of the decision; a village head for his own."""
    if is_officer(user, decision.commune_id):
        return True
    mine = headed_villages(user, decision.commune_id)
    return bool(mine & set(decision.villages.values_list("pk", flat=True)))


def can_recognise(user: User, decision: CommunityDecision) -> bool:
    """The body the law names for the item: the People's Committee (its leaders) or the Front."""
    if decision.item.recognizer == Recognizer.FRONT:
        return is_front(user, decision.commune_id) or get_access(user).is_superuser
    return can_manage(user, decision.commune_id)


def readable_communes(user: User) -> set[int]:
    return get_access(user).readable_communes


def get_decision_for_user(request: HttpRequest, pk: int) -> CommunityDecision:
    """A decision of a commune the user reads (404 otherwise)."""
    user: User = request.user  # type: ignore[assignment]
    decision = get_object_or_404(
        CommunityDecision.objects.select_related("commune", "item", "recognised_by"), pk=pk
    )
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


def commune_for(request: HttpRequest, commune_id: int | None, *, write: bool) -> Unit:
    """The commune a page is about: the one asked for (404 if not readable), else the first the
    user writes for (or reads, for read-only pages); 403 when a write page has none."""
    user: User = request.user  # type: ignore[assignment]
    access = get_access(user)
    if commune_id is not None:
        if not access.can_read(commune_id):
            raise Http404
        if write and not is_officer(user, commune_id):
            raise PermissionDenied
        return get_object_or_404(Unit, pk=commune_id, kind=Unit.Kind.COMMUNE)
    ids = sorted(c for c in access.readable_communes if not write or is_officer(user, c))
    if not ids:
        if write:
            raise PermissionDenied
        raise Http404
    return Unit.objects.get(pk=ids[0])
