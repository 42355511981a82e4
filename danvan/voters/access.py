"""Who may see and do what with voter meetings and recommendations (docs/permissions.md,
"Kiến nghị cử tri"):

- every member of the commune and province viewers read meetings and recommendations, but a
  village head (with no other seat in the commune) reads only those of his villages;
- the Front of the commune records meetings and their recommendations, and so do those who keep
  them (below);
- the keepers — the commune's leaders and administrators, and officers of its office (the unit
  that receives petitions: Văn phòng HĐND và UBND) — classify, assign to a unit, forward, record
  a forwarded answer and publish;
- the unit given a recommendation answers through its promise (danvan.promises);
- another commune's record answers 404.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from danvan.core.access import get_access, get_item
from danvan.core.models import Role, Unit, User
from danvan.voters.models import VoterMeeting, VoterRecommendation


def keeps(user: User, commune_id: int) -> bool:
    """Leaders, administrators and the office of the commune."""
    return commune_id in get_access(user).reception_communes


def records(user: User, commune_id: int) -> bool:
    """The Front of the commune, or a keeper."""
    access = get_access(user)
    return keeps(user, commune_id) or bool(
        access.units(Role.FRONT, kinds=[Unit.Kind.FRONT], commune_id=commune_id)
    )


def village_scope(user: User, commune_id: int) -> set[int] | None:
    """The villages a reader is narrowed to: a village head's, when heading villages is all he
    does in the commune; None for whoever reads the whole commune."""
    access = get_access(user)
    if commune_id in access.province_communes:
        return None
    seats = [s for s in access.seats if s.commune_id == commune_id]
    if seats and all(s.role == Role.VILLAGE_HEAD for s in seats):
        return {s.unit_id for s in seats}
    return None


def sees_meeting(user: User, meeting: VoterMeeting) -> bool:
    scope = village_scope(user, meeting.commune_id)  # type: ignore[arg-type]
    if scope is None:
        return True
    return bool(scope & {v.pk for v in meeting.villages.all()}) or (
        meeting.recommendations.filter(village_id__in=scope).exists()
    )


def sees_recommendation(user: User, rec: VoterRecommendation) -> bool:
    scope = village_scope(user, rec.commune_id)  # type: ignore[arg-type]
    return scope is None or rec.village_id in scope


def get_meeting_for_user(
    request: HttpRequest, pk: int, *, record: bool = False, keep: bool = False
) -> VoterMeeting:
    meeting = get_item(request, VoterMeeting, pk, ("commune", "chaired_by"))
    user = request.user
    if not get_access(user).can_read(meeting.commune_id) or not sees_meeting(user, meeting):  # type: ignore[arg-type]
        raise Http404
    if record and not records(user, meeting.commune_id):  # type: ignore[arg-type]
        raise PermissionDenied
    if keep and not keeps(user, meeting.commune_id):  # type: ignore[arg-type]
        raise PermissionDenied
    return meeting


def get_recommendation_for_user(
    request: HttpRequest, pk: int, *, keep: bool = False, record: bool = False
) -> VoterRecommendation:
    rec = get_item(
        request, VoterRecommendation, pk, ("meeting", "commune", "village", "owner_unit", "promise")
    )
    user = request.user
    if not get_access(user).can_read(rec.commune_id) or not sees_recommendation(user, rec):  # type: ignore[arg-type]
        raise Http404
    if keep and not keeps(user, rec.commune_id):  # type: ignore[arg-type]
        raise PermissionDenied
    if record and not records(user, rec.commune_id):  # type: ignore[arg-type]
        raise PermissionDenied
    return rec
