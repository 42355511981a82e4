"""Every write to a consultation: the draft, its period, the comments, the answers, publication.

Each function runs in a transaction, checks the order of steps, writes the audit log and raises
DomainError with a Vietnamese message when a rule is broken.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from danvan.consultations.drafts import DraftPoint
from danvan.consultations.models import (
    MEETING,
    PORTAL,
    Channel,
    Comment,
    CommentGroup,
    Consultation,
    Decision,
    Matter,
    Point,
    Submission,
)
from danvan.core.access import members
from danvan.core.audit import log_action
from danvan.core.deadlines import due, rule_or_none
from danvan.core.errors import DomainError, full_clean
from danvan.core.models import Attachment, DeadlineRule, Role, Unit, User
from danvan.core.notify import notify
from danvan.core.uploads import attachment_create

Status = Consultation.Status
PROCEDURE = "lay-y-kien"
MINIMUM_STEP = "toi-thieu"
TEXT_MAX = 4000
PEOPLE_MAX = 100_000


# --- the period -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Minimum:
    until: date
    rule: DeadlineRule


def minimum_period(published_on: date) -> Minimum | None:
    """The last day a consultation published on `published_on` must still take comments.

    Luật THDCCS 2022, Điều 28 khoản 2: "Thời gian lấy ý kiến Nhân dân ít nhất là 20 ngày kể
    từ ngày công khai nội dung lấy ý kiến". The rule is the row `lay-y-kien/toi-thieu` of
    core.DeadlineRule (a minimum, calendar days, shipped by migration 0007), counted like every
    limit: the day of publication is not counted (BLDS 2015, Điều 147) and a minimum is never
    moved to a working day, so a consultation published on 02/03/2026 runs at least through
    22/03/2026. None where an administrator has removed the rule (a later law in its place).
    """
    if rule_or_none(PROCEDURE, MINIMUM_STEP, published_on) is None:
        return None
    last, rule = due(PROCEDURE, MINIMUM_STEP, published_on)
    return Minimum(until=last.due, rule=rule)


def default_period(today: date) -> tuple[date, date]:
    """The period the form suggests: published today, open exactly the legal minimum (the
    rule of Điều 28(2)), or today alone where no rule is in force."""
    minimum = minimum_period(today)
    return today, minimum.until if minimum else today


def _check_period(opens_on: date | None, closes_on: date | None, *, published_on: date) -> None:
    """The period, published on `published_on` (its first day, or the day it is put out if
    later: the people cannot comment on what they cannot read)."""
    if opens_on is None or closes_on is None:
        raise DomainError("Vui lòng nhập ngày bắt đầu và ngày hết hạn nhận ý kiến.")
    if closes_on < opens_on:
        raise DomainError("Ngày hết hạn nhận ý kiến phải sau ngày bắt đầu.")
    minimum = minimum_period(published_on)
    if minimum and closes_on < minimum.until:
        raise DomainError(
            f"Thời gian lấy ý kiến Nhân dân ít nhất là {minimum.rule.days} "
            f"{minimum.rule.get_unit_display()} kể từ ngày công khai ({minimum.rule.source}): "
            f"công khai ngày {published_on:%d/%m/%Y} thì hạn nhận ý kiến sớm nhất là ngày "
            f"{minimum.until:%d/%m/%Y}."
        )


# --- the consultation ---------------------------------------------------------------------------


def _check_units(commune: Unit, lead_unit: Unit, villages: Sequence[Unit]) -> None:
    if commune.kind != Unit.Kind.COMMUNE:
        raise DomainError("Cuộc lấy ý kiến phải thuộc một xã, phường.")
    if lead_unit.commune_id != commune.pk or lead_unit.kind == Unit.Kind.VILLAGE:
        raise DomainError("Đơn vị chủ trì phải là một cơ quan, đơn vị của xã.")
    for v in villages:
        if v.kind != Unit.Kind.VILLAGE or v.commune_id != commune.pk:
            raise DomainError(f"{v.name} không phải là thôn, tổ dân phố của xã.")


def _check_channels(channels: Iterable[str | Channel], matter: Matter | None) -> list[Channel]:
    """The forms chosen, among those in force (Điều 26 khoản 1); a form the law keeps for one
    matter (điểm h: Điều 25 khoản 8) only for that matter."""
    codes = [ch.code if isinstance(ch, Channel) else str(ch) for ch in channels]
    known = {ch.code: ch for ch in Channel.objects.active().filter(code__in=codes)}
    chosen = [known[code] for code in dict.fromkeys(codes) if code in known]
    if not chosen:
        raise DomainError("Vui lòng chọn ít nhất một hình thức lấy ý kiến (Luật THDCCS, Điều 26).")
    for ch in chosen:
        if ch.only_for_id and (matter is None or matter.pk != ch.only_for_id):
            raise DomainError(
                f"Hình thức “{ch.name}” chỉ dùng cho nội dung “{ch.only_for}” ({ch.source})."
            )
    return chosen


@transaction.atomic
def consultation_create(
    *,
    commune: Unit,
    by: User,
    title: str,
    lead_unit: Unit,
    matter: Matter | None = None,
    matter_other: str = "",
    summary: str = "",
    whole_commune: bool = True,
    villages: Sequence[Unit] = (),
    opens_on: date | None = None,
    closes_on: date | None = None,
    channels: Iterable[str | Channel] = (PORTAL,),
) -> Consultation:
    """A new consultation, in draft: points and files are added before it opens."""
    c = Consultation(
        commune=commune,
        title=title.strip(),
        matter=matter,
        matter_other=matter_other.strip(),
        summary=summary.strip(),
        lead_unit=lead_unit,
        whole_commune=whole_commune,
        opens_on=opens_on,
        closes_on=closes_on,
        created_by=by,
    )
    chosen = _check_draft(c, villages, channels)
    c.save()
    c.channels.set(chosen)
    if not whole_commune:
        c.villages.set(villages)
    log_action(c, "consultations.created", by=by, changes={"title": c.title})
    return c


def _check_draft(
    c: Consultation, villages: Sequence[Unit], channels: Iterable[str | Channel]
) -> list[Channel]:
    """The draft's description before it is saved, new or changed; its forms checked."""
    _check_units(c.commune, c.lead_unit, villages)
    if not c.title.strip():
        raise DomainError("Vui lòng nhập tên dự thảo.")
    if c.matter is None and not c.matter_other.strip():
        raise DomainError("Vui lòng chọn nội dung theo Điều 25 hoặc ghi rõ nội dung khác.")
    if not c.whole_commune and not villages:
        raise DomainError("Vui lòng chọn các thôn được lấy ý kiến, hoặc chọn lấy ý kiến toàn xã.")
    if c.opens_on and c.closes_on:
        _check_period(c.opens_on, c.closes_on, published_on=c.opens_on)
    chosen = _check_channels(channels, c.matter)
    if c.matter:
        c.matter_other = ""
    full_clean(c)
    return chosen


EDITABLE = (
    "title",
    "matter",
    "matter_other",
    "summary",
    "lead_unit",
    "whole_commune",
    "opens_on",
    "closes_on",
    "channels",
)


def _require(c: Consultation, *statuses: str, doing: str) -> None:
    if c.status not in statuses:
        raise DomainError(
            f"Không thể {doing}: cuộc lấy ý kiến đang ở tình trạng “{c.get_status_display()}”."
        )


@transaction.atomic
def consultation_update(
    *, consultation: Consultation, by: User, villages: Sequence[Unit] = (), **fields: object
) -> Consultation:
    """Change the draft's description; only before it opens, so that what the people read
    is what they comment on."""
    c = Consultation.objects.select_for_update().get(pk=consultation.pk)
    _require(c, Status.DRAFT, doing="sửa dự thảo đã đưa ra lấy ý kiến")
    before = {f: _plain(c, f) for f in EDITABLE}
    channels = fields.pop("channels", None)
    for name, value in fields.items():
        if name not in EDITABLE:
            raise TypeError(name)
        setattr(c, name, value)
    chosen = _check_draft(
        c,
        villages,
        c.channel_codes() if channels is None else channels,  # type: ignore[arg-type]
    )
    c.save()
    c.channels.set(chosen)
    c.villages.set([] if c.whole_commune else villages)
    after = {f: _plain(c, f) for f in EDITABLE}
    changes = {k: [before[k], v] for k, v in after.items() if before[k] != v}
    log_action(c, "consultations.updated", by=by, changes=changes)
    return c


def _plain(c: Consultation, field: str) -> object:
    if field == "channels":
        return c.channel_labels()
    value = getattr(c, field)
    if isinstance(value, Unit | Matter):
        return str(value)
    return value


@transaction.atomic
def points_replace(
    *, consultation: Consultation, by: User, points: Sequence[DraftPoint]
) -> list[Point]:
    """Replace the draft's points (after a paste-and-split or an edit), in the given order."""
    c = Consultation.objects.select_for_update().get(pk=consultation.pk)
    _require(c, Status.DRAFT, doing="sửa các điều của dự thảo đã đưa ra lấy ý kiến")
    cleaned = [p for p in points if p.heading.strip() or p.text.strip()]
    if not cleaned:
        raise DomainError("Dự thảo cần ít nhất một điều, mục.")
    for p in cleaned:
        if not p.heading.strip():
            raise DomainError("Mỗi điều, mục cần có tiêu đề.")
    before = c.points.count()
    c.points.all().delete()
    created = Point.objects.bulk_create(
        Point(consultation=c, order=n, heading=p.heading.strip()[:300], text=p.text.strip())
        for n, p in enumerate(cleaned, start=1)
    )
    log_action(c, "consultations.points_set", by=by, changes={"points": [before, len(created)]})
    return created


@transaction.atomic
def consultation_attach(*, consultation: Consultation, by: User, file: UploadedFile) -> Attachment:
    """Attach the full draft (or a map, a table) for the people to read."""
    if consultation.status not in (Status.DRAFT, Status.OPEN):
        raise DomainError("Chỉ đính kèm tài liệu khi dự thảo đang soạn hoặc đang lấy ý kiến.")
    attachment = attachment_create(
        file=file, owner=consultation, commune=consultation.commune, by=by
    )
    log_action(
        consultation,
        "consultations.file_added",
        by=by,
        changes={"file": attachment.original_name},
    )
    return attachment


@transaction.atomic
def consultation_open(*, consultation: Consultation, by: User, today: date) -> Consultation:
    """Put the draft out for comments: from now on the portal shows it (and takes comments
    from its first day to its last)."""
    c = Consultation.objects.select_for_update().get(pk=consultation.pk)
    _require(c, Status.DRAFT, doing="mở lấy ý kiến")
    if not c.points.exists():
        raise DomainError("Dự thảo chưa có điều, mục nào để Nhân dân góp ý.")
    if c.closes_on is not None and c.closes_on < today:
        raise DomainError(
            f"Ngày hết hạn nhận ý kiến ({c.closes_on:%d/%m/%Y}) đã qua: vui lòng sửa thời gian."
        )
    published_on = max(c.opens_on, today) if c.opens_on else today
    _check_period(c.opens_on, c.closes_on, published_on=published_on)
    c.channels.set(_check_channels(c.channel_codes(), c.matter))
    c.status = Status.OPEN
    c.save(update_fields=["status"])
    log_action(
        c,
        "consultations.opened",
        by=by,
        changes={"opens_on": c.opens_on, "closes_on": c.closes_on},
    )
    if c.channels.filter(code=MEETING).exists():
        transaction.on_commit(lambda: _village_meetings_asked(c, by))
    return c


def _village_meetings_asked(c: Consultation, by: User) -> int:
    """Comments gathered at the community's meeting (Điều 26 khoản 1 điểm b) are gathered by
    the village heads: those of the villages asked are told (not the one who opened it)."""
    villages = c.audience_villages().values_list("pk", flat=True)
    heads = members(Role.VILLAGE_HEAD, unit_ids=villages).exclude(pk=by.pk)
    until = f" đến ngày {c.closes_on:%d/%m/%Y}" if c.closes_on else ""
    return notify(
        heads,
        title=f"Lấy ý kiến Nhân dân qua cuộc họp thôn: {c.title}",
        body=f"Tổ chức cuộc họp của cộng đồng dân cư để lấy ý kiến{until}.",
        url=c.get_absolute_url(),
    )


@transaction.atomic
def consultation_close(
    *, consultation: Consultation, by: User | None, today: date, reason: str = ""
) -> Consultation:
    """Stop taking comments. Before the announced last day only with a reason, which is logged."""
    c = Consultation.objects.select_for_update().get(pk=consultation.pk)
    _require(c, Status.OPEN, doing="kết thúc lấy ý kiến")
    minimum = minimum_period(c.opens_on) if c.opens_on else None
    if minimum and today <= minimum.until:
        raise DomainError(
            f"Chưa thể kết thúc: thời gian lấy ý kiến Nhân dân ít nhất là {minimum.rule.days} "
            f"{minimum.rule.get_unit_display()} kể từ ngày công khai ({minimum.rule.source}), "
            f"phải nhận ý kiến đến hết ngày {minimum.until:%d/%m/%Y}."
        )
    early = c.closes_on is not None and today <= c.closes_on
    if early and not reason.strip():
        raise DomainError(
            f"Thời gian nhận ý kiến chưa hết (đến hết ngày {c.closes_on:%d/%m/%Y}): "
            "kết thúc sớm phải ghi rõ lý do."
        )
    c.status, c.closed_on = Status.CLOSED, today
    c.save(update_fields=["status", "closed_on"])
    log_action(
        c,
        "consultations.closed",
        by=by,
        changes={"on": today, **({"reason": reason.strip()} if early else {})},
    )
    return c


def consultations_close_due(*, today: date) -> list[Consultation]:
    """Close every consultation whose last day has passed (run daily by `danvan remind`)."""
    due = Consultation.objects.filter(status=Status.OPEN, closes_on__lt=today)
    return [consultation_close(consultation=c, by=None, today=today) for c in due]


@transaction.atomic
def consultation_publish(
    *, consultation: Consultation, by: User, today: date, synthesis: str = ""
) -> Consultation:
    """Publish the synthesis on the portal. Every comment that stands (not hidden as abuse) must
    have its answer first: accepted, partly accepted or not accepted with the reason."""
    c = Consultation.objects.select_for_update().get(pk=consultation.pk)
    _require(c, Status.CLOSED, doing="công bố kết quả")
    missing = Comment.objects.filter(consultation=c).unanswered().count()
    if missing:
        raise DomainError(
            f"Còn {missing} ý kiến chưa được trả lời (tiếp thu hoặc giải trình): "
            "chưa thể công bố kết quả."
        )
    c.status, c.published_on, c.synthesis = Status.PUBLISHED, today, synthesis.strip()
    c.save(update_fields=["status", "published_on", "synthesis"])
    log_action(c, "consultations.published", by=by, changes={"on": today})
    return c


# --- comments ---------------------------------------------------------------------------------


def _check_text(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise DomainError("Ý kiến không được để trống.")
    if len(text) > TEXT_MAX:
        raise DomainError(f"Mỗi ý kiến tối đa {TEXT_MAX} ký tự.")
    return text


def _check_point(c: Consultation, point: Point | None) -> None:
    if point is not None and point.consultation_id != c.pk:
        raise DomainError("Điều, mục không thuộc dự thảo này.")


def _check_village(c: Consultation, village: Unit | None) -> None:
    if village is not None and not c.in_audience(village):
        raise DomainError(f"{village.name} không thuộc phạm vi lấy ý kiến của dự thảo này.")


@transaction.atomic
def comments_submit(
    *,
    consultation: Consultation,
    texts: Sequence[tuple[Point | None, str]],
    author_name: str = "",
    village: Unit | None = None,
    show_name: bool = False,
    nonce: str | None = None,
    today: date | None = None,
) -> list[Comment]:
    """A citizen's comments from the portal, one per point written on, all or none.

    The caller acknowledges only after this returns, i.e. after the commit.
    """
    today = today or timezone.localdate()
    c = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if not c.accepts_comments(today):
        raise DomainError(closed_message(c, today))
    _check_village(c, village)
    written = [(p, t) for p, t in texts if (t or "").strip()]
    if not written:
        raise DomainError("Vui lòng viết ý kiến ở ít nhất một mục.")
    author_name = " ".join((author_name or "").split())[:120]
    comments = []
    for point, text in written:
        _check_point(c, point)
        comments.append(
            Comment(
                consultation=c,
                point=point,
                text=_check_text(text),
                channel_id=PORTAL,
                village=village,
                people=1,
                received_on=today,
                author_name=author_name,
                show_name=show_name and bool(author_name),
            )
        )
    created = Comment.objects.bulk_create(comments)
    if nonce:
        Submission.objects.create(
            nonce=nonce, consultation=c, comments=len(created), at=timezone.now()
        )
    log_action(c, "consultations.portal_comments", by=None, changes={"comments": len(created)})
    return created


def closed_message(c: Consultation, today: date) -> str:
    if c.status == Status.OPEN and c.opens_on and today < c.opens_on:
        return f"Dự thảo bắt đầu nhận ý kiến từ ngày {c.opens_on:%d/%m/%Y}."
    if c.closes_on:
        return (
            f"Đã hết thời gian nhận ý kiến (hạn cuối ngày {c.closes_on:%d/%m/%Y}); "
            "ý kiến mới không được ghi nhận."
        )
    return "Dự thảo này không nhận ý kiến."


@transaction.atomic
def comment_enter(
    *,
    consultation: Consultation,
    by: User,
    text: str,
    channel: str | Channel,
    received_on: date,
    point: Point | None = None,
    source: str = "",
    village: Unit | None = None,
    people: int = 1,
    author_name: str = "",
    show_name: bool = False,
    entered_unit: Unit | None = None,
    today: date | None = None,
) -> Comment:
    """A comment gathered at a meeting, on a form or in the mailbox, typed in by an officer, a
    village head or the Front, with how many people agreed with it."""
    today = today or timezone.localdate()
    c = Consultation.objects.select_for_update().get(pk=consultation.pk)
    _require(c, Status.OPEN, Status.CLOSED, doing="ghi ý kiến")
    _check_point(c, point)
    _check_village(c, village)
    form = Channel.objects.active().filter(code=getattr(channel, "code", channel)).first()
    if form is None or form.code == PORTAL:
        raise DomainError("Hình thức thu thập ý kiến không hợp lệ.")
    if form.names_meeting and not source.strip():
        raise DomainError("Vui lòng ghi tên hội nghị, cuộc họp nơi thu thập ý kiến.")
    if not 1 <= people <= PEOPLE_MAX:
        raise DomainError(f"Số người đồng tình phải từ 1 đến {PEOPLE_MAX:,}.".replace(",", "."))
    assert c.opens_on is not None and c.closes_on is not None
    if received_on > today:
        raise DomainError("Ngày nhận ý kiến không được sau ngày hôm nay.")
    if not c.opens_on <= received_on <= c.closes_on:
        raise DomainError(
            f"Ngày nhận ý kiến phải trong thời gian lấy ý kiến "
            f"({c.opens_on:%d/%m/%Y} – {c.closes_on:%d/%m/%Y})."
        )
    author_name = " ".join((author_name or "").split())[:120]
    comment = Comment.objects.create(
        consultation=c,
        point=point,
        text=_check_text(text),
        channel=form,
        source=source.strip()[:300],
        village=village,
        people=people,
        received_on=received_on,
        author_name=author_name,
        show_name=show_name and bool(author_name),
        entered_by=by,
        entered_unit=entered_unit,
    )
    log_action(
        comment,
        "consultations.comment_entered",
        by=by,
        commune=c.commune_id,
        changes={"channel": form.name, "people": people},
    )
    return comment


def _open_for_answers(c: Consultation) -> None:
    """Answers change until publication; the status is read again, under a row lock, so a
    page left open in a browser cannot change a published synthesis."""
    c.status = (
        Consultation.objects.select_for_update().values_list("status", flat=True).get(pk=c.pk)
    )
    _require(c, Status.OPEN, Status.CLOSED, doing="thay đổi ý kiến sau khi đã công bố kết quả")


@transaction.atomic
def comment_hide(*, comment: Comment, by: User, reason: str) -> Comment:
    """Hide an abusive comment from the portal and the synthesis. Never deleted: the text and
    the reason stay for the record."""
    _open_for_answers(comment.consultation)
    if not reason.strip():
        raise DomainError("Vui lòng ghi lý do ẩn ý kiến.")
    comment.hidden, comment.hidden_reason = True, reason.strip()[:300]
    comment.save(update_fields=["hidden", "hidden_reason"])
    log_action(
        comment,
        "consultations.comment_hidden",
        by=by,
        commune=comment.consultation.commune_id,
        changes={"reason": comment.hidden_reason},
    )
    return comment


@transaction.atomic
def comment_show(*, comment: Comment, by: User) -> Comment:
    _open_for_answers(comment.consultation)
    if not comment.hidden:
        raise DomainError("Ý kiến này đang hiển thị.")
    comment.hidden = False
    comment.save(update_fields=["hidden"])
    log_action(
        comment, "consultations.comment_shown", by=by, commune=comment.consultation.commune_id
    )
    return comment


def _record_answer(
    target: Comment | CommentGroup, action: str, *, by: User, answer: tuple[str, str]
) -> None:
    """Accepted, partly accepted or not: the last two with the explanation given to the people."""
    decision, explanation = answer[0], (answer[1] or "").strip()
    if decision not in Decision.values:
        raise DomainError("Vui lòng chọn tiếp thu, tiếp thu một phần hoặc không tiếp thu.")
    if decision != Decision.ACCEPTED and not explanation:
        raise DomainError("Ý kiến không tiếp thu hoặc tiếp thu một phần phải có giải trình.")
    before = [target.decision, target.explanation]
    target.decision, target.explanation = decision, explanation
    target.save(update_fields=["decision", "explanation"])
    log_action(
        target,
        action,
        by=by,
        commune=target.consultation.commune_id,
        changes={"decision": [before[0], decision], "explanation": [before[1], explanation]},
    )


@transaction.atomic
def comment_answer(*, comment: Comment, by: User, decision: str, explanation: str = "") -> Comment:
    """Answer one comment; its own answer takes precedence over its group's."""
    _open_for_answers(comment.consultation)
    if comment.hidden:
        raise DomainError("Ý kiến đã bị ẩn không cần trả lời.")
    _record_answer(comment, "consultations.comment_answered", by=by, answer=(decision, explanation))
    return comment


@transaction.atomic
def group_create(
    *,
    consultation: Consultation,
    by: User,
    title: str,
    comments: Sequence[Comment],
    point: Point | None = None,
) -> CommentGroup:
    """Gather similar comments under one title, to be answered once."""
    _open_for_answers(consultation)
    _check_point(consultation, point)
    if not title.strip():
        raise DomainError("Vui lòng đặt tên nhóm ý kiến.")
    if not comments:
        raise DomainError("Vui lòng chọn các ý kiến cần gộp nhóm.")
    if any(x.consultation_id != consultation.pk for x in comments):
        raise DomainError("Có ý kiến không thuộc dự thảo này.")
    group = CommentGroup.objects.create(
        consultation=consultation, point=point, title=title.strip()[:200]
    )
    Comment.objects.filter(pk__in=[x.pk for x in comments]).update(group=group)
    log_action(
        group,
        "consultations.group_created",
        by=by,
        commune=consultation.commune_id,
        changes={"comments": len(comments)},
    )
    return group


@transaction.atomic
def comment_set_group(*, comment: Comment, by: User, group: CommentGroup | None) -> Comment:
    _open_for_answers(comment.consultation)
    if group is not None and group.consultation_id != comment.consultation_id:
        raise DomainError("Nhóm không thuộc dự thảo này.")
    before = str(comment.group) if comment.group_id else ""
    comment.group = group
    comment.save(update_fields=["group"])
    log_action(
        comment,
        "consultations.comment_grouped",
        by=by,
        commune=comment.consultation.commune_id,
        changes={"group": [before, str(group) if group else ""]},
    )
    return comment


@transaction.atomic
def group_answer(
    *, group: CommentGroup, by: User, decision: str, explanation: str = ""
) -> CommentGroup:
    """One answer for every comment of the group that has none of its own."""
    _open_for_answers(group.consultation)
    _record_answer(group, "consultations.group_answered", by=by, answer=(decision, explanation))
    return group
