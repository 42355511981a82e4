"""Legal time limits, counted the way the Civil Code says.

- Bộ luật Dân sự 2015 Art. 147: the day of the event that starts a period is not counted.
- A limit written in working days ("ngày làm việc") skips weekends and public holidays.
- A limit written as plain days ("ngày") counts calendar days; when it ends on a day off it ends
  on the next working day (Art. 148(5)).
- A minimum period ("ít nhất", "tối thiểu": a posting, a consultation, a meeting notice) must
  run in full and is never moved: its `due` is the last day it must still run (a posting of 30
  days from 01/03 runs through 31/03), or for a notice the earliest day of the meeting.
The rule (how many days, which unit, from which law) is data: see core.DeadlineRule.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from danvan.lib.workdays import WorkCalendar

WORKING = "working"
CALENDAR = "calendar"


DEADLINE = "deadline"
MINIMUM = "minimum"


@dataclass(frozen=True)
class Limit:
    days: int
    unit: str  # WORKING or CALENDAR
    source: str = ""
    kind: str = DEADLINE  # or MINIMUM


@dataclass
class Deadline:
    start: date
    due: date
    days: int
    unit: str
    steps: list[str] = field(default_factory=list)


def count(start: date, limit: Limit, cal: WorkCalendar, *, paused_days: int = 0) -> Deadline:
    """The last day of `limit` counted from the day after `start`, explained step by step.

    `paused_days` (calendar days during which the case was suspended) push the end back: a pause
    stops the clock and the period runs on from the resumption.
    """
    steps = [f"Bắt đầu tính từ ngày hôm sau ngày {start:%d/%m/%Y} (BLDS 2015, Điều 147)."]
    if limit.unit == WORKING:
        due = cal.add_working_days(start, limit.days)
        skipped = cal.days_off_between(start, due)
        steps.append(
            f"{limit.days} ngày làm việc, bỏ qua {len(skipped)} ngày nghỉ → {due:%d/%m/%Y}."
        )
    else:
        due = start + timedelta(days=limit.days)
        steps.append(f"{limit.days} ngày theo lịch → {due:%d/%m/%Y}.")
    if paused_days:
        due += timedelta(days=paused_days)
        steps.append(f"Cộng {paused_days} ngày tạm đình chỉ → {due:%d/%m/%Y}.")
    if limit.kind == MINIMUM:
        steps.append("Thời gian tối thiểu phải đủ, không chuyển sang ngày làm việc kế tiếp.")
    elif limit.unit == CALENDAR or paused_days:
        rolled = cal.roll_forward(due)
        if rolled != due:
            steps.append(
                f"{due:%d/%m/%Y} là ngày nghỉ ({cal.reason_off(due)}) nên hạn là ngày làm việc "
                f"kế tiếp {rolled:%d/%m/%Y} (BLDS 2015, Điều 148)."
            )
            due = rolled
    if limit.source:
        steps.append(f"Căn cứ: {limit.source}.")
    return Deadline(start=start, due=due, days=limit.days, unit=limit.unit, steps=steps)
