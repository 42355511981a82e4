"""The filled scorecard as lines and totals: read from the live scorecard and scores for a draft,
from the frozen copy for a submitted assessment, so the page, the spreadsheet and the report
always show the same thing.

The rule (each scorecard says its own caps): total = the points of the criteria (each within its
maximum) + the bonus (capped by `Scorecard.bonus_cap`) − the penalty (each deduction within its
maximum), never below 0 and never above `Scorecard.total_cap`; the grade is the highest band
whose minimum the total reaches. A criterion scored above 0 with neither a link nor a file is
flagged as without evidence (a penalty needs none).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType

from danvan.core.models import Attachment
from danvan.scorecard.models import ZERO, Assessment, Criterion, GradeBand, Score, Scorecard

Kind = Criterion.Kind


@dataclass
class Line:
    criterion: int
    code: str
    text: str
    kind: str
    max_points: Decimal
    depth: int = 0
    group: bool = False
    hint: str = ""
    points: Decimal | None = None
    note: str = ""
    links: list[str] = field(default_factory=list)
    files: list[tuple[int, str]] = field(default_factory=list)  # (attachment id, name)

    @property
    def scored(self) -> bool:
        return not self.group

    @property
    def missing_evidence(self) -> bool:
        return (
            self.scored
            and self.kind != Kind.PENALTY
            and bool(self.points)
            and not self.links
            and not self.files
        )

    @property
    def kind_label(self) -> str:
        return str(Kind(self.kind).label)


@dataclass
class Result:
    scorecard: dict[str, Any]
    lines: list[Line]
    bands: list[tuple[str, Decimal]]  # (name, minimum), highest first
    normal: Decimal = ZERO
    max_normal: Decimal = ZERO
    bonus: Decimal = ZERO
    penalty: Decimal = ZERO
    total: Decimal = ZERO
    grade: str = ""
    frozen: bool = False

    @property
    def missing(self) -> list[Line]:
        return [line for line in self.lines if line.missing_evidence]

    @property
    def unscored(self) -> list[Line]:
        return [line for line in self.lines if line.scored and line.points is None]

    def to_json(self) -> dict[str, Any]:
        def plain(value: Any) -> Any:
            if isinstance(value, Decimal):
                return str(value)
            if isinstance(value, list | tuple):
                return [plain(v) for v in value]
            if isinstance(value, dict):
                return {k: plain(v) for k, v in value.items()}
            return value

        data = {k: v for k, v in asdict(self).items() if k != "frozen"}
        return plain(data)  # type: ignore[no-any-return]

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Result:
        def dec(value: Any) -> Decimal | None:
            return None if value is None else Decimal(value)

        lines = [
            Line(
                **{
                    **line,
                    "max_points": Decimal(line["max_points"]),
                    "points": dec(line["points"]),
                    "files": [tuple(f) for f in line["files"]],
                }
            )
            for line in data["lines"]
        ]
        return cls(
            scorecard=data["scorecard"],
            lines=lines,
            bands=[(name, Decimal(m)) for name, m in data["bands"]],
            normal=Decimal(data["normal"]),
            max_normal=Decimal(data["max_normal"]),
            bonus=Decimal(data["bonus"]),
            penalty=Decimal(data["penalty"]),
            total=Decimal(data["total"]),
            grade=data["grade"],
            frozen=True,
        )


def describe(card: Scorecard) -> dict[str, Any]:
    return {
        "name": card.name,
        "document": card.document,
        "source": card.source,
        "verified": card.verified,
        "note": card.note,
        "bonus_cap": None if card.bonus_cap is None else str(card.bonus_cap),
        "total_cap": None if card.total_cap is None else str(card.total_cap),
    }


def criteria_lines(card: Scorecard) -> list[Line]:
    """The scorecard's criteria in tree order (each group followed by its own)."""
    rows = list(Criterion.objects.filter(scorecard=card).order_by("position", "code"))
    children: dict[int | None, list[Criterion]] = {}
    for c in rows:
        children.setdefault(c.parent_id, []).append(c)
    lines: list[Line] = []

    def walk(parent: int | None, depth: int) -> None:
        for c in children.get(parent, []):
            lines.append(
                Line(
                    criterion=c.pk,
                    code=c.code,
                    text=c.text,
                    kind=c.kind,
                    max_points=c.max_points,
                    depth=depth,
                    group=c.pk in children,
                    hint=c.evidence_hint,
                )
            )
            walk(c.pk, depth + 1)

    walk(None, 0)
    return lines


def compute(result: Result, *, bonus_cap: Decimal | None, total_cap: Decimal | None) -> Result:
    """Fill in the totals and the grade of `result` from its lines (the module's rule)."""
    scored = [line for line in result.lines if line.scored]

    def points(kind: str) -> Decimal:
        return sum(
            (min(line.points or ZERO, line.max_points) for line in scored if line.kind == kind),
            ZERO,
        )

    result.normal = points(Kind.NORMAL)
    result.max_normal = sum((line.max_points for line in scored if line.kind == Kind.NORMAL), ZERO)
    bonus = points(Kind.BONUS)
    result.bonus = min(bonus, bonus_cap) if bonus_cap is not None else bonus
    result.penalty = points(Kind.PENALTY)
    total = max(result.normal + result.bonus - result.penalty, ZERO)
    result.total = min(total, total_cap) if total_cap is not None else total
    result.grade = grade_for(result.total, result.bands)
    return result


def grade_for(total: Decimal, bands: list[tuple[str, Decimal]]) -> str:
    for name, minimum in sorted(bands, key=lambda b: b[1], reverse=True):
        if total >= minimum:
            return name
    return ""


def live(assessment: Assessment) -> Result:
    """The draft as it stands: the scorecard's criteria, the scores and their files."""
    card = assessment.scorecard
    lines = criteria_lines(card)
    scores = {s.criterion_id: s for s in Score.objects.filter(assessment=assessment)}
    files: dict[int, list[tuple[int, str]]] = {}
    if scores:
        by_score = {s.pk: s.criterion_id for s in scores.values()}
        for pk, owner, name in (
            Attachment.objects.filter(
                owner_type=ContentType.objects.get_for_model(Score), owner_id__in=list(by_score)
            )
            .order_by("pk")
            .values_list("pk", "owner_id", "original_name")
        ):
            files.setdefault(by_score[int(owner)], []).append((pk, name))
    for line in lines:
        score = scores.get(line.criterion)
        if score is not None and line.scored:
            line.points, line.note, line.links = score.points, score.note, list(score.links)
            line.files = files.get(line.criterion, [])
    bands = [(b.name, b.min_points) for b in GradeBand.objects.filter(scorecard=card)]
    result = Result(scorecard=describe(card), lines=lines, bands=bands)
    return compute(result, bonus_cap=card.bonus_cap, total_cap=card.total_cap)


def result_of(assessment: Assessment) -> Result:
    if assessment.submitted and assessment.snapshot:
        return Result.from_json(assessment.snapshot)
    return live(assessment)
