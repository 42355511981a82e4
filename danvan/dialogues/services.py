"""Every write of dialogues: validated, in a transaction, audited, DomainError in Vietnamese.

Time limits are rows of the rule table (core.DeadlineRule, migration 0002), which an
administrator may change, all shipped UNVERIFIED (docs/legal-rules.md):
- `doi-thoai-nhan-dan` / `thong-bao`: the notice of a conference at least 7 days before it;
- `doi-thoai-nhan-dan` / `cong-bo-ket-qua`: its results published within 10 days of it;
- `doi-thoai-khieu-nai` / `thong-bao`: the notice of a complaint dialogue at least 5 days before.
A late notice is recorded with a warning (the conference may have been held anyway: the record
must say what happened), never refused.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, time, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.urls import reverse

from danvan.core.audit import diff, log_action
from danvan.core.deadlines import due as legal_due
from danvan.core.errors import DomainError, save_valid
from danvan.core.fields import check_day
from danvan.core.models import DeadlineRule, Unit, User
from danvan.dialogues.models import Commitment, Dialogue, Question, VillageAttendance
from danvan.promises import services as promises
from danvan.promises.models import Promise

Kind = Dialogue.Kind
Status = Dialogue.Status

NOTICE_RULES = {
    Kind.YEARLY: ("doi-thoai-nhan-dan", "thong-bao"),
    Kind.TOPIC: ("doi-thoai-nhan-dan", "thong-bao"),
    Kind.COMPLAINT: ("doi-thoai-khieu-nai", "thong-bao"),
}
RESULTS_RULE = ("doi-thoai-nhan-dan", "cong-bo-ket-qua")
# The yearly conference: at least once a calendar year (Luật THDCCS 2022, Điều 32 khoản 1, read).
YEARLY_SOURCE = "Luật Thực hiện dân chủ ở cơ sở 2022, Điều 32 khoản 1"

_CASE_CODE = re.compile(r"^\s*(\d{1,7})\s*/\s*(\d{4})\s*$")


# --- the rules ------------------------------------------------------------------------------


def earliest_day(kind: str, notice_on: date) -> tuple[date, DeadlineRule] | None:
    """The first day the dialogue may be held after a notice sent on `notice_on`, by the rule in
    force that day; None when the rule table holds none."""
    try:
        deadline, rule = legal_due(*NOTICE_RULES[Kind(kind)], notice_on)
    except DomainError:
        return None
    return deadline.due, rule


def latest_notice_day(dialogue: Dialogue) -> date | None:
    """The last day the notice can be sent for the dialogue to be held on its day (counted back
    by the rule, working days included); None without a rule."""
    day = dialogue.held_on
    for _ in range(90):
        day -= timedelta(days=1)
        found = earliest_day(dialogue.kind, day)
        if found is None:
            return None
        if found[0] <= dialogue.held_on:
            return day
    return None


def notice_warning(dialogue: Dialogue) -> str:
    """What the page says of the notice: "" when it was in time or no rule applies."""
    if dialogue.notice_on is None:
        return ""
    found = earliest_day(dialogue.kind, dialogue.notice_on)
    if found is None or found[0] <= dialogue.held_on:
        return ""
    earliest, rule = found
    return (
        f"Thông báo chậm: gửi ngày {dialogue.notice_on:%d/%m/%Y} thì theo quy tắc "
        f"“{rule.name}” ({rule.days} {rule.get_unit_display()}; {rule.source}) hội nghị sớm nhất "
        f"ngày {earliest:%d/%m/%Y}, nhưng hội nghị tổ chức ngày {dialogue.held_on:%d/%m/%Y}."
    )


def results_due(dialogue: Dialogue) -> tuple[date, DeadlineRule] | None:
    """The day the results must be published by (a conference of the UBND with the people; the
    complaint dialogue has no such rule), or None."""
    if dialogue.kind == Kind.COMPLAINT:
        return None
    try:
        deadline, rule = legal_due(*RESULTS_RULE, dialogue.held_on)
    except DomainError:
        return None
    return deadline.due, rule


def yearly_held(commune_id: int, year: int) -> Dialogue | None:
    """This year's conference under Điều 32, if one was held (or published)."""
    return (
        Dialogue.objects.filter(
            commune_id=commune_id,
            kind=Kind.YEARLY,
            held_on__year=year,
            status__in=[Status.HELD, Status.PUBLISHED],
        )
        .order_by("held_on")
        .first()
    )


# --- checks ---------------------------------------------------------------------------------


def _check_units(commune: Unit, co_organiser: Unit | None, villages: Iterable[Unit]) -> None:
    if co_organiser is not None and (
        co_organiser.commune_id != commune.pk or co_organiser.kind != Unit.Kind.FRONT
    ):
        raise DomainError("Đơn vị phối hợp phải là Ủy ban MTTQ của chính xã này.")
    for v in villages:
        if v.commune_id != commune.pk or v.kind != Unit.Kind.VILLAGE:
            raise DomainError(f"{v} không phải thôn, tổ dân phố của xã này.")


def find_petition(commune_id: int, code: str) -> Any:
    """The petition case of the commune numbered `code` ("15/2026"), read through the foreign
    key's model (this app imports no petitions code); None for a blank code."""
    if not code.strip():
        return None
    m = _CASE_CODE.match(code)
    if m is None:
        raise DomainError("Số hồ sơ đơn thư ghi theo dạng số/năm, ví dụ 15/2026.")
    petition_model = Dialogue._meta.get_field("petition").related_model
    found = petition_model._default_manager.filter(  # type: ignore[union-attr]
        commune_id=commune_id, number=int(m[1]), year=int(m[2])
    ).first()
    if found is None:
        raise DomainError(f"Không có hồ sơ đơn thư số {m[1]}/{m[2]} của xã.")
    return found


def _fields(
    commune: Unit,
    *,
    kind: str,
    title: str,
    topic: str,
    held_on: date,
    starts_at: time | None,
    place: str,
    chairs: str,
    co_organiser: Unit | None,
    villages: Iterable[Unit],
    agenda: str,
    petition_code: str,
    invited: str,
) -> dict[str, Any]:
    villages = list(villages)
    check_day(held_on, "Ngày tổ chức")
    _check_units(commune, co_organiser, villages)
    if kind == Kind.YEARLY and co_organiser is None:
        raise DomainError(
            "Hội nghị đối thoại hằng năm do UBND xã phối hợp với Ủy ban MTTQ xã tổ chức "
            "(Luật THDCCS 2022, Điều 32): chọn Ủy ban MTTQ xã."
        )
    petition = find_petition(commune.pk, petition_code)
    if kind == Kind.COMPLAINT and petition is None:
        raise DomainError("Đối thoại giải quyết khiếu nại phải gắn với một hồ sơ đơn thư.")
    return {
        "kind": kind,
        "title": title,
        "topic": topic,
        "held_on": held_on,
        "starts_at": starts_at,
        "place": place,
        "chairs": chairs,
        "co_organiser": co_organiser,
        "agenda": agenda,
        "petition": petition,
        "invited": invited,
        "villages": villages,
    }


# --- prepare --------------------------------------------------------------------------------


@transaction.atomic
def dialogue_create(*, commune: Unit, by: User, **data: Any) -> Dialogue:
    fields = _fields(commune, **data)
    villages = fields.pop("villages")
    dialogue = save_valid(Dialogue(commune=commune, created_by=by, **fields))
    dialogue.villages.set(villages)
    log_action(
        dialogue,
        "dialogues.created",
        by=by,
        changes={
            "dialogue_kind": dialogue.get_kind_display(),
            "dialogue_held_on": dialogue.held_on,
        },
    )
    return dialogue


@transaction.atomic
def dialogue_update(*, dialogue: Dialogue, by: User, **data: Any) -> Dialogue:
    dialogue = Dialogue.objects.select_for_update().get(pk=dialogue.pk)
    if dialogue.status == Status.PUBLISHED:
        raise DomainError("Kết quả đã công bố; không sửa thông tin hội nghị nữa.")
    fields = _fields(dialogue.commune, **data)
    villages = fields.pop("villages")
    if dialogue.is_held and fields["held_on"] != dialogue.held_on:
        raise DomainError("Hội nghị đã tổ chức; không đổi ngày tổ chức.")
    if dialogue.notice_on and fields["held_on"] < dialogue.notice_on:
        raise DomainError("Ngày tổ chức không được trước ngày gửi thông báo.")
    watched = ("kind", "title", "held_on", "place", "chairs")
    before = {f"dialogue_{f}": getattr(dialogue, f) for f in watched}
    for name, value in fields.items():
        setattr(dialogue, name, value)
    save_valid(dialogue)
    dialogue.villages.set(villages)
    log_action(
        dialogue,
        "dialogues.updated",
        by=by,
        changes=diff(before, {f"dialogue_{f}": getattr(dialogue, f) for f in watched}),
    )
    return dialogue


@transaction.atomic
def dialogue_announce(
    *, dialogue: Dialogue, by: User, notice_on: date, invited: str = ""
) -> Dialogue:
    """Record the notice sent (time, place, content, how to attend) and whom it invited. A late
    notice is recorded, with the warning in the history; it is not refused."""
    dialogue = Dialogue.objects.select_for_update().get(pk=dialogue.pk)
    if dialogue.status != Status.DRAFT:
        raise DomainError("Hội nghị đã được thông báo.")
    check_day(notice_on, "Ngày gửi thông báo", past=True)
    if notice_on > dialogue.held_on:
        raise DomainError("Ngày gửi thông báo không được sau ngày tổ chức hội nghị.")
    dialogue.notice_on = notice_on
    if invited.strip():
        dialogue.invited = invited
    if not dialogue.invited.strip():
        raise DomainError("Ghi thành phần được mời (các thôn, đơn vị, người được mời).")
    dialogue.status = Status.ANNOUNCED
    save_valid(dialogue)
    log_action(
        dialogue,
        "dialogues.announced",
        by=by,
        changes={
            "dialogue_notice_on": notice_on,
            "dialogue_notice_late": bool(notice_warning(dialogue)),
        },
    )
    return dialogue


# --- record ---------------------------------------------------------------------------------


@transaction.atomic
def attendance_record(
    *,
    dialogue: Dialogue,
    by: User,
    attendance_total: int,
    officials_present: str,
    village_counts: dict[Unit, int] | None = None,
) -> Dialogue:
    """The conference took place: how many came (by village, optional) and who of the
    authorities was present. The dialogue is then held."""
    dialogue = Dialogue.objects.select_for_update().get(pk=dialogue.pk)
    if dialogue.status == Status.PUBLISHED:
        raise DomainError("Kết quả đã công bố; không sửa số người dự nữa.")
    if dialogue.status == Status.DRAFT:
        raise DomainError("Ghi ngày gửi thông báo hội nghị trước khi ghi kết quả tổ chức.")
    check_day(dialogue.held_on, "Ngày tổ chức hội nghị", past=True)
    village_counts = {v: n for v, n in (village_counts or {}).items() if n}
    _check_units(dialogue.commune, None, village_counts)
    if attendance_total < 0 or any(n < 0 for n in village_counts.values()):
        raise DomainError("Số người dự không được âm.")
    if sum(village_counts.values()) > attendance_total:
        raise DomainError("Tổng số người dự theo thôn lớn hơn tổng số người dự.")
    before = {"dialogue_attendance": dialogue.attendance_total}
    dialogue.attendance_total = attendance_total
    dialogue.officials_present = officials_present
    dialogue.status = Status.HELD
    save_valid(dialogue)
    dialogue.village_counts.all().delete()
    VillageAttendance.objects.bulk_create(
        VillageAttendance(dialogue=dialogue, village=v, people=n) for v, n in village_counts.items()
    )
    log_action(
        dialogue,
        "dialogues.attendance_recorded",
        by=by,
        changes=diff(before, {"dialogue_attendance": attendance_total}),
    )
    return dialogue


def _check_recording(dialogue: Dialogue) -> None:
    if dialogue.status == Status.PUBLISHED:
        raise DomainError("Kết quả đã công bố; không ghi thêm.")
    if dialogue.status != Status.HELD:
        raise DomainError("Ghi số người dự hội nghị trước (hội nghị đã diễn ra).")


@transaction.atomic
def question_add(
    *,
    dialogue: Dialogue,
    by: User,
    text: str,
    asker_name: str = "",
    village: Unit | None = None,
    petition_code: str = "",
    answer: str = "",
    answered_by: str = "",
) -> Question:
    dialogue = Dialogue.objects.select_for_update().get(pk=dialogue.pk)
    _check_recording(dialogue)
    if village is not None:
        _check_units(dialogue.commune, None, [village])
    if answer.strip() and not answered_by.strip():
        raise DomainError("Ghi người trả lời tại hội nghị.")
    petition = find_petition(dialogue.commune_id, petition_code)  # type: ignore[arg-type]
    top = dialogue.questions.aggregate(n=Max("number"))["n"] or 0
    question = save_valid(
        Question(
            dialogue=dialogue,
            number=top + 1,
            asker_name=asker_name,
            village=village,
            text=text,
            petition=petition,
            answer=answer,
            answered_by=answered_by,
            created_by=by,
        )
    )
    log_action(
        dialogue,
        "dialogues.question_added",
        by=by,
        changes={
            "dialogue_question": question.number,
            "dialogue_answered": bool(answer.strip()),
        },
    )
    return question


@transaction.atomic
def commitment_add(
    *,
    dialogue: Dialogue,
    by: User,
    title: str,
    owner_unit: Unit,
    due_on: date,
    content: str = "",
    owner_person: str = "",
    question: Question | None = None,
    public: bool = True,
    internal_reason: str = "",
) -> Commitment:
    """A commitment made at the dialogue (who, what, by when): a promise of the promises app,
    which follows it as a task of the owner unit."""
    dialogue = Dialogue.objects.select_for_update().get(pk=dialogue.pk)
    _check_recording(dialogue)
    if owner_unit.commune_id != dialogue.commune_id or owner_unit.kind in (
        Unit.Kind.PROVINCE,
        Unit.Kind.COMMUNE,
    ):
        raise DomainError("Đơn vị thực hiện phải là một đơn vị thuộc xã.")
    if question is not None and question.dialogue_id != dialogue.pk:
        raise DomainError("Ý kiến không thuộc hội nghị này.")
    check_day(due_on, "Thời hạn")
    if due_on < dialogue.held_on:
        raise DomainError("Thời hạn thực hiện không được trước ngày tổ chức hội nghị.")
    if not public and not internal_reason.strip():
        raise DomainError("Ghi lý do không công khai cam kết.")
    promise = promises.promise_create(
        commune=dialogue.commune,
        source=Promise.Source.DIALOGUE,
        source_label=f"{dialogue.title} ({dialogue.held_on:%d/%m/%Y})",
        source_url=dialogue.get_absolute_url(),
        # The dialogue's public page answers once its results are published (dialogue_publish).
        public_url=_public_url(dialogue) if dialogue.status == Status.PUBLISHED else "",
        title=title,
        content=content or title,
        owner_unit=owner_unit,
        owner_person=owner_person,
        made_on=dialogue.held_on,
        due_on=due_on,
        village=question.village if question is not None else None,
        public=public,
        internal_reason=internal_reason,
        by=by,
    )
    commitment = save_valid(
        Commitment(
            dialogue=dialogue,
            question=question,
            promise=promise,
            owner_unit=owner_unit,
            owner_person=owner_person,
            title=title,
            content=content,
            due_on=due_on,
            created_by=by,
        )
    )
    log_action(
        dialogue,
        "dialogues.commitment_added",
        by=by,
        changes={
            "dialogue_commitment": title,
            "commitment_owner": str(owner_unit),
            "commitment_due": due_on,
            "promise": promise.pk,
        },
    )
    return commitment


def _public_url(dialogue: Dialogue) -> str:
    return reverse("portal:dialogue", args=[dialogue.pk])


@transaction.atomic
def dialogue_publish(*, dialogue: Dialogue, by: User, summary: str, published_on: date) -> Dialogue:
    """Publish the results: on the portal (/doi-thoai/), to be posted at the commune's
    headquarters and sent to the village heads."""
    dialogue = Dialogue.objects.select_for_update().get(pk=dialogue.pk)
    if dialogue.status == Status.PUBLISHED:
        raise DomainError("Kết quả đã được công bố.")
    if dialogue.status != Status.HELD:
        raise DomainError("Ghi kết quả tổ chức hội nghị (số người dự) trước khi công bố.")
    check_day(published_on, "Ngày công bố", past=True)
    if published_on < dialogue.held_on:
        raise DomainError("Ngày công bố không được trước ngày tổ chức hội nghị.")
    dialogue.summary = summary
    dialogue.published_on = published_on
    dialogue.status = Status.PUBLISHED
    save_valid(dialogue)
    promises.promises_show_source_page(
        promise_ids=dialogue.commitments.exclude(promise=None).values_list("promise_id", flat=True),
        url=_public_url(dialogue),
    )
    found = results_due(dialogue)
    log_action(
        dialogue,
        "dialogues.published",
        by=by,
        changes={
            "dialogue_published_on": published_on,
            "dialogue_results_on_time": None if found is None else published_on <= found[0],
        },
    )
    return dialogue
