"""Council questioning in the demo commune: a session of the HĐND xã two months ago, with
questions answered at the session and in writing, two pledges (one kept, one open), and the
next session scheduled, so that the report on pledges is due before it.

Names of delegates are invented. The office (vanphong) records the session and the questions;
the one-stop centre (hcc) answers its question in writing; the Phòng VH-XH (vhxh) reports its
pledge kept.
"""

from __future__ import annotations

from datetime import date, timedelta

from danvan.core.models import Unit
from danvan.demo.units import user
from danvan.promises import services as promises
from danvan.promises.models import Outcome
from danvan.questioning import services
from danvan.questioning.models import CouncilSession, Question


def _weekday(day: date) -> date:
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


def play_questioning(units: dict[str, Unit], *, today: date) -> None:
    commune = units["xã"]
    office, vhxh, hcc = user("vanphong"), user("vhxh"), user("hcc")
    opens = _weekday(today - timedelta(days=60))
    term = "khóa I, nhiệm kỳ 2026–2031"
    session = services.session_create(
        commune=commune,
        by=office,
        term=term,
        number=3,
        kind=CouncilSession.Kind.REGULAR,
        title="Kỳ họp thường lệ",
        opens_on=opens,
        closes_on=opens + timedelta(days=1),
    )
    services.session_create(
        commune=commune,
        by=office,
        term=term,
        number=4,
        kind=CouncilSession.Kind.REGULAR,
        title="Kỳ họp cuối năm",
        opens_on=_weekday(today + timedelta(days=20)),
        closes_on=_weekday(today + timedelta(days=20)) + timedelta(days=1),
    )

    def ask(delegate: str, unit: str, title: str, content: str, mode: str, village: str = ""):  # type: ignore[no-untyped-def]
        return services.question_create(
            session=session,
            by=office,
            delegate=delegate,
            constituency="Đơn vị bầu cử số 2" if village else "Đơn vị bầu cử số 1",
            village=units[village] if village else None,
            respondent_unit=units[unit],
            respondent_title=title,
            content=content,
            asked_on=opens,
            mode=mode,
        )

    road = ask(
        "Lương Văn Khánh",
        "xã",
        "Chủ tịch UBND xã",
        "Đường liên thôn Hòa Bình – Tân Tiến xuống cấp, mùa mưa xe máy không đi được; bao giờ "
        "xã sửa?",
        Question.Mode.AT_SESSION,
        "Thôn Hòa Bình",
    )
    services.question_answer(
        question=road,
        by=office,
        answer=(
            "UBND xã đã đưa tuyến đường vào kế hoạch vốn Chương trình MTQG xây dựng nông thôn "
            "mới; Phòng Kinh tế lập hồ sơ, thi công trong quý tới."
        ),
        answered_on=opens,
    )
    services.pledge_create(
        question=road,
        by=office,
        title="Sửa chữa xong đường liên thôn Hòa Bình – Tân Tiến",
        content="Lập hồ sơ, lựa chọn nhà thầu và thi công sửa chữa 1,2 km mặt đường.",
        owner_unit=units["Phòng Kinh tế"],
        due_on=today + timedelta(days=45),
    )
    welfare = ask(
        "Hoàng Thị Mai",
        "Phòng VH-XH",
        "Trưởng phòng Văn hóa - Xã hội",
        "Vì sao một số hộ nhận trợ cấp xã hội quý trước chậm 10 ngày?",
        Question.Mode.AT_SESSION,
    )
    services.question_answer(
        question=welfare,
        by=office,
        answer="Do thiếu chữ ký trên 3 hồ sơ; phòng đã chi trả đủ và sẽ rà soát lại quy trình.",
        answered_on=opens + timedelta(days=1),
    )
    kept = services.pledge_create(
        question=welfare,
        by=office,
        title="Rà soát quy trình ký duyệt, chi trả trợ cấp xã hội đúng hạn",
        content="Rà soát quy trình, chi trả trợ cấp quý sau trước ngày 10 của tháng đầu quý.",
        owner_unit=units["Phòng VH-XH"],
        due_on=opens + timedelta(days=30),
    )
    assert kept.promise is not None
    promises.promise_report(
        promise=kept.promise,
        by=vhxh,
        outcome=Outcome.KEPT,
        note="Đã sửa quy trình ký duyệt; trợ cấp quý này chi trả đủ, đúng hạn cho 214 đối tượng.",
        on=opens + timedelta(days=25),
    )
    one_stop = ask(
        "Nông Văn Phú",
        "TT PVHCC",
        "Giám đốc Trung tâm Phục vụ hành chính công",
        "Đề nghị cho biết số hồ sơ trả kết quả trễ hẹn trong 6 tháng và nguyên nhân.",
        Question.Mode.IN_WRITING,
    )
    services.question_answer(
        question=one_stop,
        by=hcc,
        answer=(
            "Trong 6 tháng, Trung tâm tiếp nhận 1.236 hồ sơ, trả trễ hẹn 17 hồ sơ (1,4%), chủ yếu "
            "do chờ xác minh của cơ quan cấp tỉnh; tất cả đều có phiếu xin lỗi và hẹn lại."
        ),
        answered_on=opens + timedelta(days=12),
    )
