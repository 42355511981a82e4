"""Every write of study and outreach sessions: validated, in a transaction, audited, DomainError
in Vietnamese."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone

from danvan.core.audit import log_action
from danvan.core.errors import DomainError, save_valid
from danvan.core.fields import check_day
from danvan.core.models import Attachment, Unit, User
from danvan.core.uploads import attachment_create
from danvan.lib.text import fold
from danvan.plans.models import LegalDocument
from danvan.study.access import ORGANISER_KINDS
from danvan.study.models import Attendance, StudySession

Status = StudySession.Status

# The fields an officer types (create and edit), in the order the history lists them.
EDITABLE = (
    "title",
    "kind",
    "audience",
    "organiser",
    "presenter",
    "place",
    "planned_on",
    "village",
    "note",
)


@dataclass(frozen=True)
class AttendanceRow:
    unit: Unit
    expected: int | None
    present: int | None
    absent_reasons: str = ""


def _search_text(session: StudySession, documents: Sequence[LegalDocument]) -> str:
    parts = [session.title, session.presenter, session.place, *(str(d) for d in documents)]
    parts += [d.title for d in documents]
    return fold(" ".join(p for p in parts if p))


def _check(commune: Unit, organiser: Unit, village: Unit | None, planned_on: date) -> None:
    if organiser.commune_id != commune.pk or organiser.kind not in ORGANISER_KINDS:
        raise DomainError("Đơn vị tổ chức phải là cơ quan, Mặt trận hoặc đoàn thể của xã này.")
    if village is not None and (
        village.commune_id != commune.pk or village.kind != Unit.Kind.VILLAGE
    ):
        raise DomainError("Chọn một thôn, tổ dân phố của xã này.")
    check_day(planned_on, "Ngày dự kiến")


def _shown(value: Any) -> Any:
    if isinstance(value, Unit):
        return value.name
    return value


@transaction.atomic
def session_create(
    *,
    commune: Unit,
    by: User,
    title: str,
    kind: str,
    audience: str,
    organiser: Unit,
    place: str,
    planned_on: date,
    presenter: str = "",
    documents: Sequence[LegalDocument] = (),
    village: Unit | None = None,
    note: str = "",
) -> StudySession:
    """A session planned for a day, teaching documents of the shared register."""
    _check(commune, organiser, village, planned_on)
    documents = list(documents)
    session = StudySession(
        commune=commune,
        created_by=by,
        title=title,
        kind=kind,
        audience=audience,
        organiser=organiser,
        presenter=presenter,
        place=place,
        planned_on=planned_on,
        village=village,
        note=note,
    )
    session.search_text = _search_text(session, documents)
    session.documents_count = len(documents)
    save_valid(session)
    session.documents.set(documents)
    log_action(
        session,
        "study.created",
        by=by,
        changes={
            "kind": session.get_kind_display(),
            "organiser": organiser.name,
            "planned_on": planned_on,
            "documents": "; ".join(str(d) for d in documents),
        },
    )
    return session


def _locked(session: StudySession) -> StudySession:
    return StudySession.objects.select_for_update().get(pk=session.pk)


@transaction.atomic
def session_update(
    *,
    session: StudySession,
    by: User,
    documents: Sequence[LegalDocument] = (),
    **fields: Any,
) -> StudySession:
    """Correct what was typed; a cancelled session is closed."""
    session = _locked(session)
    if session.status == Status.CANCELLED:
        raise DomainError("Buổi này đã hủy: không sửa được nữa.")
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    _check(
        session.commune,
        fields.get("organiser", session.organiser),
        fields.get("village", session.village),
        fields.get("planned_on", session.planned_on),
    )
    changes: dict[str, Any] = {}
    for name, value in fields.items():
        before = getattr(session, name)
        if before != value:
            changes[name] = [_shown(before), _shown(value)]
            setattr(session, name, value)
    documents = list(documents)
    old_docs = {d.pk: d for d in session.documents.all()}
    if set(old_docs) != {d.pk for d in documents}:
        changes["documents"] = [
            "; ".join(str(d) for d in old_docs.values()),
            "; ".join(str(d) for d in documents),
        ]
        session.documents.set(documents)
    if not changes:
        raise DomainError("Không có thay đổi nào để lưu.")
    session.search_text = _search_text(session, documents)
    session.documents_count = len(documents)
    save_valid(session)
    log_action(session, "study.updated", by=by, changes=changes)
    return session


@transaction.atomic
def session_mark_held(*, session: StudySession, by: User, held_on: date) -> StudySession:
    """The session took place on `held_on` (not after today); attendance is recorded next."""
    session = _locked(session)
    if session.status != Status.PLANNED:
        raise DomainError(f"Buổi này {session.get_status_display().lower()}.")
    check_day(held_on, "Ngày tổ chức", past=True)
    session.status, session.held_on = Status.HELD, held_on
    save_valid(session)
    log_action(
        session,
        "study.held",
        by=by,
        changes={"held_on": held_on, "on_time": held_on <= session.planned_on},
    )
    return session


@transaction.atomic
def session_cancel(*, session: StudySession, by: User, reason: str) -> StudySession:
    session = _locked(session)
    if session.status != Status.PLANNED:
        raise DomainError(f"Buổi này {session.get_status_display().lower()}: không hủy được.")
    if not reason.strip():
        raise DomainError("Ghi lý do hủy buổi.")
    session.status = Status.CANCELLED
    session.cancelled_on = timezone.localdate()
    session.cancel_reason = reason.strip()
    save_valid(session)
    log_action(session, "study.cancelled", by=by, changes={"cancel_reason": session.cancel_reason})
    return session


def attendance_units(session: StudySession) -> list[Unit]:
    """The rows of the attendance form: the commune's offices, Front and organisations, the
    session's village, and any unit that already has a row."""
    return list(
        Unit.objects.filter(
            Q(commune_id=session.commune_id, kind__in=ORGANISER_KINDS, is_active=True)
            | Q(pk=session.village_id)
            | Q(pk__in=session.attendances.values("unit_id"))
        ).order_by("kind", "name")
    )


@transaction.atomic
def attendance_record(
    *, session: StudySession, by: User, rows: Sequence[AttendanceRow]
) -> StudySession:
    """Replace the session's attendance by `rows` (a row without numbers is no row). A unit's
    present is at most its called number; a village at a session for villagers may give only
    the number present."""
    session = _locked(session)
    if session.status != Status.HELD:
        raise DomainError("Ghi điểm danh sau khi đã ghi buổi này đã tổ chức.")
    kept: list[Attendance] = []
    for row in rows:
        if row.unit.commune_id != session.commune_id:
            raise DomainError("Đơn vị không thuộc xã của buổi này.")
        if row.expected is None and row.present is None:
            continue
        if row.present is None:
            raise DomainError(f"{row.unit.name}: nhập số có mặt.")
        if row.expected is None and row.unit.kind != Unit.Kind.VILLAGE:
            raise DomainError(f"{row.unit.name}: nhập số được triệu tập.")
        if row.expected is not None and row.present > row.expected:
            raise DomainError(
                f"{row.unit.name}: số có mặt ({row.present}) không được lớn hơn số được "
                f"triệu tập ({row.expected})."
            )
        kept.append(
            Attendance(
                session=session,
                unit=row.unit,
                expected=row.expected,
                present=row.present,
                absent_reasons=row.absent_reasons,
            )
        )
    if not kept:
        raise DomainError("Nhập số có mặt của ít nhất một đơn vị.")
    before = (session.present_total, session.expected_total)
    session.attendances.all().delete()
    Attendance.objects.bulk_create(kept)
    totals = session.attendances.aggregate(
        n_present=Sum("present"),
        n_counted=Sum("present", filter=Q(expected__isnull=False)),
        n_expected=Sum("expected"),
    )
    session.present_total = totals["n_present"] or 0
    session.counted_present = totals["n_counted"] or 0
    session.expected_total = totals["n_expected"] or 0
    session.save(update_fields=["present_total", "counted_present", "expected_total"])
    log_action(
        session,
        "study.attendance",
        by=by,
        changes={
            "present_total": [before[0], session.present_total],
            "expected_total": [before[1], session.expected_total],
            "units": len(kept),
        },
    )
    return session


@transaction.atomic
def materials_add(*, session: StudySession, by: User, uploads: Sequence[Any]) -> list[Attachment]:
    """Slides, outlines, photos of the session (PDF, Word, Excel, photos)."""
    if session.status == Status.CANCELLED:
        raise DomainError("Buổi này đã hủy: không thêm tài liệu được.")
    if not uploads:
        raise DomainError("Chọn ít nhất một tệp.")
    stored = [
        attachment_create(file=f, owner=session, commune=session.commune, by=by) for f in uploads
    ]
    log_action(
        session,
        "study.materials_added",
        by=by,
        changes={"files": ", ".join(a.original_name for a in stored)},
    )
    return stored
