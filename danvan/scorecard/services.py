"""Every write of the self-assessment: validated, in a transaction, audited, DomainError in
Vietnamese. The rule of the totals is in sheet.py."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urlsplit

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http.request import validate_host
from django.urls import Resolver404, resolve
from django.utils import timezone

from danvan.core.audit import log_action
from danvan.core.errors import DomainError, save_valid
from danvan.core.models import Unit, User
from danvan.core.uploads import attachment_create
from danvan.scorecard import sheet
from danvan.scorecard.models import Assessment, Criterion, Score, Scorecard
from danvan.scorecard.templatetags.scorecard import points

MAX_LINKS = 10
FIRST_YEAR = 2025  # the 2025 criteria are the first the product knows


@dataclass
class Entry:
    """What was typed for one criterion."""

    points: Decimal | None = None
    note: str = ""
    links: list[str] = field(default_factory=list)
    files: Sequence[UploadedFile] = ()


def scorecards_for(commune: Unit, year: int) -> list[Scorecard]:
    """The scorecards in force for the year in the commune's province (or any province)."""
    return list(
        Scorecard.objects.filter(
            Q(province__isnull=True) | Q(province_id=commune.parent_id),
            from_year__lte=year,
        )
        .filter(Q(until_year__isnull=True) | Q(until_year__gte=year))
        .order_by("-verified", "-from_year", "pk")
    )


@transaction.atomic
def assessment_start(
    *, commune: Unit, by: User, year: int, scorecard: Scorecard | None = None
) -> Assessment:
    this_year = timezone.localdate().year
    if not FIRST_YEAR <= year <= this_year:
        raise DomainError(f"Chọn năm tự đánh giá từ {FIRST_YEAR} đến {this_year}.")
    cards = scorecards_for(commune, year)
    if scorecard is None:
        scorecard = cards[0] if cards else None
    if scorecard is None or scorecard not in cards:
        raise DomainError(
            f"Chưa có bộ tiêu chí áp dụng cho năm {year}: đề nghị quản trị hệ thống nhập bộ tiêu "
            "chí của tỉnh."
        )
    if Assessment.objects.filter(commune=commune, year=year).exists():
        raise DomainError(f"Xã đã có bản tự đánh giá năm {year}.")
    assessment = Assessment(commune=commune, year=year, scorecard=scorecard, created_by=by)
    try:
        with transaction.atomic():
            save_valid(assessment)
    except IntegrityError as e:
        raise DomainError(f"Xã đã có bản tự đánh giá năm {year}.") from e
    log_action(
        assessment,
        "scorecard.started",
        by=by,
        changes={"year": year, "scorecard": scorecard.name},
    )
    return assessment


def clean_link(raw: str) -> str:
    """A page of this site, as a path ("/can-bo/cong-khai/12/"); a full address of this site is
    cut to its path. Anything else is refused."""
    text = raw.strip()
    wrong = DomainError(
        f"“{text[:80]}” không phải đường dẫn tới một trang của hệ thống (ví dụ "
        "/can-bo/cong-khai/12/)."
    )
    if len(text) > 300:
        raise wrong
    parts = urlsplit(text)
    foreign = parts.scheme not in ("http", "https") or not validate_host(
        parts.hostname or "", settings.ALLOWED_HOSTS
    )
    if (parts.scheme or parts.netloc) and foreign:
        raise wrong
    if not parts.path.startswith("/") or parts.path.startswith("//"):
        raise wrong
    try:
        resolve(parts.path)
    except Resolver404:
        raise wrong from None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def clean_links(lines: Sequence[str]) -> list[str]:
    links: list[str] = []
    for raw in lines:
        if raw.strip():
            link = clean_link(raw)
            if link not in links:
                links.append(link)
    if len(links) > MAX_LINKS:
        raise DomainError(f"Mỗi tiêu chí ghi tối đa {MAX_LINKS} liên kết minh chứng.")
    return links


def _locked(assessment: Assessment) -> Assessment:
    return (
        Assessment.objects.select_for_update()
        .select_related("scorecard", "commune")
        .get(pk=assessment.pk)
    )


def _draft(assessment: Assessment) -> Assessment:
    assessment = _locked(assessment)
    if assessment.submitted:
        raise DomainError("Bản tự đánh giá đã gửi, không sửa được; lãnh đạo có thể mở lại.")
    return assessment


@transaction.atomic
def scores_save(*, assessment: Assessment, by: User, entries: Mapping[int, Entry]) -> Assessment:
    """Save the points, notes, links and new files of the criteria given (ids of criteria of
    the assessment's scorecard that have no children)."""
    assessment = _draft(assessment)
    criteria = {
        c.pk: c
        for c in Criterion.objects.filter(scorecard=assessment.scorecard, children__isnull=True)
    }
    existing = {s.criterion_id: s for s in Score.objects.filter(assessment=assessment)}
    changes: dict[str, list[object]] = {}
    for pk, entry in entries.items():
        criterion = criteria.get(pk)
        if criterion is None:
            raise DomainError("Tiêu chí không thuộc bộ tiêu chí của bản tự đánh giá.")
        if entry.points is not None and not Decimal(0) <= entry.points <= criterion.max_points:
            raise DomainError(
                f"Tiêu chí {criterion.code}: điểm từ 0 đến {_show(criterion.max_points)}."
            )
        links = clean_links(entry.links)
        score = existing.get(pk) or Score(assessment=assessment, criterion=criterion)
        before = (score.points, score.note, list(score.links))
        if before != (entry.points, entry.note, links) or entry.files or score.pk is None:
            score.points, score.note, score.links = entry.points, entry.note, links
            save_valid(score)
        if before[0] != entry.points:
            changes[f"Điểm {criterion.code}"] = [_show(before[0]), _show(entry.points)]
        if before[1] != entry.note:
            changes[f"Giải trình {criterion.code}"] = [before[1], entry.note]
        if before[2] != links:
            changes[f"Liên kết {criterion.code}"] = [", ".join(before[2]), ", ".join(links)]
        for f in entry.files:
            attachment_create(file=f, owner=score, commune=assessment.commune, by=by)
        if entry.files:
            changes[f"Tệp {criterion.code}"] = [", ".join(f.name or "" for f in entry.files)]
    if changes:
        log_action(assessment, "scorecard.scored", by=by, changes=changes)
    return assessment


def _show(value: Decimal | None) -> str:
    return points(value)


@transaction.atomic
def assessment_submit(*, assessment: Assessment, by: User) -> Assessment:
    """Freeze the assessment: every criterion must be scored; what lacks evidence is named in
    the history (and stays flagged on the page)."""
    assessment = _draft(assessment)
    result = sheet.live(assessment)
    if result.unscored:
        codes = ", ".join(line.code for line in result.unscored[:10])
        more = "…" if len(result.unscored) > 10 else ""
        raise DomainError(
            f"Còn {len(result.unscored)} tiêu chí chưa chấm điểm ({codes}{more}): chấm đủ rồi gửi."
        )
    assessment.status = Assessment.Status.SUBMITTED
    assessment.submitted_at = timezone.now()
    assessment.submitted_by = by
    assessment.snapshot = result.to_json()
    assessment.total, assessment.grade = result.total, result.grade
    assessment.missing = len(result.missing)
    save_valid(assessment)
    log_action(
        assessment,
        "scorecard.submitted",
        by=by,
        changes={
            "total": _show(result.total),
            "grade": result.grade,
            "missing": ", ".join(line.code for line in result.missing) or "Không",
        },
    )
    return assessment


@transaction.atomic
def assessment_reopen(*, assessment: Assessment, by: User, reason: str) -> Assessment:
    """A leader opens a submitted assessment again (the province asked a correction…), with a
    reason; the frozen result is in the history of its submission."""
    assessment = _locked(assessment)
    if not assessment.submitted:
        raise DomainError("Bản tự đánh giá chưa gửi, không cần mở lại.")
    if not reason.strip():
        raise DomainError("Ghi lý do mở lại bản tự đánh giá.")
    before = (_show(assessment.total), assessment.grade)
    assessment.status = Assessment.Status.DRAFT
    assessment.snapshot = {}
    assessment.total, assessment.grade, assessment.missing = None, "", None
    assessment.submitted_at, assessment.submitted_by = None, None
    save_valid(assessment)
    log_action(
        assessment,
        "scorecard.reopened",
        by=by,
        changes={"reason": reason, "total": [before[0], ""], "grade": [before[1], ""]},
    )
    return assessment
