"""A year of work on the demo plan: reports, contributions, a sub-plan, some delays.

The choices are written down in docs/demo.md; dates are those of 2026 as the plan lived it.
"""

from __future__ import annotations

from datetime import date

from danvan.core.models import Unit, User
from danvan.demo.units import user
from danvan.plans import services
from danvan.plans.models import Plan, ProgressReport, Recurrence, Section, Task

# Leads that did not report for the third quarter: their duties show as overdue.
LATE_IN_Q3 = {"II.4", "II.6"}


def _reporter(unit: Unit) -> User:
    by_unit = {
        "Phòng VH-XH": "vhxh",
        "VP HĐND-UBND": "vanphong",
        "TT PVHCC": "hcc",
        "TT DVCI": "dvci",
        "Phòng Kinh tế": "kinhte",
        "UBMTTQ": "mttq",
        "Thôn Đoàn Kết": "truongthon",
    }
    return user(by_unit.get(unit.short_name, "vhxh"))


def _report(
    task: Task,
    on: date,
    text: str,
    percent: int | None = None,
    *,
    final: bool = False,
    unit: Unit | None = None,
    review: str = "accept",
    comment: str = "",
) -> ProgressReport:
    """A report as the unit sent it, then reviewed (issue 12): the lead unit's by the
    vice-chairman, a contribution by the lead unit; `review` "pending" leaves it waiting,
    "return" sends it back from the chairman with `comment`."""
    unit = unit or task.lead_unit
    author = _reporter(unit)
    report = services.progress_report_create(
        task=task,
        unit=unit,
        by=author,
        text=text,
        percent=percent,
        is_final=final,
        reported_on=on,
    )
    if report.review != ProgressReport.Review.PENDING or review == "pending":
        return report
    if review == "return":
        return services.report_return(report=report, by=user("chutich"), comment=comment)
    reviewer = user("pct")
    if report.kind == ProgressReport.Kind.CONTRIBUTION and _reporter(task.lead_unit) != author:
        reviewer = _reporter(task.lead_unit)
    return services.report_accept(report=report, by=reviewer)


def _section(plan: Plan, path: str) -> Section | None:
    return plan.sections.filter(path=path).first()


def play_the_year(plan: Plan, units: dict[str, Unit], *, today: date) -> None:
    chairman = user("chutich")
    # The seed leaves its number blank ("Số: /KH-UBND"): the demo gives it one, as the office would.
    services.plan_issue(plan=plan, number="45", issued_on=date(2026, 4, 15), by=chairman)
    returned = pending_q4 = pending_contribution = False
    for task in plan.tasks.select_related("section", "lead_unit").order_by("position", "id"):
        path = task.section.path if task.section else ""
        _report(
            task,
            date(2026, 7, 3),
            "Quý II: đã quán triệt, triển khai tới các cơ quan, đơn vị, thôn.",
            40,
        )
        if path not in LATE_IN_Q3 and today >= date(2026, 10, 5):
            _report(
                task,
                date(2026, 10, 5),
                "Quý III: tiếp tục thực hiện; đã tổng hợp kết quả gửi Phòng VH-XH.",
                70,
            )
        elif path in LATE_IN_Q3 and not returned and today >= date(2026, 10, 8):
            # Reported, but returned: the duty stays overdue until Q3 is reported again.
            returned = True
            _report(
                task,
                date(2026, 10, 8),
                "Quý III: cơ bản hoàn thành các nội dung đề ra.",
                70,
                review="return",
                comment="Báo cáo chưa nêu kết quả cụ thể của quý III (số buổi, số người tham"
                " dự, kiến nghị đã tiếp nhận); đề nghị bổ sung số liệu và gửi lại.",
            )
        if (
            not pending_q4
            and path not in LATE_IN_Q3
            and task.recurrence == Recurrence.QUARTERLY
            and task.lead_unit.short_name == "Phòng VH-XH"
            and today >= date(2026, 12, 1)
        ):
            pending_q4 = True
            _report(
                task,
                date(2026, 12, 1),
                "Quý IV: đã hoàn thành các hội nghị tuyên truyền tại 3 thôn; đang tổng hợp báo"
                " cáo năm.",
                85,
                review="pending",
            )
        for coordinator in task.coordinating_units.all()[:1]:
            waiting = not pending_contribution
            pending_contribution = True
            _report(
                task,
                date(2026, 9, 20),
                "Đã phối hợp tuyên truyền trên hệ thống truyền thanh cơ sở.",
                # The first one states its share: it waits for the lead unit's review.
                100 if waiting else None,
                unit=coordinator,
                review="pending" if waiting else "accept",
            )

    def add(
        title: str,
        lead: str,
        due: date | None,
        path: str,
        *,
        coord: tuple[str, ...] = (),
        recurrence: str = Recurrence.ONCE,
        start: date = date(2026, 4, 15),
        target: Plan = plan,
    ) -> Task:
        return services.task_create(
            plan=target,
            by=chairman,
            title=title,
            lead_unit=units[lead],
            coordinating_units=[units[c] for c in coord],
            section=_section(target, path),
            recurrence=recurrence,
            start_date=start,
            due_date=due,
        )

    for lead in ["Phòng VH-XH", "VP HĐND-UBND", "TT PVHCC", "TT DVCI", "Phòng Kinh tế"]:
        t = add(
            f"Xây dựng kế hoạch thực hiện công tác dân vận chính quyền năm 2026 của {units[lead].name}",
            lead,
            date(2026, 5, 15),
            "III.1",
        )
        if lead != "TT DVCI":
            _report(t, date(2026, 5, 12), "Đã ban hành kế hoạch của đơn vị.", final=True)

    t = add(
        "Kiện toàn Ban Chỉ đạo thực hiện dân chủ ở cơ sở xã",
        "Phòng VH-XH",
        date(2026, 6, 30),
        "II.2",
        coord=("UBMTTQ",),
    )
    _report(
        t, date(2026, 6, 20), "UBND xã đã ban hành quyết định kiện toàn Ban Chỉ đạo.", final=True
    )

    t = add(
        "Tổ chức hội nghị đối thoại giữa Chủ tịch UBND xã với Nhân dân năm 2026",
        "VP HĐND-UBND",
        date(2026, 10, 30),
        "II.5",
        coord=("UBMTTQ", "Thôn Đoàn Kết"),
    )
    _report(
        t,
        date(2026, 10, 12),
        "Đã tổng hợp 23 ý kiến, kiến nghị của Nhân dân các thôn; dự kiến tổ chức hội nghị tháng 12.",
        60,
    )
    if today >= date(2026, 12, 4):
        # Held, reported done, waiting for the chairman: overdue at 60% until he accepts.
        _report(
            t,
            date(2026, 12, 4),
            "Đã tổ chức hội nghị đối thoại ngày 03/12/2026 với 126 đại biểu; 9 kiến nghị đã"
            " được trả lời tại hội nghị, 4 kiến nghị giao các đơn vị giải quyết.",
            final=True,
            review="pending",
        )

    add(
        "Báo cáo kết quả thực hiện công tác dân vận chính quyền năm 2026 gửi UBND tỉnh",
        "Phòng VH-XH",
        date(2026, 12, 1),
        "III.2",
    )

    t = add(
        "Đăng tin, bài về mô hình “Dân vận khéo” trên Trang thông tin điện tử xã",
        "TT DVCI",
        date(2026, 12, 31),
        "III.5",
        recurrence=Recurrence.MONTHLY,
        start=date(2026, 5, 1),
    )
    for month in range(5, 10):
        _report(
            t,
            date(2026, month + 1, 2),
            f"Tháng {month}: 2 tin, 1 bài; 4 lượt phát thanh.",
            round(100 * (month - 4) / 8),
        )

    sub = services.plan_create(
        commune=plan.commune,
        by=user("hcc"),
        parent=plan,
        issuing_unit=units["TT PVHCC"],
        title="Kế hoạch thực hiện công tác dân vận chính quyền năm 2026 của Trung tâm Phục vụ hành chính công",
        number="05",
        symbol="KH-TTPVHCC",
        issued_on=date(2026, 5, 10),
        place=plan.place,
        year=2026,
    )
    t = add(
        "Niêm yết công khai đầy đủ thủ tục hành chính tại Trung tâm",
        "TT PVHCC",
        date(2026, 6, 30),
        "",
        target=sub,
    )
    _report(
        t, date(2026, 6, 15), "Đã niêm yết 312 thủ tục hành chính và mã QR tra cứu.", final=True
    )
    t = add(
        "Theo dõi, đôn đốc giải quyết hồ sơ và trả kết quả đúng hạn theo cơ chế một cửa",
        "TT PVHCC",
        date(2026, 12, 31),
        "",
        recurrence=Recurrence.MONTHLY,
        start=date(2026, 5, 10),
        target=sub,
    )
    for month in range(5, 11):
        _report(t, date(2026, month + 1, 3), f"Tháng {month}: 98% hồ sơ giải quyết đúng hạn.", 90)
    services.plan_issue(plan=sub, number="05", issued_on=date(2026, 5, 10), by=user("chutich"))
    services.send_reminders(today=today)
