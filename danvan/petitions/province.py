"""The province's book (issue 15): every commune's petitions for a province viewer or
administrator, newest first, filtered and searched across the province, within 100 ms at a
million petitions.

Two things make a province-wide page slow, and each has its answer here:
- Counting. A count over the province reads every matching row (a million for "all", 700,000
  for "duong"). The page counts up to `COUNT_CAP` and above it says "more than 5,000": exact
  where a person reads a number, bounded where nobody would page through it.
- The newest matches of a search. Sorting every match by date reads them all; when matches are
  common they lie among the newest rows, so those are walked a chunk at a time and checked by
  `search.matches`' own patterns (the page's 25 "duong" in about 40 rows). When they are rare the
  index finds them all and they are sorted (`search.newest_ids`).

The rows shown name no petitioner: the province follows how the communes handle cases, the
commune keeps the file (docs/permissions.md).
"""

from __future__ import annotations

from datetime import date
from functools import cached_property
from typing import Any

from django.core.paginator import Paginator

from danvan.petitions import search, selectors
from danvan.petitions.models import Petition, PetitionQuerySet

COUNT_CAP = 5000
NEWEST = ("-received_on", "-id")
# The columns of a row (province_list.html, selectors.deadline_badge and status_class).
FIELDS = (
    *("year", "number", "subject", "kind", "second_complaint", "received_on", "due_on"),
    *("status", "commune__name", "commune__short_name"),
)


def book(communes: set[int], data: dict[str, Any], today: date) -> PetitionQuerySet:
    """The province's petitions the filters keep (no search yet)."""
    qs = Petition.objects.all()
    if data.get("xa"):
        qs = qs.filter(commune_id=data["xa"])
    else:
        # Written through an expression, so that SQLite walks the date index over the province
        # instead of reading each commune's rows by the commune index and sorting them all.
        qs = qs.alias(_commune=selectors.unindexed("commune_id")).filter(_commune__in=communes)
    status = data.get("status")
    if status == "open":
        qs = qs.open()
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

    def __init__(self, qs: PetitionQuerySet, query: str = "", *, few: bool = False) -> None:
        self.qs = qs
        self.query = query if search.parse(query) else ""
        self.found = search.search(qs, self.query) if self.query else qs
        # A deadline filter leaves few rows: sort those rather than walk the province by date.
        self.few = few

    @cached_property
    def counted(self) -> int:
        return self.found.order_by()[: COUNT_CAP + 1].count()

    def count(self) -> int:
        return self.counted

    @property
    def more(self) -> bool:
        """More matches than were counted."""
        return self.counted > COUNT_CAP

    def __len__(self) -> int:
        return self.counted

    def __getitem__(self, part: slice) -> list[Petition]:
        first, upto = part.start or 0, min(part.stop, self.counted)
        if upto <= first:
            return []
        if self.few:
            by_date = self.found.order_by(selectors.unindexed("received_on").desc(), "-id")
            ids = list(by_date.values_list("pk", flat=True)[first:upto])
        elif self.query:
            ids = search.newest_ids(self.qs, self.query, first=first, upto=upto, many=self.more)
        else:
            ids = list(self.found.order_by(*NEWEST).values_list("pk", flat=True)[first:upto])
        rows = Petition.objects.filter(pk__in=ids).select_related("commune").only(*FIELDS)
        return list(rows.order_by(*NEWEST))


class CappedPaginator(Paginator):
    """A paginator whose count stops at COUNT_CAP (the pager then shows no last page)."""

    @property
    def more(self) -> bool:
        return bool(getattr(self.object_list, "more", False))
