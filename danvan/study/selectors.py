"""Reads of the study pages: the list's filters and page of rows, the year's summary by unit."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet, Sum
from django.http import QueryDict
from django.utils import timezone

from danvan.core.http import int_param
from danvan.lib.text import fold
from danvan.study.models import Attendance, Kind, StudySession

PAGE_SIZE = 25
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
Status = StudySession.Status

# The list's status filter: the three stored states and "late" (planned, its day passed).
STATUS_LABELS = {
    "planned": "Dự kiến",
    "late": "Quá ngày dự kiến, chưa ghi kết quả",
    "held": "Đã tổ chức",
    "cancelled": "Đã hủy",
}
STATUS_CSS = {"planned": "on_track", "late": "overdue", "held": "done", "cancelled": "not_started"}

ROW_FIELDS = (
    "id",
    "title",
    "kind",
    "status",
    "planned_on",
    "held_on",
    "organiser__name",
    "organiser__short_name",
    "village__name",
    "present_total",
    "expected_total",
    "counted_present",
)


def state(status: str, planned_on: date, today: date) -> str:
    if status == Status.PLANNED and planned_on < today:
        return "late"
    return status


@dataclass(frozen=True)
class Filters:
    year: int
    kind: str = ""
    status: str = ""
    document: int | None = None
    q: str = ""

    @classmethod
    def read(cls, params: QueryDict) -> Filters:
        year = int_param(params.get("nam"))
        kind = params.get("loai", "")
        status = params.get("trang-thai", "")
        return cls(
            year=year if year and 2000 <= year <= 2100 else timezone.localdate().year,
            kind=kind if kind in Kind.values else "",
            status=status if status in STATUS_LABELS else "",
            document=int_param(params.get("van-ban")),
            q=" ".join(_CONTROL.sub(" ", params.get("q") or "")[:200].split()),
        )

    def query(self, **extra: Any) -> str:
        pairs = {
            "nam": self.year,
            "loai": self.kind,
            "trang-thai": self.status,
            "van-ban": self.document or "",
            "q": self.q,
            **extra,
        }
        return urlencode({k: v for k, v in pairs.items() if v not in ("", None)})


def filtered(qs: QuerySet[StudySession], f: Filters, today: date) -> QuerySet[StudySession]:
    qs = qs.filter(planned_on__year=f.year)
    if f.kind:
        qs = qs.filter(kind=f.kind)
    if f.status == "late":
        qs = qs.filter(status=Status.PLANNED, planned_on__lt=today)
    elif f.status == "planned":
        qs = qs.filter(status=Status.PLANNED, planned_on__gte=today)
    elif f.status:
        qs = qs.filter(status=f.status)
    if f.document is not None:
        qs = qs.filter(documents=f.document)
    for word in fold(f.q).split()[:8]:
        qs = qs.filter(search_text__contains=word)
    return qs


def rows(found: list[dict[str, Any]], today: date, detail_url: Any) -> list[dict[str, Any]]:
    kinds = dict(Kind.choices)
    out = []
    for r in found:
        st = state(r["status"], r["planned_on"], today)
        expected, counted = r["expected_total"], r["counted_present"]
        out.append(
            {
                **r,
                "url": detail_url(r["id"]),
                "kind_label": kinds.get(r["kind"], r["kind"]),
                "state": st,
                "state_label": STATUS_LABELS[st],
                "state_css": STATUS_CSS[st],
                "organiser": r["organiser__short_name"] or r["organiser__name"],
                "rate": round(100 * counted / expected) if expected else None,
            }
        )
    return out


def page_of(qs: QuerySet[StudySession], number: Any, today: date, detail_url: Any) -> Page[Any]:
    """A page of the list: its ids picked on the sessions' table, then those rows' columns."""
    ids = qs.order_by("-planned_on", "-id").values_list("id", flat=True)
    page = Paginator(ids, PAGE_SIZE).get_page(number)
    chosen = list(page.object_list)
    found = {r["id"]: r for r in StudySession.objects.filter(pk__in=chosen).values(*ROW_FIELDS)}
    page.object_list = rows([found[i] for i in chosen if i in found], today, detail_url)  # type: ignore[assignment]
    return page


def summary(commune_id: int, year: int) -> dict[str, Any]:
    """The year's held sessions: counts by kind, people, and attendance by unit (called,
    present, rate over the rows that have a called number)."""
    held = StudySession.objects.filter(
        commune_id=commune_id, planned_on__year=year, status=Status.HELD
    )
    sessions = StudySession.objects.filter(commune_id=commune_id, planned_on__year=year)
    by_status = dict(sessions.values_list("status").annotate(n=Count("pk")).order_by())
    totals = held.aggregate(
        present=Sum("present_total"), counted=Sum("counted_present"), expected=Sum("expected_total")
    )
    kinds = dict(Kind.choices)
    by_kind = [
        {"label": kinds.get(k, k), "sessions": n, "present": p or 0}
        for k, n, p in held.values_list("kind")
        .annotate(n=Count("pk"), p=Sum("present_total"))
        .order_by("kind")
    ]
    units = []
    for r in (
        Attendance.objects.filter(session__in=held)
        .values("unit__name", "unit__kind")
        .annotate(
            n_sessions=Count("session", distinct=True),
            n_expected=Sum("expected"),
            n_present=Sum("present"),
            n_counted=Sum("present", filter=Q(expected__isnull=False)),
        )
        .order_by("unit__kind", "unit__name")
    ):
        expected = r["n_expected"] or 0
        units.append(
            {
                "unit": r["unit__name"],
                "sessions": r["n_sessions"],
                "expected": r["n_expected"],
                "present": r["n_present"] or 0,
                "rate": round(100 * (r["n_counted"] or 0) / expected) if expected else None,
            }
        )
    expected = totals["expected"] or 0
    documents = held.exclude(documents=None).values("documents").distinct().count()
    return {
        "planned": sum(by_status.values()),
        "held": by_status.get(Status.HELD, 0),
        "cancelled": by_status.get(Status.CANCELLED, 0),
        "present": totals["present"] or 0,
        "expected": expected,
        "rate": round(100 * (totals["counted"] or 0) / expected) if expected else None,
        "documents": documents,
        "by_kind": by_kind,
        "units": units,
    }
