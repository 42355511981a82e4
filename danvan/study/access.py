"""Who may see and do what with study and outreach sessions (docs/permissions.md, "Học tập,
tuyên truyền"):

- the commune's leaders, administrators and the office that receives petitions (Văn phòng HĐND
  và UBND: `Access.reception_communes`) plan any session of the commune and record it (held,
  cancelled, attendance of every unit, materials);
- an officer of an office, the Front or an organisation (Role OFFICER or FRONT) plans the
  sessions his unit organises and records them; the organiser records every unit's attendance;
- every member of the commune and a province viewer read the sessions, their attendance and
  the summary (nothing in them is personal);
- another commune's session answers 404.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from danvan.core.access import get_access, get_item
from danvan.core.models import Role, Unit, User
from danvan.study.models import StudySession

ORGANISER_KINDS = (Unit.Kind.OFFICE, Unit.Kind.FRONT, Unit.Kind.ORGANISATION)


def manages(user: User, commune_id: int) -> bool:
    return commune_id in get_access(user).reception_communes


def _own_units(user: User, commune_id: int) -> set[int]:
    return get_access(user).units(
        Role.OFFICER, Role.FRONT, kinds=ORGANISER_KINDS, commune_id=commune_id
    )


def organisers(user: User, commune_id: int) -> QuerySet[Unit]:
    """The units whose sessions the user plans and records (every one for a manager)."""
    units = Unit.objects.filter(commune_id=commune_id, kind__in=ORGANISER_KINDS, is_active=True)
    if not manages(user, commune_id):
        units = units.filter(pk__in=_own_units(user, commune_id))
    return units.order_by("kind", "name")


def organisers_scope(user: User, commune_id: int) -> str:
    """What organisers gives the user, named without a query: a kept form's key."""
    return "all" if manages(user, commune_id) else str(sorted(_own_units(user, commune_id)))


def plans_sessions(user: User, commune_id: int) -> bool:
    return manages(user, commune_id) or bool(_own_units(user, commune_id))


def records(user: User, session: StudySession) -> bool:
    commune_id = session.commune_id
    return manages(user, commune_id) or session.organiser_id in _own_units(user, commune_id)


def get_session_for_user(request: HttpRequest, pk: int, *, record: bool = False) -> StudySession:
    session = get_item(request, StudySession, pk, ("commune", "organiser", "village", "created_by"))
    user: User = request.user  # type: ignore[assignment]
    if not get_access(user).can_read(session.commune_id):
        raise Http404
    if record and not records(user, session):
        raise PermissionDenied
    return session
