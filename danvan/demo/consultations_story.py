"""Consultations in the demo commune: one open now, one being synthesised, one published.

Names are invented. Comments come from the portal, the village meetings (entered by the
village head) and the Front's meeting; the published one answers every comment.
"""

from __future__ import annotations

from datetime import date, timedelta

from danvan.consultations import services
from danvan.consultations.drafts import split_draft
from danvan.consultations.models import FRONT, MEETING, PORTAL, Consultation, Decision, Matter
from danvan.core.models import Unit
from danvan.demo.units import user

PLAN_2027 = """Dự thảo Kế hoạch phát triển kinh tế - xã hội năm 2027 của xã Hồng Phong.
Điều 1. Mục tiêu chung
Thu nhập bình quân đầu người đạt 52 triệu đồng; tỷ lệ hộ nghèo giảm 2%.
Điều 2. Nông nghiệp
Mở rộng 30 ha hồi và quế theo chuỗi liên kết; hỗ trợ giống cho hộ nghèo.
Điều 3. Giao thông nông thôn
Bê tông hóa 4,5 km đường thôn Hòa Bình và Tân Tiến theo cơ chế Nhà nước và Nhân dân cùng làm.
Điều 4. Nước sạch và môi trường
Xây dựng công trình nước sạch tập trung thôn Đoàn Kết; thu gom rác thải 2 lần mỗi tuần.
Điều 5. Văn hóa - xã hội
Sửa chữa nhà văn hóa thôn Tân Tiến; duy trì đội văn nghệ các thôn.
"""

CROPS = """Phương án chuyển đổi cơ cấu cây trồng năm 2026.
1. Diện tích chuyển đổi
Chuyển 12 ha lúa một vụ kém hiệu quả sang trồng cây ăn quả.
2. Hỗ trợ của xã
Hỗ trợ 50% giá giống, tập huấn kỹ thuật 2 lớp.
3. Tiến độ
Thực hiện từ tháng 3 đến tháng 6 năm 2026.
"""


def play_consultations(units: dict[str, Unit], *, today: date) -> None:
    commune = units["xã"]
    chairman, officer = user("chutich"), user("kinhte")
    head, front = user("truongthon"), user("mttq")
    doan_ket, hoa_binh, tan_tien = (
        units[n] for n in ("Thôn Đoàn Kết", "Thôn Hòa Bình", "Thôn Tân Tiến")
    )
    economy = units["Phòng Kinh tế"]
    if Consultation.objects.filter(commune=commune).exists():
        return

    # Open now: the 2027 socio-economic plan (Điều 25 khoản 1), published a week ago for 21 days
    # (Điều 28 khoản 2: at least 20 days from publication), 14 days left.
    plan = services.consultation_create(
        commune=commune,
        by=officer,
        title="Dự thảo Kế hoạch phát triển kinh tế - xã hội năm 2027",
        lead_unit=economy,
        matter=Matter.objects.get(item="1"),
        summary="UBND xã lấy ý kiến Nhân dân về dự thảo kế hoạch năm 2027 trước khi trình HĐND xã.",
        opens_on=today - timedelta(days=7),
        closes_on=today + timedelta(days=14),
        channels=[PORTAL, MEETING, "ballot", FRONT],
    )
    services.points_replace(consultation=plan, by=officer, points=split_draft(PLAN_2027))
    services.consultation_open(consultation=plan, by=officer, today=today - timedelta(days=7))
    points = {p.heading.split(".")[0]: p for p in plan.points.all()}
    services.comments_submit(
        consultation=plan,
        texts=[
            (
                points["Điều 3"],
                "Đề nghị ưu tiên đoạn đường từ ngã ba vào trường tiểu học thôn Tân Tiến, mùa mưa trẻ em đi lại rất khó.",
            )
        ],
        author_name="Hoàng Văn Sơn",
        village=tan_tien,
        show_name=True,
        today=today - timedelta(days=5),
    )
    services.comments_submit(
        consultation=plan,
        texts=[
            (points["Điều 2"], "Nên hỗ trợ cả phân bón năm đầu, không chỉ giống."),
            (None, "Dự thảo rõ ràng, tôi đồng ý."),
        ],
        today=today - timedelta(days=3),
    )
    services.comment_enter(
        consultation=plan,
        by=head,
        text="Công trình nước sạch nên làm trước mùa khô năm 2027.",
        channel=MEETING,
        source="Hội nghị thôn Đoàn Kết",
        village=doan_ket,
        people=46,
        received_on=today - timedelta(days=2),
        point=points["Điều 4"],
        entered_unit=doan_ket,
        today=today,
    )
    services.comment_enter(
        consultation=plan,
        by=front,
        text="Đề nghị công khai mức đóng góp của Nhân dân cho từng tuyến đường.",
        channel=MEETING,
        source="Hội nghị Ban Công tác Mặt trận thôn Hòa Bình",
        village=hoa_binh,
        people=31,
        received_on=today - timedelta(days=1),
        point=points["Điều 3"],
        entered_unit=units["UBMTTQ"],
        today=today,
    )

    # Published: the crop conversion plan (Điều 25 khoản 1), 20 days as Điều 28(2) asks, every
    # comment answered.
    crops = services.consultation_create(
        commune=commune,
        by=officer,
        title="Phương án chuyển đổi cơ cấu cây trồng năm 2026",
        lead_unit=economy,
        matter=Matter.objects.get(item="1"),
        whole_commune=False,
        villages=[hoa_binh, tan_tien],
        opens_on=today - timedelta(days=60),
        closes_on=today - timedelta(days=40),
        channels=[PORTAL, MEETING],
    )
    services.points_replace(consultation=crops, by=officer, points=split_draft(CROPS))
    services.consultation_open(consultation=crops, by=officer, today=today - timedelta(days=60))
    *_preamble, first, second, _third = list(crops.points.all())
    a = services.comment_enter(
        consultation=crops,
        by=officer,
        text="Nên chuyển sang trồng hồng không hạt, hợp đất đồi.",
        channel=MEETING,
        source="Hội nghị thôn Hòa Bình",
        village=hoa_binh,
        people=28,
        received_on=today - timedelta(days=50),
        point=first,
        today=today,
    )
    [b] = services.comments_submit(
        consultation=crops,
        texts=[(second, "Mức hỗ trợ 50% giá giống còn thấp với hộ nghèo.")],
        village=tan_tien,
        today=today - timedelta(days=45),
    )
    services.consultation_close(consultation=crops, by=officer, today=today - timedelta(days=39))
    services.comment_answer(
        comment=a,
        by=officer,
        decision=Decision.ACCEPTED,
        explanation="Bổ sung hồng không hạt vào danh mục cây trồng được hỗ trợ.",
    )
    services.comment_answer(
        comment=b,
        by=officer,
        decision=Decision.PARTLY,
        explanation="Hộ nghèo được hỗ trợ 70% giá giống; các hộ khác giữ mức 50%.",
    )
    services.consultation_publish(
        consultation=crops,
        by=chairman,
        today=today - timedelta(days=35),
        synthesis="Nhân dân hai thôn đồng tình với phương án; UBND xã tiếp thu và điều chỉnh mức hỗ trợ.",
    )

    # Being drafted: nothing public yet.
    services.consultation_create(
        commune=commune,
        by=officer,
        title="Dự thảo đề án đặt tên đường trung tâm xã",
        lead_unit=economy,
        matter=Matter.objects.get(item="9"),
        opens_on=today + timedelta(days=5),
        closes_on=today + timedelta(days=26),
    )
    # Being drafted: a decision that limits some households' rights (Điều 25 khoản 8), for which
    # the law adds a dialogue with the citizens it applies to (Điều 26 khoản 1 điểm h).
    services.consultation_create(
        commune=commune,
        by=officer,
        title="Dự thảo quyết định lập lại hành lang an toàn đường thôn Tân Tiến",
        lead_unit=economy,
        matter=Matter.objects.get(item="8"),
        whole_commune=False,
        villages=[tan_tien],
        opens_on=today + timedelta(days=10),
        closes_on=today + timedelta(days=31),
        channels=["dialogue", PORTAL],
    )
