"""Reads of the opinion pages: the list's filters and its page of rows, and the month's summary.

Every filter comes from the query string and is checked here: an unknown value is ignored,
never an error (no 500 on any query string). The list picks its page's ids on the notes' table
alone (index commune, noted_on), then reads only those rows' columns.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet
from django.http import QueryDict

from danvan.core.http import int_param, url_for_pk
from danvan.core.models import Unit
from danvan.lib.text import fold
from danvan.opinion.models import OpinionNote, OpinionTopic
from danvan.petitions import hotspots
from danvan.petitions.models import Petition

PAGE_SIZE = 25
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
Urgency = OpinionNote.Urgency
Trend = OpinionNote.Trend
Status = OpinionNote.Status

ROW_FIELDS = (
    "id",
    "noted_on",
    "topic__name",
    "village__name",
    "place",
    "reporting_unit__name",
    "content",
    "urgency",
    "trend",
    "status",
    "due_on",
)
URGENCY_CSS = {Urgency.URGENT: "overdue", Urgency.ATTENTION: "due_soon", Urgency.NORMAL: "on_track"}


def parse_month(raw: str | None) -> tuple[date, date] | None:
    """ "2026-11" → (01/11/2026, 30/11/2026); None for anything else."""
    found = _MONTH.match((raw or "").strip())
    if not found:
        return None
    year, month = int(found[1]), int(found[2])
    if not (2000 <= year <= 2100 and 1 <= month <= 12):
        return None
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


@dataclass
class Filters:
    """What a list was asked for, each value checked ("" or None when not asked or invalid)."""

    month: str = ""
    topic: int | None = None
    urgency: str = ""
    trend: str = ""
    village: int | None = None
    status: str = ""
    q: str = ""
    span: tuple[date, date] | None = field(default=None, repr=False)

    @classmethod
    def read(cls, params: QueryDict) -> Filters:
        month = params.get("thang", "")
        span = parse_month(month)
        urgency, trend, status = (params.get(k, "") for k in ("muc-do", "xu-huong", "tinh-trang"))
        return cls(
            month=month.strip() if span else "",
            topic=int_param(params.get("linh-vuc")),
            urgency=urgency if urgency in Urgency.values else "",
            trend=trend if trend in Trend.values else "",
            village=int_param(params.get("thon")),
            status=status if status in Status.values else "",
            q=" ".join(_CONTROL.sub(" ", params.get("q") or "")[:200].split()),
            span=span,
        )

    def query(self, **extra: Any) -> str:
        """The filters as a query string (for the pager and the export link)."""
        pairs = {
            "thang": self.month,
            "linh-vuc": self.topic or "",
            "muc-do": self.urgency,
            "xu-huong": self.trend,
            "thon": self.village or "",
            "tinh-trang": self.status,
            "q": self.q,
            **extra,
        }
        return urlencode({k: v for k, v in pairs.items() if v not in ("", None)})


def filtered(qs: QuerySet[OpinionNote], f: Filters) -> QuerySet[OpinionNote]:
    if f.span:
        qs = qs.filter(noted_on__range=f.span)
    if f.topic is not None:
        qs = qs.filter(topic_id=f.topic)
    if f.urgency:
        qs = qs.filter(urgency=f.urgency)
    if f.trend:
        qs = qs.filter(trend=f.trend)
    if f.village is not None:
        qs = qs.filter(village_id=f.village)
    if f.status:
        qs = qs.filter(status=f.status)
    for word in fold(f.q).split()[:8]:
        qs = qs.filter(search_text__contains=word)
    return qs


def rows(found: list[dict[str, Any]], today: date) -> list[dict[str, Any]]:
    url = url_for_pk("opinion:detail")
    urgency, trend, status = (dict(c.choices) for c in (Urgency, Trend, Status))
    for r in found:
        r["url"] = url(r["id"])
        r["urgency_label"] = urgency[r["urgency"]]
        r["urgency_css"] = URGENCY_CSS[r["urgency"]]
        r["trend_label"] = trend[r["trend"]]
        r["status_label"] = status[r["status"]]
        r["urgent"] = r["urgency"] == Urgency.URGENT
        r["late"] = bool(r["status"] == Status.OPEN and r["due_on"] and r["due_on"] < today)
    return found


def page_of(qs: QuerySet[OpinionNote], number: Any, today: date) -> Page[Any]:
    ids = qs.order_by("-noted_on", "-id").values_list("id", flat=True)
    page = Paginator(ids, PAGE_SIZE).get_page(number)
    chosen = list(page.object_list)
    found = {r["id"]: r for r in OpinionNote.objects.filter(pk__in=chosen).values(*ROW_FIELDS)}
    page.object_list = rows([found[i] for i in chosen if i in found], today)  # type: ignore[assignment]
    return page


def export_rows(qs: QuerySet[OpinionNote], today: date) -> list[dict[str, Any]]:
    fields = (*ROW_FIELDS, "source_kind__name", "proposal", "handled_on", "handling")
    return rows(list(qs.order_by("noted_on", "id").values(*fields)), today)


# --- the month's summary --------------------------------------------------------------------


def _labelled(counts: Counter[str], choices: list[tuple[str, Any]]) -> list[dict[str, Any]]:
    return [{"key": k, "label": label, "value": counts.get(k, 0)} for k, label in choices]


def month_summary(commune_id: int, start: date, end: date, today: date) -> dict[str, Any]:
    """The notes of one month (noted in it): counts by topic × trend, by urgency, by village,
    handled and open, the urgent and rising notes, and the hotspots they point at (counts of the
    petition book only: no petition's content or name). A few queries whatever the month holds."""
    qs = OpinionNote.objects.filter(commune_id=commune_id, noted_on__range=(start, end))
    grid = {
        (r["topic_id"], r["trend"]): r["n"]
        for r in qs.values("topic_id", "trend").annotate(n=Count("pk")).order_by()
    }
    topics = list(OpinionTopic.objects.all())
    by_topic = [
        {
            "topic": t.name,
            "cells": [grid.get((t.pk, trend), 0) for trend in Trend.values],
            "total": sum(grid.get((t.pk, trend), 0) for trend in Trend.values),
        }
        for t in topics
    ]
    by_topic = [r for r in by_topic if r["total"]]
    trend_totals = [sum(grid.get((t.pk, trend), 0) for t in topics) for trend in Trend.values]
    totals = qs.aggregate(
        total=Count("pk"),
        handled=Count("pk", filter=Q(status=Status.HANDLED)),
        linked=Count("pk", filter=OpinionNote.linked_to_petition()),
    )
    urgency = Counter(
        dict(
            qs.values_list("urgency").annotate(n=Count("pk")).order_by().values_list("urgency", "n")
        )
    )
    villages = [
        {"label": r["village__name"] or "Toàn xã", "value": r["n"], "urgent": r["urgent"]}
        for r in qs.values("village__name")
        .annotate(n=Count("pk"), urgent=Count("pk", filter=Q(urgency=Urgency.URGENT)))
        .order_by("-n", "village__name")
    ]
    flagged_qs = qs.filter(Q(urgency=Urgency.URGENT) | Q(trend=Trend.RISING))
    flagged = rows(list(flagged_qs.values(*ROW_FIELDS, "proposal", "handled_on")), today)
    rank = {Urgency.URGENT: 0, Urgency.ATTENTION: 1, Urgency.NORMAL: 2}  # urgent first
    flagged.sort(key=lambda r: (rank[r["urgency"]], r["noted_on"], r["id"]))
    return {
        "start": start,
        "end": end,
        "total": totals["total"],
        "handled": totals["handled"],
        "open": totals["total"] - totals["handled"],
        "linked": totals["linked"],
        "trends": list(Trend.choices),
        "by_topic": by_topic,
        "trend_totals": trend_totals,
        "by_urgency": _labelled(urgency, list(Urgency.choices)),
        "villages": villages,
        "flagged": flagged,
        "hotspots": linked_hotspots(qs, commune_id, today),
    }


def linked_hotspots(
    qs: QuerySet[OpinionNote], commune_id: int, today: date
) -> list[dict[str, Any]]:
    """The hotspots the notes point at, each with the petition book's counts today (current and
    previous window) and whether it is a hotspot by the commune's rule."""
    keys = set(
        qs.exclude(hotspot_topic="")
        .filter(village__isnull=False)
        .values_list("village_id", "village__name", "hotspot_topic")
    )
    if not keys:
        return []
    found = {
        (c.village_id, c.topic): c
        for c in hotspots.clusters([commune_id], today=today, all_clusters=True)
    }
    topics = dict(Petition.Topic.choices)
    out = []
    for village_id, village_name, topic in sorted(keys, key=lambda k: (k[1], k[2])):
        c = found.get((village_id, topic))
        out.append(
            {
                "village_id": village_id,
                "village": village_name,
                "topic": topic,
                "topic_label": topics.get(topic, topic),
                "current": c.current if c else 0,
                "previous": c.previous if c else 0,
                "is_hotspot": bool(c and c.is_hotspot),
                "growing": bool(c and c.growing),
            }
        )
    return out


def villages_of(commune_id: int) -> QuerySet[Unit]:
    return Unit.objects.filter(commune_id=commune_id, kind=Unit.Kind.VILLAGE).order_by("name")
