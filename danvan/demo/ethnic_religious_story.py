"""Ethnic and religious work in the demo commune (the plan's II.4): Hồng Phong's respected persons
and its places of worship, followed by the head of the culture and society office (vhxh).

Ông Hoàng Văn Thào, a Tày elder of Thôn Đoàn Kết recognised in 2023, was visited with a gift at
Tết and asked about the road to the village in the autumn (he asked for drainage, which the
commune follows); bà Lăng Thị Mỏ, a Nùng clan elder of Thôn Hòa Bình, has had no contact this
year. Chùa Hồng Phong (registered, Buddhist) holds its spring festival on the 15th of the first
lunar month, reported after, and a year-end prayer to come. A Protestant group meeting in a home
of Thôn Tân Tiến, not registered, is kept internal: only the leaders, the office and its follower
see it. Names are invented.
"""

from __future__ import annotations

from datetime import date, timedelta

from danvan.core.models import Unit
from danvan.demo.units import user
from danvan.ethnic_religious import services
from danvan.ethnic_religious.models import (
    ContactKind,
    Establishment,
    EstablishmentKind,
    EthnicGroup,
    Religion,
    Standing,
)

# The 15th of the first lunar month of 2026 (Tết Bính Ngọ fell on 17/02/2026).
SPRING_FESTIVAL = date(2026, 3, 3)


def play_ethnic_religious(units: dict[str, Unit], *, today: date) -> None:
    commune = units["xã"]
    clerk, follower, chairman = user("vanphong"), user("vhxh"), user("chutich")
    kind = {k.code: k for k in ContactKind.objects.all()}
    elder = services.person_create(
        commune=commune,
        by=clerk,
        full_name="Hoàng Văn Thào",
        birth_year=1951,
        ethnic_group=EthnicGroup.objects.get(name="Tày"),
        village=units["Thôn Đoàn Kết"],
        standing=Standing.objects.get(code="gia-lang"),
        recognised_year=2023,
        decision_number="1520/QĐ-UBND",
        decision_date=date(2023, 6, 12),
        recognised_until=2027,
        phone="0915326418",
        follower=follower,
        note="Có tiếng nói trong các dòng họ Hoàng, Nông của thôn.",
    )
    services.contact_record(
        person=elder,
        by=follower,
        on=SPRING_FESTIVAL - timedelta(days=20),
        kind=kind["tang-qua-tet"],
        made_by=chairman,
        content="Chủ tịch UBND xã thăm, tặng quà Tết Nguyên đán Bính Ngọ.",
        raised="Mong xã sớm làm đường bê tông vào cuối thôn.",
    )
    services.contact_record(
        person=elder,
        by=follower,
        on=min(today, date(today.year, 9, 18)),
        kind=kind["lay-y-kien"],
        made_by=follower,
        content="Lấy ý kiến về phương án mở rộng đường vào thôn Đoàn Kết.",
        raised="Đồng tình; đề nghị làm rãnh thoát nước hai bên đường.",
        follow_up="Chuyển Phòng Kinh tế xem xét rãnh thoát nước khi lập dự toán.",
    )
    services.person_create(
        commune=commune,
        by=clerk,
        full_name="Lăng Thị Mỏ",
        birth_year=1958,
        ethnic_group=EthnicGroup.objects.get(name="Nùng"),
        village=units["Thôn Hòa Bình"],
        standing=Standing.objects.get(code="truong-dong-ho"),
        recognised_year=2023,
        decision_number="1520/QĐ-UBND",
        decision_date=date(2023, 6, 12),
        recognised_until=2027,
        follower=follower,
    )
    pagoda = services.establishment_create(
        commune=commune,
        by=clerk,
        name="Chùa Hồng Phong",
        kind=EstablishmentKind.objects.get(code="chua"),
        religion=Religion.objects.get(code="phat-giao"),
        village=units["Thôn Đoàn Kết"],
        address="Đầu thôn Đoàn Kết",
        representative="Sư cô Thích Đàm Hạnh (trụ trì)",
        legal_status=Establishment.Legal.REGISTERED,
        follower=follower,
    )
    held = today >= SPRING_FESTIVAL
    services.event_create(
        establishment=pagoda,
        by=follower,
        name="Lễ hội chùa Hồng Phong đầu xuân",
        on=SPRING_FESTIVAL,
        lunar="15/1 âm lịch",
        expected=800,
        notified_on=SPRING_FESTIVAL - timedelta(days=25),
        note="Phối hợp Công an xã giữ trật tự, an toàn giao thông.",
        outcome="Khoảng 900 lượt người dự; an ninh trật tự bảo đảm, không phát sinh vụ việc."
        if held
        else "",
    )
    services.event_create(
        establishment=pagoda,
        by=follower,
        name="Lễ cầu an cuối năm",
        on=today + timedelta(days=10),
        lunar="",
        expected=200,
    )
    services.establishment_create(
        commune=commune,
        by=clerk,
        name="Điểm nhóm sinh hoạt Tin lành tại gia đình",
        kind=EstablishmentKind.objects.get(code="khac"),
        religion=Religion.objects.get(code="tin-lanh"),
        village=units["Thôn Tân Tiến"],
        legal_status=Establishment.Legal.NONE,
        follower=follower,
        internal=True,
        note="Khoảng 12 người sinh hoạt tại gia đình, chưa đăng ký; nắm tình hình, vận động đăng ký.",
    )
