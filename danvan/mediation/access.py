"""Who may see and do what in grassroots mediation (docs/permissions.md, "Hòa giải ở cơ sở"):

- the commune's leaders, administrators and officers of its offices (the justice officer, công
  chức tư pháp - hộ tịch, is one) manage everything: teams, mediators, cases and their steps,
  linking a petition, the ledger;
- the Front of the commune (it organises the teams) keeps the teams and their mediators and
  reads the cases;
- a village head records the cases of his village's team (create, start, outcome, agreement
  kept) and reads them; nobody else's;
- every member of the commune reads the teams and the figures; a read-only member reads no case
  (the parties' names are personal data);
- a province viewer reads the figures only: no team page, no case, no name;
- another commune's record answers 404.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from danvan.core.access import get_access, get_item
from danvan.core.models import Role, Unit, User
from danvan.mediation.models import MediationCase, MediationTeam


def manages(user: User, commune_id: int) -> bool:
    """Leaders, administrators and the officers of the commune's offices."""
    access = get_access(user)
    return access.can_manage(commune_id) or bool(
        access.units(Role.OFFICER, kinds=[Unit.Kind.OFFICE], commune_id=commune_id)
    )


def is_front(user: User, commune_id: int) -> bool:
    return bool(get_access(user).units(Role.FRONT, kinds=[Unit.Kind.FRONT], commune_id=commune_id))


def keeps_teams(user: User, commune_id: int) -> bool:
    return manages(user, commune_id) or is_front(user, commune_id)


def headed_villages(user: User, commune_id: int) -> set[int]:
    return get_access(user).units(
        Role.VILLAGE_HEAD, kinds=[Unit.Kind.VILLAGE], commune_id=commune_id
    )


def reads_teams(user: User, commune_id: int) -> bool:
    """A member of the commune itself (a province seat reads the figures only)."""
    return commune_id in get_access(user).communes()


def reads_all_cases(user: User, commune_id: int) -> bool:
    return manages(user, commune_id) or is_front(user, commune_id)


def reads_any_case(user: User, commune_id: int) -> bool:
    return reads_all_cases(user, commune_id) or bool(headed_villages(user, commune_id))


def readable_teams(user: User, commune_id: int) -> QuerySet[MediationTeam]:
    """The teams whose cases the user reads."""
    teams = MediationTeam.objects.filter(commune_id=commune_id)
    if reads_all_cases(user, commune_id):
        return teams
    return teams.filter(village_id__in=headed_villages(user, commune_id))


def recording_teams(user: User, commune_id: int) -> QuerySet[MediationTeam]:
    """The teams for which the user records cases."""
    teams = MediationTeam.objects.filter(commune_id=commune_id)
    if manages(user, commune_id):
        return teams
    return teams.filter(village_id__in=headed_villages(user, commune_id))


def records_for(user: User, team: MediationTeam) -> bool:
    """recording_teams' rule on one team already read."""
    return manages(user, team.commune_id) or team.village_id in headed_villages(
        user, team.commune_id
    )


def reads_case(user: User, case: MediationCase) -> bool:
    commune_id = case.commune_id
    if reads_all_cases(user, commune_id):
        return True
    return case.team.village_id in headed_villages(user, commune_id)


def records_case(user: User, case: MediationCase) -> bool:
    commune_id = case.commune_id
    if manages(user, commune_id):
        return True
    return case.team.village_id in headed_villages(user, commune_id)


def get_team_for_user(request: HttpRequest, pk: int, *, keep: bool = False) -> MediationTeam:
    team = get_item(request, MediationTeam, pk, ("village", "commune"))
    commune_id = team.commune_id
    if not get_access(request.user).can_read(commune_id):
        raise Http404
    if not reads_teams(request.user, commune_id):  # type: ignore[arg-type]
        raise PermissionDenied
    if keep and not keeps_teams(request.user, commune_id):  # type: ignore[arg-type]
        raise PermissionDenied
    return team


def get_case_for_user(
    request: HttpRequest, pk: int, *, record: bool = False, manage: bool = False
) -> MediationCase:
    case = get_item(request, MediationCase, pk, ("team", "team__village", "matter", "commune"))
    user: User = request.user  # type: ignore[assignment]
    if not get_access(user).can_read(case.commune_id):
        raise Http404
    if not reads_case(user, case):
        raise PermissionDenied
    if record and not records_case(user, case):
        raise PermissionDenied
    if manage and not manages(user, case.commune_id):
        raise PermissionDenied
    return case
