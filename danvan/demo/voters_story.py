"""Voters' recommendations in the demo commune: the meeting of the council's delegates with the
voters of Thôn Đoàn Kết and Thôn Hòa Bình before the year-end session, chaired by the Front, with
answered and pending recommendations, one forwarded to the province, its results published.

Names are invented. The Front's chairman (mttq) records the meeting; the office (vanphong)
classifies; the units report through their promises. No time limit of law is used: the leader
types each due day and the office the day it chases the province (docs/legal-rules.md).
"""

from __future__ import annotations

from datetime import date, timedelta

from danvan.core.models import Unit
from danvan.demo.units import user
from danvan.promises import services as promises
from danvan.promises.models import Promise
from danvan.voters import services
from danvan.voters.models import Field, Outcome, VoterMeeting


def play_voters(units: dict[str, Unit], *, today: date) -> None:
    mttq, office, chairman = user("mttq"), user("vanphong"), user("chutich")
    economy, social = user("kinhte"), user("vhxh")
    doan_ket, hoa_binh = units["Thôn Đoàn Kết"], units["Thôn Hòa Bình"]
    held = today - timedelta(days=12)
    meeting = services.meeting_create(
        commune=units["xã"],
        by=mttq,
        kind=VoterMeeting.Kind.BEFORE,
        session_label=f"Kỳ họp thường lệ cuối năm {held.year} HĐND xã khóa I",
        session_on=today + timedelta(days=10),
        held_on=held,
        place="Nhà văn hóa thôn Đoàn Kết",
        chaired_by=units["UBMTTQ"],
        delegates="Hoàng Văn Lợi\nLương Thị Mai\nNông Văn Thắng",
        voters_count=112,
        villages=[doan_ket, hoa_binh],
    )

    def say(content: str, field: str, village: Unit):  # type: ignore[no-untyped-def]
        return services.recommendation_create(
            meeting=meeting, by=mttq, content=content, field=field, village=village
        )

    lights = say(
        "Đề nghị lắp đèn chiếu sáng đoạn đường từ nhà văn hóa thôn Đoàn Kết ra trường tiểu học.",
        Field.INFRASTRUCTURE,
        doan_ket,
    )
    ditch = say(
        "Đề nghị nạo vét mương thủy lợi Khuổi Cải trước vụ xuân để đủ nước cho 12 ha lúa.",
        Field.AGRICULTURE,
        hoa_binh,
    )
    insurance = say(
        "Đề nghị hướng dẫn gia hạn thẻ bảo hiểm y tế cho người cao tuổi tại thôn, không phải "
        "lên xã nhiều lần.",
        Field.HEALTH,
        hoa_binh,
    )
    highway = say(
        "Đề nghị cấp trên sửa chữa đoạn Quốc lộ 1B qua xã bị lún, nứt, mất an toàn giao thông.",
        Field.INFRASTRUCTURE,
        doan_ket,
    )
    say(
        "Đề nghị công khai danh sách hộ được hỗ trợ làm nhà ở năm sau tại nhà văn hóa các thôn.",
        Field.SOCIAL,
        doan_ket,
    )
    lights = services.recommendation_assign(
        rec=lights,
        by=office,
        owner_unit=units["Phòng Kinh tế"],
        due_on=held + timedelta(days=30),
    )
    ditch = services.recommendation_assign(
        rec=ditch, by=office, owner_unit=units["Phòng Kinh tế"], due_on=held + timedelta(days=45)
    )
    insurance = services.recommendation_assign(
        rec=insurance,
        by=chairman,
        owner_unit=units["Phòng VH-XH"],
        due_on=held + timedelta(days=10),
    )
    assert lights.promise and insurance.promise
    promises.promise_report(
        promise=lights.promise,
        by=economy,
        outcome=Promise.Outcome.KEPT,
        note="Đã lắp 8 bóng đèn năng lượng mặt trời trên đoạn đường, nghiệm thu ngày "
        f"{today - timedelta(days=2):%d/%m/%Y}.",
        on=today - timedelta(days=2),
    )
    promises.promise_report(
        promise=insurance.promise,
        by=social,
        outcome=Promise.Outcome.ROADMAP,
        note="Đã phối hợp Bảo hiểm xã hội tỉnh; tổ công tác về thôn Hòa Bình trong tháng tới.",
        on=today - timedelta(days=3),
        roadmap_due=today + timedelta(days=25),
    )
    services.recommendation_forward(
        rec=highway,
        by=office,
        receiving_body="Sở Xây dựng tỉnh Lạng Sơn",
        forwarded_on=held + timedelta(days=2),
        chase_on=held + timedelta(days=32),
    )
    services.meeting_publish(meeting=meeting, by=chairman)
    # An earlier meeting after the mid-year session: its forwarded recommendation was answered.
    earlier = services.meeting_create(
        commune=units["xã"],
        by=mttq,
        kind=VoterMeeting.Kind.AFTER,
        session_label=f"Kỳ họp thường lệ giữa năm {held.year} HĐND xã khóa I",
        session_on=date(held.year, 7, 10),
        held_on=date(held.year, 7, 20),
        place="Hội trường UBND xã",
        chaired_by=units["UBMTTQ"],
        delegates="Hoàng Văn Lợi\nLương Thị Mai",
        voters_count=95,
        villages=[units["Thôn Tân Tiến"]],
    )
    school = services.recommendation_create(
        meeting=earlier,
        by=mttq,
        content="Đề nghị tỉnh đầu tư thêm phòng học cho điểm trường Tân Tiến.",
        field=Field.EDUCATION,
        village=units["Thôn Tân Tiến"],
    )
    services.recommendation_forward(
        rec=school,
        by=office,
        receiving_body="Thường trực HĐND tỉnh Lạng Sơn",
        forwarded_on=date(held.year, 7, 25),
        chase_on=date(held.year, 9, 25),
    )
    services.recommendation_record_answer(
        rec=school,
        by=office,
        answered_on=date(held.year, 9, 10),
        answer="Điểm trường Tân Tiến được bố trí 2 phòng học trong kế hoạch đầu tư công năm sau.",
        outcome=Outcome.ROADMAP,
        roadmap_due=date(held.year + 1, 8, 31),
    )
    services.meeting_publish(meeting=earlier, by=chairman)
