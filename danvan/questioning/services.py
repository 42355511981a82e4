"""Every write of council questioning: validated, in a transaction, audited, DomainError in
Vietnamese.

Time limits come from the rule table (core.DeadlineRule), both shipped UNVERIFIED (migration
0002): `chat-van` / `tra-loi-van-ban`, 20 days from the question for a written answer, and
`chat-van` / `bao-cao-loi-hua`, the report on pledges 10 days before the next session opens.
A pledge becomes a promises.Promise (its task carries reminders, "Việc của tôi", the overview).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from danvan.core.audit import log_action
from danvan.core.calendar import work_calendar
from danvan.core.deadlines import due as legal_due
from danvan.core.deadlines import rule_or_none
from danvan.core.errors import DomainError, full_clean, save_valid
from danvan.core.fields import check_day
from danvan.core.models import Unit, User
from danvan.core.uploads import attachment_create
from danvan.promises import services as promises
from danvan.promises.models import Promise
from danvan.questioning.models import CouncilSession, Pledge, PledgeReport, Question

ANSWER_RULE = ("chat-van", "tra-loi-van-ban")
REPORT_RULE = ("chat-van", "bao-cao-loi-hua")
# Who the council questions at the commune: the UBND's chairman and members (the commune unit)
# and the heads of the offices under it (Luật 87/2015/QH13 Điều 5 khoản 1 điểm đ, as the
# research note quotes it through Điều 66 khoản 2; the article itself was not read). The
# commune's court and procuracy do not exist at commune level; the Front is not questioned.
QUESTIONED_KINDS = (Unit.Kind.COMMUNE, Unit.Kind.OFFICE)


def _commune_unit(commune_id: int, unit: Unit, what: str) -> None:
    if unit.commune_id != commune_id or unit.kind == Unit.Kind.PROVINCE:
        raise DomainError(f"{what} phải là một đơn vị thuộc xã.")


# --- time limits ----------------------------------------------------------------------------


def answer_due(asked_on: date) -> tuple[date, str] | None:
    """The last day of a written answer, from the rule in force on the day of the question
    (counted as BLDS 2015 Art. 147–148 say), or None when the table holds no rule."""
    try:
        deadline, rule = legal_due(*ANSWER_RULE, asked_on)
    except DomainError:
        return None
    return deadline.due, rule.source


def report_due(session: CouncilSession) -> tuple[date, str, CouncilSession] | None:
    """The day by which each respondent reports on the pledges it made at `session`: the rule's
    days before the next session opens, a day off moving it to the working day before (never
    later: "at the latest"); None while no next session is scheduled or no rule is in force."""
    following = session.next_session()
    if following is None:
        return None
    found = report_due_before(following.opens_on)
    return None if found is None else (*found, following)


def report_due_before(opens_on: date) -> tuple[date, str] | None:
    """The day the reports on pledges are due before a session opening on `opens_on`, and the
    rule's source; None without a rule in force that day."""
    rule = rule_or_none(*REPORT_RULE, opens_on)
    if rule is None:
        return None
    cal = work_calendar()
    day = opens_on - timedelta(days=rule.days)
    while not cal.is_working_day(day):
        day -= timedelta(days=1)
    return day, rule.source


# --- sessions -------------------------------------------------------------------------------


@transaction.atomic
def session_create(
    *,
    commune: Unit,
    by: User,
    term: str,
    number: int,
    kind: str,
    opens_on: date,
    closes_on: date,
    title: str = "",
) -> CouncilSession:
    """A session of the HĐND xã (kỳ họp), numbered within its term."""
    if commune.kind != Unit.Kind.COMMUNE:
        raise DomainError("Kỳ họp phải thuộc một xã.")
    check_day(opens_on, "Ngày khai mạc")
    check_day(closes_on, "Ngày bế mạc")
    if closes_on < opens_on:
        raise DomainError("Ngày bế mạc không được trước ngày khai mạc.")
    if (closes_on - opens_on).days > 14:
        raise DomainError("Một kỳ họp không kéo dài quá 14 ngày; kiểm tra lại ngày bế mạc.")
    if CouncilSession.objects.filter(commune=commune, term=term.strip(), number=number).exists():
        raise DomainError(f"Đã có kỳ họp thứ {number} của HĐND xã {term.strip()}.")
    session = CouncilSession(
        commune=commune,
        term=term.strip(),
        number=number,
        kind=kind,
        title=title.strip(),
        opens_on=opens_on,
        closes_on=closes_on,
        created_by=by,
    )
    full_clean(session)
    try:
        with transaction.atomic():
            session.save()
    except IntegrityError as e:
        raise DomainError(f"Đã có kỳ họp thứ {number} của HĐND xã {term.strip()}.") from e
    log_action(
        session,
        "questioning.session_created",
        by=by,
        changes={
            "qv_session_opens": opens_on,
            "qv_session_closes": closes_on,
            "qv_session_kind": kind,
        },
    )
    return session


# --- questions ------------------------------------------------------------------------------


def _next_number(session: CouncilSession) -> int:
    top = Question.objects.filter(session=session).aggregate(n=Max("number"))["n"]
    return (top or 0) + 1


def _set_written_due(question: Question) -> None:
    found = answer_due(question.asked_on)
    if found is None:
        raise DomainError(
            "Chưa có quy tắc thời hạn trả lời chất vấn bằng văn bản (chat-van/tra-loi-van-ban); "
            "đề nghị quản trị viên bổ sung."
        )
    question.due_on, question.due_source = found


@transaction.atomic
def question_create(
    *,
    session: CouncilSession,
    by: User,
    delegate: str,
    respondent_unit: Unit,
    respondent_title: str,
    content: str,
    asked_on: date,
    mode: str,
    constituency: str = "",
    village: Unit | None = None,
) -> Question:
    """A delegate's question, answered at the session or, when the council so decides, in
    writing within the rule's days of the question (its due date set here)."""
    _commune_unit(session.commune_id, respondent_unit, "Cơ quan bị chất vấn")
    if respondent_unit.kind not in QUESTIONED_KINDS:
        raise DomainError(
            "Chỉ chất vấn UBND xã (Chủ tịch, thành viên UBND) và các cơ quan chuyên môn thuộc "
            "UBND xã; không chất vấn Mặt trận, đoàn thể hay thôn."
        )
    if village and (village.commune_id != session.commune_id or village.kind != Unit.Kind.VILLAGE):
        raise DomainError("Thôn không thuộc xã này.")
    check_day(asked_on, "Ngày chất vấn")
    if asked_on > timezone.localdate():
        raise DomainError("Ngày chất vấn không được sau hôm nay.")
    if asked_on > session.closes_on:
        raise DomainError("Ngày chất vấn không được sau ngày bế mạc kỳ họp.")
    if mode == Question.Mode.AT_SESSION and asked_on < session.opens_on:
        raise DomainError(
            "Chất vấn trả lời tại kỳ họp phải được nêu trong những ngày họp "
            f"({session.opens_on:%d/%m/%Y}–{session.closes_on:%d/%m/%Y})."
        )
    # Lock the session so that two officers never take the same number.
    CouncilSession.objects.select_for_update().filter(pk=session.pk).first()
    question = Question(
        commune_id=session.commune_id,
        session=session,
        number=_next_number(session),
        delegate=delegate.strip(),
        constituency=constituency.strip(),
        village=village,
        respondent_unit=respondent_unit,
        respondent_title=respondent_title.strip(),
        content=content,
        asked_on=asked_on,
        mode=mode,
        created_by=by,
    )
    if mode == Question.Mode.IN_WRITING:
        _set_written_due(question)
    full_clean(question)
    try:
        with transaction.atomic():
            question.save()
    except IntegrityError as e:
        raise DomainError("Số thứ tự chất vấn vừa được dùng; vui lòng gửi lại.") from e
    log_action(
        question,
        "questioning.question_asked",
        by=by,
        changes={
            "qv_questioner": question.delegate,
            "qv_questioned": question.respondent,
            "qv_answer_mode": mode,
            "qv_answer_due": question.due_on,
            "qv_answer_due_source": question.due_source,
        },
    )
    return question


@transaction.atomic
def question_to_writing(*, question: Question, by: User) -> Question:
    """A question not answered at the session is answered in writing (the council decides so);
    the rule's days run from the day it was asked."""
    question = Question.objects.select_for_update().get(pk=question.pk)
    if question.answered_on:
        raise DomainError("Chất vấn đã được trả lời.")
    if question.mode == Question.Mode.IN_WRITING:
        raise DomainError("Chất vấn đã được chuyển trả lời bằng văn bản.")
    question.mode = Question.Mode.IN_WRITING
    _set_written_due(question)
    question.save(update_fields=["mode", "due_on", "due_source"])
    log_action(
        question,
        "questioning.question_to_writing",
        by=by,
        changes={"qv_answer_due": question.due_on, "qv_answer_due_source": question.due_source},
    )
    return question


@transaction.atomic
def question_answer(
    *,
    question: Question,
    by: User,
    answer: str,
    answered_on: date,
    files: Sequence[UploadedFile] = (),
) -> Question:
    """Record the answer: given at the session (on one of its days) or in writing, with the
    answer's documents (the written answer, the session's record of it)."""
    question = Question.objects.select_for_update().select_related("session").get(pk=question.pk)
    if question.answered_on:
        raise DomainError("Chất vấn đã được trả lời; không ghi lại.")
    if not answer.strip():
        raise DomainError("Vui lòng ghi nội dung trả lời.")
    check_day(answered_on, "Ngày trả lời")
    if answered_on < question.asked_on:
        raise DomainError("Ngày trả lời không được trước ngày chất vấn.")
    if answered_on > timezone.localdate():
        raise DomainError("Ngày trả lời không được sau hôm nay.")
    session = question.session
    if question.mode == Question.Mode.AT_SESSION and not (
        session.opens_on <= answered_on <= session.closes_on
    ):
        raise DomainError(
            "Trả lời tại kỳ họp phải trong những ngày họp "
            f"({session.opens_on:%d/%m/%Y}–{session.closes_on:%d/%m/%Y}); nếu trả lời sau kỳ "
            "họp, hãy chuyển chất vấn sang trả lời bằng văn bản."
        )
    question.answer, question.answered_on, question.answered_by = answer, answered_on, by
    save_valid(question)
    for f in files:
        attachment_create(file=f, owner=question, commune=question.commune, by=by)
    log_action(
        question,
        "questioning.question_answered",
        by=by,
        changes={
            "answered_on": answered_on,
            "qv_answer_mode": question.mode,
            "on_time": question.state(answered_on) == "answered",
            "qv_files": len(files),
        },
    )
    return question


def questions_recompute_open() -> int:
    """Move the due dates of written answers still awaited, after a rule or calendar change."""
    changed = 0
    waiting = Question.objects.filter(mode=Question.Mode.IN_WRITING, answered_on__isnull=True)
    for question in waiting:
        found = answer_due(question.asked_on)
        if found is None or found[0] == question.due_on:
            continue
        with transaction.atomic():
            log_action(
                question,
                "questioning.due_recomputed",
                by=None,
                changes={
                    "qv_answer_due": [question.due_on, found[0]],
                    "qv_answer_due_source": found[1],
                },
            )
            question.due_on, question.due_source = found
            question.save(update_fields=["due_on", "due_source"])
        changed += 1
    return changed


# --- pledges --------------------------------------------------------------------------------


@transaction.atomic
def pledge_create(
    *,
    question: Question,
    by: User,
    title: str,
    content: str,
    owner_unit: Unit,
    due_on: date,
    public: bool = True,
    internal_reason: str = "",
) -> Pledge:
    """What the respondent promised in its answer: a promise of the commune (source
    QUESTIONING), owned by `owner_unit`, due `due_on`."""
    question = Question.objects.select_related("session", "commune", "village").get(pk=question.pk)
    if not question.answered_on:
        raise DomainError("Ghi nội dung trả lời chất vấn trước, rồi ghi lời hứa trong câu trả lời.")
    _commune_unit(question.commune_id, owner_unit, "Đơn vị thực hiện")
    session = question.session
    promise = promises.promise_create(
        commune=question.commune,
        source=Promise.Source.QUESTIONING,
        source_label=(
            f"Trả lời chất vấn tại {session} ({question.answered_on:%d/%m/%Y})"
            if question.mode == Question.Mode.AT_SESSION
            else f"Trả lời bằng văn bản chất vấn tại {session} ({question.answered_on:%d/%m/%Y})"
        ),
        source_url=question.get_absolute_url(),
        public_url=f"{reverse('portal:questioning_session', args=[session.pk])}#chat-van-{question.number}",
        title=title,
        content=content,
        owner_unit=owner_unit,
        owner_person=question.respondent_title,
        made_on=question.answered_on,
        due_on=due_on,
        village=question.village,
        public=public,
        internal_reason=internal_reason,
        by=by,
    )
    pledge = save_valid(
        Pledge(
            commune_id=question.commune_id,
            question=question,
            title=title,
            content=content,
            owner_unit=owner_unit,
            made_on=question.answered_on,
            due_on=due_on,
            promise=promise,
            created_by=by,
        )
    )
    log_action(
        question,
        "questioning.pledge_made",
        by=by,
        changes={"qv_pledge": title, "qv_pledge_owner": str(owner_unit), "qv_pledge_due": due_on},
    )
    return pledge


# --- the report on pledges before the next session -------------------------------------------


def respondents_with_pledges(session: CouncilSession) -> list[Unit]:
    """The respondent units that pledged something at the session, by name."""
    ids = set(
        Pledge.objects.filter(question__session=session).values_list(
            "question__respondent_unit_id", flat=True
        )
    )
    return list(Unit.objects.filter(pk__in=ids).order_by("name"))


@transaction.atomic
def report_file(*, session: CouncilSession, unit: Unit, by: User, on: date) -> PledgeReport:
    """The respondent says it has sent its report on the pledges of the session."""
    if unit.pk not in {u.pk for u in respondents_with_pledges(session)}:
        raise DomainError("Đơn vị này không có lời hứa nào tại kỳ họp.")
    check_day(on, "Ngày gửi báo cáo")
    if on > timezone.localdate():
        raise DomainError("Ngày gửi báo cáo không được sau hôm nay.")
    if on < session.closes_on:
        raise DomainError("Ngày gửi báo cáo không được trước ngày bế mạc kỳ họp.")
    report, _ = PledgeReport.objects.select_for_update().get_or_create(
        session=session, respondent_unit=unit, defaults={"commune_id": session.commune_id}
    )
    if report.filed_on:
        raise DomainError(f"Đã ghi nhận báo cáo ngày {report.filed_on:%d/%m/%Y}.")
    report.filed_on, report.filed_by = on, by
    report.save(update_fields=["filed_on", "filed_by"])
    found = report_due(session)
    log_action(
        report,
        "questioning.report_filed",
        by=by,
        changes={"qv_report_filed_on": on, "qv_report_due": found[0] if found else None},
    )
    return report
