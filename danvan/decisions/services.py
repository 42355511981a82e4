"""Every write on matters villagers decide: households, proposals, meetings, tallies, the record
sent, recognised or refused. Each runs in a transaction, checks the law, and writes the audit
log. The law itself (thresholds, commune-wide counts, forms, who recognises) is read from the
item's row (MatterItem) and the time limits from core.deadlines."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from danvan.core.access import members
from danvan.core.audit import diff, log_action
from danvan.core.deadlines import due
from danvan.core.errors import DomainError
from danvan.core.models import DeadlineRule, Role, Unit, User
from danvan.core.notify import notify
from danvan.core.uploads import attachment_create
from danvan.decisions import access
from danvan.decisions.models import (
    PROCEDURE,
    STEP_NOTICE,
    STEP_RECOGNISE,
    STEP_SEND,
    CommunityDecision,
    MatterItem,
    Meeting,
    Recognizer,
    Tally,
    VillageHouseholds,
)
from danvan.decisions.rules import (
    COMMUNE_WIDE,
    ONLINE_CONSENT,
    ONLINE_CONSENT_SOURCE,
    Threshold,
    judge,
    judge_villages,
    percent,
    reaches,
)

Status = CommunityDecision.Status
Outcome = CommunityDecision.Outcome
Form = CommunityDecision.Form
BALLOT_AFTER_MEETING = "Luật THDCCS 2022, Điều 19 khoản 1 điểm b"
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
    follows: CommunityDecision | None = None,
) -> CommunityDecision:
    """A proposal put to one village, or to every chosen village of the commune, in a form the
    law allows for its item (Luật THDCCS 2022, Điều 17 khoản 2, Điều 19 khoản 1, Điều 21 khoản
    1). `follows`: the meeting whose households were too few to reach the threshold, for a
    ballot on an item that must be decided at a meeting (Điều 19 khoản 1 điểm b)."""
    where = f"“{item.short_name}” (khoản {item.number} Điều 15)"
    if form == Form.ONLINE and not item.online_allowed:
        raise DomainError(
            f"Nội dung {where} không được biểu quyết trực tuyến ({item.online_source}): chọn "
            "cuộc họp của cộng đồng dân cư hoặc phát phiếu."
        )
    villages = list(dict.fromkeys(villages))
    for v in villages:
        _village_of(commune, v)
    if scope == CommunityDecision.Scope.VILLAGE and len(villages) != 1:
        raise DomainError("Việc của một thôn: chọn đúng một thôn.")
    if scope == CommunityDecision.Scope.COMMUNE:
        if not item.commune_wide_rule:
            raise DomainError(
                f"Pháp luật không quy định cách tính kết quả toàn xã cho nội dung {where} "
                f"({item.commune_wide_source}): lập việc riêng cho từng thôn."
            )
        if len(villages) < 2:
            raise DomainError("Việc của toàn xã: chọn ít nhất hai thôn cùng biểu quyết.")
    if item.meeting_required and form != Form.MEETING:
        _ballot_after_meeting(item, form, villages, follows, commune)
    elif follows is not None:
        raise DomainError(
            "Chỉ ghi cuộc họp trước khi phát phiếu cho nội dung phải bàn tại cuộc họp "
            f"({BALLOT_AFTER_MEETING})."
        )
    d = CommunityDecision.objects.create(
        commune=commune,
        item=item,
        title=title.strip(),
        content=content.strip(),
        scope=scope,
        form=form,
        follows=follows,
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
            **({"follows": follows.title} if follows else {}),
        },
    )
    return d


def _ballot_after_meeting(
    item: MatterItem,
    form: str,
    villages: Sequence[Unit],
    follows: CommunityDecision | None,
    commune: Unit,
) -> None:
    """Items 3–5 are decided at a meeting; a ballot only after a meeting whose households present
    could not reach the threshold (Luật THDCCS 2022, Điều 17 khoản 2, Điều 19 khoản 1 điểm b)."""
    where = f"“{item.short_name}” (khoản {item.number} Điều 15)"
    rule = (
        f"Nội dung {where} phải bàn, quyết định tại cuộc họp của cộng đồng dân cư "
        f"({item.meeting_source})"
    )
    if form != Form.BALLOT:
        raise DomainError(f"{rule}.")
    if follows is None:
        raise DomainError(
            f"{rule}; chỉ phát phiếu khi cuộc họp đã tổ chức mà không đủ đại diện hộ gia đình tham "
            f"dự để đạt ngưỡng thông qua ({BALLOT_AFTER_MEETING}): chọn cuộc họp đó."
        )
    if (
        follows.commune_id != commune.pk
        or follows.item_id != item.pk
        or follows.form != Form.MEETING
    ):
        raise DomainError(f"Cuộc họp trước phải là cuộc họp của xã này về cùng nội dung {where}.")
    t = threshold_of(item)
    meetings = {m.village_id: m for m in follows.meetings.select_related("tally", "village")}
    for v in villages:
        m = meetings.get(v.pk)
        tally = getattr(m, "tally", None) if m else None
        if tally is None:
            raise DomainError(f"{v}: chưa có kết quả cuộc họp “{follows.title}”.")
        if reaches(tally.present, tally.households, t):
            raise DomainError(
                f"{v}: cuộc họp “{follows.title}” có {tally.present}/{tally.households} hộ tham "
                f"dự, đủ để đạt ngưỡng {t.text}: không phát phiếu thay cuộc họp "
                f"({BALLOT_AFTER_MEETING})."
            )


# --- meetings ---------------------------------------------------------------------------------


def earliest_meeting_day(notice_on: date) -> tuple[date, DeadlineRule]:
    """The first day a meeting (or a ballot) may be held after a notice given on `notice_on`.

    NĐ 59/2023/NĐ-CP, Điều 3 khoản 3 (meeting), Điều 4 khoản 4 (ballot): at least 2 days before;
    the day of the notice is not counted (BLDS 2015, Điều 147), and as a minimum period it is
    never moved to a working day. The rule (days, unit, kind) is row `dan-quyet-dinh/
    thong-bao-hop`, read through core.deadlines.due like every time limit.
    """
    deadline, rule = due(PROCEDURE, STEP_NOTICE, notice_on)
    return deadline.due, rule


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
    online_agreed: int | None = None,
) -> Meeting:
    """Schedule the meeting (the ballot, the online vote) of one village of the decision."""
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
    if decision.form != Form.ONLINE:
        # The decree sets no notice period for an online vote (NĐ 59/2023, Điều 5 khoản 3).
        earliest, rule = earliest_meeting_day(notice_on)
        if held_on < earliest:
            raise DomainError(
                f"Phải thông báo trước ít nhất {rule.days} {rule.get_unit_display()} "
                f"({rule.source}): thông báo ngày {notice_on:%d/%m/%Y} thì họp sớm nhất ngày "
                f"{earliest:%d/%m/%Y}."
            )
    if decision.form == Form.MEETING:
        ballot_until = None
    elif ballot_until is None or ballot_until < held_on:
        raise DomainError("Hạn thu phiếu, kết thúc biểu quyết phải từ ngày bắt đầu trở đi.")
    if decision.form == Form.ONLINE:
        _online_chosen(village, held_on, online_agreed)
    else:
        online_agreed = None
    m = Meeting.objects.create(
        decision=decision,
        village=village,
        held_on=held_on,
        ballot_until=ballot_until,
        place=place.strip(),
        notice_on=notice_on,
        convened_by=convened_by.strip(),
        online_agreed=online_agreed,
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
            **({"online_agreed": online_agreed} if online_agreed is not None else {}),
        },
    )
    transaction.on_commit(lambda: _meeting_called(m, by))
    return m


def _meeting_called(m: Meeting, by: User) -> int:
    """Tell the village's heads (not the one who scheduled it) that a vote was called there."""
    d = m.decision
    when = f"{m.held_on:%d/%m/%Y}" + (f"–{m.ballot_until:%d/%m/%Y}" if m.ballot_until else "")
    heads = members(Role.VILLAGE_HEAD, unit_id=m.village_id).exclude(pk=by.pk)
    return notify(
        heads,
        title=f"{d.get_form_display()} tại {m.village.name} ngày {when}: {d.title}",
        body=f"Địa điểm: {m.place}. Thông báo ngày {m.notice_on:%d/%m/%Y}. "
        f"Người triệu tập: {m.convened_by}.",
        url=d.get_absolute_url(),
    )


def _online_chosen(village: Unit, day: date, agreed: int | None) -> None:
    """An online vote is held only when more than half of ALL the village's households chose it
    in the poll beforehand (NĐ 59/2023/NĐ-CP, Điều 5 khoản 1 điểm b, khoản 2 điểm c)."""
    counted = households_on(village, day)
    if agreed is None:
        raise DomainError(
            "Biểu quyết trực tuyến: nhập số hộ đã đồng ý chọn hình thức trực tuyến "
            f"({ONLINE_CONSENT_SOURCE})."
        )
    if not 0 <= agreed <= counted.households:
        raise DomainError(
            f"Số hộ đồng ý biểu quyết trực tuyến phải từ 0 đến {counted.households} (số hộ của "
            f"{village})."
        )
    if not reaches(agreed, counted.households, ONLINE_CONSENT):
        raise DomainError(
            f"Chỉ biểu quyết trực tuyến khi trên {ONLINE_CONSENT.text} tổng số hộ gia đình của "
            f"thôn đồng ý hình thức này ({ONLINE_CONSENT_SOURCE}): {agreed}/{counted.households} "
            f"hộ = {percent(agreed, counted.households)}. Tổ chức cuộc họp hoặc phát phiếu."
        )


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
        if (
            decision.form == Form.MEETING
            and not tally.passed
            and not reaches(tally.present, tally.households, t)
        ):
            lines.append(
                f"{v.name}: {tally.present}/{tally.households} hộ tham dự, không đủ để đạt ngưỡng "
                f"{t.text}: có thể phát phiếu lấy ý kiến từng hộ ({BALLOT_AFTER_MEETING})."
            )
    if missing:
        lines.append("Chưa có kết quả: " + ", ".join(missing) + ".")
        return Outcome.INCOMPLETE, "\n".join(lines), None
    last = max(m.vote_day for m in meetings.values())
    if decision.scope == CommunityDecision.Scope.VILLAGE:
        passed = tallies[0].passed
    elif item.commune_wide_rule in COMMUNE_WIDE:
        # Điều 21 khoản 1, đoạn 2: counted in villages, each village's own result above.
        approving = sum(1 for x in tallies if x.passed)
        result = judge_villages(approving, len(tallies), COMMUNE_WIDE[item.commune_wide_rule])
        passed = result.passed
        lines.append(f"Toàn xã: {result.explanation} ({item.commune_wide_source})")
    else:
        # Only a decision made before the item lost its commune-wide count (issue #10) gets
        # here; no count is invented for it: every village must have passed it.
        passed = all(x.passed for x in tallies)
        lines.append(
            f"Toàn xã: pháp luật không quy định cách tính toàn xã cho nội dung này "
            f"({item.commune_wide_source}); "
            f"{'mọi thôn đều thông qua' if passed else 'có thôn không thông qua'}"
        )
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


def needs_recognition(d: CommunityDecision) -> bool:
    """Items 3–4 by the People's Committee, item 5 by the Front (Luật THDCCS 2022, Điều 21
    khoản 2); the others take effect on the vote. Read from the item's row."""
    return bool(d.item.recognizer)


def effect_set_by_committee(d: CommunityDecision) -> bool:
    """A commune-wide decision on items 1–2: its effective date is set by the People's Committee
    from the villages' results (Điều 21 khoản 2, đoạn 2); the law gives it no time limit."""
    return not d.item.recognizer and d.scope == CommunityDecision.Scope.COMMUNE


def _schedule(d: CommunityDecision) -> None:
    """Due dates from the rules in force (Luật THDCCS 2022 Điều 20 khoản 3, Điều 21 khoản 2;
    NĐ 59/2023 Điều 3, 4, 5)."""
    if d.voted_until:
        deadline, _rule = due(PROCEDURE, STEP_SEND, d.voted_until)
        d.send_due, d.send_due_explained = deadline.due, deadline.steps
    else:
        d.send_due, d.send_due_explained = None, []
    if d.sent_on and d.outcome == Outcome.PASSED and needs_recognition(d):
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
    if d.outcome != Outcome.PASSED:
        d.status = Status.CLOSED
    elif needs_recognition(d) or effect_set_by_committee(d):
        d.status = Status.SENT
    else:
        # Items 1, 2, 6 of one village: in effect from the day of the vote (Điều 21 khoản 2).
        d.status, d.effective_on = Status.IN_EFFECT, d.voted_until
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
            **({"effective_on": d.effective_on} if d.effective_on else {}),
        },
    )
    return d


def _who_acts(d: CommunityDecision) -> str:
    if d.item.recognizer:
        return str(Recognizer(d.item.recognizer).label)
    return str(Recognizer.COMMITTEE.label)


def _answerable(d: CommunityDecision, by: User, on: date, what: str) -> None:
    if not access.can_recognise(by, d):
        raise DomainError(
            f"Việc “{d.item.short_name}” do {_who_acts(d)} {what} ({d.item.recognizer_source})."
        )
    if d.status != Status.SENT or d.sent_on is None:
        raise DomainError(f"Chỉ {what} việc đã thông qua, đã gửi biên bản và đang chờ.")
    if on < d.sent_on:
        raise DomainError(f"Ngày {what} không thể trước ngày gửi biên bản ({d.sent_on:%d/%m/%Y}).")


@transaction.atomic
def decision_recognise(
    *,
    decision: CommunityDecision,
    recognised_on: date,
    note: str,
    by: User,
    effective_on: date | None = None,
) -> CommunityDecision:
    """The body the law names recognises a passed decision, which takes effect that day (items
    3–4 the People's Committee, item 5 the Front: Luật THDCCS 2022, Điều 21 khoản 2); for a
    commune-wide decision on items 1–2 the People's Committee sets the day it takes effect
    (`effective_on`, Điều 21 khoản 2, đoạn 2)."""
    d = decision
    by_committee = effect_set_by_committee(d)
    _answerable(d, by, recognised_on, "quyết định" if by_committee else "công nhận")
    if by_committee:
        if effective_on is None:
            raise DomainError(
                "Việc toàn xã: nhập ngày có hiệu lực do Ủy ban nhân dân xã quyết định "
                f"({d.item.recognizer_source})."
            )
        if d.voted_until and effective_on < d.voted_until:
            raise DomainError(
                f"Ngày có hiệu lực không thể trước ngày biểu quyết ({d.voted_until:%d/%m/%Y})."
            )
        d.status = Status.IN_EFFECT
    elif not needs_recognition(d):
        raise DomainError("Quyết định này có hiệu lực từ ngày biểu quyết, không cần công nhận.")
    else:
        if effective_on is not None and effective_on != recognised_on:
            raise DomainError(
                "Quyết định có hiệu lực từ ngày ban hành quyết định công nhận "
                f"({d.item.recognizer_source}): để trống ngày có hiệu lực."
            )
        effective_on = recognised_on
        d.status = Status.RECOGNISED
    d.recognised_on, d.recognised_by, d.effective_on = recognised_on, by, effective_on
    d.recognition_note = note.strip()
    d.save(
        update_fields=[
            "status",
            "recognised_on",
            "recognised_by",
            "recognition_note",
            "effective_on",
        ]
    )
    log_action(
        d,
        "decisions.recognised",
        by=by,
        changes={
            "recognised_on": recognised_on,
            "effective_on": effective_on,
            "on_time": bool(d.recognise_due is None or recognised_on <= d.recognise_due),
            "note": note,
        },
    )
    return d


@transaction.atomic
def decision_refuse(
    *, decision: CommunityDecision, refused_on: date, reasons: str, by: User
) -> CommunityDecision:
    """The body asked to recognise refuses: a written answer stating its reasons (Luật THDCCS
    2022, Điều 21 khoản 2, last sentence)."""
    d = decision
    if not needs_recognition(d):
        raise DomainError(
            "Chỉ trả lời không công nhận với việc cần công nhận (khoản 3, 4, 5 Điều 15)."
        )
    _answerable(d, by, refused_on, "trả lời")
    reasons = reasons.strip()
    if not reasons:
        raise DomainError(
            f"Không công nhận phải trả lời bằng văn bản và nêu rõ lý do ({d.item.recognizer_source})."
        )
    d.status, d.refused_on, d.refusal_reasons, d.recognised_by = (
        Status.REFUSED,
        refused_on,
        reasons,
        by,
    )
    d.save(update_fields=["status", "refused_on", "refusal_reasons", "recognised_by"])
    log_action(
        d,
        "decisions.refused",
        by=by,
        changes={
            "refused_on": refused_on,
            "on_time": bool(d.recognise_due and refused_on <= d.recognise_due),
            "reasons": reasons,
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
