"""Supervision by the people in the demo commune: the Ban Thanh tra nhân dân and a village's
Ban Giám sát đầu tư của cộng đồng, two supervisions, recommendations at every step.

Names are invented. The Front's chairman (mttq) records for the boards; the village head of
Thôn Đoàn Kết is a member of the investment board with an account.
"""

from __future__ import annotations

from datetime import date, timedelta

from danvan.core.models import Unit
from danvan.demo.units import user
from danvan.supervision import services
from danvan.supervision.models import Activity, Board, BoardMember, SubjectKind


def play_supervision(units: dict[str, Unit], *, today: date) -> None:
    commune, front = units["xã"], units["UBMTTQ"]
    mttq, chairman, head = user("mttq"), user("chutich"), user("truongthon")
    village = units["Thôn Đoàn Kết"]
    inspection = services.board_create(
        commune=commune,
        by=mttq,
        kind=Board.Kind.INSPECTION,
        name="Ban Thanh tra nhân dân xã Hồng Phong nhiệm kỳ 2024–2029",
        organiser=front,
        term_start=date(2024, 9, 1),
        term_end=date(2029, 8, 31),
        decision="Nghị quyết số 05/NQ-MTTQ ngày 01/9/2024 của Ủy ban MTTQ xã",
    )
    for name, role, where in (
        ("Hoàng Văn Thái", BoardMember.Role.HEAD, "Thôn Hòa Bình"),
        ("Lăng Thị Hoa", BoardMember.Role.DEPUTY, "Thôn Tân Tiến"),
        ("Vy Văn Sơn", BoardMember.Role.MEMBER, "Thôn Đoàn Kết"),
    ):
        services.member_add(
            board=inspection,
            by=mttq,
            full_name=name,
            role=role,
            village=units[where],
            term_from=date(2024, 9, 1),
        )
    investment = services.board_create(
        commune=commune,
        by=mttq,
        kind=Board.Kind.INVESTMENT,
        name="Ban Giám sát đầu tư của cộng đồng thôn Đoàn Kết",
        organiser=front,
        village=village,
        project="Đường bê tông nội thôn Đoàn Kết (Chương trình MTQG xây dựng nông thôn mới)",
        term_start=date(2025, 1, 1),
    )
    services.member_add(
        board=investment,
        by=mttq,
        full_name="Mã Văn Nam",
        role=BoardMember.Role.HEAD,
        village=village,
        user=head,
        term_from=date(2025, 1, 1),
    )
    kinds = {k.code: k for k in SubjectKind.objects.all()}
    start = today - timedelta(days=40)
    road = services.activity_create(
        board=investment,
        by=head,
        subject_kind=kinds["dau-tu"],
        subject="Thi công đường bê tông nội thôn Đoàn Kết, đoạn từ nhà văn hóa đến cầu treo",
        village=village,
        started_on=start,
        ended_on=start + timedelta(days=2),
        method=Activity.Method.SITE,
        findings=(
            "Mặt đường đổ bê tông dày 16 cm, mỏng hơn thiết kế (18 cm) ở khoảng 40 m cuối tuyến. "
            "Chưa có biển báo công trình, chưa công khai dự toán tại nhà văn hóa thôn."
        ),
    )
    welfare = services.activity_create(
        board=inspection,
        by=mttq,
        subject_kind=kinds["chinh-sach"],
        subject="Chi trả trợ cấp xã hội hằng tháng quý I năm 2026",
        started_on=start + timedelta(days=5),
        ended_on=start + timedelta(days=6),
        method=Activity.Method.DOCUMENTS,
        findings="Chi trả đủ, đúng đối tượng; 3 hồ sơ chậm chi trả 10 ngày do thiếu chữ ký.",
    )

    def recommend(activity: Activity, by_days: int, title: str, content: str, by=mttq):  # type: ignore[no-untyped-def]
        return services.recommendation_create(
            activity=activity,
            by=by,
            title=title,
            content=content,
            addressed_to="Chủ tịch UBND xã",
            sent_on=activity.ended_on + timedelta(days=by_days),
        )

    thick = recommend(
        road,
        1,
        "Kiểm tra, làm lại đoạn mặt đường mỏng hơn thiết kế",
        "Đề nghị UBND xã yêu cầu nhà thầu kiểm tra độ dày và làm lại 40 m cuối tuyến.",
        head,
    )
    sign = recommend(
        road,
        1,
        "Công khai dự toán và lắp biển báo công trình",
        "Đề nghị công khai dự toán tại nhà văn hóa thôn và lắp biển báo công trình.",
        head,
    )
    late_pay = recommend(
        welfare,
        2,
        "Chi trả đúng hạn trợ cấp xã hội",
        "Đề nghị bổ sung chữ ký, chi trả ngay 3 hồ sơ chậm và rà soát quy trình.",
    )
    recommend(
        welfare,
        3,
        "Niêm yết danh sách đối tượng hưởng trợ cấp",
        "Đề nghị niêm yết danh sách đối tượng hưởng trợ cấp tại trụ sở và nhà văn hóa các thôn.",
    )
    # Every due date is the law's: 15 days from the day the UBND received the recommendation
    # (Luật THDCCS 2022, Điều 45(2)(c) for the investment board, Điều 40(1)(c) for the people's
    # inspection board), the rule giam-sat/tra-loi-kien-nghi; the thick road is now overdue.
    services.recommendation_assign(rec=thick, by=chairman, owner_unit=units["Phòng Kinh tế"])
    services.recommendation_assign(
        rec=sign,
        by=chairman,
        owner_unit=units["Phòng Kinh tế"],
        received_on=sign.sent_on + timedelta(days=1),
    )
    services.recommendation_answer(
        rec=sign,
        by=chairman,
        answer=(
            "UBND xã đã chỉ đạo Phòng Kinh tế niêm yết dự toán tại nhà văn hóa thôn Đoàn Kết và "
            "yêu cầu nhà thầu lắp biển báo công trình."
        ),
        answered_on=sign.sent_on + timedelta(days=9),
        answered_by_body="UBND xã Hồng Phong",
        publish=True,
    )
    services.recommendation_assign(rec=late_pay, by=chairman, owner_unit=units["Phòng VH-XH"])
    services.recommendation_answer(
        rec=late_pay,
        by=chairman,
        answer="Đã chi trả đủ 3 hồ sơ; Phòng Văn hóa - Xã hội rà soát lại quy trình ký duyệt.",
        answered_on=late_pay.sent_on + timedelta(days=20),  # past the 15 days: late
        answered_by_body="UBND xã Hồng Phong",
        publish=True,
    )
