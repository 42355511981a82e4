"""Reads of the promises' pages and export: the filters a list understands, its page of rows
(ids first, then only those rows joined), and the figures of a set.

Every filter comes from the query string and is checked here: an unknown source, status,
unit or village is ignored, never an error (no 500 on any query string).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, F, Q, QuerySet
from django.http import QueryDict

from danvan.core.http import int_param, url_for_pk
from danvan.lib.text import fold
from danvan.promises.models import (
    STATUS_CSS,
    STATUS_LABELS,
    Outcome,
    Promise,
    PromiseQuerySet,
    Source,
)

PAGE_SIZE = 25
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# The columns a list's row shows (officers' list, portal list).
ROW_FIELDS = (
    "id",
    "commune_id",
    "source",
    "source_label",
    "source_url",
    "public_url",
    "title",
    "owner_unit__name",
    "owner_unit__short_name",
    "village__name",
    "made_on",
    "promised_due",
    "due_on",
    "outcome",
    "outcome_note",
    "outcome_on",
    "public",
    "task_id",
)


@dataclass
class Filters:
    """What a list was asked for, each value checked (None or "" when not asked or invalid)."""

    source: str = ""
    status: str = ""
    owner: int | None = None
    village: int | None = None
    q: str = ""
    mine: bool = False

    @classmethod
    def read(cls, params: QueryDict) -> Filters:
        source = params.get("nguon", "")
        status = params.get("trang-thai", "")
        return cls(
            source=source if source in Source.values else "",
            status=status if status in STATUS_LABELS else "",
            owner=int_param(params.get("don-vi")),
            village=int_param(params.get("thon")),
            # Control characters (a NUL, which PostgreSQL refuses in a query) are no search.
            q=" ".join(_CONTROL.sub(" ", params.get("q") or "")[:200].split()),
            mine=params.get("cua-toi") == "1",
        )

    def query(self, **extra: Any) -> str:
        """The filters as a query string (for the pager and the export link)."""
        from urllib.parse import urlencode

        pairs = {
            "nguon": self.source,
            "trang-thai": self.status,
            "don-vi": self.owner or "",
            "thon": self.village or "",
            "q": self.q,
            "cua-toi": "1" if self.mine else "",
            **extra,
        }
        return urlencode({k: v for k, v in pairs.items() if v not in ("", None)})


def filtered(
    qs: PromiseQuerySet,
    f: Filters,
    today: date,
    *,
    my_units: set[int] | None = None,
    with_status: bool = True,
) -> PromiseQuerySet:
    """`qs` narrowed by the filters (`with_status=False`: all but the status, for figures)."""
    if f.source:
        qs = qs.filter(source=f.source)
    if f.status and with_status:
        qs = qs.with_status(f.status, today)
    if f.owner is not None:
        qs = qs.filter(owner_unit_id=f.owner)
    if f.village is not None:
        qs = qs.filter(village_id=f.village)
    if f.mine and my_units is not None:
        qs = qs.filter(owner_unit_id__in=my_units)
    words = fold(f.q).split()
    for word in words[:8]:
        qs = qs.filter(search_text__contains=word)
    return qs


def page_of(qs: QuerySet[Promise], number: Any, detail_url: str) -> Page[Any]:
    """One page of the list: its ids picked on the promises' table alone (sorted by the index
    of the newest), then those rows' columns with their units; each row a dict with its
    status, colour and link."""
    ids = qs.order_by("-made_on", "-id").values_list("id", flat=True)
    page = Paginator(ids, PAGE_SIZE).get_page(number)
    chosen = list(page.object_list)
    found = {r["id"]: r for r in Promise.objects.filter(pk__in=chosen).values(*ROW_FIELDS)}
    page.object_list = rows([found[i] for i in chosen if i in found], detail_url)  # type: ignore[assignment]
    return page


def rows(
    found: list[dict[str, Any]], detail_url: str, today: date | None = None
) -> list[dict[str, Any]]:
    from django.utils import timezone

    today = today or timezone.localdate()
    url = url_for_pk(detail_url)
    sources = dict(Source.choices)
    for r in found:
        status = status_of(r, today)
        r["status"] = status
        r["status_label"] = STATUS_LABELS[status]
        r["status_css"] = STATUS_CSS[status]
        r["source_name"] = sources.get(r["source"], "")
        r["owner"] = r["owner_unit__name"]
        r["village"] = r["village__name"]
        r["moved"] = r["due_on"] != r["promised_due"]
        r["url"] = url(r["id"])
    return found


def status_of(r: dict[str, Any], today: date) -> str:
    """Promise.status on a row read as a dict (the same rule, tested equal)."""
    if r["outcome"] == Outcome.KEPT:
        late = r["outcome_on"] and r["outcome_on"] > r["promised_due"]
        return "kept_late" if late else "kept"
    if r["outcome"] == Outcome.EXPLAINED:
        return "explained"
    if today > r["due_on"]:
        return "late"
    return "roadmap" if r["outcome"] == Outcome.ROADMAP else "open"


def figures(qs: QuerySet[Promise], today: date) -> dict[str, int]:
    """How many were promised, kept on time, kept late, explained, under way (open or on a
    roadmap, not past due) and late, in one query."""
    open_ = Q(outcome="") | Q(outcome=Outcome.ROADMAP)
    return qs.aggregate(
        total=Count("id"),
        kept=Count("id", filter=Q(outcome=Outcome.KEPT, outcome_on__lte=F("promised_due"))),
        kept_late=Count("id", filter=Q(outcome=Outcome.KEPT, outcome_on__gt=F("promised_due"))),
        explained=Count("id", filter=Q(outcome=Outcome.EXPLAINED)),
        open=Count("id", filter=open_ & Q(due_on__gte=today)),
        late=Count("id", filter=open_ & Q(due_on__lt=today)),
    )


FIGURE_LABELS = (
    ("total", "Đã hứa", "on_track"),
    ("kept", "Đã thực hiện đúng hạn", "done"),
    ("kept_late", "Đã thực hiện, chậm hạn", "done"),
    ("explained", "Đã giải trình", "not_started"),
    ("open", "Đang thực hiện", "on_track"),
    ("late", "Quá hạn", "overdue"),
)


def figure_list(counts: dict[str, int]) -> list[tuple[str, str, int, str]]:
    """(key, label, count, colour class) in the order shown."""
    return [(k, label, counts.get(k) or 0, css) for k, label, css in FIGURE_LABELS]


def files_of(promise_id: int) -> QuerySet[Any]:
    """The evidence files of a promise's outcome."""
    from django.contrib.contenttypes.models import ContentType

    from danvan.core.models import Attachment

    return Attachment.objects.filter(
        owner_type=ContentType.objects.get_for_model(Promise), owner_id=promise_id
    ).order_by("id")


@dataclass
class Listing:
    """What a list page shows of its promises: one page of rows, the figures of the filtered
    set (all but the status), and what the page adds (`extra`: its selects' choices)."""

    page: Page[Any]
    figures: dict[str, int]
    extra: dict[str, Any]


def listing(
    *,
    key: str,
    commune_id: int | None,
    promises: PromiseQuerySet,
    f: Filters,
    number: Any,
    detail_url: str,
    today: date,
    my_units: set[int] | None = None,
    decorate: Any = None,
    extra: Any = None,
) -> Listing:
    """The page asked of `promises` filtered by `f`, and its figures, kept as counted per
    filters, page and day until a record of the commune (of any, for `None`) changes, a
    minute at most (core.cache.kept): what every reader of the same list sees alike. Each
    visit of a list counted the commune's promises twice (its pages and its figures) and
    joined its page again. `decorate(rows)` adds to the rows (the portal's files)."""
    from danvan.core.cache import counted_page, kept

    asked = int_param(number) or 1

    def compute() -> dict[str, Any]:
        page = page_of(filtered(promises, f, today, my_units=my_units), asked, detail_url)
        found = list(page.object_list)
        if decorate is not None:
            decorate(found)
        return {
            "count": page.paginator.count,
            "number": page.number,
            "rows": found,
            "figures": figures(filtered(promises, f, today, with_status=False), today),
            "extra": extra() if extra is not None else {},
        }

    mine = ",".join(map(str, sorted(my_units or ()))) if f.mine else ""
    value = kept(
        f"{key}|{commune_id or 0}|{f.query()}|{mine}|{asked}|{today.isoformat()}",
        commune_id,
        compute,
        seconds=60,
    )
    # A pager over the kept count: the same numbers as the page counted (Paginator's own).
    page = counted_page(value["count"], value["rows"], PAGE_SIZE, value["number"])
    return Listing(page=page, figures=value["figures"], extra=value["extra"])
