"""Every write of the "Dân vận khéo" movement: validated, in a transaction, audited on the
practice (its history lists every step), DomainError in Vietnamese."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from danvan.core.audit import log_action
from danvan.core.errors import DomainError, save_valid
from danvan.core.fields import check_day
from danvan.core.models import Unit, User
from danvan.core.uploads import attachment_create
from danvan.lib.text import fold
from danvan.movement.access import REGISTRANT_KINDS
from danvan.movement.models import (
    REGISTRATION,
    Applies,
    Criterion,
    Field,
    FollowUp,
    Kind,
    Practice,
    RecognitionLevel,
    Replication,
    Review,
    Status,
    average,
)

DECIDED = (Status.RECOGNISED, Status.NOT_RECOGNISED)


def _search_text(p: Practice) -> str:
    parts = [p.name, p.person_name, p.registrant.name, p.village.name if p.village else ""]
    parts += [p.content, p.outputs]
    return fold(" ".join(x for x in parts if x))


def _own_unit(commune_id: int, unit: Unit | None, kinds: Iterable[str], what: str) -> None:
    if unit is not None and (unit.commune_id != commune_id or unit.kind not in kinds):
        raise DomainError(f"{what} phải là đơn vị của xã này.")


def _no_district(text: str, what: str) -> None:
    # Since 01/07/2025 there is no district level: nothing is recorded as done at a "huyện".
    if re.search(r"\bhuyen\b", fold(text)):
        raise DomainError(
            f"{what}: từ 01/07/2025 không còn cấp huyện; ghi thôn, xã hoặc tỉnh áp dụng."
        )


# --- registration ---------------------------------------------------------------------------


@transaction.atomic
def practice_register(
    *,
    commune: Unit,
    by: User,
    registrant: Unit,
    kind: str,
    name: str,
    field: Field,
    year: int,
    starts_on: date,
    village: Unit | None = None,
    person_name: str = "",
    ends_on: date | None = None,
    guidance: Sequence[Any] = (),
    registered_on: date | None = None,
    **registration: str,
) -> Practice:
    """A unit of the commune registers a model or an exemplar for a year, with what the
    provincial forms ask (models.REGISTRATION)."""
    _own_unit(commune.pk, registrant, REGISTRANT_KINDS, "Đơn vị đăng ký")
    _own_unit(commune.pk, village, [Unit.Kind.VILLAGE], "Thôn thực hiện")
    if kind not in Kind.values:
        raise DomainError("Chọn loại: mô hình, điển hình tập thể hoặc điển hình cá nhân.")
    if kind == Kind.INDIVIDUAL and not person_name.strip():
        raise DomainError("Điển hình cá nhân: ghi họ và tên người được đăng ký.")
    if not field.is_active:
        raise DomainError("Lĩnh vực này không còn được dùng; chọn lĩnh vực khác.")
    if not 2000 <= year <= 2100:
        raise DomainError("Năm đăng ký phải nằm trong khoảng từ năm 2000 đến năm 2100.")
    registered_on = registered_on or timezone.localdate()
    check_day(registered_on, "Ngày đăng ký", past=True)
    check_day(starts_on, "Ngày bắt đầu")
    check_day(ends_on, "Ngày dự kiến hoàn thành")
    if ends_on and ends_on < starts_on:
        raise DomainError("Ngày dự kiến hoàn thành không được trước ngày bắt đầu.")
    unknown = set(registration) - {n for n, _ in REGISTRATION}
    if unknown:
        raise TypeError(f"unknown registration fields: {sorted(unknown)}")
    practice = Practice(
        commune=commune,
        created_by=by,
        registrant=registrant,
        kind=kind,
        name=name,
        field=field,
        year=year,
        registered_on=registered_on,
        village=village,
        person_name=person_name.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        **registration,
    )
    practice.search = _search_text(practice)
    save_valid(practice)
    if guidance:
        practice.guidance.set(guidance)
    log_action(
        practice,
        "movement.registered",
        by=by,
        changes={
            "kind": practice.get_kind_display(),
            "field": field.name,
            "year": year,
            "registrant": registrant.name,
            **({"village": village.name} if village else {}),
        },
    )
    return practice


def _locked(practice: Practice) -> Practice:
    return (
        Practice.objects.select_for_update(of=("self",))
        .select_related("commune", "registrant", "village", "field")
        .get(pk=practice.pk)
    )


# --- follow-up ------------------------------------------------------------------------------


@transaction.atomic
def follow_up_add(
    *,
    practice: Practice,
    by: User,
    on: date,
    note: str,
    evidence: Sequence[UploadedFile] = (),
) -> FollowUp:
    """A dated note with its evidence; the first one moves a registered practice to
    "following"."""
    practice = _locked(practice)
    check_day(on, "Ngày theo dõi", past=True)
    if on.year < practice.year - 1:
        raise DomainError(f"Ngày theo dõi phải từ năm đăng ký ({practice.year}) trở đi.")
    follow_up = FollowUp(practice=practice, on=on, note=note, created_by=by)
    save_valid(follow_up)
    for f in evidence:
        attachment_create(file=f, owner=follow_up, commune=practice.commune, by=by)
    before = practice.get_status_display()
    if practice.status == Status.REGISTERED:
        practice.status = Status.FOLLOWING
        practice.save(update_fields=["status"])
    log_action(
        practice,
        "movement.followed",
        by=by,
        changes={
            "on": on,
            "files": len(evidence),
            **(
                {"status": [before, practice.get_status_display()]}
                if before != practice.get_status_display()
                else {}
            ),
        },
    )
    return follow_up


# --- reviews --------------------------------------------------------------------------------


def criteria_for(kind: str) -> list[Criterion]:
    """The active criteria that apply to a kind of practice, in order."""
    applies = [Applies.BOTH, Applies.MODELS if kind == Kind.MODEL else Applies.EXEMPLARS]
    return list(Criterion.objects.filter(is_active=True, applies_to__in=applies))


@transaction.atomic
def review_write(
    *,
    practice: Practice,
    by: User,
    points: Mapping[int, int | None],
    comment: str = "",
    reviewed_on: date | None = None,
) -> Review:
    """One reviewer's scores against each criterion (each within its points); written again by
    the same reviewer, it replaces his earlier one. The practice's score is the average of the
    reviewers' totals."""
    practice = _locked(practice)
    if practice.status in DECIDED:
        raise DomainError("Mô hình, điển hình đã được xét công nhận: không chấm điểm lại.")
    reviewed_on = reviewed_on or timezone.localdate()
    check_day(reviewed_on, "Ngày chấm", past=True)
    criteria = criteria_for(practice.kind)
    if not criteria:
        raise DomainError("Chưa có tiêu chí chấm điểm: đề nghị quản trị bổ sung.")
    scores: list[dict[str, Any]] = []
    for c in criteria:
        given = points.get(c.pk)
        if given is None:
            raise DomainError(f"Chấm điểm tiêu chí “{c.name}”.")
        if not 0 <= given <= c.max_points:
            raise DomainError(f"Điểm tiêu chí “{c.name}” phải từ 0 đến {c.max_points}.")
        scores.append({"id": c.pk, "name": c.name, "max": c.max_points, "points": given})
    total = Decimal(sum(int(s["points"]) for s in scores))
    review, _created = Review.objects.update_or_create(
        practice=practice,
        reviewer=by,
        defaults={
            "scores": scores,
            "total": total,
            "comment": comment,
            "reviewed_on": reviewed_on,
        },
    )
    totals = list(practice.reviews.values_list("total", flat=True))
    before = practice.get_status_display()
    practice.score, practice.reviews_count = average(totals), len(totals)
    practice.status = Status.REVIEWED
    practice.save(update_fields=["score", "reviews_count", "status"])
    log_action(
        practice,
        "movement.reviewed",
        by=by,
        changes={
            "total": str(total),
            "score": str(practice.score),
            "reviewers": len(totals),
            **(
                {"status": [before, practice.get_status_display()]}
                if before != practice.get_status_display()
                else {}
            ),
        },
    )
    return review


# --- recognition ----------------------------------------------------------------------------


def commune_level() -> RecognitionLevel:
    level = RecognitionLevel.objects.filter(is_commune=True, is_active=True).first()
    if level is None:
        raise DomainError("Chưa có cấp công nhận cấp xã trong danh mục: đề nghị quản trị bổ sung.")
    return level


@transaction.atomic
def practice_decide(
    *,
    practice: Practice,
    by: User,
    recognised: bool,
    decided_on: date,
    decision_number: str = "",
    decision_note: str = "",
) -> Practice:
    """The commune's leaders recognise a reviewed practice at the commune's level (by a
    decision, its number), or do not (with the reason). A recognised one is shown in the
    portal's gallery unless unmarked."""
    practice = _locked(practice)
    if practice.status in DECIDED:
        raise DomainError("Mô hình, điển hình đã được xét công nhận.")
    if practice.status != Status.REVIEWED:
        raise DomainError("Chưa có phiếu chấm điểm: chấm điểm trước khi xét công nhận.")
    check_day(decided_on, "Ngày quyết định", past=True)
    if recognised and not decision_number.strip():
        raise DomainError("Công nhận: ghi số quyết định công nhận.")
    if not recognised and not decision_note.strip():
        raise DomainError("Không công nhận: ghi lý do.")
    before = practice.get_status_display()
    practice.status = Status.RECOGNISED if recognised else Status.NOT_RECOGNISED
    practice.level = commune_level() if recognised else None
    practice.decided_on, practice.decided_by = decided_on, by
    practice.decision_number, practice.decision_note = decision_number.strip(), decision_note
    practice.public = recognised
    save_valid(practice)
    log_action(
        practice,
        "movement.decided",
        by=by,
        changes={
            "status": [before, practice.get_status_display()],
            "decided_on": decided_on,
            **({"decision_number": practice.decision_number} if recognised else {}),
            **({"level": practice.level.name} if practice.level else {}),
        },
    )
    return practice


@transaction.atomic
def practice_propose(
    *,
    practice: Practice,
    by: User,
    level: RecognitionLevel,
    proposed_on: date,
    proposal_number: str,
) -> Practice:
    """A recognised practice proposed to a higher level (the province, the centre)."""
    practice = _locked(practice)
    if practice.status != Status.RECOGNISED:
        raise DomainError("Chỉ đề nghị cấp trên công nhận mô hình, điển hình đã được xã công nhận.")
    if level.is_commune or not level.is_active:
        raise DomainError("Chọn cấp trên: cấp tỉnh hoặc Trung ương.")
    _no_district(level.name, "Cấp đề nghị")
    check_day(proposed_on, "Ngày đề nghị", past=True)
    if practice.decided_on and proposed_on < practice.decided_on:
        raise DomainError("Ngày đề nghị không được trước ngày xã công nhận.")
    before = practice.proposed_level.name if practice.proposed_level else ""
    practice.proposed_level, practice.proposed_on = level, proposed_on
    practice.proposal_number = proposal_number.strip()
    save_valid(practice)
    log_action(
        practice,
        "movement.proposed",
        by=by,
        changes={
            "level": [before, level.name],
            "proposed_on": proposed_on,
            "proposal_number": practice.proposal_number,
        },
    )
    return practice


@transaction.atomic
def practice_set_public(*, practice: Practice, by: User, public: bool) -> Practice:
    practice = _locked(practice)
    if public and practice.status != Status.RECOGNISED:
        raise DomainError("Chỉ mô hình, điển hình được công nhận mới hiện trên cổng thông tin.")
    if practice.public == public:
        raise DomainError("Không có gì thay đổi.")
    practice.public = public
    practice.save(update_fields=["public"])
    log_action(practice, "movement.publicity", by=by, changes={"public": [not public, public]})
    return practice


@transaction.atomic
def practice_award(
    *,
    practice: Practice,
    by: User,
    form: Any,
    decision_number: str,
    decided_on: date,
    achievement: str,
    signer_name: str = "",
    signer_title: str = "",
) -> Practice:
    """The chairman awards a recognised practice: the award is recorded in the commendations'
    register (its decision, .docx and certificate are made there) and kept on the practice."""
    from danvan.commendations import services as commendations
    from danvan.commendations.models import RecipientKind, Source

    practice = _locked(practice)
    if practice.status != Status.RECOGNISED:
        raise DomainError("Chỉ khen thưởng mô hình, điển hình đã được xã công nhận.")
    if practice.award_id:
        raise DomainError("Mô hình, điển hình đã được khen thưởng.")
    individual = practice.kind == Kind.INDIVIDUAL
    award = commendations.award_record(
        commune=practice.commune,
        by=by,
        source=Source.MOVEMENT,
        source_label=practice.name,
        source_url=practice.get_absolute_url(),
        recipient=practice.person_name if individual else practice.registrant.name,
        recipient_kind=RecipientKind.INDIVIDUAL if individual else RecipientKind.COLLECTIVE,
        recipient_unit=None if individual else practice.registrant,
        achievement=achievement,
        form=form,
        decision_number=decision_number,
        decided_on=decided_on,
        signer_name=signer_name,
        signer_title=signer_title,
    )
    practice.award = award
    practice.save(update_fields=["award"])
    log_action(
        practice,
        "movement.awarded",
        by=by,
        changes={"award": f"{form} – Quyết định số {decision_number} ngày {decided_on:%d/%m/%Y}"},
    )
    return practice


# --- replication ----------------------------------------------------------------------------


@transaction.atomic
def replication_add(
    *,
    practice: Practice,
    by: User,
    adopter: str,
    since: date,
    village: Unit | None = None,
    place: str = "",
    note: str = "",
) -> Replication:
    """Who copied the model, where (a village of the commune, or another place named) and from
    when."""
    practice = _locked(practice)
    if not practice.is_model:
        raise DomainError("Chỉ ghi nhân rộng cho mô hình.")
    _own_unit(practice.commune_id, village, [Unit.Kind.VILLAGE], "Thôn áp dụng")
    if village is None and not place.strip():
        raise DomainError("Chọn thôn của xã hoặc ghi nơi áp dụng.")
    if village is not None and village.pk == practice.village_id:
        raise DomainError("Nhân rộng là áp dụng ở nơi khác với nơi thực hiện mô hình.")
    _no_district(place, "Nơi áp dụng")
    check_day(since, "Ngày áp dụng", past=True)
    if since < practice.starts_on:
        raise DomainError("Ngày áp dụng không được trước ngày mô hình bắt đầu.")
    replication = Replication(
        practice=practice,
        adopter=adopter,
        village=village,
        place="" if village else place.strip(),
        since=since,
        note=note,
        created_by=by,
    )
    save_valid(replication)
    log_action(
        practice,
        "movement.replicated",
        by=by,
        changes={"adopter": adopter, "where": replication.where, "since": since},
    )
    return replication
