"""One record of each kind in the personas' commune, for the API's tests (built directly: the
tests look at what the API reads, not at how the apps create records)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from danvan.conftest import World
from danvan.consultations.models import Consultation
from danvan.decisions.models import CommunityDecision, MatterItem
from danvan.disclosures.models import Category, Disclosure
from danvan.petitions import services as petition_services
from danvan.petitions.models import Petition, PetitionKind
from danvan.plans.models import Plan, Task
from danvan.supervision.models import Activity, Board, Recommendation, SubjectKind

DENOUNCER = {"name": "Nguyễn Văn Tốcáo", "address": "Xóm Bí Mật 7", "phone": "0912345678"}
SECRETS = ("Tốcáo", "0912345678", "Bí Mật", "Tố cáo cán bộ")


@dataclass
class Records:
    plan: Plan
    task: Task
    petition: Petition
    disclosure: Disclosure
    consultation: Consultation
    decision: CommunityDecision
    recommendation: Recommendation

    def paths(self) -> dict[str, str]:
        """Every read endpoint, with a record of the personas' commune for the detail pages."""
        return {
            "/api/plans": "",
            f"/api/plans/{self.plan.pk}": "",
            "/api/tasks": "",
            f"/api/tasks/{self.task.pk}": "",
            "/api/petitions": "",
            f"/api/petitions/{self.petition.pk}": "",
            "/api/disclosures": "",
            f"/api/disclosures/{self.disclosure.pk}": "",
            "/api/consultations": "",
            f"/api/consultations/{self.consultation.pk}": "",
            "/api/decisions": "",
            f"/api/decisions/{self.decision.pk}": "",
            "/api/supervision/recommendations": "",
            f"/api/supervision/recommendations/{self.recommendation.pk}": "",
            "/api/overview": "commune",
        }


def denunciation(world: World) -> Petition:
    return petition_services.petition_receive(
        commune=world.commune,
        by=world.officer_b,
        channel=Petition.Channel.IN_PERSON,
        kind=PetitionKind.DENUNCIATION,
        subject="Tố cáo cán bộ địa chính",
        content="Tôi là Nguyễn Văn Tốcáo, số 0912345678, tố cáo việc thu tiền trái phép.",
        received_on=date(2026, 3, 2),
        identity=DENOUNCER,
    )


def build(world: World, plan: Plan, task: Task) -> Records:
    c = world.commune
    board = Board.objects.create(
        commune=c,
        kind=Board.Kind.INSPECTION,
        name="Ban Thanh tra nhân dân",
        organiser=world.front_unit,
        term_start=date(2026, 1, 1),
    )
    activity = Activity.objects.create(
        commune=c,
        board=board,
        subject_kind=SubjectKind.objects.first(),
        subject="Chi trả chế độ",
        started_on=date(2026, 2, 1),
        ended_on=date(2026, 2, 5),
        method=Activity.Method.DOCUMENTS,
        findings="Chậm chi trả.",
        created_by=world.front,
    )
    return Records(
        plan=plan,
        task=task,
        petition=denunciation(world),
        disclosure=Disclosure.objects.create(
            commune=c,
            category=Category.objects.order_by("number").first(),
            title="Dự toán ngân sách 2026",
            content="Dự toán.",
            decided_on=date(2026, 1, 5),
            responsible_unit=world.office_b,
        ),
        consultation=Consultation.objects.create(
            commune=c, title="Dự thảo quy hoạch", lead_unit=world.office_a
        ),
        decision=CommunityDecision.objects.create(
            commune=c,
            item=MatterItem.objects.order_by("number").first(),
            title="Làm đường thôn",
            content="Đóng góp làm đường.",
            scope=CommunityDecision.Scope.VILLAGE,
            form=CommunityDecision.Form.MEETING,
        ),
        recommendation=Recommendation.objects.create(
            commune=c,
            activity=activity,
            year=2026,
            number=1,
            title="Chi trả đúng hạn",
            content="Kiến nghị chi trả.",
            addressed_to="UBND xã",
            sent_on=date(2026, 2, 6),
            created_by=world.front,
        ),
    )
