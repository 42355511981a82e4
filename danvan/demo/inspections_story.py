"""Inspections in the demo commune: the year's inspection plan, an inspection of the one-stop
centre (Trung tâm Phục vụ hành chính công) with its findings, the conclusion and two remedies
(one done by the centre, one open), a commendation, and a dân vận inspection still to come.

Names are invented. The office (vanphong) keeps the inspections; the centre's director (hcc)
reports on its remedies through their promises.
"""

from __future__ import annotations

from datetime import date, timedelta

from danvan.core.models import Unit
from danvan.demo.units import user
from danvan.inspections import services
from danvan.inspections.models import Finding, MeasureKind, SubjectKind
from danvan.promises import services as promises
from danvan.promises.models import Promise


def play_inspections(units: dict[str, Unit], *, today: date) -> None:
    commune, centre = units["xã"], units["TT PVHCC"]
    office, chairman, director = user("vanphong"), user("chutich"), user("hcc")
    start = today - timedelta(days=30)
    plan = services.plan_create(
        commune=commune,
        by=office,
        year=start.year,
        number="08/KH-UBND",
        title=f"Kế hoạch kiểm tra kỷ luật, kỷ cương hành chính và công vụ năm {start.year}",
        issued_on=min(date(start.year, 1, 12), start),
    )
    kinds = {k.code: k for k in SubjectKind.objects.all()}
    inspection = services.inspection_create(
        commune=commune,
        by=office,
        plan=plan,
        subject_kind=kinds["ky-luat-ky-cuong"],
        title=(
            "Việc chấp hành giờ làm việc, tiếp nhận và trả kết quả hồ sơ thủ tục hành chính "
            "đúng hẹn"
        ),
        inspected_unit=centre,
        planned_from=start,
        planned_to=start + timedelta(days=2),
        team=(
            "Trưởng đoàn: Trần Thị Bình, Phó Chủ tịch UBND xã; thành viên: Lê Văn Cường, "
            "Chánh Văn phòng HĐND và UBND; Đàm Thị Lan, Trưởng phòng Kinh tế"
        ),
    )

    def find(text: str, severity: str) -> Finding:
        return services.finding_add(inspection=inspection, by=office, text=text, severity=severity)

    find(
        "Cán bộ, công chức chấp hành tốt giờ làm việc, đeo thẻ, niêm yết số điện thoại đường dây "
        "nóng.",
        Finding.Severity.GOOD,
    )
    late = find(
        "4 hồ sơ đăng ký hộ tịch trả kết quả chậm so với ngày hẹn nhưng không có phiếu xin lỗi "
        "và hẹn lại ngày trả kết quả.",
        Finding.Severity.SHORTCOMING,
    )
    posting = find(
        "Chưa niêm yết đủ 12 thủ tục hành chính lĩnh vực đất đai mới được công bố.",
        Finding.Severity.SHORTCOMING,
    )
    inspection = services.inspection_conclude(
        inspection=inspection,
        by=office,
        done_on=start + timedelta(days=2),
        concluded_on=start + timedelta(days=5),
        conclusion_number="12/KL-UBND",
        conclusion=(
            "Trung tâm Phục vụ hành chính công chấp hành tốt giờ làm việc và quy chế văn hóa công "
            "sở. Còn hồ sơ trả kết quả chậm chưa có phiếu xin lỗi, chưa niêm yết đủ thủ tục hành "
            "chính mới công bố. Yêu cầu Trung tâm khắc phục theo các biện pháp dưới đây."
        ),
    )
    posted = services.remedy_add(
        inspection=inspection,
        by=office,
        finding=posting,
        owner_unit=centre,
        measure="Niêm yết đầy đủ, đúng quy định 12 thủ tục hành chính lĩnh vực đất đai.",
        due_on=start + timedelta(days=20),
        evidence="Ảnh chụp bảng niêm yết tại Trung tâm",
    )
    services.remedy_add(
        inspection=inspection,
        by=office,
        finding=late,
        owner_unit=centre,
        owner_person="Giám đốc Trung tâm",
        measure=(
            "Gửi phiếu xin lỗi, hẹn lại ngày trả kết quả cho 4 hồ sơ trả chậm; rà soát sổ theo "
            "dõi để mọi hồ sơ trễ hẹn đều có phiếu xin lỗi."
        ),
        due_on=today + timedelta(days=20),
        evidence="Bản chụp phiếu xin lỗi; sổ theo dõi hồ sơ",
    )
    assert posted.promise is not None
    promises.promise_report(
        promise=posted.promise,
        by=director,
        outcome=Promise.Outcome.KEPT,
        note="Đã niêm yết đủ 12 thủ tục hành chính lĩnh vực đất đai tại Trung tâm và trên trang "
        "thông tin điện tử của xã.",
        on=start + timedelta(days=15),
    )
    services.measure_record(
        commune=commune,
        by=chairman,
        kind=MeasureKind.objects.get(code="giay-khen"),
        subject="Tổ tiếp nhận và trả kết quả, Trung tâm Phục vụ hành chính công",
        unit=centre,
        decision_number="25/QĐ-UBND",
        decision_on=start + timedelta(days=10),
        reason="Tiếp nhận, trả kết quả đúng hẹn, được người dân đánh giá hài lòng cao.",
        inspection=inspection,
    )
    later = today + timedelta(days=20)
    if later.year == plan.year:
        services.inspection_create(
            commune=commune,
            by=office,
            plan=plan,
            subject_kind=kinds["dan-van"],
            title="Việc thực hiện công tác dân vận chính quyền, tiếp xúc và trả lời Nhân dân",
            inspected_unit=units["Phòng VH-XH"],
            planned_from=later,
            planned_to=later + timedelta(days=1),
            team="Trưởng đoàn: Trần Thị Bình, Phó Chủ tịch UBND xã",
        )
