"""The product's one working-day calendar: `holidays` VN plus the administrator's `CalendarDay`s."""

from __future__ import annotations

from danvan.core.cache import expiring
from danvan.core.models import CalendarDay
from danvan.lib.workdays import WorkCalendar


@expiring(seconds=60)
def work_calendar() -> WorkCalendar:
    """The calendar, rebuilt at most once a minute per process and at once after a change here."""
    days = list(CalendarDay.objects.values_list("date", "kind", "note"))
    return WorkCalendar.from_days(
        days_off=[(d, n) for d, k, n in days if k == CalendarDay.Kind.DAY_OFF],
        working=[(d, n) for d, k, n in days if k == CalendarDay.Kind.WORKING_DAY],
    )


def forget_calendar() -> None:
    work_calendar.forget()
