"""Synthetic province-scale data for `danvan gen-bench`: words, units and how a task's year went.

Nothing here writes to the database. The command (`demo/management/commands/gen-bench.py`) asks
these functions what to create and inserts it in bulk. Deadlines come from
`danvan.plans.services.task_schedule` itself, fed with the period ends a lead unit reported on,
so stored `next_due`/`warn_from` are what the services would have stored.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import cast

import vietnam_provinces as vp

from danvan.core.models import Unit
from danvan.demo.units import COMMUNE_UNITS as DEMO_UNITS
from danvan.lib.periods import periods
from danvan.lib.workdays import WorkCalendar
from danvan.plans.models import Recurrence, Task
from danvan.plans.services import task_schedule

BENCH_PREFIX = "bench_"
BENCH_PASSWORD = "bench-pass-123"  # noqa: S105 - benchmark accounts on a throw-away database
HOME_PROVINCE = 20  # Lạng Sơn: 65 communes in vietnam-provinces 2025.10.1

# The demo commune's offices, Front and organisations (its villages are named below).
COMMUNE_UNITS = [u for u in DEMO_UNITS if u[2] != Unit.Kind.VILLAGE]
VILLAGE_NAMES = [
    "Đoàn Kết",
    "Hòa Bình",
    "Tân Tiến",
    "Nà Pàn",
    "Khòn Lải",
    "Bản Chắt",
    "Pác Cáp",
    "Phai Khỉm",
    "Nà Lừa",
    "Còn Quan",
    "Khuổi Phầy",
    "Bó Củng",
]
VILLAGES_PER_COMMUNE = 3

# Sections of a commune plan, as the plan of xã Hồng Phong has them.
COMMUNE_SECTIONS: list[tuple[str, str, str | None]] = [
    ("I", "MỤC ĐÍCH, YÊU CẦU", None),
    ("II", "NỘI DUNG", None),
    ("1", "Quán triệt, tuyên truyền chủ trương, chính sách pháp luật về công tác dân vận", "II"),
    ("2", "Dân vận gắn với cải cách hành chính, kỷ luật, kỷ cương, dân chủ ở cơ sở", "II"),
    ("3", "Phong trào thi đua yêu nước, phát triển kinh tế - xã hội", "II"),
    ("4", "Dân vận vùng đồng bào dân tộc, tôn giáo; đoàn kết cộng đồng dân cư", "II"),
    ("5", "Tiếp xúc, đối thoại với Nhân dân; giải quyết đơn thư, khiếu nại, tố cáo", "II"),
    ("6", "Phối hợp với Mặt trận Tổ quốc và các tổ chức chính trị - xã hội", "II"),
    ("7", "Kiểm tra công vụ; kiểm tra công tác dân vận của cơ quan nhà nước", "II"),
    ("III", "TỔ CHỨC THỰC HIỆN", None),
]
SUB_PLAN_SECTIONS: list[tuple[str, str, str | None]] = [
    ("I", "MỤC ĐÍCH, YÊU CẦU", None),
    ("II", "NHIỆM VỤ CỤ THỂ", None),
    ("III", "TỔ CHỨC THỰC HIỆN", None),
]

# Task titles. {place}, {topic}, {period}, {year} are filled in; some say "đối thoại" or
# "ô nhiễm" in every case and accent the search has to fold (ĐỐI THOẠI, Ô nhiễm, đối thoại).
TITLES = [
    "Tổ chức hội nghị đối thoại giữa Chủ tịch UBND xã với Nhân dân {place}",
    "Đối thoại với các hộ gia đình về {topic}",
    "Hội nghị ĐỐI THOẠI chuyên đề về {topic} {period}",
    "Phối hợp với Ủy ban MTTQ xã tổ chức đối thoại với đoàn viên, hội viên {place}",
    "Tuyên truyền, vận động Nhân dân xử lý ô nhiễm môi trường {place}",
    "Ô nhiễm nguồn nước {place}: kiểm tra, xử lý và trả lời Nhân dân",
    "Thu gom, xử lý rác thải sinh hoạt, giảm ô nhiễm không khí {place}",
    "Tiếp công dân định kỳ của Chủ tịch UBND xã {period}",
    "Giải quyết kịp thời đơn thư khiếu nại, tố cáo, kiến nghị, phản ánh của công dân {period}",
    "Công khai thông tin về {topic} theo Luật Thực hiện dân chủ ở cơ sở",
    "Lấy ý kiến Nhân dân về {topic}",
    "Xây dựng, nhân rộng mô hình “Dân vận khéo” về {topic}",
    "Nâng cao tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn {period}",
    "Phát thanh chuyên mục “Dân vận chính quyền” trên hệ thống truyền thanh cơ sở {period}",
    "Nắm bắt tình hình dư luận xã hội {place}, báo cáo kịp thời",
    "Kiểm tra việc thực hiện dân chủ ở cơ sở {place}",
    "Vận động Nhân dân hiến đất làm đường giao thông nông thôn {place}",
    "Tập huấn kỹ năng dân vận cho cán bộ, công chức xã năm {year}",
    "Rà soát, đánh giá kết quả thực hiện Kế hoạch {period}",
    "Tổ chức Ngày hội Đại đoàn kết toàn dân tộc {place}",
    "Quán triệt Quy chế công tác dân vận của hệ thống chính trị {period}",
    "Chấn chỉnh tác phong, lề lối làm việc của cán bộ, công chức khi tiếp xúc với Nhân dân",
]
TOPICS = [
    "bồi thường, giải phóng mặt bằng",
    "quy hoạch sử dụng đất",
    "xây dựng nông thôn mới",
    "chính sách an sinh xã hội",
    "dự toán và quyết toán ngân sách xã",
    "đóng góp xây dựng nhà văn hóa thôn",
    "phòng, chống thiên tai",
    "chuyển đổi số và dịch vụ công trực tuyến",
    "bảo vệ rừng và phòng cháy rừng",
    "xử lý chất thải chăn nuôi",
]
PLACES = [
    "trên địa bàn xã",
    "tại khu vực chợ trung tâm",
    "dọc tuyến Quốc lộ 4B",
    "tại các thôn vùng cao",
    "tại điểm trường tiểu học",
    "ở khu dân cư mới",
]
PERIODS = ["quý I", "quý II", "quý III", "quý IV", "6 tháng đầu năm", "năm {year}"]
REPORT_TEXTS = [
    "Đã triển khai tới các cơ quan, đơn vị và các thôn; tổng hợp kết quả gửi Phòng VH-XH.",
    "Đã tổ chức thực hiện theo kế hoạch; Nhân dân đồng tình, hưởng ứng.",
    "Đang tiếp tục thực hiện; một số nội dung chậm do thời tiết, sẽ hoàn thành trong kỳ tới.",
    "Đã phối hợp tuyên truyền trên hệ thống truyền thanh cơ sở và các nhóm Zalo thôn.",
]
FAMILY_NAMES = ["Nguyễn", "Trần", "Lê", "Hoàng", "Nông", "Vi", "Lương", "Đàm", "Chu", "Mã"]
GIVEN_NAMES = ["Văn An", "Thị Bình", "Văn Cường", "Thị Dung", "Văn Đức", "Thị Hà", "Văn Hải"]

# Recurrence mix of plan duties and the chance a lead unit finishes a past year's duty.
RECURRENCE_WEIGHTS = {
    Recurrence.ONCE: 50,
    Recurrence.QUARTERLY: 20,
    Recurrence.MONTHLY: 5,
    Recurrence.HALF_YEARLY: 7,
    Recurrence.YEARLY: 8,
    Recurrence.ONGOING: 10,
}


def bench_wards(count: int) -> list[vp.Ward]:
    """`count` real wards: Lạng Sơn's first, then other provinces' in code order."""
    wards = sorted(vp.Ward.iter_all(), key=lambda w: (w.province_code != HOME_PROVINCE, w.code))
    if count > len(wards):
        raise ValueError(f"vietnam-provinces knows only {len(wards)} communes")
    return wards[:count]


def person_name(rng: random.Random) -> str:
    return f"{rng.choice(FAMILY_NAMES)} {rng.choice(GIVEN_NAMES)}"


def task_title(rng: random.Random, year: int, villages: list[str]) -> str:
    place = rng.choice([*PLACES, *(f"tại thôn {v}" for v in villages)])
    period = rng.choice(PERIODS).format(year=year)
    title = rng.choice(TITLES).format(
        place=place, topic=rng.choice(TOPICS), period=period, year=year
    )
    return title[:500]


class CachedCalendar(WorkCalendar):
    """The product's calendar with the answer for each day remembered (a bulk load asks often)."""

    def __post_init__(self) -> None:
        super().__post_init__()
        self._memo: dict[date, bool] = {}

    def is_working_day(self, day: date) -> bool:
        known = self._memo.get(day)
        if known is None:
            known = self._memo[day] = super().is_working_day(day)
        return known


def cached_calendar(cal: WorkCalendar) -> CachedCalendar:
    return CachedCalendar(dict(cal.extra_days_off), dict(cal.extra_working_days))


@dataclass
class _Schedulable:
    """What `task_schedule` reads of a task."""

    recurrence: str
    start_date: date
    due_date: date | None
    done_on: date | None


def period_ends(recurrence: str, start: date, due: date | None) -> list[date]:
    """The period ends a recurring task wants a report for (as `plans.services` counts them)."""
    end = due or date(start.year, 12, 31)
    return [min(last, end) for _first, last in periods(recurrence, start, end)]


@dataclass
class LeadReport:
    reported_on: date
    period_end: date | None
    percent: int
    is_final: bool = False


@dataclass
class Outcome:
    """How a task's year went: its stored schedule fields and the lead unit's reports."""

    done_on: date | None = None
    last_report_on: date | None = None
    percent: int = 0
    next_due: date | None = None
    warn_from: date | None = None
    reports: list[LeadReport] = field(default_factory=list)

    @property
    def mandatory_reports(self) -> list[LeadReport]:
        """Reports the schedule depends on: an open task's. A done task's final report is not."""
        return [] if self.done_on else self.reports


def _clamp(day: date, low: date, high: date) -> date:
    return max(low, min(day, high))


def _days(rng: random.Random, low: int, high: int) -> timedelta:
    return timedelta(days=rng.randint(low, high))


def simulate(
    rng: random.Random,
    *,
    recurrence: str,
    start: date,
    due: date | None,
    today: date,
    cal: WorkCalendar,
) -> Outcome:
    """Play one task's life up to `today`: diligent leads report on time, some fall behind.

    The chance of finishing grows with the task's age (a 2020 duty is almost always closed,
    this year's is often still running), so the statuses the app computes from the stored
    fields are a realistic mix of done, overdue, due soon, on track and not started.
    """
    age = today.year - start.year
    p_done_past = 0.97 if age >= 2 else 0.88
    out = Outcome()
    if recurrence == Recurrence.ONGOING:
        year_end = date(start.year, 12, 31)
        if age >= 1 and rng.random() < 0.6:
            out.done_on = _clamp(year_end - _days(rng, 0, 20), start, today)
        elif rng.random() < (0.9 if age >= 1 else 0.7):
            out.last_report_on = _clamp(min(year_end, today) - _days(rng, 1, 60), start, today)
            out.percent = rng.choice([30, 50, 60, 70])
            out.reports.append(LeadReport(out.last_report_on, None, out.percent))
    elif recurrence == Recurrence.ONCE:
        assert due is not None
        if due < today:
            if rng.random() < (p_done_past if age >= 1 else 0.72):
                out.done_on = _clamp(due + _days(rng, -25, 7), start, today)
            elif rng.random() < 0.6:
                out.last_report_on = _clamp(due - _days(rng, 5, 40), start, today)
                out.percent = rng.choice([20, 30, 50, 60, 80])
                out.reports.append(LeadReport(out.last_report_on, None, out.percent))
        elif rng.random() < 0.12:
            out.done_on = _clamp(today - _days(rng, 0, 60), start, today)
        elif rng.random() < 0.6:
            out.last_report_on = _clamp(today - _days(rng, 0, 45), start, today)
            out.percent = rng.choice([10, 20, 30, 40, 50, 70])
            out.reports.append(LeadReport(out.last_report_on, None, out.percent))
    else:
        ends = period_ends(recurrence, start, due)
        ended = sum(1 for e in ends if cal.roll_forward(e) < today)
        if ended == len(ends) and rng.random() < p_done_past:
            out.done_on = _clamp(ends[-1] + _days(rng, 0, 10), start, today)
        elif age == 0 and rng.random() < 0.04:
            out.done_on = _clamp(today - _days(rng, 0, 30), start, today)
        else:
            if ended < len(ends) and rng.random() < 0.72:
                reported = ended + (1 if rng.random() < 0.15 else 0)
            else:
                reported = rng.randint(0, max(0, min(ended, len(ends)) - 1))
            for i, end in enumerate(ends[:reported]):
                out.reports.append(
                    LeadReport(
                        _clamp(end + _days(rng, -5, 3), start, today),
                        end,
                        min(90, round(10 * (i + 1) / len(ends)) * 10),
                    )
                )
            if out.reports:
                out.last_report_on = max(r.reported_on for r in out.reports)
                out.percent = out.reports[-1].percent
    if out.done_on:
        out.percent = 100
        out.last_report_on = out.done_on
        out.reports = [LeadReport(out.done_on, None, 100, is_final=True)]
    task = _Schedulable(recurrence, start, due, out.done_on)
    reported_ends = {r.period_end for r in out.reports if r.period_end}
    out.next_due, out.warn_from = task_schedule(cast(Task, task), cal, reported_ends)
    return out


def pick_recurrence(rng: random.Random) -> str:
    kinds = list(RECURRENCE_WEIGHTS)
    return rng.choices(kinds, weights=[RECURRENCE_WEIGHTS[k] for k in kinds])[0]


def due_date_for(rng: random.Random, recurrence: str, start: date) -> date | None:
    if recurrence == Recurrence.ONGOING:
        return None
    year_end = date(start.year, 12, 31)
    if recurrence == Recurrence.ONCE:
        first = max(start + timedelta(days=14), date(start.year, 2, 1))
        return first + timedelta(days=rng.randint(0, max(0, (year_end - first).days)))
    return year_end if rng.random() < 0.5 else None
