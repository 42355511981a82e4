"""Who may see and do what in inspections. Rules (docs/permissions.md, "Kiểm tra"):

- the commune's leaders, its administrators and the officers of its office (the unit that
  receives petitions, Văn phòng HĐND và UBND, which keeps the inspections) manage: plans,
  inspections, findings, conclusions, remedies, re-checks, commendations and sanctions;
- they, the Front of the commune (read-only: it supervises public duty) and province viewers
  read every inspection;
- the members of the inspected unit, and of a unit that owes one of its remedies, read that
  inspection; they report on their remedies on the promise's page (promises app);
- every other member of the commune (another office, a village head, a read-only member of
  another unit) reads what the portal shows: concluded inspections that are public;
- commendations and sanctions are read only by those who manage and by province viewers, and
  never shown on the portal;
- another commune's record answers 404.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest

from danvan.core.access import get_access, get_item
from danvan.core.models import Role
from danvan.inspections.models import Inspection, InspectionPlan, Remedy


def manages(user: Any, commune_id: int | None) -> bool:
    """Leaders, administrators and the office's officers (core.access.reception_communes)."""
    return commune_id in get_access(user).reception_communes


def decides_publication(user: Any, commune_id: int | None) -> bool:
    """Leaders and administrators decide what stays off the portal once concluded, as they do
    for every promise (promises.access.can_set_public)."""
    return get_access(user).can_manage(commune_id)


def reads_all(user: Any, commune_id: int | None) -> bool:
    access = get_access(user)
    return (
        commune_id in access.reception_communes
        or commune_id in access.province_communes
        or bool(access.units(Role.FRONT, commune_id=commune_id))
    )


def reads_measures(user: Any, commune_id: int | None) -> bool:
    access = get_access(user)
    return commune_id in access.reception_communes or commune_id in access.province_communes


def readable_inspections(user: Any, commune_id: int) -> QuerySet[Inspection]:
    """The inspections of the commune the user reads (the commune itself is checked before)."""
    qs = Inspection.objects.filter(commune_id=commune_id)
    if reads_all(user, commune_id):
        return qs
    units = get_access(user).units(commune_id=commune_id)
    owed = Remedy.objects.filter(commune_id=commune_id, owner_unit_id__in=units).values(
        "inspection_id"
    )
    return qs.filter(
        Q(public=True, concluded_on__isnull=False) | Q(inspected_unit_id__in=units) | Q(pk__in=owed)
    )


def reads_inspection(user: Any, inspection: Inspection) -> bool:
    if not get_access(user).can_read(inspection.commune_id):
        return False
    return readable_inspections(user, inspection.commune_id).filter(pk=inspection.pk).exists()


def get_inspection_for_user(request: HttpRequest, pk: int, *, manage: bool = False) -> Inspection:
    """The inspection, 404 for another commune's, 403 for one the user may not read (or, with
    `manage`, may not manage)."""
    inspection = get_item(
        request, Inspection, pk, ("commune", "inspected_unit", "subject_kind", "plan")
    )
    if not get_access(request.user).can_read(inspection.commune_id):
        raise Http404
    if manage:
        if not manages(request.user, inspection.commune_id):
            raise PermissionDenied
    elif not reads_inspection(request.user, inspection):
        raise PermissionDenied
    return inspection


def get_plan_for_user(request: HttpRequest, pk: int, *, manage: bool = False) -> InspectionPlan:
    plan = get_item(request, InspectionPlan, pk, ("commune",))
    if not get_access(request.user).can_read(plan.commune_id):
        raise Http404
    may = manages if manage else reads_all
    if not may(request.user, plan.commune_id):
        raise PermissionDenied
    return plan
