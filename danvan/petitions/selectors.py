"""Reads for the petition list badges, the dashboard and the statistics export.

Every count is one SQL aggregate over the commune's petitions of the period (the indexes on
(commune, received_on) and (commune, due_on) in Petition.Meta): Python only folds the few grouped
rows, never the petitions themselves, so the page costs the same at 1,000 or 1,000,000 cases.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.conf import settings
from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.db.models.lookups import GreaterThanOrEqual, LessThan, LessThanOrEqual

from danvan.core.access import get_access
from danvan.core.calendar import work_calendar
from danvan.core.choices import display
from danvan.core.models import Unit, User
from danvan.petitions.models import Petition, PetitionKind, ReceptionSession, Visit

Status = Petition.Status
CLOSED = Petition.CLOSED_STATUSES
ROUTED = ("guided", "forwarded", "returned", "filed", "information")
# Statistics only: these roles read counts of the communes they read, never a petition.
OVERDUE_LIST = 20


# --- deadlines shown on lists ----------------------------------------------------------------


def due_soon_until(today: date) -> date:
    """The last due date that counts as "due soon": DANVAN_REMIND_BEFORE_DAYS working days on."""
    return work_calendar().add_working_days(today, settings.DANVAN_REMIND_BEFORE_DAYS)


# A draft waiting for the leader's signature is still running late or on time.
RUNNING = (Status.RECEIVED, Status.ACCEPTED, Status.PROPOSED)


def running() -> Q:
    """Open and not paused: a pause stops the legal clock (Luật Khiếu nại 2011, Điều 28, 37).

    Written as the statuses that run, not as "not closed", so that the (commune, status, …)
    index finds the few open cases among a commune's many closed ones.
    """
    return Q(status__in=RUNNING)


def overdue_q(today: date) -> Q:
    """Counted overdue from the day after the due date, as Petition.is_overdue."""
    return running() & Q(due_on__lt=today)


def due_soon_q(today: date) -> Q:
    return running() & Q(due_on__gte=today, due_on__lte=due_soon_until(today))


def overdue_in_book(today: date) -> Q:
    """`overdue_q` as one commune's book filters by it: the due date compared through an
    expression, so that SQLite finds the few running cases by the (commune, status) index
    instead of walking the (commune, due_on) index over every closed case that kept its due
    date (in-process 80 -> 17 ms for a commune of 15,000 cases in the province benchmark)."""
    return running() & Q(LessThan(unindexed("due_on"), today))


def due_soon_in_book(today: date) -> Q:
    """`due_soon_q` as the book filters by it, for the same reason."""
    due = unindexed("due_on")
    return running() & Q(
        GreaterThanOrEqual(due, today), LessThanOrEqual(due, due_soon_until(today))
    )


def unindexed(field: str) -> Coalesce:
    """Order by `field` without letting SQLite walk that field's index to do it.

    With a LIMIT, SQLite prefers an index that yields the order (commune, due_on) and then reads
    every closed case of the commune to find the few open ones; ordering by an expression makes
    it use the (commune, status) index and sort the few open cases instead (60 → 15 ms at
    20,000 cases a commune). PostgreSQL plans either way well.
    """
    return Coalesce(field, field)


def deadline_badge(p: Petition | ListedPetition, today: date, soon_until: date) -> str:
    """ "overdue", "soon" or "" for one petition of a list page."""
    if p.is_overdue(today):
        return "overdue"
    if p.is_open and p.status != Status.PAUSED and p.due_on and p.due_on <= soon_until:
        return "soon"
    return ""


def status_class(p: Petition | ListedPetition) -> str:
    """The Bootstrap badge of a status: resolved green, other endings grey, paused dark."""
    if p.status == Status.RESOLVED:
        return "text-bg-success"
    if not p.is_open:
        return "text-bg-secondary"
    return "text-bg-dark" if p.status == Status.PAUSED else "text-bg-primary"


# --- a row of the book's list ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Named:
    """A village or a handling unit as a list row shows it."""

    name: str
    short_name: str = ""

    @property
    def label(self) -> str:
        return self.short_name or self.name


KIND_FIELD = Petition._meta.get_field("kind")
STATUS_FIELD = Petition._meta.get_field("status")
# What a row of the book reads (views_cases.petition_list, petition_rows.petition_rows,
# deadline_badge, status_class), in ListedPetition's order: every other column is neither sorted
# with a search's matches nor made into a Python value per row (on SQLite each date and flag is
# a converter call).
LISTED = (
    *("pk", "year", "number", "subject", "kind", "second_complaint", "received_on"),
    *("anonymous", "petitioner_name", "due_on", "status", "village__name"),
    *("handling_unit_id", "handling_unit__name", "handling_unit__short_name"),
)


@dataclass(slots=True)
class ListedPetition:
    """A row of the petition book from plain values, read as a Petition's: a list of 25 made
    25 petitions and up to 50 units, each a model instance (0.8 ms a page)."""

    pk: int
    year: int
    number: int
    subject: str
    kind: str
    second_complaint: bool
    received_on: date
    anonymous: bool
    petitioner_name: str
    due_on: date | None
    status: str
    village: Named | None
    handling_unit: Named | None
    commune: Named | None = None
    url: str = ""
    badge: str = ""
    status_class: str = ""

    @classmethod
    def of(cls, values: tuple[Any, ...]) -> ListedPetition:
        """A row from the values of LISTED, in their order."""
        pk, year, number, subject, kind, second, received_on, anonymous, name, due_on = values[:10]
        status, village, unit_id, unit_name, unit_short = values[10:]
        return cls(
            pk=pk,
            year=year,
            number=number,
            subject=subject,
            kind=kind,
            second_complaint=second,
            received_on=received_on,
            anonymous=anonymous,
            petitioner_name=name,
            due_on=due_on,
            status=status,
            village=Named(village) if village is not None else None,
            handling_unit=Named(unit_name, unit_short) if unit_id is not None else None,
        )

    @classmethod
    def in_province(cls, values: tuple[Any, ...]) -> ListedPetition:
        """A row of the province's book from the values of PROVINCE_LISTED: no petitioner."""
        pk, year, number, subject, kind, second, received_on, due_on, status = values[:9]
        commune_name, commune_short = values[9:]
        return cls(
            pk=pk,
            year=year,
            number=number,
            subject=subject,
            kind=kind,
            second_complaint=second,
            received_on=received_on,
            anonymous=False,
            petitioner_name="",
            due_on=due_on,
            status=status,
            village=None,
            handling_unit=None,
            commune=Named(commune_name, commune_short),
        )

    @property
    def code(self) -> str:
        return f"{self.number}/{self.year}"

    @property
    def is_open(self) -> bool:
        return self.status not in Petition.CLOSED_STATUSES

    def is_overdue(self, today: date) -> bool:
        """Petition.is_overdue."""
        return bool(
            self.is_open and self.status != Status.PAUSED and self.due_on and self.due_on < today
        )

    def get_kind_display(self) -> Any:
        return display(self, KIND_FIELD)  # type: ignore[arg-type]

    def get_status_display(self) -> Any:
        return display(self, STATUS_FIELD)  # type: ignore[arg-type]


def listed(rows: QuerySet[Petition]) -> list[ListedPetition]:
    """`rows` (ordered, sliced or not) as ListedPetitions, in one query of plain values."""
    return [ListedPetition.of(values) for values in rows.values_list(*LISTED)]


# A row of the province's book (province_list.html, deadline_badge and status_class).
PROVINCE_LISTED = (
    *("pk", "year", "number", "subject", "kind", "second_complaint", "received_on", "due_on"),
    *("status", "commune__name", "commune__short_name"),
)


def listed_in_province(rows: QuerySet[Petition]) -> list[ListedPetition]:
    """`rows` as the province's book shows them, in one query of plain values."""
    return [ListedPetition.in_province(values) for values in rows.values_list(*PROVINCE_LISTED)]


# --- who sees which statistics ---------------------------------------------------------------


def stats_communes(user: User) -> set[int]:
    """Communes whose statistics the user may see: every commune they read.

    The statistics are counts, with no petition text and no person (the overdue list is shown
    only to those who keep the book); openness about how the commune answers is the point.
    """
    return set(get_access(user).readable_communes)


# --- the dashboard ---------------------------------------------------------------------------


@dataclass
class Row:
    """One line of a statistics table."""

    key: str
    label: str
    total: int = 0
    accepted: int = 0
    open: int = 0
    paused: int = 0
    resolved: int = 0
    routed: int = 0
    closed: int = 0
    on_time: int = 0
    overdue: int = 0

    @property
    def rate(self) -> int | None:
        """On-time rate = closed on time ÷ (closed + open overdue), in percent.

        Open overdue cases are in the denominator (DESIGN.md, lessons from FixMyStreet): a body
        that closes a few cases fast while the rest run late must not look punctual.
        """
        base = self.closed + self.overdue
        return round(100 * self.on_time / base) if base else None

    def add(self, other: Row) -> None:
        # Spelled out: a loop of getattr/setattr over the names was a tenth of the dashboard.
        self.total += other.total
        self.accepted += other.accepted
        self.open += other.open
        self.paused += other.paused
        self.resolved += other.resolved
        self.routed += other.routed
        self.closed += other.closed
        self.on_time += other.on_time
        self.overdue += other.overdue


@dataclass
class Stats:
    commune: Unit
    start: date
    end: date
    today: date
    total: Row
    by_kind: list[Row]
    by_status: list[tuple[str, str, int]]
    by_unit: list[Row]
    by_village: list[Row]
    overdue: list[Petition] = field(default_factory=list)
    overdue_total: int = 0  # every open overdue case of the commune, whatever its intake date
    reception: dict[str, Any] = field(default_factory=dict)

    @property
    def rate(self) -> int | None:
        return self.total.rate


def _labels(ids: set[int]) -> dict[str, str]:
    """Units' and villages' names (short name first), in one query."""
    return {
        str(pk): short or name
        for pk, short, name in Unit.objects.filter(pk__in=ids).values_list(
            "pk", "short_name", "name"
        )
    }


def _row(rows: dict[str, Row], key: str, label: object) -> Row:
    """The row of `key`, made with `label` (a lazy translation is made text only then: one
    per group was a tenth of the dashboard's Python time)."""
    row = rows.get(key)
    if row is None:
        row = rows[key] = Row(key=key, label=str(label))
    return row


# What the dashboard's overdue list shows (stats_dashboard.html): no other column is read.
OVERDUE_SHOWN = (
    *("year", "number", "subject", "kind", "due_on", "handler__username", "handler__full_name"),
    *("handling_unit__name", "handling_unit__short_name"),
)


def petition_stats(
    *, commune: Unit, start: date, end: date, today: date, accepted: bool = True
) -> Stats:
    """Counts by kind, status, handling unit and village of the petitions received in
    [start, end], their status as of `today`, the overdue list and the reception register.

    One scan of the period: the database groups the cases by (kind, status, unit, village) with
    the few conditional counts the table needs; Python adds up those groups (a few hundred,
    whatever the number of petitions) into each table. Without `accepted` (the page shows no
    column of accepted cases, the export does) every Row.accepted is 0 and the scan reads the
    overview's index alone (petition_overview holds no accepted_on): half the time on SQLite.
    """
    counts: dict[str, Count] = {"n": Count("id")}
    if accepted:
        counts["accepted"] = Count("id", filter=Q(accepted_on__isnull=False))
    counts["on_time"] = Count("id", filter=Q(closed_on_time=True))
    counts["late"] = Count("id", filter=Q(due_on__lt=today))
    groups = (
        Petition.objects.filter(commune=commune, received_on__range=(start, end))
        .values_list("kind", "status", "handling_unit_id", "village_id")
        .annotate(**counts)
        .order_by()
    )
    kinds = dict(PetitionKind.choices)
    statuses = dict(Status.choices)
    by_kind = {k: Row(key=k, label=str(v)) for k, v in kinds.items()}
    by_unit: dict[str, Row] = {}
    by_village: dict[str, Row] = {}
    by_status: dict[str, int] = {}
    total = Row(key="", label="Tổng số")
    for group in groups:
        kind, status, unit_id, village_id, n = group[:5]
        on_time, late = group[-2:]
        closed = status in CLOSED
        part = Row(
            key="",
            label="",
            total=n,
            accepted=group[5] if accepted else 0,
            open=0 if closed else n,
            paused=n if status == Status.PAUSED else 0,
            resolved=n if status == Status.RESOLVED else 0,
            routed=n if status in ROUTED else 0,
            closed=n if closed else 0,
            on_time=on_time if closed else 0,
            overdue=late if status in RUNNING else 0,
        )
        for row in (
            total,
            _row(by_kind, kind, kinds.get(kind, kind)),
            _row(by_unit, str(unit_id or ""), ""),
            _row(by_village, str(village_id or ""), ""),
        ):
            row.add(part)
        by_status[status] = by_status.get(status, 0) + n
    names = _labels({int(k) for k in (*by_unit, *by_village) if k})
    for rows, empty in ((by_unit, "Chưa giao"), (by_village, "Không rõ thôn")):
        for r in rows.values():
            r.label = names.get(r.key, "") if r.key else empty

    # The book's form of the condition: SQLite finds the few running cases by the (commune,
    # status) index instead of every case of the commune that kept a due date (23 -> 1 ms).
    overdue = list(
        Petition.objects.filter(commune=commune)
        .filter(overdue_in_book(today))
        .select_related("handling_unit", "handler")
        .only(*OVERDUE_SHOWN)
        .order_by(unindexed("due_on"), "id")[:OVERDUE_LIST]
    )
    return Stats(
        commune=commune,
        start=start,
        end=end,
        today=today,
        total=total,
        by_kind=list(by_kind.values()),
        by_status=[(s, str(statuses[s]), by_status.get(s, 0)) for s in statuses],
        by_unit=sorted(by_unit.values(), key=lambda r: (r.key == "", r.label)),
        by_village=sorted(by_village.values(), key=lambda r: (r.key == "", r.label)),
        overdue=overdue,
        overdue_total=overdue_count(commune=commune, today=today)
        if len(overdue) == OVERDUE_LIST
        else len(overdue),
        reception=reception_stats(commune=commune, start=start, end=end),
    )


def overdue_count(*, commune: Unit, today: date) -> int:
    return Petition.objects.filter(commune=commune).filter(overdue_in_book(today)).count()


def reception_stats(*, commune: Unit, start: date, end: date) -> dict[str, Any]:
    """Reception days by kind, visits, people and group visits in the period (two queries)."""
    sessions = dict(
        ReceptionSession.objects.filter(commune=commune, held_on__range=(start, end))
        .values_list("kind")
        .annotate(n=Count("id"))
        .order_by()
    )
    visits = Visit.objects.filter(commune=commune, visited_on__range=(start, end)).aggregate(
        n_visits=Count("id"),
        n_people=Sum("people"),
        n_groups=Count("id", filter=Q(people__gte=5)),
    )
    return {
        "sessions": [(k, str(v), sessions.get(k, 0)) for k, v in ReceptionSession.Kind.choices],
        "sessions_total": sum(sessions.values()),
        "visits": visits["n_visits"],
        "people": visits["n_people"] or 0,
        "groups": visits["n_groups"],
    }
