"""Petitions' and reception's parts of the leaders' overview (core.figures; the hook
`overview` in apps.py).

Petitions: each case from the day it was received; finished when it was closed (`closed_on`),
on time as it was judged then (`closed_on_time`: by the due day of the step then running); an
open case is late once its due day has passed, except while it is paused (the pause stops the
clock: Luật Khiếu nại 2011, Điều 28, 37). The late list names cases, so it keeps those the
viewer may open (petitions.access); the counts are the commune's.

Reception: the chairman receives citizens at least the `chu-tich-tiep-moi-tuan` rule's days a
week (Luật Tiếp công dân 2013, Điều 15 khoản 2 điểm d): each week of the period with working
days is an item, done when the chairman held his days, late when it ended without them (a week
of Tết asks for nothing). Visits, people and group visits are counted beside it.

Slices: a unit's petitions are those assigned to it, but the office that keeps the book
(Unit.receives_petitions) sees the whole book and the reception register; a village's petitions
are those from the village; reception belongs to no other unit nor to a village.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.urls import reverse

from danvan.core.access import get_access
from danvan.core.calendar import work_calendar
from danvan.core.errors import DomainError
from danvan.core.figures import LATE_LIST, Clock, Period, counts, late_item, section, shape
from danvan.core.models import Unit
from danvan.petitions import rules
from danvan.petitions.access import assigned_to
from danvan.petitions.models import Petition, PetitionKind, ReceptionSession, Visit
from danvan.petitions.selectors import unindexed

CLOCK = Clock(
    came="received_on",
    done="closed_on",
    # An expression, not the column: SQLite would otherwise walk the (commune, due_on) index
    # for the late list and read every closed case's row (petitions.selectors.unindexed).
    due=unindexed("due_on"),
    on_time=Q(closed_on_time=True),
    stopped=Q(status=Petition.Status.PAUSED),
)

# What a late case's line needs (its long content is never read for it).
LATE_FIELDS = (
    "number",
    "year",
    "subject",
    "kind",
    "handler",
    "handling_unit",
    "handler__full_name",
    "handler__username",
    "handling_unit__name",
    "handling_unit__short_name",
)


def figures(
    *,
    communes: list[int],
    start: date,
    end: date,
    on: date,
    units: list[int] | None = None,
    villages: list[int] | None = None,
    viewer: Any = None,
    detail: bool = True,
) -> dict[str, dict[str, Any]]:
    period = Period(start, end, on)
    desk = units is not None and Unit.objects.filter(pk__in=units, receives_petitions=True).exists()
    cases = Petition.objects.filter(commune_id__in=communes)
    if units is not None and not desk:
        cases = cases.filter(handling_unit_id__in=units)
    if villages is not None:
        cases = cases.filter(village_id__in=villages)
    out = {"petitions": petitions(cases, set(communes), period, viewer=viewer, detail=detail)}
    if villages is None and (units is None or desk):
        out["reception"] = reception(communes, period, viewer=viewer, detail=detail)
    return out


def petitions(
    cases: QuerySet[Petition], communes: set[int], period: Period, *, viewer: Any, detail: bool
) -> dict[str, Any]:
    new = Q(received_on__gte=period.start)
    extras: dict[str, tuple[str, Any]] = {
        kind: (f"{label} (nhận trong kỳ)", Count("pk", filter=new & Q(kind=kind)))
        for kind, label in PetitionKind.choices
    }
    extras["multi_person"] = (
        "Đơn đông người (từ 5 người ký)",
        Count("pk", filter=new & Q(signatories__gte=5)),
    )

    def visible(rows: QuerySet[Petition]) -> QuerySet[Petition]:
        whole = get_access(viewer).reception_communes
        if communes <= whole:  # he keeps the whole book: no condition for the index to carry
            return rows
        return rows.filter(Q(commune_id__in=whole) | assigned_to(viewer))

    def item(p: Petition) -> dict[str, Any]:
        holder = p.handler or p.handling_unit
        owner = (
            (p.handler.get_full_name() if p.handler else p.handling_unit.label)  # type: ignore[union-attr]
            if holder
            else "Bộ phận tiếp nhận đơn (chưa giao)"
        )
        return late_item(
            title=f"Đơn {p.code}: {p.subject}",
            url=reverse("petitions:detail", args=[p.pk]),
            due=p.fig_due,  # type: ignore[attr-defined]  # annotated by core.figures
            owner=owner,
            ref=period.ref,
            kind=str(p.get_kind_display()),
        )

    return section(
        cases,
        CLOCK,
        period,
        label="Đơn thư",
        noun="đơn",
        url=reverse("petitions:stats"),
        extras=extras,
        item=item,
        related=("handler", "handling_unit"),
        fields=LATE_FIELDS,
        visible=visible if viewer is not None else None,
        detail=detail,
    )


def reception(communes: list[int], period: Period, *, viewer: Any, detail: bool) -> dict[str, Any]:
    """The chairman's weeks (one query for his days), the visits (two more)."""
    ref = period.ref
    weeks = _weeks(period)
    held: dict[int, set[date]] = defaultdict(set)
    if weeks:
        for commune_id, day in (
            ReceptionSession.objects.filter(
                commune_id__in=communes,
                kind=ReceptionSession.Kind.CHAIRMAN,
                held_on__range=(weeks[0].monday, weeks[-1].sunday),
            )
            .values_list("commune_id", "held_on")
            .distinct()
        ):
            held[commune_id].add(day)
    by_commune = []
    late_weeks: list[tuple[int, _Week]] = []
    months: dict[str, dict[str, int]] = {f"{first:%Y-%m}": {} for first, _ in period.months()}
    for commune_id in sorted(communes):
        n = {"total": 0, "new": 0, "done": 0, "done_on_time": 0, "late": 0}
        for week in weeks:
            month = months.setdefault(f"{min(week.sunday, period.end):%Y-%m}", {})
            kept = len({d for d in held[commune_id] if week.monday <= d <= week.sunday})
            n["total"] += 1
            n["new"] += 1
            month["new"] = month.get("new", 0) + 1
            if kept >= week.required:
                n["done"] += 1
                n["done_on_time"] += 1
                month["done"] = month.get("done", 0) + 1
            elif week.sunday < ref:
                n["late"] += 1
                month["late"] = month.get("late", 0) + 1
                late_weeks.append((commune_id, week))
        if n["total"]:
            n["open"] = n["total"] - n["done"]
            by_commune.append({"commune": commune_id, **counts(n)})
    required = {w.required for w in weeks}
    source = weeks[0].source if weeks else ""
    note = (
        f"Chủ tịch UBND xã tiếp công dân định kỳ ít nhất {min(required)} ngày mỗi tuần "
        f"({source}); mỗi tuần có ngày làm việc là một mục, quá hạn khi hết tuần chưa tiếp."
        if weeks
        else "Chưa có quy tắc về số ngày Chủ tịch UBND xã tiếp công dân mỗi tuần."
    )
    items = []
    if detail:
        keeps = viewer is None or bool(set(communes) & get_access(viewer).reception_communes)
        names = (
            dict(Unit.objects.filter(pk__in=communes).values_list("pk", "name"))
            if len(communes) > 1
            else {}
        )
        late_weeks.sort(key=lambda found: (found[1].sunday, found[0]))
        for commune_id, week in late_weeks[:LATE_LIST]:
            where = f"{names[commune_id]}: " if names else ""
            items.append(
                late_item(
                    title=(
                        f"{where}Tuần {week.monday:%d/%m}–{week.sunday:%d/%m/%Y}: Chủ tịch UBND "
                        "xã chưa tiếp công dân định kỳ"
                    ),
                    url=reverse("petitions:sessions") if keeps else "",
                    due=week.sunday,
                    owner="Chủ tịch UBND xã",
                    ref=ref,
                )
            )
    return shape(
        label="Tiếp công dân",
        noun="tuần",
        url=reverse("petitions:stats"),
        note=note,
        by_commune=by_commune,
        extra=_visits(communes, period),
        by_month=[
            {"month": m, "new": v.get("new", 0), "done": v.get("done", 0), "late": v.get("late", 0)}
            for m, v in sorted(months.items())
        ]
        if detail
        else [],
        late_items=items,
    )


def _visits(communes: list[int], period: Period) -> list[dict[str, Any]]:
    """Visits, people and group visits of the register, and reception days, in the period."""
    visits = Visit.objects.filter(
        commune_id__in=communes, visited_on__range=(period.start, period.ref)
    ).aggregate(
        n_visits=Count("pk"),
        n_people=Sum("people"),
        n_groups=Count("pk", filter=Q(people__gte=_group_size(period.ref))),
    )
    sessions = ReceptionSession.objects.filter(
        commune_id__in=communes, held_on__range=(period.start, period.ref)
    ).count()
    return [
        {"key": "visits", "label": "Lượt tiếp công dân", "value": visits["n_visits"]},
        {"key": "people", "label": "Số người được tiếp", "value": visits["n_people"] or 0},
        {"key": "groups", "label": "Lượt đoàn đông người", "value": visits["n_groups"]},
        {"key": "sessions", "label": "Buổi tiếp công dân", "value": sessions},
    ]


class _Week:
    def __init__(self, monday: date, required: int, source: str) -> None:
        self.monday = monday
        self.sunday = monday + timedelta(days=6)
        self.required = required
        self.source = source


def _weeks(period: Period) -> list[_Week]:
    """The weeks that touch the period up to its reference day, each with the days the
    chairman must hold (the rule's number, never more than the week's working days); a week
    without working days, or without a rule in force, is no item."""
    cal = work_calendar()
    monday = period.start - timedelta(days=period.start.weekday())
    weeks = []
    while monday <= period.ref:
        working = sum(1 for i in range(7) if cal.is_working_day(monday + timedelta(days=i)))
        try:
            rule = rules.rule_on(rules.Code.CHAIRMAN_DAYS, monday)
        except DomainError:
            rule = None
        if working and rule is not None:
            weeks.append(_Week(monday, min(rule.number or 1, working), rule.source))
        monday += timedelta(days=7)
    return weeks


def _group_size(on: date) -> int:
    try:
        return rules.group_size(on)
    except DomainError:  # no rule that day: no visit is called a group
        return 10**6
