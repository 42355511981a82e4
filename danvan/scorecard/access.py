"""Who may see and do what in the self-assessment (docs/permissions.md, "Tự đánh giá"):

- the commune's leaders, administrators and the officers of its office (Access.reception_communes)
  start the year's assessment, score it and submit it;
- a leader or an administrator reopens a submitted one, with a reason;
- every member of the commune reads its assessments, drafts included;
- a province viewer reads the submitted assessments of his province's communes (never a
  draft) and compares them, year by year;
- another commune's assessment answers 404.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from danvan.core.access import get_access, get_item
from danvan.scorecard.models import Assessment


def is_member(user: Any, commune_id: int) -> bool:
    return commune_id in get_access(user).communes()


def scores(user: Any, commune_id: int) -> bool:
    return commune_id in get_access(user).reception_communes


def reopens(user: Any, commune_id: int) -> bool:
    return get_access(user).can_manage(commune_id)


def compares(user: Any) -> bool:
    return bool(get_access(user).province_communes)


def reads(user: Any, assessment: Assessment) -> bool:
    if is_member(user, assessment.commune_id):
        return True
    return assessment.submitted and assessment.commune_id in get_access(user).province_communes


def get_assessment_for_user(
    request: HttpRequest, pk: int, *, score: bool = False, reopen: bool = False
) -> Assessment:
    assessment = get_item(request, Assessment, pk, ("commune", "scorecard"))
    user = request.user
    if not get_access(user).can_read(assessment.commune_id):
        raise Http404
    if not reads(user, assessment):
        raise PermissionDenied
    if score and not scores(user, assessment.commune_id):
        raise PermissionDenied
    if reopen and not reopens(user, assessment.commune_id):
        raise PermissionDenied
    return assessment
