"""The product's one working-day calendar: `holidays` VN plus the administrator's `CalendarDay`s."""

from __future__ import annotations

import time

from danvan.core.models import CalendarDay
from danvan.lib.workdays import WorkCalendar

_CACHE_SECONDS = 60
_cached: tuple[float, WorkCalendar] | None = None


def work_calendar() -> WorkCalendar:
    """The calendar, rebuilt at most once a minute per process and at once after a change here."""
    global _cached
    now = time.monotonic()
    if _cached is None or now - _cached[0] > _CACHE_SECONDS:
        days = list(CalendarDay.objects.values_list("date", "kind", "note"))
        cal = WorkCalendar.from_days(
            days_off=[(d, n) for d, k, n in days if k == CalendarDay.Kind.DAY_OFF],
            working=[(d, n) for d, k, n in days if k == CalendarDay.Kind.WORKING_DAY],
        )
        _cached = (now, cal)
    return _cached[1]


def forget_calendar() -> None:
    global _cached
    _cached = None
