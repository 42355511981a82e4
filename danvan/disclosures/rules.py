"""The law's time limits on disclosure and the warnings that follow from them.

Rules (rows of `core.DeadlineRule`, procedure `cong-khai`, seeded by migration 0002, made minimum
periods by migration 0004):
- `bat-dau` (a deadline): posting starts within 5 working days of the day the document is issued
  or approved, unless a sector law says otherwise (Luật THDCCS 2022, Điều 12 khoản 3).
- `niem-yet` (a minimum): a notice stays posted at least 30 consecutive days "kể từ ngày niêm
  yết" (Điều 13 khoản 2 đoạn 1) for the contents that carry `Category.minimum_posting` (khoản
  1–3, 5–12 of Điều 11).
- `truyen-thanh` (a minimum): contents 7–12 go on the commune's loudspeaker system (if it has one)
  at least 3 consecutive days (Điều 13 khoản 3).
- Contents 4 and 13 are posted permanently at the headquarters and updated when they change
  (Điều 13 khoản 2 đoạn 2): no end date, no minimum. How often an officer checks that they are
  still current is commune policy, not law (`Category.review_every_days`).

Every period is counted by `core.deadlines.due`: the day of posting is not counted (BLDS 2015,
Điều 147), so a notice put up on 01/03/2026 must hang through 31/03/2026, and a minimum is never
moved to a working day. The days a posting "has run" are counted the same way.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count

from danvan.core.calendar import work_calendar
from danvan.core.deadlines import due, rule_or_none
from danvan.core.errors import DomainError
from danvan.core.models import Attachment, DeadlineRule
from danvan.disclosures.models import Category, Channel, Disclosure, Posting
from danvan.lib.deadlines import WORKING, Deadline, Limit, count

PROCEDURE = "cong-khai"
STEP_START = "bat-dau"
STEP_BOARD = "niem-yet"
STEP_LOUDSPEAKER = "truyen-thanh"

# Warning kinds, in the order a page shows them.
CATEGORY = "category"
LATE = "late"
SHORT = "short"
PROOF = "proof"
STALE = "stale"
LOUDSPEAKER = "loudspeaker"
KINDS_ORDER = (CATEGORY, LATE, SHORT, PROOF, STALE, LOUDSPEAKER)
WARNING_LABELS = {
    CATEGORY: "Chọn lại nội dung theo Điều 11",
    LATE: "Công khai muộn",
    SHORT: "Chưa đủ thời hạn",
    PROOF: "Thiếu minh chứng",
    STALE: "Chưa rà soát, cập nhật",
    LOUDSPEAKER: "Chưa phát truyền thanh",
}


@dataclass(frozen=True)
class Warning:
    kind: str
    text: str

    @property
    def label(self) -> str:
        return WARNING_LABELS[self.kind]


@dataclass
class PostingCheck:
    """One posting as the quarterly list shows it: how long, proof, flags."""

    posting: Posting
    proofs: int
    days: int | None  # days posted so far (or in all, once ended)
    minimum: int | None  # the minimum the law asks of this posting, if any
    minimum_source: str = ""
    runs_until: date | None = None  # the last day the minimum still runs
    late: bool = False
    short: bool = False
    missing_proof: bool = False


@dataclass
class Review:
    """A disclosure with its postings checked against the rules on `today`."""

    disclosure: Disclosure
    postings: list[PostingCheck] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)

    @property
    def kinds(self) -> set[str]:
        return {w.kind for w in self.warnings}


def start_deadline(
    decided_on: date, *, override_days: int | None = None, basis: str = ""
) -> tuple[Deadline, str]:
    """When posting must start: the rule of Điều 12 khoản 3, or the sector law's own limit."""
    if override_days is not None:
        return count(decided_on, Limit(override_days, WORKING, basis), work_calendar()), basis
    deadline, rule = due(PROCEDURE, STEP_START, decided_on)
    return deadline, rule.source


def _rule(step: str, on: date) -> DeadlineRule | None:
    """The rule of `step` in force on `on` (the shared cached table), None if there is none."""
    return rule_or_none(PROCEDURE, step, on)


def minimum_period(step: str, start: date) -> tuple[date, DeadlineRule] | None:
    """The last day a posting started on `start` must still run under `step`'s rule (the day
    of posting not counted, BLDS 2015 Điều 147; a minimum never moved), None without a rule."""
    try:
        deadline, rule = due(PROCEDURE, step, start)
    except DomainError:
        return None
    return deadline.due, rule


def days_run(start: date, last: date) -> int:
    """Days a posting has run from `start` through `last`, the day of posting not counted."""
    return max((last - start).days, 0)


def proof_counts(postings: Iterable[Posting]) -> dict[int, int]:
    """Each posting's proofs: its files, and a record of the product that proves it (a
    broadcast in the loudspeaker log) counted as one."""
    items = list(postings)
    ct = ContentType.objects.get_for_model(Posting)
    rows = (
        Attachment.objects.filter(owner_type=ct, owner_id__in=[p.pk for p in items])
        .values("owner_id")
        .annotate(n=Count("id"))
    )
    found = {r["owner_id"]: r["n"] for r in rows}
    for p in items:
        if p.proof_record:
            found[p.pk] = found.get(p.pk, 0) + 1
    return found


def review_all(disclosures: Iterable[Disclosure], today: date) -> list[Review]:
    """Check each disclosure (postings fetched in one query, proofs counted in another)."""
    items = list(disclosures)
    postings: dict[int, list[Posting]] = defaultdict(list)
    all_postings = list(
        Posting.objects.filter(disclosure__in=[d.pk for d in items])
        .select_related("channel", "village")
        .order_by("start_on", "id")
    )
    for p in all_postings:
        postings[p.disclosure_id].append(p)
    proofs = proof_counts(all_postings)
    return [_review(d, postings[d.pk], proofs, today) for d in items]


def review(disclosure: Disclosure, today: date) -> Review:
    return review_all([disclosure], today)[0]


def _review(
    d: Disclosure,
    postings: list[Posting],
    proofs: dict[int, int],
    today: date,
) -> Review:
    result = Review(disclosure=d)
    category = d.category
    for p in postings:
        check = PostingCheck(posting=p, proofs=proofs.get(p.pk, 0), days=None, minimum=None)
        last = min(p.end_on, today) if p.end_on else today
        check.days = days_run(p.start_on, last)
        step = {
            Channel.Kind.NOTICE_BOARD: STEP_BOARD if category.minimum_posting else None,
            Channel.Kind.LOUDSPEAKER: STEP_LOUDSPEAKER if category.loudspeaker else None,
        }.get(p.channel.kind)  # type: ignore[call-overload]
        period = minimum_period(step, p.start_on) if step and not category.permanent else None
        if period is not None:
            check.runs_until, rule = period
            check.minimum, check.minimum_source = rule.days, rule.source
            check.short = p.end_on is not None and p.end_on < check.runs_until
        check.late = d.start_due is not None and p.start_on > d.start_due
        check.missing_proof = p.channel.needs_proof and p.start_on <= today and check.proofs == 0
        result.postings.append(check)
    if d.withdrawn_on is not None:
        return result
    w = result.warnings
    if d.category_to_confirm:
        before = f" (“{d.category_before}”)" if d.category_before else ""
        w.append(
            Warning(
                CATEGORY,
                f"Nội dung được vào sổ theo danh mục cũ{before}, không tương ứng với khoản nào "
                f"của Điều 11 Luật Thực hiện dân chủ ở cơ sở 2022: chọn lại nội dung.",
            )
        )
    first = min((p.start_on for p in postings), default=None)
    if d.start_due is not None:
        if first is None and today > d.start_due:
            w.append(Warning(LATE, f"Chưa công khai; hạn bắt đầu là {d.start_due:%d/%m/%Y}."))
        elif first is not None and first > d.start_due:
            w.append(
                Warning(
                    LATE,
                    f"Bắt đầu công khai ngày {first:%d/%m/%Y}, sau hạn {d.start_due:%d/%m/%Y}.",
                )
            )
    for c in result.postings:
        if c.short:
            w.append(
                Warning(
                    SHORT,
                    f"{_where(c.posting)}: {c.days} ngày, chưa đủ {c.minimum} ngày liên tục "
                    f"(phải đến hết ngày {c.runs_until:%d/%m/%Y}, không tính ngày bắt đầu; "
                    f"{c.minimum_source}).",
                )
            )
    for c in result.postings:
        if c.missing_proof:
            w.append(Warning(PROOF, f"{_where(c.posting)}: chưa có ảnh hoặc biên bản niêm yết."))
    broadcast = any(p.channel.kind == Channel.Kind.LOUDSPEAKER for p in postings)
    if category.loudspeaker and not broadcast and d.start_due and today > d.start_due:
        broadcast_rule = _rule(STEP_LOUDSPEAKER, d.decided_on)
        source = f" ({broadcast_rule.source})" if broadcast_rule else ""
        w.append(
            Warning(
                LOUDSPEAKER,
                "Chưa phát trên hệ thống truyền thanh của xã (nếu xã có hệ thống)" + source + ".",
            )
        )
    if category.permanent and category.review_every_days and first is not None:
        since = max(x for x in (d.reviewed_on, first) if x is not None)
        next_review = since + timedelta(days=category.review_every_days)
        if today > next_review:
            w.append(
                Warning(
                    STALE,
                    f"Nội dung niêm yết thường xuyên chưa được rà soát, cập nhật từ ngày "
                    f"{since:%d/%m/%Y} (cần rà soát sau {category.review_every_days} ngày).",
                )
            )
    return result


def _where(p: Posting) -> str:
    return f"{p.channel.name} – {p.village.name}" if p.village else p.channel.name


def law_in_force(on: date) -> dict[str, list[dict[str, Any]]]:
    """The contents to disclose and how each is posted on `on` (Điều 11, 13), for `danvan law`.

    `posting`: "permanent" (Điều 13 khoản 2 đoạn 2), "at-least-N-days" from the posting rule in
    force (Điều 13 khoản 2 đoạn 1; N = 30 as shipped), or None where Điều 13 names no posting
    (khoản 14); `loudspeaker_days`: the broadcast rule's days (Điều 13 khoản 3) or None.
    """
    board = _rule(STEP_BOARD, on)
    loudspeaker = _rule(STEP_LOUDSPEAKER, on)
    rows: list[dict[str, Any]] = []
    for c in Category.objects.order_by("number"):
        posting = (
            "permanent"
            if c.permanent
            else f"at-least-{board.days}-days"
            if c.minimum_posting and board is not None
            else None
        )
        rows.append(
            {
                "item": c.number,
                "title": c.name,
                "posting": posting,
                "loudspeaker_days": loudspeaker.days
                if c.loudspeaker and loudspeaker is not None
                else None,
                "source": c.source,
            }
        )
    return {"disclosure_contents": rows}
