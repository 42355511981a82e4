"""The leaders' overview: every app's figures for one commune and period, in the slice the user
sees, and the province viewer's communes side by side (docs/permissions.md).

Slices: a leader or administrator of the commune, and a province viewer, see the whole commune;
an officer, a Front official or a read-only member sees what his units hold; a village head
sees his village. The late lists keep only what the user may open (petitions are the strict
case); the counts of a slice are never narrowed further.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe

from danvan.core.access import Access, commune_for, get_access
from danvan.core.cache import kept
from danvan.core.http import AuthedRequest
from danvan.core.models import Role, Unit
from danvan.leaders.forms_overview import SECTION_LABELS, PeriodForm
from danvan.leaders.overview import compose


@dataclass
class Slice:
    """What part of a commune a user's overview covers, in words and as compose's arguments."""

    label: str
    units: list[int] | None = None
    villages: list[int] | None = None
    names: list[str] = field(default_factory=list)


def slice_for(access: Access, commune: Unit) -> Slice:
    if access.can_manage(commune.pk) or commune.pk not in access.own_communes:
        return Slice("Toàn xã")
    villages = access.units(Role.VILLAGE_HEAD, commune_id=commune.pk)
    units = access.units(commune_id=commune.pk) - villages
    if units:
        names = _names(units)
        return Slice("Đơn vị: " + ", ".join(names), units=sorted(units), names=names)
    names = _names(villages)
    return Slice(", ".join(names), villages=sorted(villages), names=names)


def _names(ids: set[int]) -> list[str]:
    return [u.label for u in Unit.objects.filter(pk__in=ids).order_by("name")]


def province_communes(access: Access) -> set[int]:
    """Communes the user reads through a province seat (a province viewer's)."""
    return access.readable_communes - access.own_communes


def overview(request: AuthedRequest) -> HttpResponse:
    access = get_access(request.user)
    today = timezone.localdate()
    form = PeriodForm(request.GET or None, initial={"nam": today.year})
    wanted = request.GET.get("xa")
    compare = province_communes(access) if wanted in (None, "") else set()
    commune = None if compare else commune_for(request, wanted)
    if request.GET and not form.is_valid():
        refused = {"form": form, "commune": commune, "nav_section": "overview"}
        return render(request, "leaders/overview.html", refused, status=400)
    start, end, period_label = form.period(today)
    context: dict[str, Any] = {
        "form": form,
        "start": start,
        "end": end,
        "on": min(today, end),
        "period_label": period_label,
        "nav_section": "overview",
        "query": _period_query(request),
    }
    if compare:
        by = (form.cleaned_data.get("xep") or "") if form.is_bound else ""
        context.update(
            _comparison(compare, by, start=start, end=end, today=today, query=context["query"])
        )
        return render(request, "leaders/overview_compare.html", context)
    assert commune is not None
    scope = slice_for(access, commune)
    # Counting every part takes tens of queries and writing them out hundreds of numbers
    # (benchmarks/RESULTS.md): both are kept until a record of the commune changes
    # (core.cache.kept), per user, as the late lists keep only what he may open; then only the
    # parts of the apps the change touched are counted and written again (compose's `keep`,
    # _written).
    parts, charts, parts_html = kept(
        f"leaders:overview|{request.user.pk}|{scope.units}|{scope.villages}|{start}|{end}|{today}",
        commune.pk,
        lambda: _figures(
            commune,
            compose(
                communes=[commune.pk],
                start=start,
                end=end,
                on=today,
                units=scope.units,
                villages=scope.villages,
                viewer=request.user,
                keep=True,
            ),
        ),
    )
    several = len(access.readable_communes) > 1
    context.update(
        commune=commune,
        scope=scope,
        parts=parts,
        charts=charts,
        parts_html=parts_html,
        communes=(
            list(Unit.objects.filter(pk__in=access.readable_communes).order_by("name"))
            if several
            else []
        ),
        compared=bool(province_communes(access)),
    )
    return render(request, "leaders/overview.html", context)


def _figures(
    commune: Unit, parts: dict[str, dict[str, Any]]
) -> tuple[dict[str, dict[str, Any]], dict[str, Any], SafeString]:
    """The parts as the page shows them, the charts' data, and the parts written out."""
    shown = {key: _shown(part) for key, part in parts.items()}
    charts = {
        key: {"label": part["label"], "months": part["by_month"]}
        for key, part in parts.items()
        if part["by_month"]
    }
    written = [_written(commune, key, parts[key], part) for key, part in shown.items()]
    html = render_to_string(
        "leaders/_overview_parts.html", {"parts": shown, "written": written, "charts": charts}
    )
    return shown, charts, mark_safe(html)  # the template escaped what it wrote


def _written(commune: Unit, key: str, part: dict[str, Any], shown: dict[str, Any]) -> SafeString:
    """One part written out, kept by what it shows (its figures, as compose gave them): a
    change elsewhere in the commune writes only the parts whose figures moved."""
    facts = json.dumps([commune.pk, key, part], sort_keys=True, default=str)
    name = f"leaders:overview-part:{hashlib.sha256(facts.encode()).hexdigest()}"
    html = cache.get(name)
    if html is None:
        context = {"key": key, "part": shown, "commune": commune}
        html = render_to_string("leaders/_overview_part.html", context)
        cache.set(name, html, PART_SECONDS)
    return mark_safe(html)  # the template escaped what it wrote


def _shown(part: dict[str, Any]) -> dict[str, Any]:
    """A part as the page writes it: due days as dates, months as "01/2026"."""
    return {
        **part,
        "late_items": [
            {**i, "due_date": date.fromisoformat(i["due"]) if i["due"] else None}
            for i in part["late_items"]
        ],
        "by_month": [
            {**m, "label": f"{m['month'][5:]}/{m['month'][:4]}"} for m in part["by_month"]
        ],
    }


def _period_query(request: AuthedRequest) -> str:
    """The period's part of the query string, kept on links to another commune."""
    kept = {k: str(v) for k, v in request.GET.items() if k in ("nam", "ky", "tu", "den") and v}
    return urlencode(kept)


def _comparison(
    communes: set[int], by: str, *, start: date, end: date, today: date, query: str
) -> dict[str, Any]:
    """One row per commune with each part's on-time rate and late count (fair: open overdue
    items count; fewer than 5 items rated are shown as such and never ranked), ranked by the
    part `by`, and the table written out: kept as long as the counts (`compared`)."""
    key = (
        "leaders:compare-table:"
        + hashlib.sha256(
            f"{sorted(communes)}|{start}|{end}|{today}|{by}|{query}".encode()
        ).hexdigest()
    )
    found = cache.get(key)
    if found is None:
        found = _compare_rows(communes, by, start=start, end=end, today=today)
        found["table"] = render_to_string(
            "leaders/_overview_compare_table.html", {**found, "query": query}
        )
        cache.set(key, found, COMPARISON_SECONDS)
    return {**found, "table": mark_safe(found["table"])}  # the template escaped what it wrote


def _compare_rows(
    communes: set[int], by: str, *, start: date, end: date, today: date
) -> dict[str, Any]:
    parts, computed_at = compared(sorted(communes), start=start, end=end, today=today)
    names = dict(Unit.objects.filter(pk__in=communes).values_list("pk", "name"))
    keys = list(parts)
    found = {key: {r["commune"]: r for r in parts[key]["by_commune"]} for key in keys}
    empty = {"total": 0, "late": 0, "on_time_rate": None, "small": False}
    rows: list[dict[str, Any]] = [
        {
            "id": cid,
            "name": names.get(cid, ""),
            "cells": {key: found[key].get(cid, empty) for key in keys},
        }
        for cid in sorted(communes, key=lambda c: names.get(c, ""))
    ]
    if by in parts:
        ranked = [r for r in rows if _rankable(r["cells"][by])]
        ranked.sort(key=lambda r: (-r["cells"][by]["on_time_rate"], r["name"]))
        for n, r in enumerate(ranked, start=1):
            r["rank"] = n
        rows = ranked + [r for r in rows if not _rankable(r["cells"][by])]
    labels = [SECTION_LABELS.get(key, parts[key]["label"]) for key in keys]
    for r in rows:
        r["line"] = [(label, r["cells"][key]) for key, label in zip(keys, labels, strict=True)]
    return {
        "rows": rows,
        "columns": labels,
        "totals": [(label, parts[key]) for key, label in zip(keys, labels, strict=True)],
        "ranked_by": SECTION_LABELS.get(by, "") if by in parts else "",
        "computed_at": computed_at,
    }


# Counting every case of a province takes about a second (1,000,000 petitions, 200,000 tasks:
# benchmarks/RESULTS.md); the comparison is the same for every province viewer and says when it
# was counted, so each server process keeps it a few minutes.
COMPARISON_SECONDS = 300


def compared(
    communes: list[int], *, start: date, end: date, today: date
) -> tuple[dict[str, dict[str, Any]], datetime]:
    """The province's parts (compose, counts only) and when they were counted."""
    key = (
        "leaders:compare:"
        + hashlib.sha256(f"{communes}|{start}|{end}|{today}".encode()).hexdigest()
    )
    found = cache.get(key)
    if found is None:
        found = (
            compose(communes=communes, start=start, end=end, on=today, detail=False),
            timezone.now(),
        )
        cache.set(key, found, COMPARISON_SECONDS)
    return found


def _rankable(cell: dict[str, Any]) -> bool:
    return cell["on_time_rate"] is not None and not cell["small"]


# A part written out is the same for the same figures: kept as long as a page's figures are.
PART_SECONDS = 300
