"""The figures of one part of the leaders' overview and of the periodic report, in one shape.

Each domain app's `overview` hook (core.domain.AppConfig) describes its items by a `Clock` (the
day an item came in, the day it was finished, the day it was due) and calls `section()`, which
counts them in three queries whatever the number of rows: one grouped by commune (every count
and the app's own numbers as conditional aggregates), one for the months, one for the late
list. The leaders' page, `danvan overview` and the periodic report render every part alike.

How a period is counted (the way Vietnamese reports count "kỳ trước chuyển sang" and "tiếp nhận
trong kỳ"): the figures stand on the reference day `min(on, end)`. The items of the period are
those that came in during it (`new`) and those that came in before it and were still open when
it began (`carried`). An item is `done` when it was finished by the reference day, `open`
otherwise, and `late` when it is open and its due day has passed (counted from the day after
the due day; an item whose clock is stopped, such as a paused case, is not late).

The on-time rate is done on time ÷ (done + late): what is still open and overdue is in the
denominator, so a unit that closes a few items fast while the rest run late does not look
punctual (DESIGN.md, the lesson of FixMyStreet). Below `SMALL_SAMPLE` items the rate is marked
`small` and the province comparison does not rank it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    Expression,
    F,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Greatest, Substr

from danvan.lib.periods import periods

# Fewer finished-or-late items than this and a rate says little: shown as "n < 5", not ranked.
SMALL_SAMPLE = 5
# How many late items a part lists (the oldest due first); `late` counts them all.
LATE_LIST = 10

CORE_KEYS = ("total", "new", "carried", "open", "late", "done", "done_on_time", "done_late")


@dataclass(frozen=True)
class Period:
    """[start, end] judged on `on`: the figures stand on `ref`, the earlier of `on` and `end`."""

    start: date
    end: date
    on: date

    @property
    def ref(self) -> date:
        return min(self.on, self.end)

    def months(self) -> list[tuple[date, date]]:
        """(first, last) day of each calendar month from `start` to `ref`, cut to the period."""
        return [
            (max(first, self.start), min(last, self.ref))
            for first, last in periods("monthly", self.start, self.ref)
        ]


@dataclass(frozen=True)
class Clock:
    """Where an app's items keep their days. Each is a field name or an expression.

    `came`: the day an item came in (received, decided, sent); `done`: the day it was finished
    (NULL while open); `due`: the day it must be finished by (None: the law sets no time, so
    nothing is ever late). `on_time`: a finished item that met its time, when the app stores
    its own judgement (a petition's `closed_on_time`); by default finished by its due day, or
    without one. `stopped`: an open item whose clock does not run (a paused case).
    """

    came: str | Expression | Subquery
    done: str | Expression | Subquery
    due: str | Expression | Subquery | None = None
    on_time: Q | None = None
    stopped: Q | None = None


def _expr(value: str | Expression | Subquery) -> Expression | F | Subquery:
    return F(value) if isinstance(value, str) else value


def rate(on_time: int, done: int, late: int) -> int | None:
    """Done on time ÷ (done + late), in whole percent; None when there is nothing to rate."""
    base = done + late
    return round(100 * on_time / base) if base else None


def counts(numbers: dict[str, int], *, rated: bool = True) -> dict[str, Any]:
    """The core numbers of a part with its rate and its small-sample mark; a part whose items
    have no time limit (`rated=False`) has no rate."""
    row: dict[str, Any] = {key: int(numbers.get(key, 0)) for key in CORE_KEYS}
    row["on_time_rate"] = rate(row["done_on_time"], row["done"], row["late"]) if rated else None
    row["small"] = rated and row["done"] + row["late"] < SMALL_SAMPLE
    return row


def late_item(
    *, title: str, url: str, due: date | None, owner: str, ref: date, kind: str = ""
) -> dict[str, Any]:
    """One line of "what is late and whose": the item, where to open it ("" when the viewer
    may not), its due day, who holds it, and how many days it is late on the reference day."""
    return {
        "title": title,
        "url": url,
        "due": due.isoformat() if due else None,
        "days_late": (ref - due).days if due else None,
        "owner": owner,
        "kind": kind,
    }


def shape(
    *,
    label: str,
    noun: str,
    url: str = "",
    note: str = "",
    by_commune: Sequence[dict[str, Any]] = (),
    extra: Sequence[dict[str, Any]] = (),
    by_month: Sequence[dict[str, Any]] = (),
    late_items: Sequence[dict[str, Any]] = (),
    rated: bool = True,
) -> dict[str, Any]:
    """A part of the overview: its words, its numbers summed over the communes, each commune's
    own row, the app's own numbers, the months and the late list (the shape documented in
    leaders.overview.compose)."""
    total = counts({k: sum(r[k] for r in by_commune) for k in CORE_KEYS}, rated=rated)
    return {
        "label": label,
        "noun": noun,
        "url": url,
        "note": note,
        **total,
        "extra": list(extra),
        "by_commune": list(by_commune),
        "by_month": list(by_month),
        "late_items": list(late_items),
    }


def section(
    qs: QuerySet[Any],
    clock: Clock,
    period: Period,
    *,
    label: str,
    noun: str,
    url: str = "",
    note: str = "",
    extras: dict[str, tuple[str, Any]] | None = None,
    item: Callable[[Any], dict[str, Any]] | None = None,
    related: Iterable[str] = (),
    fields: Iterable[str] = (),
    visible: Callable[[QuerySet[Any]], QuerySet[Any]] | None = None,
    detail: bool = True,
    commune_field: str = "commune_id",
) -> dict[str, Any]:
    """Count `qs` (an app's items of the communes and slice asked for) by `clock` over `period`.

    `extras`: the app's own numbers, key → (label, aggregate over the period's items), e.g.
    `{"complaint": ("Khiếu nại", Count("pk", filter=Q(kind="complaint")))}`. `item` turns a
    late row (its `related` fetched, only its `fields` when given, `fig_due` annotated: its due
    day) into `late_item(...)`; `visible` narrows the late list to what the viewer may open (the
    counts are never narrowed). `detail=False` leaves out the months and the late list.
    """
    ref = period.ref
    due = _expr(clock.due) if clock.due is not None else None
    # Annotations, not aliases: the groups below refer to them. One query groups the items by
    # commune, by what they are (new, done, on time, late) and, with `detail`, by the months of
    # their three days: a few hundred rows however many items, which Python adds up. (A count
    # per measure and month took Django longer to compose than the database to run.)
    items = qs.annotate(fig_came=_expr(clock.came), fig_done=_expr(clock.done))
    if due is not None:
        items = items.annotate(fig_due=due)
    # Came in by the reference day, and in the period or still open when it began: written as
    # one expression (the later of its two days, an open item's being "never"), not as an OR
    # that PostgreSQL would answer by reading the rows rather than the index alone.
    items = items.alias(
        fig_last=Greatest("fig_came", Coalesce("fig_done", Value(date.max)))
    ).filter(fig_came__lte=ref, fig_last__gte=period.start)
    done = Q(fig_done__lte=ref)
    open_ = Q(fig_done__isnull=True) | Q(fig_done__gt=ref)
    if due is None:
        on_time = done
        late = Q(pk__isnull=True)  # never: nothing is late without a time limit
    else:
        on_time = done & (
            clock.on_time
            if clock.on_time is not None
            else Q(fig_due__isnull=True) | Q(fig_done__lte=F("fig_due"))
        )
        late = open_ & Q(fig_due__lt=ref)
        if clock.stopped is not None:
            late &= ~clock.stopped
    groups: dict[str, Any] = {
        "is_new": _flag(Q(fig_came__gte=period.start)),
        "is_done": _flag(done),
        "is_late": _flag(late),
    }
    # Without a time limit everything done is on time. Not selected twice: Django groups by the
    # one column, and PostgreSQL, which sees the two with their own parameters (prepared
    # statements), would refuse the other as not grouped.
    if due is not None:
        groups["is_on_time"] = _flag(on_time)
    months = period.months() if detail else []
    if months:
        groups.update(m_came=_month_of("fig_came"), m_done=_month_of("fig_done"))
        if due is not None:
            groups["m_due"] = _month_of("fig_due")
    extras = extras or {}
    rows = list(
        items.values(commune_field, **groups)
        .annotate(n=Count("pk"), **{f"x_{key}": agg for key, (_label, agg) in extras.items()})
        .order_by()
    )
    numbers: dict[int, dict[str, int]] = {}
    found = {f"{first:%Y-%m}": {"new": 0, "done": 0, "late": 0} for first, _ in months}
    for r in rows:
        n = r["n"]
        c = numbers.setdefault(r[commune_field], dict.fromkeys(CORE_KEYS, 0))
        c["total"] += n
        c["new" if r["is_new"] else "carried"] += n
        if r["is_done"]:
            c["done"] += n
            c["done_on_time" if r.get("is_on_time", True) else "done_late"] += n
        else:
            c["open"] += n
        c["late"] += n if r["is_late"] else 0
        if months:
            if r["is_new"] and r["m_came"] in found:
                found[r["m_came"]]["new"] += n
            if r["is_done"] and r["m_done"] in found:
                found[r["m_done"]]["done"] += n
            # Fell late in the month it was due: finished after it, or still open past it.
            fell = (r["is_done"] and not r.get("is_on_time", True)) or r["is_late"]
            if fell and r.get("m_due") in found:
                found[r["m_due"]]["late"] += n
    rated = due is not None
    by_commune = [{"commune": cid, **counts(c, rated=rated)} for cid, c in sorted(numbers.items())]
    extra = [
        {"key": key, "label": text, "value": sum(r[f"x_{key}"] or 0 for r in rows)}
        for key, (text, _agg) in extras.items()
    ]
    by_month = [{"month": m, **v} for m, v in found.items()]
    late_items: list[dict[str, Any]] = []
    if detail and item is not None and any(c["late"] for c in numbers.values()):
        late_items = _late(items.filter(late), item, related, fields, visible)
    return shape(
        label=label,
        noun=noun,
        url=url,
        note=note,
        by_commune=by_commune,
        extra=extra,
        by_month=by_month,
        late_items=late_items,
        rated=rated,
    )


def _late(
    late: QuerySet[Any],
    item: Callable[[Any], dict[str, Any]],
    related: Iterable[str],
    fields: Iterable[str],
    visible: Callable[[QuerySet[Any]], QuerySet[Any]] | None,
) -> list[dict[str, Any]]:
    """The late items the viewer may open, the longest overdue first: their ids first (a query
    an index can answer alone), then those few rows with what their lines show."""
    if visible is not None:
        late = visible(late)
    ids = list(late.order_by("fig_due", "pk").values_list("pk", flat=True)[:LATE_LIST])
    rows = late.filter(pk__in=ids).select_related(*related)
    if fields:
        rows = rows.only(*fields)
    found = {row.pk: row for row in rows}
    return [item(found[pk]) for pk in ids]


def _flag(q: Q) -> Case:
    return Case(When(q, then=Value(True)), default=Value(False), output_field=BooleanField())


def _month_of(day: str) -> Substr:
    """ "2026-01" of a date, in SQL on both databases: its ISO text cut to the month (SQLite's
    TruncMonth is a Python function called on every row, several times slower here)."""
    return Substr(Cast(day, CharField()), 1, 7)
