"""The leaders' loop in the demo (issue 12): a conclusion waiting for the chairman's signature
and a chase of his, gone unanswered past its day, to the plan's lead unit about an overdue duty; a meeting called in the village head's village, of which he is told."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from danvan.core.models import Unit, User
from danvan.decisions import services as decisions
from danvan.decisions.models import MatterItem
from danvan.demo.units import user
from danvan.leaders.models import Directive
from danvan.leaders.services import directive_send
from danvan.petitions import services
from danvan.petitions.models import Petition, PetitionKind
from danvan.plans.models import Plan, Task

PROPOSED_SUBJECT = "Kiến nghị sửa chữa nhà văn hóa thôn Hòa Bình"
MEETING_TITLE = "Góp công nạo vét kênh mương nội đồng thôn Đoàn Kết"
CHASE_TEXT = (
    "Đề nghị Phòng Văn hóa - Xã hội báo cáo ngay kết quả quý III của nhiệm vụ này, "
    "nêu rõ số liệu và nguyên nhân chậm."
)


def play_leaders(plan: Plan, units: dict[str, Unit], *, today: date) -> None:
    commune, vhxh_unit = units["xã"], units["Phòng VH-XH"]
    chairman, officer, desk = user("chutich"), user("vhxh"), user("vanphong")

    # A kiến nghị handled by Phòng VH-XH, its answer drafted and put to the chairman to sign
    # (status "proposed"): he signs it in the journey and downloads the answer letter.
    p = services.petition_receive(
        commune=commune,
        by=desk,
        kind=PetitionKind.RECOMMENDATION,
        subject=PROPOSED_SUBJECT,
        content="Mái nhà văn hóa thôn bị dột, tường nứt; đề nghị UBND xã hỗ trợ sửa chữa.",
        received_on=today - timedelta(days=24),
        channel=Petition.Channel.IN_PERSON,
        identity={"name": "Hoàng Văn Thắng", "address": "Thôn Hòa Bình"},
        village=units["Thôn Hòa Bình"],
        topic=Petition.Topic.CONSTRUCTION,
    )
    services.petition_classify(petition=p, by=chairman, competent=True, conditions_met=True)
    services.petition_assign(petition=p, by=chairman, handler=officer, unit=vhxh_unit)
    services.petition_accept(petition=p, by=chairman, accepted_on=today - timedelta(days=20))
    services.petition_resolve(
        petition=p,
        by=officer,
        decided_on=today - timedelta(days=2),
        outcome="Bố trí kinh phí sửa mái và tường nhà văn hóa thôn Hòa Bình trong quý I/2027.",
        public_answer=(
            "UBND xã ghi nhận kiến nghị và bố trí kinh phí sửa chữa nhà văn hóa thôn Hòa Bình "
            "trong quý I năm 2027."
        ),
        legal_basis="Luật Thực hiện dân chủ ở cơ sở 2022, Điều 35.",
    )

    # The chairman chased Phòng VH-XH a week ago about one of its overdue duties, to answer
    # in five days: nobody has answered, so the chase is late (the service refuses a past
    # day, so the sending is played today and its dates moved back, as a week would have).
    overdue = (
        plan.tasks.live()
        .open()
        .filter(lead_unit=vhxh_unit, next_due__lt=today)  # overdue (plans.models.status_expression)
        .order_by("next_due", "pk")
        .first()
    )
    if overdue is not None:
        _chase(overdue, chairman, vhxh_unit, today)

    # The office calls a meeting in Thôn Đoàn Kết ten days ahead: its head is told and finds
    # it on "Việc của tôi" (issue 12, item 4).
    ditch = decisions.decision_create(
        commune=commune,
        item=MatterItem.objects.get(number=1),
        title=MEETING_TITLE,
        content="Nạo vét 1,2 km kênh mương trước vụ xuân; mỗi hộ góp 2 ngày công.",
        scope="village",
        villages=[units["Thôn Đoàn Kết"]],
        form="meeting",
        by=desk,
    )
    held = today + timedelta(days=10)
    decisions.meeting_create(
        decision=ditch,
        village=units["Thôn Đoàn Kết"],
        held_on=held,
        place="Nhà văn hóa thôn Đoàn Kết",
        notice_on=today,
        convened_by="Trưởng thôn Đoàn Kết",
        by=desk,
    )


def _chase(task: Task, chairman: User, unit: Unit, today: date) -> None:
    d = directive_send(
        target=task,
        by=chairman,
        kind=Directive.Kind.CHASE,
        text=CHASE_TEXT,
        due_on=today,
        to_unit=unit,
    )
    Directive.objects.filter(pk=d.pk).update(
        sent_at=timezone.now() - timedelta(days=7), due_on=today - timedelta(days=2)
    )
