"""A year of citizen reception and petitions in the demo commune (dates of 2026).

Names are invented. One denunciation carries an identity, kept encrypted in the vault; its
handler may reveal it with a reason.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from danvan.core.models import Unit
from danvan.demo.units import user
from danvan.petitions import reception, services
from danvan.petitions.models import Petition, PetitionKind, ReceptionSession


def play_petitions(units: dict[str, Unit], *, today: date) -> None:
    commune = units["xã"]
    chairman, clerk = user("chutich"), user("vanphong")
    office = units["VP HĐND-UBND"]
    villages = [units["Thôn Đoàn Kết"], units["Thôn Hòa Bình"], units["Thôn Tân Tiến"]]

    def receive(
        kind: str,
        subject: str,
        content: str,
        on: date,
        channel: str = Petition.Channel.IN_PERSON,
        **kw: Any,
    ) -> Petition:
        return services.petition_receive(
            commune=commune,
            by=clerk,
            kind=kind,
            subject=subject,
            content=content,
            received_on=on,
            channel=channel,
            **kw,
        )

    # The chairman's reception days, one a week in the weeks just gone.
    monday = today - timedelta(days=today.weekday())
    for weeks in (3, 2, 1):
        day = monday - timedelta(weeks=weeks) + timedelta(days=3)  # Thursdays
        session = reception.session_create(
            commune=commune,
            by=clerk,
            kind=ReceptionSession.Kind.CHAIRMAN,
            held_on=day,
            host=chairman,
        )
        reception.visit_create(
            session=session,
            by=clerk,
            visited_on=day,
            kind=PetitionKind.RECOMMENDATION,
            name="Hoàng Văn Bảy",
            address="Thôn Hòa Bình",
            content="Đề nghị sửa đoạn đường bê tông liên thôn bị sụt lún sau mưa lũ.",
            guidance="Giao Phòng Kinh tế kiểm tra hiện trạng, trả lời trong 10 ngày làm việc.",
        )
        if weeks == 1:
            # Seven people on one matter name two representatives (Luật Tiếp công dân 2013,
            # Điều 29: from five to ten people, one or two).
            reception.visit_create(
                session=session,
                by=clerk,
                visited_on=day,
                kind=PetitionKind.REFLECTION,
                name="Đoàn 7 hộ thôn Đoàn Kết",
                address="Thôn Đoàn Kết",
                people=7,
                representatives="Lộc Văn Hùng, thôn Đoàn Kết\nNông Thị Mai, thôn Đoàn Kết",
                content="Phản ánh trang trại lợn xả nước thải ra suối, đề nghị kiểm tra.",
                guidance="Giao Phòng Kinh tế cùng Công an xã kiểm tra trang trại.",
            )
            # A denouncer at the desk: the register shows the protected mark, the identity is
            # sealed, and the name written in the text is struck (Luật Tố cáo 2018, Điều 8(3)).
            denounced = reception.visit_create(
                session=session,
                by=clerk,
                visited_on=day,
                kind=PetitionKind.DENUNCIATION,
                name="Người tố cáo tại buổi tiếp (mẫu)",
                address="Thôn Tân Tiến",
                phone="0987000222",
                content="Tố cáo việc thu tiền ngoài quy định khi xác nhận hồ sơ đất tại thôn.",
                guidance="Hẹn Người tố cáo tại buổi tiếp (mẫu) nhận thông báo thụ lý, "
                "gọi số 0987 000 222.",
            )
            # Its handler (the office) may reveal who came, with a reason, from the line too.
            services.petition_assign(
                petition=denounced.petitions.get(), by=chairman, handler=clerk, unit=office
            )

    # Five households on one matter: pollution from a pig farm, a growing hotspot.
    for i, name in enumerate(
        ["Lộc Văn Hùng", "Nông Thị Mai", "Triệu Văn Sơn", "Vy Thị Hoa", "Hà Văn Tư"]
    ):
        receive(
            PetitionKind.REFLECTION,
            "Ô nhiễm mùi từ trang trại lợn gần khu dân cư",
            "Trang trại xả nước thải ra suối, mùi hôi ảnh hưởng sinh hoạt của các hộ dân.",
            today - timedelta(days=20 - 3 * i),
            identity={"name": name, "phone": f"09120000{i}1"},
            village=villages[0],
            topic=Petition.Topic.ENVIRONMENT,
            channel=Petition.Channel.PORTAL if i % 2 else Petition.Channel.IN_PERSON,
        )

    # A first complaint, accepted and resolved on time.
    p = receive(
        PetitionKind.COMPLAINT,
        "Khiếu nại việc không xét hỗ trợ hộ cận nghèo",
        "Gia đình đủ điều kiện nhưng không có tên trong danh sách hỗ trợ năm 2026.",
        date(2026, 8, 3),
        identity={"name": "Lăng Thị Nga", "address": "Thôn Tân Tiến"},
        village=villages[2],
        topic=Petition.Topic.SOCIAL,
    )
    services.petition_classify(petition=p, by=chairman, competent=True, conditions_met=True)
    services.petition_assign(
        petition=p, by=chairman, handler=user("vhxh"), unit=units["Phòng VH-XH"]
    )
    services.petition_accept(petition=p, by=chairman, accepted_on=date(2026, 8, 10))
    services.petition_resolve(
        petition=p,
        by=chairman,
        decided_on=date(2026, 9, 4),
        outcome="Bổ sung vào danh sách hỗ trợ.",
        public_answer="UBND xã đã bổ sung gia đình vào danh sách hỗ trợ hộ cận nghèo năm 2026.",
    )

    # A complaint about land, complex, accepted and now overdue.
    p = receive(
        PetitionKind.COMPLAINT,
        "Khiếu nại quyết định thu hồi đất làm đường",
        "Không đồng ý với mức bồi thường khi thu hồi 120 m² đất vườn.",
        date(2026, 9, 14),
        identity={"name": "Đinh Văn Lực", "address": "Thôn Đoàn Kết"},
        village=villages[0],
        topic=Petition.Topic.LAND,
    )
    services.petition_classify(
        petition=p, by=chairman, competent=True, conditions_met=True, complex=True
    )
    services.petition_assign(petition=p, by=chairman, handler=clerk, unit=office)
    services.petition_accept(petition=p, by=chairman, accepted_on=date(2026, 9, 21))

    # A denunciation with an identity, assigned: its handler may reveal the name, with a reason.
    p = receive(
        PetitionKind.DENUNCIATION,
        "Tố cáo cán bộ địa chính nhận tiền khi làm thủ tục",
        "Cán bộ yêu cầu nộp thêm tiền ngoài quy định khi làm thủ tục cấp giấy chứng nhận.",
        today - timedelta(days=12),
        identity={"name": "Người tố cáo (mẫu)", "phone": "0987000111"},
        topic=Petition.Topic.OFFICIALS,
    )
    services.petition_assign(petition=p, by=chairman, handler=clerk, unit=office)

    # An anonymous denunciation, handled as information (Luật Tố cáo 2018, Art. 25).
    p = receive(
        PetitionKind.DENUNCIATION,
        "Phản ánh nặc danh về khai thác cát trái phép",
        "Có người khai thác cát ban đêm ở bờ suối.",
        today - timedelta(days=30),
        channel=Petition.Channel.HOTLINE,
        topic=Petition.Topic.SECURITY,
    )
    services.petition_route(
        petition=p, by=chairman, outcome=Petition.Status.INFORMATION, on=today - timedelta(days=29)
    )

    # A second-instance complaint against the chairman's own first decision: not the
    # commune's case since there is no district (Luật Khiếu nại 2011, Điều 18(2) gave it to the
    # district chairman); entered and forwarded to the body an administrator sets.
    receive(
        PetitionKind.COMPLAINT,
        "Khiếu nại lần hai quyết định giải quyết khiếu nại về hỗ trợ hộ cận nghèo",
        "Không đồng ý với quyết định giải quyết khiếu nại lần đầu của Chủ tịch UBND xã.",
        today - timedelta(days=6),
        channel=Petition.Channel.POST,
        identity={"name": "Lăng Văn Tài", "address": "Thôn Tân Tiến"},
        village=villages[2],
        topic=Petition.Topic.SOCIAL,
        second_complaint=True,
    )

    # A recommendation forwarded to the competent body.
    p = receive(
        PetitionKind.RECOMMENDATION,
        "Đề nghị lắp đèn chiếu sáng quốc lộ qua thôn",
        "Đoạn quốc lộ qua thôn không có đèn, nhiều vụ va chạm ban đêm.",
        today - timedelta(days=40),
        identity={"name": "Mông Văn Quý"},
        village=villages[1],
        topic=Petition.Topic.CONSTRUCTION,
    )
    services.petition_route(
        petition=p,
        by=chairman,
        outcome=Petition.Status.FORWARDED,
        on=today - timedelta(days=35),
        note="Chuyển Sở Xây dựng tỉnh Lạng Sơn (quốc lộ do tỉnh quản lý).",
    )
