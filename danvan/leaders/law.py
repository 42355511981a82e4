"""The periodic report's cut-off rules in force on a day, for `danvan law` and the
administrator's law page (core.law), each with its source."""

from __future__ import annotations

from datetime import date
from typing import Any

from danvan.leaders.models import ReportingPeriod


def law_in_force(on: date) -> dict[str, list[dict[str, Any]]]:
    rules = ReportingPeriod.objects.effective_on(on).order_by("kind", "-effective_from")
    return {
        "reporting_periods": [
            {
                "kind": r.kind,
                "item": r.get_kind_display(),
                "title": f"Số liệu {r.describe()}",
                "start": f"{r.start_day:02d}/{r.start_month:02d}"
                + (" năm trước" if r.starts_previous_year else ""),
                "end": f"{r.end_day:02d}/{r.end_month:02d}",
                "effective_from": r.effective_from.isoformat(),
                "effective_to": r.effective_to.isoformat() if r.effective_to else None,
                "source": r.source,
            }
            for r in rules
        ]
    }
