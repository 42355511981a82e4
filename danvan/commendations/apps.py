from typing import Any

from danvan.core import domain


class CommendationsConfig(domain.AppConfig):
    name = "danvan.commendations"
    verbose_name = "Khen thưởng"
    overview = "danvan.commendations.overview.figures"
    my_work = "danvan.commendations.work.waiting_on"
    actions = {
        "commendations.decision_created": "Ghi quyết định khen thưởng",
        "commendations.award_recorded": "Ghi vào sổ khen thưởng",
        "commendations.proposal_created": "Đề nghị khen thưởng",
        "commendations.proposal_granted": "Khen thưởng theo đề nghị",
        "commendations.proposal_refused": "Không khen thưởng theo đề nghị",
    }
    fields = {
        "number": "Số quyết định",
        "signed_on": "Ngày ký",
        "form": "Hình thức khen thưởng",
        "recipient": "Tập thể, cá nhân",
        "recipient_kind": "Loại",
        "source": "Khen thưởng về",
        "decision": "Quyết định",
        "status": "Tình trạng",
        "refusal_reason": "Lý do không khen thưởng",
    }

    def values(self) -> dict[str, dict[str, dict[str, Any]]]:
        """The codes the history stores, in words."""
        from danvan.commendations.models import Proposal, RecipientKind, Source

        kinds = {"source": dict(Source.choices), "recipient_kind": dict(RecipientKind.choices)}
        status = {"status": dict(Proposal.Status.choices)}
        return {
            "commendations.award_recorded": kinds,
            "commendations.proposal_created": kinds,
            "commendations.proposal_granted": status,
            "commendations.proposal_refused": status,
        }
