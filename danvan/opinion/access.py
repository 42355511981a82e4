"""Who may see and do what with notes of public opinion (docs/permissions.md, "Dư luận xã hội"):

- the commune's leaders and administrators, and the officers of the office that keeps the
  commune's petition book (Văn phòng HĐND và UBND, Unit.receives_petitions), read every note of
  the commune, note for any unit, edit any note, link petitions and hotspots, mark handled, and
  read the month's summary;
- a village head notes what people say in his village (the note's village and reporting unit
  are his village); the Front, an organisation or an office notes for its own unit; each reads
  and edits (while open) the notes of the units it writes for, and nothing else;
- a read-only member, a province viewer and another commune's people read no note (another
  commune's note answers 404); the province sees the counts in the leaders' overview only.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from danvan.core.access import get_access, get_item
from danvan.core.models import Role, Unit, User
from danvan.opinion.models import OpinionNote

WRITER_ROLES = (Role.OFFICER, Role.FRONT, Role.VILLAGE_HEAD)
WRITER_KINDS = (Unit.Kind.OFFICE, Unit.Kind.FRONT, Unit.Kind.ORGANISATION, Unit.Kind.VILLAGE)


def reads_all(user: User, commune_id: int) -> bool:
    """Leaders, administrators and the office that keeps the petition book."""
    return commune_id in get_access(user).reception_communes


def writing_units(user: User, commune_id: int) -> set[int]:
    """The units of the commune for which the user notes (his village, his organisation…)."""
    return get_access(user).units(*WRITER_ROLES, kinds=WRITER_KINDS, commune_id=commune_id)


def notes(user: User, commune_id: int) -> bool:
    return reads_all(user, commune_id) or bool(writing_units(user, commune_id))


def readable_notes(user: User, commune_id: int) -> QuerySet[OpinionNote]:
    qs = OpinionNote.objects.filter(commune_id=commune_id)
    if reads_all(user, commune_id):
        return qs
    return qs.filter(reporting_unit_id__in=writing_units(user, commune_id))


def reads_note(user: User, note: OpinionNote) -> bool:
    return reads_all(user, note.commune_id) or note.reporting_unit_id in writing_units(
        user, note.commune_id
    )


def edits_note(user: User, note: OpinionNote) -> bool:
    """While the note is open: the office and the leaders, and the reporting unit."""
    if note.handled:
        return False
    return reads_all(user, note.commune_id) or note.reporting_unit_id in writing_units(
        user, note.commune_id
    )


def reporting_choices(user: User, commune_id: int) -> QuerySet[Unit]:
    """The units the user may note for: every unit of the commune for the office and the
    leaders, his own ones for anybody else."""
    units = Unit.objects.filter(commune_id=commune_id, kind__in=WRITER_KINDS, is_active=True)
    if reads_all(user, commune_id):
        return units
    return units.filter(pk__in=writing_units(user, commune_id))


def choices_scope(user: User, commune_id: int) -> str:
    """What reporting_choices and village_choices give the user, named without a query: a
    kept blank form's key."""
    if reads_all(user, commune_id):
        return "all"
    heads = get_access(user).units(
        Role.VILLAGE_HEAD, kinds=[Unit.Kind.VILLAGE], commune_id=commune_id
    )
    return f"{sorted(writing_units(user, commune_id))}|{sorted(heads)}"


def village_choices(user: User, commune_id: int) -> QuerySet[Unit]:
    """The villages a note may be about: a village head's own village only (he notes for it);
    every village of the commune for anybody else."""
    villages = Unit.objects.filter(commune_id=commune_id, kind=Unit.Kind.VILLAGE, is_active=True)
    if reads_all(user, commune_id):
        return villages
    heads = get_access(user).units(
        Role.VILLAGE_HEAD, kinds=[Unit.Kind.VILLAGE], commune_id=commune_id
    )
    return villages.filter(pk__in=heads) if heads else villages


def get_note_for_user(
    request: HttpRequest, pk: int, *, edit: bool = False, manage: bool = False
) -> OpinionNote:
    note = get_item(
        request,
        OpinionNote,
        pk,
        ("commune", "topic", "village", "source_kind", "reporting_unit", "handled_by"),
    )
    user: User = request.user  # type: ignore[assignment]
    if not get_access(user).can_read(note.commune_id):
        raise Http404
    if not reads_note(user, note):
        raise PermissionDenied
    if edit and not edits_note(user, note):
        raise PermissionDenied
    if manage and not reads_all(user, note.commune_id):
        raise PermissionDenied
    return note
