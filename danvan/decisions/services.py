"""Every write on matters villagers decide: households, proposals, meetings, tallies, the record
sent and recognised. Each runs in a transaction, checks the law, and writes the audit log."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from danvan.core.audit import diff, log_action
from danvan.core.calendar import work_calendar
from danvan.core.deadlines import due, rule_for
from danvan.core.errors import DomainError
from danvan.core.models import DeadlineRule, Unit, User
from danvan.core.uploads import attachment_create
from danvan.decisions import access
from danvan.decisions.models import (
    PROCEDURE,
    STEP_NOTICE,
    STEP_RECOGNISE,
    STEP_SEND,
    CommuneWideRule,
    CommunityDecision,
    MatterItem,
    Meeting,
    Recognizer,
    Tally,
    VillageHouseholds,
)
from danvan.decisions.rules import Threshold, judge, percent, reaches

Status = CommunityDecision.Status
Outcome = CommunityDecision.Outcome
MAX_COUNT = 100_000  # no village has more households; a bigger number is a typing error


def _village_of(commune: Unit, village: Unit) -> None:
    if village.kind != Unit.Kind.VILLAGE or village.commune_id != commune.pk:
        raise DomainError(f"{village} không phải là thôn của {commune}.")


# --- households -------------------------------------------------------------------------------


@transaction.atomic
def households_set(
    *,
    commune: Unit,
    village: Unit,
    households: int,
    representatives: int,
    as_of: date,
    source: str,
    by: User,
) -> VillageHouseholds:
    """Record a village's households from `as_of` on; the earlier counts stay as history."""
    _village_of(commune, village)
    if not 0 < households <= MAX_COUNT:
        raise DomainError(f"Số hộ gia đình phải từ 1 đến {MAX_COUNT:,}.".replace(",", "."))
    if not 0 <= representatives <= households:
        raise DomainError("Số đại diện hộ gia đình không được lớn hơn số hộ gia đình.")
    row, created = VillageHouseholds.objects.get_or_create(
        village=village,
        as_of=as_of,
        defaults={
            "commune": commune,
            "households": households,
            "representatives": representatives,
            "source": source.strip(),
            "created_by": by,
        },
    )
    changes: dict[str, object]
    if not created:
        before = {"households": row.households, "representatives": row.representatives}
        row.households, row.representatives, row.source = households, representatives, source
        row.save(update_fields=["households", "representatives", "source"])
        changes = dict(diff(before, {"households": households, "representatives": representatives}))
    else:
        changes = {"households": households, "representatives": representatives, "as_of": as_of}
    log_action(row, "decisions.households_set", by=by, changes=changes, commune=commune)
    return row


def households_on(village: Unit, day: date) -> VillageHouseholds:
    row = VillageHouseholds.objects.in_force_on(village.pk, day)
    if row is None:
        raise DomainError(
            f"Chưa có số hộ gia đình của {village} tính đến ngày {day:%d/%m/%Y}: cán bộ xã cần "
            "nhập số hộ trước (mục “Số hộ gia đình”)."
        )
    return row


# --- proposals --------------------------------------------------------------------------------


@transaction.atomic
def decision_create(
    *,
    commune: Unit,
    item: MatterItem,
    title: str,
    content: str,
    scope: str,
    villages: Sequence[Unit],
    form: str,
    by: User,
    files: Iterable[UploadedFile] = (),
) -> CommunityDecision:
    """A proposal put to one village, or to every chosen village of the commune."""
    if form == CommunityDecision.Form.ONLINE and not item.online_allowed:
        raise DomainError(
            f"Nội dung “{item.short_name}” (khoản {item.number} Điều 15) không được lấy phiếu "
            f"trực tuyến ({item.online_source}): chọn hội nghị thôn hoặc phát phiếu."
        )
    villages = list(dict.fromkeys(villages))
    for v in villages:
        _village_of(commune, v)
    if scope == CommunityDecision.Scope.VILLAGE and len(villages) != 1:
        raise DomainError("Việc của một thôn: chọn đúng một thôn.")
    if scope == CommunityDecision.Scope.COMMUNE and len(villages) < 2:
        raise DomainError("Việc của toàn xã: chọn ít nhất hai thôn cùng biểu quyết.")
    d = CommunityDecision.objects.create(
        commune=commune,
        item=item,
        title=title.strip(),
        content=content.strip(),
        scope=scope,
        form=form,
        created_by=by,
    )
    d.villages.set(villages)
    count = 0
    for f in files:
        attachment_create(file=f, owner=d, commune=commune, by=by)
        count += 1
    log_action(
        d,
        "decisions.created",
        by=by,
        changes={
            "item": str(item),
            "scope": d.get_scope_display(),
            "form": d.get_form_display(),
            "villages": [v.name for v in villages],
            "attachments": count,
        },
    )
    return d


# --- meetings ---------------------------------------------------------------------------------


def earliest_meeting_day(notice_on: date) -> tuple[date, DeadlineRule]:
    """The first day a meeting may be held after a notice given on `notice_on`.

    NĐ 59/2023/NĐ-CP, Điều 3: the village head announces the meeting at least 2 days before it;
    the day of the notice is not counted (BLDS 2015, Điều 147). The number of days and their unit
    come from the rule table.
    """
    rule = rule_for(PROCEDURE, STEP_NOTICE, notice_on)
    if rule.unit == DeadlineRule.Unit.WORKING:
        return work_calendar().add_working_days(notice_on, rule.days), rule
    return notice_on + timedelta(days=rule.days), rule


@transaction.atomic
def meeting_create(
    *,
    decision: CommunityDecision,
    village: Unit,
    held_on: date,
    place: str,
    notice_on: date,
    convened_by: str,
    by: User,
    ballot_until: date | None = None,
) -> Meeting:
    """Schedule the meeting (or the ballot) of one village of the decision."""
    if not decision.villages.filter(pk=village.pk).exists():
        raise DomainError(f"{village} không thuộc phạm vi biểu quyết của việc này.")
    if not (access.is_officer(by, decision.commune_id) or access.heads_village(by, village.pk)):
        raise DomainError(f"Chỉ trưởng thôn {village} hoặc cán bộ xã được lập cuộc họp này.")
    if decision.status not in (Status.DRAFT, Status.VOTING):
        raise DomainError("Biên bản đã được gửi: không thêm cuộc họp.")
    if Meeting.objects.filter(decision=decision, village=village).exists():
        raise DomainError(f"{village} đã có cuộc họp cho việc này.")
    if notice_on > held_on:
        raise DomainError("Ngày thông báo phải trước ngày họp.")
    earliest, rule = earliest_meeting_day(notice_on)
    if held_on < earliest:
        raise DomainError(
            f"Phải thông báo trước ít nhất {rule.days} {rule.get_unit_display()} ({rule.source}): "
            f"thông báo ngày {notice_on:%d/%m/%Y} thì họp sớm nhất ngày {earliest:%d/%m/%Y}."
        )
    if decision.form == CommunityDecision.Form.MEETING:
        ballot_until = None
    elif ballot_until is None or ballot_until < held_on:
        raise DomainError("Phát phiếu: hạn thu phiếu phải từ ngày phát phiếu trở đi.")
    m = Meeting.objects.create(
        decision=decision,
        village=village,
        held_on=held_on,
        ballot_until=ballot_until,
        place=place.strip(),
        notice_on=notice_on,
        convened_by=convened_by.strip(),
        created_by=by,
    )
    if decision.status == Status.DRAFT:
        decision.status = Status.VOTING
        decision.save(update_fields=["status"])
    log_action(
        m,
        "decisions.meeting_scheduled",
        by=by,
        commune=decision.commune_id,
        changes={
            "village": village.name,
            "held_on": held_on,
            "ballot_until": ballot_until,
            "notice_on": notice_on,
            "place": place,
        },
    )
    return m


# --- tallies and the outcome ------------------------------------------------------------------


def threshold_of(item: MatterItem) -> Threshold:
    return Threshold(item.threshold_numerator, item.threshold_denominator, item.threshold_strict)


def check_counts(*, households: int, present: int, agree: int, disagree: int, invalid: int) -> None:
    """Non-negative counts; agree + disagree + invalid ≤ present ≤ households of the village."""
    for label, n in (
        ("Số hộ tham gia", present),
        ("Số hộ tán thành", agree),
        ("Số hộ không tán thành", disagree),
        ("Số phiếu không hợp lệ", invalid),
    ):
        if n < 0:
            raise DomainError(f"{label} không được âm.")
        if n > MAX_COUNT:
            raise DomainError(f"{label} quá lớn.")
    if present > households:
        raise DomainError(f"Số hộ tham gia ({present}) lớn hơn tổng số hộ của thôn ({households}).")
    if agree + disagree + invalid > present:
        raise DomainError(
            f"Tán thành + không tán thành + không hợp lệ ({agree + disagree + invalid}) lớn hơn "
            f"số hộ tham gia ({present})."
        )


@transaction.atomic
def tally_save(
    *,
    meeting: Meeting,
    present: int,
    agree: int,
    disagree: int,
    invalid: int,
    by: User,
    minutes: UploadedFile | None = None,
) -> Tally:
    """Enter (or correct) a village's paper tally; the correction is audited field by field.

    The threshold uses the households in force on the vote day (Luật THDCCS 2022, Điều 21).
    """
    decision = meeting.decision
    if not access.can_enter_tally(by, meeting):
        raise DomainError(f"Chỉ trưởng thôn {meeting.village} được nhập kết quả của thôn mình.")
    if decision.status not in (Status.DRAFT, Status.VOTING):
        raise DomainError("Biên bản đã được gửi Ủy ban nhân dân xã: không sửa kết quả được nữa.")
    counted = households_on(meeting.village, meeting.vote_day)
    check_counts(
        households=counted.households,
        present=present,
        agree=agree,
        disagree=disagree,
        invalid=invalid,
    )
    tally = Tally.objects.filter(meeting=meeting).first()
    if tally is None and minutes is None:
        raise DomainError("Cần đính kèm ảnh hoặc bản chụp biên bản có chữ ký.")
    result = judge(agree, counted.households, threshold_of(decision.item))
    after = {
        "households": counted.households,
        "present": present,
        "agree": agree,
        "disagree": disagree,
        "invalid": invalid,
    }
    if tally is None:
        tally = Tally(meeting=meeting, commune=decision.commune)
        before: dict[str, object] = {}
        action = "decisions.tally_entered"
    else:
        before = {k: getattr(tally, k) for k in after}
        action = "decisions.tally_corrected"
    for k, v in after.items():
        setattr(tally, k, v)
    tally.households_as_of = counted.as_of
    tally.passed, tally.explanation = result.passed, result.explanation
    tally.entered_by = by
    tally.save()
    if minutes is not None:
        attachment_create(file=minutes, owner=tally, commune=decision.commune, by=by)
    changes: dict[str, object] = dict(diff(before, after)) if before else dict(after)
    changes["village"] = meeting.village.name
    changes["result"] = result.explanation
    if minutes is not None:
        changes["minutes"] = minutes.name or ""
    log_action(tally, action, by=by, changes=changes, commune=decision.commune_id)
    decision_recompute(decision)
    return tally


def decision_outcome(decision: CommunityDecision) -> tuple[str, str, date | None]:
    """(outcome, explanation in Vietnamese, the day the last vote closed)."""
    item = decision.item
    t = threshold_of(item)
    villages = list(decision.villages.order_by("name"))
    meetings = {m.village_id: m for m in decision.meetings.select_related("tally", "village").all()}
    lines, missing = [], []
    tallies: list[Tally] = []
    for v in villages:
        m = meetings.get(v.pk)
        tally = getattr(m, "tally", None) if m else None
        if tally is None:
            missing.append(v.name)
            continue
        tallies.append(tally)
        lines.append(f"{v.name}: {tally.explanation}")
    if missing:
        lines.append("Chưa có kết quả: " + ", ".join(missing) + ".")
        return Outcome.INCOMPLETE, "\n".join(lines), None
    last = max(m.vote_day for m in meetings.values())
    if decision.scope == CommunityDecision.Scope.VILLAGE:
        passed = tallies[0].passed
    elif item.commune_wide_rule == CommuneWideRule.EACH:
        passed = all(x.passed for x in tallies)
        lines.append(
            f"Toàn xã: {'mọi thôn đều thông qua' if passed else 'có thôn không thông qua'} "
            f"({item.commune_wide_source}) → {'thông qua' if passed else 'không thông qua'}"
        )
    else:
        agree = sum(x.agree for x in tallies)
        total = sum(x.households for x in tallies)
        passed = reaches(agree, total, t)
        lines.append(f"Toàn xã: {judge(agree, total, t).explanation} ({item.commune_wide_source})")
    return (Outcome.PASSED if passed else Outcome.REJECTED), "\n".join(lines), last


def decision_recompute(decision: CommunityDecision) -> None:
    """Store the outcome and, once every village has voted, when the record is due."""
    outcome, text, last = decision_outcome(decision)
    decision.outcome, decision.outcome_text, decision.voted_until = outcome, text, last
    _schedule(decision)
    decision.save(
        update_fields=[
            "outcome",
            "outcome_text",
            "voted_until",
            "send_due",
            "send_due_explained",
            "recognise_due",
            "recognise_due_explained",
        ]
    )


def _schedule(d: CommunityDecision) -> None:
    """Due dates from the rules in force (NĐ 59/2023 Điều 3, 4; Luật THDCCS 2022 Điều 21)."""
    if d.voted_until:
        deadline, _rule = due(PROCEDURE, STEP_SEND, d.voted_until)
        d.send_due, d.send_due_explained = deadline.due, deadline.steps
    else:
        d.send_due, d.send_due_explained = None, []
    if d.sent_on and d.outcome == Outcome.PASSED:
        deadline, _rule = due(PROCEDURE, STEP_RECOGNISE, d.sent_on)
        d.recognise_due, d.recognise_due_explained = deadline.due, deadline.steps
    else:
        d.recognise_due, d.recognise_due_explained = None, []


def decisions_recompute_open() -> int:
    """After a change of a rule or of the calendar: recompute the due dates of open decisions."""
    changed = 0
    for d in CommunityDecision.objects.awaiting().iterator(chunk_size=500):
        before = (d.send_due, d.recognise_due)
        _schedule(d)
        if (d.send_due, d.recognise_due) != before:
            d.save(
                update_fields=[
                    "send_due",
                    "send_due_explained",
                    "recognise_due",
                    "recognise_due_explained",
                ]
            )
            changed += 1
    return changed


# --- the record: sent, recognised -------------------------------------------------------------


@transaction.atomic
def record_send(*, decision: CommunityDecision, sent_on: date, by: User) -> CommunityDecision:
    """The record goes to the People's Committee and the Front (NĐ 59/2023, Điều 3 khoản 5)."""
    d = decision
    if not access.can_send(by, d):
        raise DomainError("Chỉ cán bộ, lãnh đạo xã ghi nhận việc gửi biên bản.")
    if d.status != Status.VOTING:
        raise DomainError("Việc này không ở bước gửi biên bản.")
    decision_recompute(d)
    if d.outcome == Outcome.INCOMPLETE or d.voted_until is None:
        raise DomainError("Chưa đủ kết quả biểu quyết của các thôn: chưa gửi biên bản được.")
    if sent_on < d.voted_until:
        raise DomainError(f"Ngày gửi không thể trước ngày biểu quyết ({d.voted_until:%d/%m/%Y}).")
    d.sent_on = sent_on
    d.status = Status.SENT if d.outcome == Outcome.PASSED else Status.CLOSED
    _schedule(d)
    d.save()
    log_action(
        d,
        "decisions.record_sent",
        by=by,
        changes={
            "sent_on": sent_on,
            "on_time": bool(d.send_due and sent_on <= d.send_due),
            "outcome": d.get_outcome_display(),
        },
    )
    return d


@transaction.atomic
def decision_recognise(
    *, decision: CommunityDecision, recognised_on: date, note: str, by: User
) -> CommunityDecision:
    """The body the law names recognises a passed decision (Luật THDCCS 2022, Điều 21)."""
    d = decision
    if not access.can_recognise(by, d):
        who = Recognizer(d.item.recognizer).label
        raise DomainError(
            f"Việc “{d.item.short_name}” do {who} công nhận ({d.item.recognizer_source})."
        )
    if d.status != Status.SENT or d.sent_on is None:
        raise DomainError("Chỉ công nhận việc đã thông qua và đã gửi biên bản.")
    if recognised_on < d.sent_on:
        raise DomainError(
            f"Ngày công nhận không thể trước ngày gửi biên bản ({d.sent_on:%d/%m/%Y})."
        )
    d.status, d.recognised_on, d.recognised_by = Status.RECOGNISED, recognised_on, by
    d.recognition_note = note.strip()
    d.save(update_fields=["status", "recognised_on", "recognised_by", "recognition_note"])
    log_action(
        d,
        "decisions.recognised",
        by=by,
        changes={
            "recognised_on": recognised_on,
            "on_time": bool(d.recognise_due and recognised_on <= d.recognise_due),
            "note": note,
        },
    )
    return d


def summary(decision: CommunityDecision) -> str:
    """One line for lists: "Thông qua (34/50 hộ = 68%)"."""
    if decision.outcome == Outcome.INCOMPLETE:
        return decision.get_outcome_display()
    agree = total = 0
    for m in decision.meetings.select_related("tally"):
        tally = getattr(m, "tally", None)
        if tally:
            agree, total = agree + tally.agree, total + tally.households
    return f"{decision.get_outcome_display()} ({agree}/{total} hộ = {percent(agree, total)})"
