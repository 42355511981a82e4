"""Every write of public opinion notes: validated, in a transaction, audited, DomainError in
Vietnamese. The audit entries carry the topic, the place, the urgency and the trend, never what
people said (it may name people) nor a petitioner's name (only a petition's case code)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django.db import transaction

from danvan.core.access import members
from danvan.core.audit import log_action
from danvan.core.deadlines import due as legal_due
from danvan.core.errors import DomainError, save_valid
from danvan.core.fields import check_day
from danvan.core.models import Role, Unit, User
from danvan.core.notify import notify
from danvan.lib.text import fold
from danvan.opinion.access import WRITER_KINDS
from danvan.opinion.models import OpinionNote, OpinionTopic, SourceKind
from danvan.petitions.models import Petition

# An urgent note is handled within this rule's days of the day it was noted (migration 0002:
# a practice of the commune, UNVERIFIED: no legal text sets it). Without a row, no due day.
URGENT_RULE = ("du-luan", "khan-cap")
CODE = re.compile(r"^\s*(\d{1,7})\s*/\s*(\d{4})\s*$")

Urgency = OpinionNote.Urgency
Status = OpinionNote.Status


def urgent_due(noted_on: date) -> tuple[date, str] | None:
    """The last day to handle an urgent note noted on `noted_on`, and the rule's source."""
    try:
        deadline, rule = legal_due(*URGENT_RULE, noted_on)
    except DomainError:
        return None
    return deadline.due, rule.source


def _search_text(note: OpinionNote) -> str:
    village = note.village.name if note.village else ""
    return fold(f"{note.topic.name} {village} {note.place} {note.content} {note.proposal}")


def _check(note: OpinionNote) -> None:
    """What a note must satisfy whoever writes it (the form only checks what was typed)."""
    check_day(note.noted_on, "Ngày nắm bắt", past=True)
    unit = note.reporting_unit
    if unit.commune_id != note.commune_id or unit.kind not in WRITER_KINDS:
        raise DomainError("Đơn vị báo cáo phải là thôn, tổ chức hoặc cơ quan của xã này.")
    village = note.village
    if village is not None and (
        village.commune_id != note.commune_id or village.kind != Unit.Kind.VILLAGE
    ):
        raise DomainError("Thôn, tổ dân phố phải thuộc xã này.")
    if note.hotspot_topic and note.village_id is None:
        raise DomainError("Tin gắn với điểm nóng đơn thư phải ghi thôn, tổ dân phố.")


def _set_due(note: OpinionNote) -> None:
    found = urgent_due(note.noted_on) if note.urgency == Urgency.URGENT else None
    note.due_on, note.due_source = (found[0], found[1][:300]) if found else (None, "")


def _facts(note: OpinionNote) -> dict[str, Any]:
    return {
        "topic": note.topic.name,
        "village": note.village.name if note.village else "Toàn xã",
        "reporting_unit": note.reporting_unit.name,
        "source_kind": note.source_kind.name,
        "noted_on": note.noted_on,
        "urgency": note.get_urgency_display(),
        "trend": note.get_trend_display(),
        "due_on": note.due_on,
    }


@transaction.atomic
def note_create(
    *,
    commune: Unit,
    by: User,
    noted_on: date,
    topic: OpinionTopic,
    source_kind: SourceKind,
    reporting_unit: Unit,
    content: str,
    trend: str,
    urgency: str = Urgency.NORMAL,
    village: Unit | None = None,
    place: str = "",
    proposal: str = "",
) -> OpinionNote:
    """A note of what people say, from a unit of the commune; a village's own note is about
    that village unless it says otherwise. Urgent: due by rule du-luan/khan-cap."""
    if village is None and reporting_unit.kind == Unit.Kind.VILLAGE:
        village = reporting_unit
    note = OpinionNote(
        commune=commune,
        created_by=by,
        noted_on=noted_on,
        topic=topic,
        village=village,
        place=place,
        source_kind=source_kind,
        reporting_unit=reporting_unit,
        content=content,
        urgency=urgency,
        trend=trend,
        proposal=proposal,
    )
    _check(note)
    _set_due(note)
    note.search_text = _search_text(note)
    save_valid(note)
    log_action(note, "opinion.noted", by=by, changes=_facts(note))
    if note.urgency == Urgency.URGENT:
        transaction.on_commit(lambda: _urgent_noted(note, by))
    return note


def _urgent_noted(note: OpinionNote, by: User) -> int:
    """An urgent note is told at once to the commune's leaders and the office that keeps the
    petition book (who handle it), the one who noted it excepted. The title names the topic,
    the place and the day only: it may leave by e-mail."""
    people = members(Role.LEADER, commune_id=note.commune_id) | members(
        Role.OFFICER, commune_id=note.commune_id, receives_petitions=True
    )
    due = f" Hạn xử lý {note.due_on:%d/%m/%Y}." if note.due_on else ""
    return notify(
        people.exclude(pk=by.pk),
        title=f"Tin khẩn cấp: {note}",
        body=f"{note.reporting_unit.name} báo tin dư luận khẩn cấp.{due}",
        url=note.get_absolute_url(),
    )


EDITABLE = (
    "noted_on",
    "topic",
    "village",
    "place",
    "source_kind",
    "reporting_unit",
    "content",
    "urgency",
    "trend",
    "proposal",
)


def _locked(note: OpinionNote) -> OpinionNote:
    return (
        OpinionNote.objects.select_for_update(of=("self",))
        .select_related("topic", "village", "source_kind", "reporting_unit")
        .get(pk=note.pk)
    )


@transaction.atomic
def note_update(*, note: OpinionNote, by: User, **data: Any) -> OpinionNote:
    """Correct an open note; its due day follows its urgency and day."""
    note = _locked(note)
    if note.handled:
        raise DomainError("Tin đã được xử lý, không sửa được nữa.")
    before = _facts(note)
    old_text = (note.content, note.place, note.proposal)
    for name in EDITABLE:
        if name in data:
            setattr(note, name, data[name])
    if note.village is None and note.reporting_unit.kind == Unit.Kind.VILLAGE:
        note.village = note.reporting_unit
    _check(note)
    _set_due(note)
    note.search_text = _search_text(note)
    save_valid(note)
    after = _facts(note)
    changes: dict[str, Any] = {k: [before[k], v] for k, v in after.items() if before[k] != v}
    if old_text != (note.content, note.place, note.proposal):
        changes["content"] = "đã sửa"
    if changes:
        log_action(note, "opinion.edited", by=by, changes=changes)
    return note


def petition_by_code(commune_id: int, code: str) -> Petition:
    found = CODE.match(code)
    if not found:
        raise DomainError("Nhập số đơn theo dạng số/năm, ví dụ 15/2026.")
    number, year = int(found[1]), int(found[2])
    petition = Petition.objects.filter(commune_id=commune_id, number=number, year=year).first()
    if petition is None:
        raise DomainError(f"Sổ đơn thư của xã không có đơn số {number}/{year}.")
    return petition


@transaction.atomic
def note_link_petition(*, note: OpinionNote, by: User, code: str) -> OpinionNote:
    """Link a petition of the same commune by its case code (the code only is kept in the
    history: the petitions app decides who opens it)."""
    note = _locked(note)
    petition = petition_by_code(note.commune_id, code)
    if note.petitions.filter(pk=petition.pk).exists():
        raise DomainError(f"Tin đã được liên kết với đơn số {petition.code}.")
    note.petitions.add(petition)
    log_action(note, "opinion.petition_linked", by=by, changes={"petition": petition.code})
    return note


@transaction.atomic
def note_unlink_petition(*, note: OpinionNote, by: User, petition: Petition) -> OpinionNote:
    note = _locked(note)
    if not note.petitions.filter(pk=petition.pk).exists():
        raise DomainError("Tin không liên kết với đơn này.")
    note.petitions.remove(petition)
    log_action(note, "opinion.petition_unlinked", by=by, changes={"petition": petition.code})
    return note


@transaction.atomic
def note_link_hotspot(*, note: OpinionNote, by: User, hotspot_topic: str) -> OpinionNote:
    """Point the note at a hotspot of the petition book: its village × a petition topic (empty:
    no hotspot)."""
    note = _locked(note)
    if hotspot_topic and hotspot_topic not in Petition.Topic.values:
        raise DomainError("Chọn lĩnh vực đơn thư trong danh sách.")
    before = note.get_hotspot_topic_display() if note.hotspot_topic else ""
    note.hotspot_topic = hotspot_topic
    _check(note)
    note.save(update_fields=["hotspot_topic"])
    after = note.get_hotspot_topic_display() if hotspot_topic else ""
    if before != after:
        log_action(note, "opinion.hotspot_linked", by=by, changes={"hotspot": [before, after]})
    return note


@transaction.atomic
def note_handle(*, note: OpinionNote, by: User, handled_on: date, handling: str) -> OpinionNote:
    """The leaders or the office record what was done about it (answered at a meeting, sent to
    the police, a petition opened…)."""
    note = _locked(note)
    if note.handled:
        raise DomainError("Tin đã được ghi xử lý.")
    check_day(handled_on, "Ngày xử lý", past=True)
    if handled_on < note.noted_on:
        raise DomainError("Ngày xử lý không được trước ngày nắm bắt.")
    if not handling.strip():
        raise DomainError("Ghi kết quả xử lý.")
    note.status, note.handled_on, note.handling, note.handled_by = (
        Status.HANDLED,
        handled_on,
        handling,
        by,
    )
    note.save(update_fields=["status", "handled_on", "handling", "handled_by"])
    late = bool(note.due_on and handled_on > note.due_on)
    log_action(
        note,
        "opinion.handled",
        by=by,
        changes={"handled_on": handled_on, "late": "Sau hạn" if late else "Đúng hạn"},
    )
    return note


def notes_recompute_open() -> int:
    """Move the due days of open urgent notes after a rule or calendar change."""
    changed = 0
    open_urgent = OpinionNote.objects.filter(status=Status.OPEN, urgency=Urgency.URGENT)
    for note in open_urgent.select_related("topic", "village"):
        found = urgent_due(note.noted_on)
        new_due, source = found if found else (None, "")
        if new_due == note.due_on:
            continue
        with transaction.atomic():
            log_action(
                note, "opinion.due_recomputed", by=None, changes={"due_on": [note.due_on, new_due]}
            )
            note.due_on, note.due_source = new_due, source[:300]
            note.save(update_fields=["due_on", "due_source"])
        changed += 1
    return changed
