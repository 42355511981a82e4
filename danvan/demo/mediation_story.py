"""Grassroots mediation in the demo commune: a mediation team in each village, recognised by the
chairman's decision, and two cases — a land boundary in Thôn Hòa Bình mediated with an agreement
the parties kept, and a quarrel over a pig farm's waste water in Thôn Đoàn Kết that failed and
came back as the neighbours' petition (linked by its case code).

Names are invented. The justice work is done by the office (vanphong); the village head of Thôn
Đoàn Kết (truongthon) records his team's case; the Front (mttq) set up the teams.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.apps import apps

from danvan.core.models import Unit
from danvan.demo.units import user
from danvan.mediation import services
from danvan.mediation.models import MatterKind, MediationCase, Mediator

TEAMS = {
    "Thôn Đoàn Kết": ("12/QĐ-UBND", ["Lường Văn Thắng", "Hoàng Thị Xuân", "Mã Văn Nam"]),
    "Thôn Hòa Bình": ("13/QĐ-UBND", ["Vi Văn Hải", "Lăng Thị Thu", "Dương Văn Khánh"]),
    "Thôn Tân Tiến": ("14/QĐ-UBND", ["Triệu Thị Nga", "Lý Văn Tài"]),
}


def play_mediation(units: dict[str, Unit], *, today: date) -> None:
    commune = units["xã"]
    mttq, clerk, head = user("mttq"), user("vanphong"), user("truongthon")
    teams, mediators = {}, {}
    for village, (decision, people) in TEAMS.items():
        team = services.team_create(
            commune=commune,
            by=mttq,
            name=f"Tổ hòa giải {village[0].lower()}{village[1:]}",
            village=units[village],
            decision_number=decision,
            decision_date=date(2024, 3, 15),
        )
        teams[village] = team
        mediators[village] = [
            services.mediator_add(
                team=team,
                by=mttq,
                full_name=name,
                role=Mediator.Role.LEADER if i == 0 else Mediator.Role.MEMBER,
                recognised_on=date(2024, 3, 15),
            )
            for i, name in enumerate(people)
        ]
    kinds = {k.code: k for k in MatterKind.objects.all()}

    # Thôn Hòa Bình: a boundary between two gardens, mediated in a week; the agreement kept.
    received = today - timedelta(days=70)
    boundary = services.case_create(
        team=teams["Thôn Hòa Bình"],
        by=clerk,
        received_on=received,
        mediators=mediators["Thôn Hòa Bình"][:2],
        parties=(
            "Ông Hoàng Văn Quý, 61 tuổi, thôn Hòa Bình\nÔng Lăng Văn Chiến, 45 tuổi, thôn Hòa Bình"
        ),
        matter=kinds["dat-dai"],
        summary="Tranh chấp ranh giới giữa hai thửa đất vườn liền kề, hàng rào lấn khoảng 0,5 m.",
    )
    services.case_start(case=boundary, by=clerk, started_on=received + timedelta(days=1))
    services.case_record_outcome(
        case=boundary,
        by=clerk,
        outcome=MediationCase.Outcome.SUCCESS,
        outcome_on=received + timedelta(days=6),
        agreement=(
            "Hai bên thống nhất ranh giới theo mốc đo của công chức địa chính; ông Chiến dời "
            "hàng rào về đúng mốc trong 30 ngày."
        ),
    )
    services.case_check_agreement(
        case=boundary,
        by=clerk,
        agreement_kept=MediationCase.Kept.YES,
        kept_checked_on=received + timedelta(days=40),
        kept_note="Hàng rào đã được dời về đúng mốc.",
    )

    # Thôn Đoàn Kết: the neighbours of a pig farm; mediation failed, and they sent petitions.
    received = today - timedelta(days=45)
    farm = services.case_create(
        team=teams["Thôn Đoàn Kết"],
        by=head,
        received_on=received,
        mediators=mediators["Thôn Đoàn Kết"][:2],
        parties=(
            "Ông Lộc Văn Hùng, 50 tuổi, thôn Đoàn Kết (đại diện các hộ lân cận)\n"
            "Ông Triệu Văn Phát, 47 tuổi, thôn Đoàn Kết (chủ trang trại lợn)"
        ),
        matter=kinds["hang-xom"],
        summary="Các hộ lân cận phản đối trang trại lợn xả nước thải ra suối, gây mùi hôi.",
    )
    services.case_start(case=farm, by=head, started_on=received + timedelta(days=2))
    services.case_record_outcome(
        case=farm,
        by=head,
        outcome=MediationCase.Outcome.FAILED,
        outcome_on=received + timedelta(days=8),
        agreement=(
            "Các hộ yêu cầu dừng xả thải và làm hầm biogas; chủ trang trại chỉ đồng ý làm hầm "
            "sau vụ nuôi, không dừng xả thải."
        ),
    )
    # The neighbours then wrote to the commune: the first of their petitions in the book.
    Petition = apps.get_model("petitions", "Petition")
    petition = (
        Petition.objects.filter(
            commune=commune, subject="Ô nhiễm mùi từ trang trại lợn gần khu dân cư"
        )
        .order_by("received_on", "number")
        .first()
    )
    if petition is not None:
        services.case_link_petition(case=farm, by=clerk, code=petition.code)
