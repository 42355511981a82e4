"""Reads for the pages, the portal and the exports: comments and the counts of the synthesis."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType

from danvan.consultations.models import Comment, Consultation, Decision, Point
from danvan.core.models import Attachment


@dataclass
class PointTally:
    """The comments on one point (or the general ones, `point` None) and what became of them."""

    point: Point | None
    heading: str
    comments: list[Comment] = field(default_factory=list)
    people: int = 0
    accepted: int = 0
    partly: int = 0
    rejected: int = 0
    unanswered: int = 0

    @property
    def count(self) -> int:
        return len(self.comments)


def comments_of(c: Consultation, *, hidden: bool = True) -> list[Comment]:
    qs = Comment.objects.filter(consultation=c).select_related(
        "point", "group", "village", "entered_by", "entered_unit", "channel"
    )
    if not hidden:
        qs = qs.visible()
    return list(qs.order_by("point__order", "pk"))


def counted_comments(c: Consultation) -> list[Comment]:
    """The visible comments with only what a tally counts (point, people, answer): the
    consultation's page shows the counts, not the comments, so it joins none of their places,
    people or channels."""
    return list(
        Comment.objects.filter(consultation=c)
        .visible()
        .select_related("group")
        .only(
            "hidden",
            "point_id",
            "people",
            "decision",
            "explanation",
            "group_id",
            "group__decision",
            "group__explanation",
        )
        .order_by("pk")
    )


def tallies(c: Consultation, comments: list[Comment] | None = None) -> list[PointTally]:
    """One tally per point in order, the general comments last; hidden comments not counted."""
    comments = comments_of(c, hidden=False) if comments is None else comments
    rows = {p.pk: PointTally(point=p, heading=p.heading) for p in c.points.all()}
    general = PointTally(point=None, heading="Ý kiến chung về dự thảo")
    for x in comments:
        if x.hidden:
            continue
        row = rows.get(x.point_id) if x.point_id else general
        row = row or general
        row.comments.append(x)
        row.people += x.people
        decision = x.answer[0]
        if decision == Decision.ACCEPTED:
            row.accepted += 1
        elif decision == Decision.PARTLY:
            row.partly += 1
        elif decision == Decision.REJECTED:
            row.rejected += 1
        else:
            row.unanswered += 1
    return [*rows.values(), general]


def totals(rows: list[PointTally]) -> PointTally:
    total = PointTally(point=None, heading="Tổng cộng")
    for r in rows:
        total.comments.extend(r.comments)
        total.people += r.people
        total.accepted += r.accepted
        total.partly += r.partly
        total.rejected += r.rejected
        total.unanswered += r.unanswered
    return total


def files_of(c: Consultation) -> list[Attachment]:
    return list(
        Attachment.objects.filter(
            owner_type=ContentType.objects.get_for_model(Consultation), owner_id=c.pk
        ).order_by("pk")
    )
