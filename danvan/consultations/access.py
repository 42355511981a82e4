"""Who may do what with consultations (docs/permissions.md, "Lấy ý kiến Nhân dân").

- Every member of the commune and province viewers read its consultations and their comments.
- Leaders and administrators of the commune, and officers of a consultation's lead unit, manage
  it: edit the draft, open and close it, moderate, group and answer comments, publish.
- Officers of the commune's offices create consultations their own unit leads.
- A village head enters the comments gathered in their own village; the Front (and its member
  organisations) enters the comments gathered at its meetings. Neither manages.
- Another commune's consultation answers 404; a role that may not act answers 403.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from danvan.consultations.models import Consultation
from danvan.core.access import get_access
from danvan.core.http import AuthedRequest
from danvan.core.models import Membership, Role, Unit, User

ENTRY_UNIT_KINDS = {Unit.Kind.VILLAGE: Role.VILLAGE_HEAD, Unit.Kind.FRONT: Role.FRONT}


def can_manage(user: User, consultation: Consultation) -> bool:
    access = get_access(user)
    if access.can_manage(consultation.commune_id):
        return True
    return Membership.objects.filter(
        user=user, unit_id=consultation.lead_unit_id, role=Role.OFFICER, unit__is_active=True
    ).exists()


def lead_units_for(user: User, commune: Unit) -> list[Unit]:
    """The units the user may name as lead of a new consultation in `commune`."""
    access = get_access(user)
    units = Unit.objects.filter(commune=commune, is_active=True).exclude(
        kind__in=[Unit.Kind.VILLAGE, Unit.Kind.PROVINCE]
    )
    if not access.can_manage(commune.pk):
        own = Membership.objects.filter(
            user=user, role=Role.OFFICER, unit__commune=commune, unit__is_active=True
        ).values_list("unit_id", flat=True)
        units = units.filter(pk__in=list(own)).exclude(kind=Unit.Kind.COMMUNE)
    return list(units.order_by("kind", "name"))


def creatable_communes(user: User) -> list[Unit]:
    access = get_access(user)
    ids = set(access.managed_communes)
    ids |= {
        cid
        for cid in Membership.objects.filter(
            user=user, role=Role.OFFICER, unit__is_active=True, unit__commune__isnull=False
        )
        .exclude(unit__kind=Unit.Kind.VILLAGE)
        .values_list("unit__commune_id", flat=True)
        if cid is not None
    }
    return list(Unit.objects.filter(pk__in=ids, kind=Unit.Kind.COMMUNE).order_by("name"))


def entry_units(user: User, consultation: Consultation) -> list[Unit]:
    """Units for which the user enters gathered comments without managing: their own village
    (a village head) or their Front organisation. Empty for everyone else."""
    rows = Membership.objects.filter(
        user=user,
        unit__commune_id=consultation.commune_id,
        unit__is_active=True,
        role__in=[Role.VILLAGE_HEAD, Role.FRONT],
    ).select_related("unit")
    units = []
    for m in rows:
        if m.role == Role.VILLAGE_HEAD and m.unit.kind == Unit.Kind.VILLAGE:
            if consultation.in_audience(m.unit):
                units.append(m.unit)
        elif m.role == Role.FRONT and m.unit.kind in (Unit.Kind.FRONT, Unit.Kind.ORGANISATION):
            units.append(m.unit)
    return units


def get_consultation_for_user(
    request: AuthedRequest, pk: int, *, manage: bool = False
) -> Consultation:
    """A consultation the user reads (404 otherwise); `manage` also needs a managing role."""
    consultation = get_object_or_404(
        Consultation.objects.select_related("commune", "lead_unit", "matter"), pk=pk
    )
    if not get_access(request.user).can_read(consultation.commune_id):
        raise Http404
    if manage and not can_manage(request.user, consultation):
        raise PermissionDenied
    return consultation


def commune_for(request: AuthedRequest, raw: str | None) -> Unit:
    """The commune a list page shows: the one asked for (404 if not readable) or the first."""
    access = get_access(request.user)
    ids = sorted(access.readable_communes)
    if not ids:
        raise PermissionDenied
    wanted: int | None
    try:
        wanted = int(raw) if raw else None
    except (ValueError, OverflowError):
        wanted = None
    if raw and wanted is None:
        raise Http404
    if wanted is not None and wanted not in ids:
        raise Http404
    # A member's own commune first; a province viewer or an administrator sees the first one.
    own = Membership.objects.filter(user=request.user, unit__commune_id__in=ids).values_list(
        "unit__commune_id", flat=True
    )
    chosen = wanted or next(iter(own), None) or ids[0]
    return Unit.objects.get(pk=chosen)
