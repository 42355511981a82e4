"""The province's book (issue 15): every commune's petitions for a province viewer or
administrator, newest first, filtered and searched across the province, within 100 ms at a
million petitions.

Two things make a province-wide page slow, and each has its answer here:
- Counting. A count over the province reads every matching row (a million for "all", 700,000
  for "duong"). Where PostgreSQL's statistics put the matches above COUNT_CAP, the page
  shows that estimate, marked as one; otherwise it counts, up to COUNT_CAP (SQLite, which keeps
  no such statistics, in its full-text index), and above it says "more than 1,000": exact where
  a person reads a number, bounded where nobody would page through it.
- The newest matches of a search. Sorting every match by date reads them all; when matches are
  common they lie among the newest rows, so those are walked a chunk at a time (the page's 25
  "duong" in about 40 rows): PostgreSQL tests each row's text inside the database, SQLite asks
  its full-text index for the matches among each chunk's ids. When they are rare the index
  finds them all and they are sorted (`search.newest_ids`).

The rows shown name no petitioner: the province follows how the communes handle cases, the
commune keeps the file (docs/permissions.md).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from functools import cached_property, partial
from typing import Any, TypeVar

from django.core.paginator import Paginator
from django.db import connection

from danvan.core.cache import kept
from danvan.core.models import Unit
from danvan.petitions import search, selectors
from danvan.petitions.models import Petition, PetitionQuerySet

T = TypeVar("T")

COUNT_CAP = 1000
# The newest rows a walk to a page of matches reads at most is 3 × this (else: sort them).
WALK_ROWS = 2000
NEWEST = ("-received_on", "-id")
OPEN = [s for s in Petition.Status.values if s not in Petition.CLOSED_STATUSES]


def book(communes: set[int], data: dict[str, Any], today: date) -> PetitionQuerySet:
    """The province's petitions the filters keep (no search yet)."""
    qs = Petition.objects.all()
    if data.get("xa"):
        qs = qs.filter(commune_id=data["xa"])
    elif Unit.objects.filter(kind=Unit.Kind.COMMUNE).exclude(pk__in=communes).exists():
        # An install of several provinces. Written through an expression, so that SQLite walks
        # the date index over the province instead of reading each commune's rows by the
        # commune index and sorting them all. (An install of one province needs no filter: its
        # counts then come from the indexes alone, without a row read to see its commune.)
        qs = qs.alias(_commune=selectors.unindexed("commune_id")).filter(_commune__in=communes)
    status = data.get("status")
    if status == "open":
        # The open statuses by name (not "not closed"): an index finds them.
        qs = qs.filter(status__in=OPEN)
    elif status:
        qs = qs.filter(status=status)
    if data.get("kind"):
        qs = qs.filter(kind=data["kind"])
    if data.get("due") == "overdue":
        qs = qs.filter(selectors.overdue_q(today))
    elif data.get("due") == "soon":
        qs = qs.filter(selectors.due_soon_q(today))
    return qs


class Matches:
    """The rows of `qs` that answer `query` (all of them without one), as Django's Paginator
    reads them: `count()` up to COUNT_CAP + 1 and a slice of the newest."""

    def __init__(
        self,
        qs: PetitionQuerySet,
        query: str = "",
        *,
        communes: set[int],
        filtered: bool = False,
        few: bool = False,
        keep: str = "",
    ) -> None:
        self.qs = qs
        # What the matches depend on besides the records (the communes, the filters, the
        # query, the day): with it, the count and each page's ids are kept until a petition of
        # the province changes (core.cache.kept), a minute at most.
        self.keep = keep
        self.query = query if search.parse(query) else ""
        self.found = search.search(qs, self.query) if self.query else qs
        self.communes = communes
        # Only the communes and the query: SQLite counts in its full-text index alone.
        self.filtered = filtered
        # A deadline filter leaves few rows: sort those rather than walk the province by date.
        self.few = few

    @cached_property
    def estimate(self) -> int | None:
        return self._figures[0]

    @cached_property
    def counted(self) -> int:
        return self._figures[1]

    @cached_property
    def _figures(self) -> tuple[int | None, int]:
        """The estimate and the count, kept (`keep`) together."""
        return self._kept("count", lambda: (self._estimated, self._count()))

    def _kept(self, part: str, compute: Callable[[], T]) -> T:
        if not self.keep:
            return compute()
        return kept(f"{self.keep}|{part}", None, compute, 60, apps=("petitions",))

    @cached_property
    def _estimated(self) -> int | None:
        """PostgreSQL's estimate of the matches across the province, when it is above COUNT_CAP
        (counting them would read that many index entries or rows), else None: they are counted.
        Only for the province's rows, alone or with one common term: the statistics know a
        table's size and a common word's frequency well, not a rarer word's, nor how a status
        and a due date go together; one commune's rows are counted on its own index."""
        if connection.vendor != "postgresql" or self.filtered or len(self.communes) < 2:
            return None
        if self.query and not search.has_known_frequency(self.query):
            return None  # the planner would guess: they are counted
        rows = planned_rows(self.found)
        return rows if rows > COUNT_CAP else None

    def _count(self) -> int:
        if self._estimated is not None:
            return COUNT_CAP + 1
        if self.query and not self.filtered and connection.vendor == "sqlite":
            # The book of an install of one province filters nothing (province.book): its
            # communes' tokens would only make the index merge every commune's posting list
            # with the phrase's (2.6 -> 0.4 ms for "dat dai" over 10 communes).
            communes = self.communes if self.qs.query.where.children else None
            return search.fts_count(self.query, communes, COUNT_CAP + 1)
        return self.found.order_by()[: COUNT_CAP + 1].count()

    def count(self) -> int:
        return self.counted

    @property
    def more(self) -> bool:
        """More matches than were counted (or estimated ones)."""
        return self.counted > COUNT_CAP

    def __len__(self) -> int:
        return self.counted

    def __getitem__(self, part: slice) -> list[selectors.ListedPetition]:
        first, upto = part.start or 0, min(part.stop, self.counted)
        if upto <= first:
            return []
        ids = self._kept(f"{first}:{upto}", partial(self._ids, first, upto))
        # Plain values of the columns a row shows, not model instances (selectors.listed).
        return selectors.listed_in_province(Petition.objects.filter(pk__in=ids).order_by(*NEWEST))

    def _ids(self, first: int, upto: int) -> list[int]:
        if self.few:
            by_date = self.found.order_by(selectors.unindexed("received_on").desc(), "-id")
            ids = list(by_date.values_list("pk", flat=True)[first:upto])
        elif self.query:
            walk = self._walk_rows(upto)
            ids = search.newest_ids(self.qs, self.query, first=first, upto=upto, walk=walk)
        else:
            ids = list(self.found.order_by(*NEWEST).values_list("pk", flat=True)[first:upto])
        return ids

    def _walk_rows(self, upto: int) -> int:
        """How many of the newest rows a walk to the page's last match may read (0: sort the
        matches instead): twice `upto` / the matches' share of the rows when that share is
        known (counted below the cap, or PostgreSQL's estimate), at most 3 × WALK_ROWS; above
        the cap without an estimate the share is only known to be large, and the walk reads at
        most 3 × WALK_ROWS. A walk that finds too few falls back to the sort."""
        if connection.vendor == "sqlite":  # reading rows costs little there, sorting much
            return 10 * WALK_ROWS if self.more else 0
        if self.more and self.estimate is None:
            # With a filter the walk's bound reads the filtered rows by date too (a search
            # among open cases: 120 ms against 60 to sort its matches).
            return 3 * WALK_ROWS if not self.filtered else 0
        share = (self.estimate or self.counted) / max(planned_rows(self.qs), 1)
        expected = upto / share if share else float("inf")
        if expected > 3 * WALK_ROWS:
            return 0
        return min(2 * int(expected) + search.WALK_CHUNK, 3 * WALK_ROWS)


def planned_rows(qs: PetitionQuerySet) -> int:
    """PostgreSQL's estimate of the rows of `qs`, from its statistics (EXPLAIN: no row read)."""
    plan = json.loads(qs.order_by().explain(format="json"))
    return int(plan[0]["Plan"]["Plan Rows"])


class CappedPaginator(Paginator):
    """A paginator whose count stops at COUNT_CAP (the pager then shows no last page)."""

    @property
    def more(self) -> bool:
        return bool(getattr(self.object_list, "more", False))

    @property
    def estimate(self) -> str:
        """The estimate, to two significant digits as Vietnamese writes numbers ("160.000")."""
        n = getattr(self.object_list, "estimate", None)
        if n is None:
            return ""
        return written(round(n, 2 - len(str(n))))

    @property
    def cap(self) -> str:
        return written(COUNT_CAP)


def written(n: int) -> str:
    """A number as Vietnamese writes it: 160.000."""
    return f"{n:,}".replace(",", ".")
