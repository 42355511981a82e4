"""Who may see and do what in council questioning. Rules (docs/permissions.md, "Chất vấn"):

- every member of the commune and province viewers read sessions, questions, answers, pledges
  and the reports on pledges (a council session is public; so is what was asked and promised);
- the leaders, administrators and the office (officers of the unit that keeps the commune's
  records of the council and the committee: Văn phòng HĐND và UBND, the unit marked
  `receives_petitions`) record sessions, questions, answers given at the session and pledges;
- the respondent unit's officers (those who write for it) record its written answers and file
  its report on pledges; the office and the leaders may record them too;
- another commune's record answers 404, an action the role does not allow 403.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from danvan.core.access import get_access, get_item
from danvan.core.http import AuthedRequest
from danvan.core.models import User
from danvan.questioning.models import CouncilSession, Question


def keeps_sessions(user: User, commune_id: int | None) -> bool:
    """Leaders and administrators of the commune, and officers of its office."""
    return commune_id in get_access(user).reception_communes


def answers_for(user: User, question: Question) -> bool:
    """Whoever writes for the respondent unit, or keeps the commune's sessions."""
    return get_access(user).can_write_for(question.respondent_unit_id) or keeps_sessions(
        user, question.commune_id
    )


def reports_for(user: User, commune_id: int, unit_id: int) -> bool:
    """Who files a respondent's report on its pledges: as for its written answers."""
    return get_access(user).can_write_for(unit_id) or keeps_sessions(user, commune_id)


def get_session_for_user(request: AuthedRequest, pk: int, *, keep: bool = False) -> CouncilSession:
    session = get_item(request, CouncilSession, pk, ("commune",))
    if not get_access(request.user).can_read(session.commune_id):
        raise Http404
    if keep and not keeps_sessions(request.user, session.commune_id):
        raise PermissionDenied
    return session


def get_question_for_user(
    request: AuthedRequest, pk: int, *, keep: bool = False, answer: bool = False
) -> Question:
    question = get_item(request, Question, pk, ("session", "respondent_unit", "village", "commune"))
    if not get_access(request.user).can_read(question.commune_id):
        raise Http404
    if keep and not keeps_sessions(request.user, question.commune_id):
        raise PermissionDenied
    if answer and not answers_for(request.user, question):
        raise PermissionDenied
    return question
