"""The working-day calendar: Bộ luật Dân sự 2015 Art. 147–148 and Bộ luật Lao động 2019 Art. 112."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from hypothesis import given
from hypothesis import strategies as st

from danvan.core.calendar import forget_calendar, work_calendar
from danvan.core.models import CalendarDay
from danvan.lib.workdays import WorkCalendar


def test_it_does_not_count_the_day_of_the_event() -> None:
    # BLDS 2015 Art. 147: counting starts the day after. Monday 05/10/2026 + 1 = Tuesday.
    assert WorkCalendar().add_working_days(date(2026, 10, 5), 1) == date(2026, 10, 6)


def test_it_skips_weekends() -> None:
    # Friday + 1 working day = Monday.
    assert WorkCalendar().add_working_days(date(2026, 10, 2), 1) == date(2026, 10, 5)


def test_it_skips_tet_by_the_vietnamese_lunar_calendar() -> None:
    # BLLĐ 2019 Art. 112: Tết 2026 falls 16–20/02/2026; 7 working days after 13/02 is 03/03.
    assert WorkCalendar().add_working_days(date(2026, 2, 13), 7) == date(2026, 3, 3)


def test_it_knows_the_official_swap_day_of_2026() -> None:
    cal = WorkCalendar()
    assert not cal.is_working_day(date(2026, 8, 31))  # day off swapped from Saturday 22/08
    assert cal.is_working_day(date(2026, 8, 22))  # the make-up Saturday


def test_it_adds_an_administrators_extra_day_off() -> None:
    cal = WorkCalendar.from_days(days_off=[(date(2026, 10, 6), "Nghỉ bù theo quyết định của tỉnh")])
    assert cal.add_working_days(date(2026, 10, 5), 1) == date(2026, 10, 7)
    assert cal.reason_off(date(2026, 10, 6)) == "Nghỉ bù theo quyết định của tỉnh"


def test_it_counts_a_make_up_saturday() -> None:
    cal = WorkCalendar.from_days(working=[(date(2026, 10, 10), "Làm bù")])
    assert cal.add_working_days(date(2026, 10, 9), 1) == date(2026, 10, 10)


def test_it_rolls_a_deadline_on_a_day_off_to_the_next_working_day() -> None:
    # BLDS 2015 Art. 148(5): a period ending on a day off ends on the next working day.
    assert WorkCalendar().roll_forward(date(2026, 9, 2)) == date(2026, 9, 3)
    assert WorkCalendar().roll_forward(date(2026, 9, 3)) == date(2026, 9, 3)


@given(st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 12, 31)), st.integers(0, 60))
def test_it_adds_and_counts_consistently(start: date, n: int) -> None:
    cal = WorkCalendar()
    end = cal.add_working_days(start, n)
    assert cal.working_days_between(start, end) == n
    assert n == 0 or cal.is_working_day(end)
    assert cal.add_working_days(end, -n) <= start or n == 0


@pytest.mark.django_db
def test_it_prints_the_nth_working_day_from_the_command_line() -> None:
    out = StringIO()
    call_command("workdays", "add", "2026-02-13", "7", stdout=out)
    assert out.getvalue().strip() == "2026-03-03"


@pytest.mark.django_db
def test_it_reads_the_administrators_days_from_the_database() -> None:
    CalendarDay.objects.create(date=date(2026, 3, 2), kind=CalendarDay.Kind.DAY_OFF, note="Nghỉ")
    forget_calendar()
    assert work_calendar().add_working_days(date(2026, 2, 13), 7) == date(2026, 3, 4)
    forget_calendar()


def test_it_knows_a_make_up_saturday_before_anything_else_of_its_year() -> None:
    # Found by the property test: the swap days of a year must be known on the first look-up.
    assert WorkCalendar().add_working_days(date(2025, 4, 25), 1) == date(2025, 4, 26)
