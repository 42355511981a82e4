"""The demo's commendations (issue 14), played by load-demo after the other stories.

The inspections story already put one line in the register: the Giấy khen of the one-stop
centre's desk after its inspection (25/QĐ-UBND, through inspections.services.measure_record).
Here the chairman signs one more decision of Giấy khen: the Front's proposal for Thôn Hòa
Bình's mediation team (granted into it), the Front's work group of Thôn Đoàn Kết for its
"Dân vận khéo" model, and the director of the one-stop centre after its inspection; and the
Culture office's proposal for the women's branch of Thôn Tân Tiến waits for the leaders.
"""

from __future__ import annotations

from datetime import date, timedelta

from danvan.commendations import services
from danvan.commendations.models import AwardForm, RecipientKind, Source
from danvan.core.models import Unit
from danvan.demo.units import user
from danvan.inspections.models import Inspection
from danvan.mediation.models import MediationTeam

DECISION = "186/QĐ-UBND"


def play_commendations(units: dict[str, Unit], *, today: date) -> None:
    commune = units["xã"]
    chairman, mttq, vhxh = user("chutich"), user("mttq"), user("vhxh")
    giay_khen = AwardForm.objects.get(code="giay-khen")
    signed = today - timedelta(days=12)
    name, title = chairman.full_name, "Chủ tịch"

    team = MediationTeam.objects.filter(village=units["Thôn Hòa Bình"]).first()
    proposal = services.proposal_create(
        commune=commune,
        by=mttq,
        source=Source.MEDIATION,
        source_label=team.name if team else "Tổ hòa giải thôn Hòa Bình",
        source_url=team.get_absolute_url() if team else "",
        recipient="Tổ hòa giải thôn Hòa Bình",
        recipient_kind=RecipientKind.COLLECTIVE,
        recipient_unit=units["Thôn Hòa Bình"],
        achievement="Hòa giải thành các vụ, việc tranh chấp ranh giới đất vườn trong năm, "
        "các bên tự nguyện thực hiện thỏa thuận",
        form=giay_khen,
        reason=f"Tổ có thành tích tiêu biểu trong công tác hòa giải ở cơ sở năm {signed.year}.",
        proposing_unit=units["UBMTTQ"],
    )
    services.proposal_grant(
        proposal=proposal,
        by=chairman,
        decision_number=DECISION,
        decided_on=signed,
        signer_name=name,
        signer_title=title,
    )
    services.award_record(
        commune=commune,
        by=chairman,
        source=Source.MOVEMENT,
        source_label="Mô hình “Dân vận khéo”: vận động hiến đất làm đường thôn Đoàn Kết",
        source_url="",
        recipient="Ban công tác Mặt trận thôn Đoàn Kết",
        recipient_kind=RecipientKind.COLLECTIVE,
        recipient_unit=units["Thôn Đoàn Kết"],
        achievement="Vận động 46 hộ hiến đất, góp công làm 1,2 km đường giao thông nông thôn",
        form=giay_khen,
        decision_number=DECISION,
        decided_on=signed,
        signer_name=name,
        signer_title=title,
    )
    inspection = (
        Inspection.objects.filter(commune=commune, inspected_unit=units["TT PVHCC"])
        .order_by("pk")
        .first()
    )
    services.award_record(
        commune=commune,
        by=chairman,
        source=Source.INSPECTION,
        source_label=str(inspection) if inspection else "Kiểm tra công vụ",
        source_url=inspection.get_absolute_url() if inspection else "",
        recipient="Bà Nông Thị Hà",
        recipient_kind=RecipientKind.INDIVIDUAL,
        recipient_unit=units["TT PVHCC"],
        achievement="Chỉ đạo khắc phục ngay các hạn chế sau kiểm tra công vụ; 100% hồ sơ trả "
        "kết quả đúng hẹn",
        form=giay_khen,
        decision_number=DECISION,
        decided_on=signed,
        signer_name=name,
        signer_title=title,
    )
    services.proposal_create(
        commune=commune,
        by=vhxh,
        source=Source.MOVEMENT,
        source_label="Mô hình “Dân vận khéo”: phân loại rác tại nguồn",
        source_url="",
        recipient="Chi hội Phụ nữ thôn Tân Tiến",
        recipient_kind=RecipientKind.COLLECTIVE,
        recipient_unit=units["Thôn Tân Tiến"],
        achievement="Vận động 100% hộ phân loại rác thải sinh hoạt tại nguồn",
        form=giay_khen,
        reason="Đề nghị khen thưởng nhân dịp tổng kết phong trào “Dân vận khéo” cuối năm.",
        proposing_unit=units["Phòng VH-XH"],
    )
