"""Working-day arithmetic for deadlines, independent of Django.

The public holidays of Vietnam (Bộ luật Lao động 2019 Art. 112: Tết Dương lịch, Tết Âm lịch, Giỗ Tổ
Hùng Vương, 30/4, 1/5, Quốc khánh, and the official swap days) come from the `holidays` package,
which computes Tết by the Vietnamese lunar calendar. An administrator adds what a year's decision
of the Prime Minister or the province changes: extra days off and make-up working days.

Counting follows Bộ luật Dân sự 2015 Art. 147: the day of the event is not counted.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

import holidays

SATURDAY = 5


@dataclass
class WorkCalendar:
    extra_days_off: dict[date, str] = field(default_factory=dict)
    extra_working_days: dict[date, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._public = holidays.country_holidays(
            "VN", language="vi"
        )  # years are filled in on demand

    @classmethod
    def from_days(
        cls, days_off: Iterable[tuple[date, str]] = (), working: Iterable[tuple[date, str]] = ()
    ) -> WorkCalendar:
        return cls(dict(days_off), dict(working))

    def reason_off(self, day: date) -> str | None:
        """Why `day` is not a working day, or None when it is one."""
        # Looking the day up first makes `holidays` load its year, swap days included.
        name = self._public.get(day)
        if day in self.extra_working_days:
            return None
        if day in self.extra_days_off:
            return self.extra_days_off[day]
        if day in self._public.weekend_workdays:
            return None
        if name:
            return str(name)
        if day.weekday() >= SATURDAY:
            return "Thứ bảy" if day.weekday() == SATURDAY else "Chủ nhật"
        return None

    def is_working_day(self, day: date) -> bool:
        return self.reason_off(day) is None

    def add_working_days(self, start: date, n: int) -> date:
        """The n-th working day after `start` (start itself is not counted, BLDS 2015 Art. 147).

        A negative n counts backwards; n == 0 returns start unchanged.
        """
        step = 1 if n >= 0 else -1
        day, left = start, abs(n)
        while left:
            day += timedelta(days=step)
            if self.is_working_day(day):
                left -= 1
        return day

    def roll_forward(self, day: date) -> date:
        """`day`, or the next working day when it is a day off (BLDS 2015 Art. 148(5))."""
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end]; negative when end is before start."""
        if end < start:
            return -self.working_days_between(end, start)
        return sum(
            1
            for i in range(1, (end - start).days + 1)
            if self.is_working_day(start + timedelta(days=i))
        )

    def days_off_between(self, start: date, end: date) -> list[tuple[date, str]]:
        """The days off in (start, end] with their reason, to explain a computed deadline."""
        out = []
        for i in range(1, (end - start).days + 1):
            day = start + timedelta(days=i)
            reason = self.reason_off(day)
            if reason:
                out.append((day, reason))
        return out
