"""Reporting periods of a recurring task: calendar months, quarters, halves or years."""

from __future__ import annotations

from datetime import date, timedelta

MONTHS_PER_PERIOD = {"monthly": 1, "quarterly": 3, "half_yearly": 6, "yearly": 12}


def _month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def _first_of(index: int) -> date:
    return date(index // 12, index % 12 + 1, 1)


def periods(recurrence: str, start: date, end: date) -> list[tuple[date, date]]:
    """The (first day, last day) of each calendar period touching [start, end].

    A quarterly task running 15/02–31/12 has the periods Q1 (01/01–31/03) to Q4: each wants a
    report by the period's last day.
    """
    months = MONTHS_PER_PERIOD.get(recurrence)
    if months is None or end < start:
        return []
    first = _month_index(start) // months * months
    out = []
    while _first_of(first) <= end:
        out.append((_first_of(first), _first_of(first + months) - timedelta(days=1)))
        first += months
    return out
