"""Every write of voters' recommendations: validated, in a transaction, audited, DomainError in
Vietnamese."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from danvan.core.audit import diff, log_action
from danvan.core.deadlines import due as legal_due
from danvan.core.errors import DomainError, full_clean, save_valid
from danvan.core.fields import check_day
from danvan.core.models import Unit, User
from danvan.core.uploads import attachment_create
from danvan.lib.text import fold
from danvan.promises import services as promises
from danvan.promises.models import Promise
from danvan.voters.models import Competence, Outcome, VoterMeeting, VoterRecommendation

# How long the published results stay posted: "30 days (Art. 51)" of the brief, not found in
# any text read (docs/research/promises-law.md §3), shipped as a rule marked CHƯA KIỂM CHỨNG
# (migration 0002) that an administrator corrects; without a rule in force nothing is counted.
POSTING_RULE = ("cu-tri", "niem-yet-ket-qua")
NOT_PUBLISHED = "Kết quả tiếp xúc cử tri chưa được công bố."


def _no_district(body: str) -> None:
    """Nothing goes to a district: the district level ended on 01/07/2025 (Luật Tổ chức chính
    quyền địa phương 2025)."""
    if "huyen" in fold(body).split():
        raise DomainError(
            "Từ ngày 01/07/2025 không còn cấp huyện: chuyển kiến nghị đến cơ quan cấp tỉnh "
            "hoặc trung ương."
        )


# --- meetings -------------------------------------------------------------------------------


@transaction.atomic
def meeting_create(
    *,
    commune: Unit,
    by: User,
    kind: str,
    held_on: date,
    place: str,
    chaired_by: Unit,
    delegates: str,
    voters_count: int,
    session_label: str = "",
    session_on: date | None = None,
    topic: str = "",
    villages: Sequence[Unit] = (),
    files: Sequence[UploadedFile] = (),
) -> VoterMeeting:
    """Record a meeting held (NQLT 72/2025: chaired by the Front, with the council's delegates)."""
    check_day(held_on, "Ngày tiếp xúc cử tri", past=True)
    check_day(session_on, "Ngày khai mạc kỳ họp")
    if chaired_by.commune_id != commune.pk or chaired_by.kind != Unit.Kind.FRONT:
        raise DomainError("Hội nghị do Ủy ban MTTQ của chính xã này chủ trì.")
    for v in villages:
        if v.commune_id != commune.pk or v.kind != Unit.Kind.VILLAGE:
            raise DomainError("Thôn không thuộc xã này.")
    if kind == VoterMeeting.Kind.BEFORE and session_on and session_on < held_on:
        raise DomainError("Tiếp xúc cử tri trước kỳ họp phải diễn ra trước ngày khai mạc kỳ họp.")
    if kind == VoterMeeting.Kind.AFTER and session_on and session_on > held_on:
        raise DomainError("Tiếp xúc cử tri sau kỳ họp phải diễn ra sau ngày khai mạc kỳ họp.")
    if kind == VoterMeeting.Kind.THEMATIC and not topic:
        raise DomainError("Nhập chuyên đề của hội nghị tiếp xúc cử tri theo chuyên đề.")
    if not [line for line in delegates.splitlines() if line.strip()]:
        raise DomainError("Ghi ít nhất một đại biểu HĐND dự hội nghị.")
    meeting = VoterMeeting(
        commune=commune,
        kind=kind,
        session_label=session_label,
        session_on=session_on,
        topic=topic,
        held_on=held_on,
        place=place,
        chaired_by=chaired_by,
        delegates=delegates,
        voters_count=voters_count,
        created_by=by,
    )
    save_valid(meeting)
    meeting.villages.set(villages)
    for f in files:
        attachment_create(file=f, owner=meeting, commune=commune, by=by)
    log_action(
        meeting,
        "voters.meeting_recorded",
        by=by,
        changes={"kind": meeting.get_kind_display(), "held_on": held_on, "files": len(files)},
    )
    return meeting


@transaction.atomic
def meeting_add_files(*, meeting: VoterMeeting, by: User, files: Sequence[UploadedFile]) -> int:
    if not files:
        raise DomainError("Chọn ít nhất một tệp để đính kèm.")
    for f in files:
        attachment_create(file=f, owner=meeting, commune=meeting.commune, by=by)
    log_action(meeting, "voters.files_added", by=by, changes={"files": len(files)})
    return len(files)


def posting_until(day: date) -> tuple[date, str] | None:
    """The last day the results stay posted, from the rule in force (None without one)."""
    try:
        deadline, rule = legal_due(*POSTING_RULE, day)
    except DomainError:
        return None
    return deadline.due, rule.source


@transaction.atomic
def meeting_publish(*, meeting: VoterMeeting, by: User, publish: bool = True) -> VoterMeeting:
    """The leader publishes (or withdraws) a meeting's recommendations and their answers on the
    portal; the promises of its recommendations become public with it."""
    meeting = VoterMeeting.objects.select_for_update().get(pk=meeting.pk)
    before = meeting.published_at is not None
    if publish == before:
        raise DomainError(
            "Kết quả hội nghị đã được công bố."
            if publish
            else "Kết quả hội nghị chưa được công bố."
        )
    if publish and not meeting.recommendations.exists():
        raise DomainError("Hội nghị chưa có kiến nghị nào để công bố.")
    if publish:
        meeting.published_at = timezone.now()
        found = posting_until(timezone.localdate())
        meeting.posted_until, meeting.posting_source = found if found else (None, "")
    else:
        meeting.published_at, meeting.posted_until, meeting.posting_source = None, None, ""
    meeting.save(update_fields=["published_at", "posted_until", "posting_source"])
    for rec in meeting.recommendations.filter(promise__isnull=False).select_related("promise"):
        assert rec.promise is not None
        if rec.promise.public != publish:
            promises.promise_set_public(
                promise=rec.promise,
                by=by,
                public=publish,
                reason="" if publish else "Thôi công bố kết quả tiếp xúc cử tri.",
            )
    log_action(
        meeting,
        "voters.meeting_published" if publish else "voters.meeting_withdrawn",
        by=by,
        changes={"published": [before, publish], "posted_until": meeting.posted_until},
    )
    return meeting


# --- recommendations ------------------------------------------------------------------------


def _next_number(commune_id: int, year: int) -> int:
    top = VoterRecommendation.objects.filter(commune_id=commune_id, year=year).aggregate(
        n=Max("number")
    )["n"]
    return (top or 0) + 1


@transaction.atomic
def recommendation_create(
    *,
    meeting: VoterMeeting,
    by: User,
    content: str,
    field: str,
    village: Unit | None = None,
) -> VoterRecommendation:
    """A recommendation the voters made at the meeting; numbered per commune and year."""
    if village and (village.commune_id != meeting.commune_id or village.kind != Unit.Kind.VILLAGE):
        raise DomainError("Thôn không thuộc xã của hội nghị.")
    # Lock the commune row so that two recorders never take the same number.
    Unit.objects.select_for_update().filter(pk=meeting.commune_id).first()
    year = meeting.held_on.year
    rec = VoterRecommendation(
        commune_id=meeting.commune_id,
        meeting=meeting,
        year=year,
        number=_next_number(meeting.commune_id, year),
        content=content,
        field=field,
        village=village,
        created_by=by,
    )
    full_clean(rec)
    try:
        with transaction.atomic():
            rec.save()
    except IntegrityError as e:
        raise DomainError("Số kiến nghị vừa được dùng; vui lòng gửi lại.") from e
    log_action(
        rec,
        "voters.recommendation_recorded",
        by=by,
        changes={"meeting": str(meeting), "field": rec.get_field_display()},
    )
    return rec


@transaction.atomic
def recommendation_correct(
    *,
    rec: VoterRecommendation,
    by: User,
    content: str,
    field: str,
    village: Unit | None = None,
) -> VoterRecommendation:
    """Correct what was written down (a typo, the wrong village or field) while the
    recommendation is still waiting to be sorted and its meeting unpublished: after that, a unit
    or a body above has it in these words, and the people may have read them."""
    rec = _open(rec)
    if rec.meeting.published_at is not None:
        raise DomainError("Kết quả hội nghị đã công bố; không sửa kiến nghị đã công bố.")
    if village and (village.commune_id != rec.commune_id or village.kind != Unit.Kind.VILLAGE):
        raise DomainError("Thôn không thuộc xã của hội nghị.")
    before = {
        "content": rec.content,
        "field": rec.get_field_display(),
        "village": str(rec.village or ""),
    }
    rec.content, rec.field, rec.village = content, field, village
    save_valid(rec)
    after = {
        "content": rec.content,
        "field": rec.get_field_display(),
        "village": str(village or ""),
    }
    changes = diff(before, after)
    if not changes:
        raise DomainError("Không có gì thay đổi.")
    log_action(rec, "voters.recommendation_corrected", by=by, changes=changes)
    return rec


def _open(rec: VoterRecommendation) -> VoterRecommendation:
    rec = VoterRecommendation.objects.select_for_update().select_related("meeting").get(pk=rec.pk)
    if rec.competence != Competence.PENDING:
        raise DomainError(
            "Kiến nghị đã được giao cho đơn vị của xã."
            if rec.competence == Competence.COMMUNE
            else "Kiến nghị đã được chuyển cấp trên."
        )
    return rec


@transaction.atomic
def recommendation_assign(
    *, rec: VoterRecommendation, by: User, owner_unit: Unit, due_on: date
) -> VoterRecommendation:
    """Within the commune's competence: the unit that answers and by when. The answer is the
    report of the promise created here (danvan.promises)."""
    rec = _open(rec)
    if owner_unit.commune_id != rec.commune_id or owner_unit.kind in (
        Unit.Kind.PROVINCE,
        Unit.Kind.COMMUNE,
    ):
        raise DomainError("Đơn vị giải quyết phải là một đơn vị thuộc xã.")
    check_day(due_on, "Hạn giải quyết")
    if due_on < rec.meeting.held_on:
        raise DomainError("Hạn giải quyết không được trước ngày tiếp xúc cử tri.")
    meeting = rec.meeting
    rec.promise = promises.promise_create(
        commune=rec.commune,
        source=Promise.Source.VOTERS,
        source_label=meeting.label,
        source_url=rec.get_absolute_url(),
        public_url=_public_url(meeting),
        title=f"Giải quyết kiến nghị cử tri số {rec.code}: {rec.short}"[:300],
        content=rec.content,
        owner_unit=owner_unit,
        owner_person="",
        made_on=meeting.held_on,
        due_on=due_on,
        village=rec.village,
        public=meeting.published_at is not None,
        internal_reason="" if meeting.published_at else NOT_PUBLISHED,
        by=by,
    )
    rec.competence, rec.owner_unit, rec.due_on = Competence.COMMUNE, owner_unit, due_on
    rec.save(update_fields=["promise", "competence", "owner_unit", "due_on"])
    log_action(
        rec,
        "voters.recommendation_assigned",
        by=by,
        changes={"owner_unit": str(owner_unit), "due_on": due_on, "promise": rec.promise.pk},
    )
    return rec


def _public_url(meeting: VoterMeeting) -> str:
    from django.urls import reverse

    return reverse("portal:voters_meeting", args=[meeting.pk])


@transaction.atomic
def recommendation_forward(
    *,
    rec: VoterRecommendation,
    by: User,
    receiving_body: str,
    forwarded_on: date,
    chase_on: date,
) -> VoterRecommendation:
    """Beyond the commune's competence: forwarded to a body of the province (or above). The
    answer deadline of the council track was not found (docs/research/promises-law.md §3), so
    the office types the day from which it chases the answer."""
    rec = _open(rec)
    _no_district(receiving_body)
    check_day(forwarded_on, "Ngày chuyển", past=True)
    check_day(chase_on, "Ngày đôn đốc")
    if forwarded_on < rec.meeting.held_on:
        raise DomainError("Ngày chuyển không được trước ngày tiếp xúc cử tri.")
    if chase_on <= forwarded_on:
        raise DomainError("Ngày đôn đốc phải sau ngày chuyển kiến nghị.")
    rec.competence = Competence.PROVINCE
    rec.receiving_body, rec.forwarded_on, rec.chase_on = receiving_body, forwarded_on, chase_on
    save_valid(rec)
    log_action(
        rec,
        "voters.recommendation_forwarded",
        by=by,
        changes={
            "receiving_body": receiving_body,
            "forwarded_on": forwarded_on,
            "chase_on": chase_on,
        },
    )
    return rec


@transaction.atomic
def recommendation_record_answer(
    *,
    rec: VoterRecommendation,
    by: User,
    answered_on: date,
    answer: str,
    outcome: str,
    roadmap_due: date | None = None,
    files: Sequence[UploadedFile] = (),
) -> VoterRecommendation:
    """The answer the office received for a forwarded recommendation."""
    rec = VoterRecommendation.objects.select_for_update().get(pk=rec.pk)
    if rec.competence != Competence.PROVINCE:
        raise DomainError(
            "Chỉ ghi trả lời nhận được cho kiến nghị đã chuyển cấp trên; kiến nghị của xã "
            "được trả lời qua báo cáo của đơn vị giải quyết."
        )
    check_day(answered_on, "Ngày nhận trả lời", past=True)
    assert rec.forwarded_on is not None
    if answered_on < rec.forwarded_on:
        raise DomainError("Ngày nhận trả lời không được trước ngày chuyển kiến nghị.")
    if outcome not in Outcome.values:
        raise DomainError("Chọn kết quả trả lời trong danh sách.")
    if outcome == Outcome.ROADMAP:
        if roadmap_due is None:
            raise DomainError("Kiến nghị đang giải quyết theo lộ trình: nhập thời hạn hoàn thành.")
        check_day(roadmap_due, "Thời hạn theo lộ trình")
        if roadmap_due < answered_on:
            raise DomainError("Thời hạn theo lộ trình không được trước ngày trả lời.")
    else:
        roadmap_due = None
    before = {"outcome": rec.outcome, "answered_on": rec.answered_on}
    rec.answered_on, rec.answer, rec.outcome, rec.roadmap_due = (
        answered_on,
        answer,
        outcome,
        roadmap_due,
    )
    save_valid(rec)
    for f in files:
        attachment_create(file=f, owner=rec, commune=rec.commune, by=by)
    log_action(
        rec,
        "voters.answer_recorded",
        by=by,
        changes={
            "outcome": [before["outcome"], outcome],
            "answered_on": [before["answered_on"], answered_on],
            "roadmap_due": roadmap_due,
            "files": len(files),
        },
    )
    return rec
