"""The rules of the register: a decision found or made by its number, the proposals' steps,
refusals of bad input, the audit."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from danvan.commendations import services
from danvan.commendations.models import Award, AwardForm, Decision, Proposal, RecipientKind, Source
from danvan.conftest import World
from danvan.core.errors import DomainError
from danvan.core.models import AuditEntry

pytestmark = pytest.mark.usefixtures("frozen")


def _award(world: World, form: AwardForm, **kw: Any) -> Award:
    args: dict[str, Any] = {
        "commune": world.commune,
        "by": world.chairman,
        "source": Source.MOVEMENT,
        "source_label": "Mô hình “Dân vận khéo” thôn Đoàn Kết",
        "source_url": "",
        "recipient": "Ban công tác Mặt trận thôn Đoàn Kết",
        "recipient_kind": RecipientKind.COLLECTIVE,
        "achievement": "Vận động nhân dân hiến đất làm đường",
        "form": form,
        "decision_number": "45/QĐ-UBND",
        "decided_on": date(2026, 6, 1),
        "signer_name": "Hoàng Văn Chủ",
        "signer_title": "Chủ tịch",
    }
    args.update(kw)
    return services.award_record(**args)


def test_the_commune_forms_come_from_the_law_of_2022_article_80(db: None) -> None:
    commune_forms = AwardForm.objects.filter(level=AwardForm.Level.COMMUNE, is_active=True)
    assert {"giay-khen", "lao-dong-tien-tien", "gia-dinh-van-hoa"} <= set(
        commune_forms.values_list("code", flat=True)
    )
    assert "Điều 80 khoản 3" in AwardForm.objects.get(code="giay-khen").source
    # No district level since 01/07/2025.
    assert not AwardForm.objects.filter(issuer__icontains="huyện").exists()


def test_awards_of_one_number_share_one_decision(world: World, giay_khen: AwardForm) -> None:
    first = _award(world, giay_khen)
    second = _award(
        world,
        giay_khen,
        recipient="Lường Văn Thắng",
        recipient_kind=RecipientKind.INDIVIDUAL,
        source=Source.MEDIATION,
        decision_number=" 45/QĐ-UBND ",
    )
    assert first.decision_id == second.decision_id
    decision = Decision.objects.get()
    assert decision.signer_name == "Hoàng Văn Chủ"
    assert decision.awards.count() == 2
    assert first.year == 2026
    assert "ban cong tac mat tran thon doan ket" in first.search
    actions = list(AuditEntry.objects.values_list("action", flat=True).order_by("pk"))
    assert actions == [
        "commendations.decision_created",
        "commendations.award_recorded",
        "commendations.award_recorded",
    ]


def test_a_number_already_used_for_another_form_or_day_is_refused(
    world: World, giay_khen: AwardForm, lao_dong: AwardForm
) -> None:
    _award(world, giay_khen)
    with pytest.raises(DomainError, match="Giấy khen"):
        _award(world, lao_dong)
    with pytest.raises(DomainError, match="01/06/2026"):
        _award(world, giay_khen, decided_on=date(2026, 6, 2))
    # Another commune may use the same number.
    other = _award(world, giay_khen, commune=world.other_commune, by=world.outsider)
    assert other.decision.commune_id == world.other_commune.pk


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"recipient": "  "}, "Ghi tên"),
        ({"achievement": ""}, "thành tích"),
        ({"decided_on": date(2026, 6, 16)}, "không được sau hôm nay"),
        ({"decided_on": date(1999, 1, 1)}, "từ năm 2000"),
        ({"decision_number": ""}, "số quyết định"),
        ({"recipient_kind": "family"}, "tập thể hoặc cá nhân"),
        ({"source": "district"}, "khen thưởng về"),
        ({"source_url": "https://example.org/"}, "trang của hệ thống"),
    ],
)
def test_bad_input_is_refused_in_vietnamese(
    world: World, giay_khen: AwardForm, change: dict[str, Any], message: str
) -> None:
    with pytest.raises(DomainError, match=message):
        _award(world, giay_khen, **change)
    assert not Award.objects.exists()
    assert not Decision.objects.exists()


def test_a_unit_of_another_commune_or_an_inactive_form_is_refused(
    world: World, giay_khen: AwardForm
) -> None:
    with pytest.raises(DomainError, match="thuộc xã này"):
        _award(world, giay_khen, recipient_unit=world.other_office)
    giay_khen.is_active = False
    giay_khen.save()
    with pytest.raises(DomainError, match="không còn dùng"):
        _award(world, giay_khen)


def _proposal(world: World, form: AwardForm, **kw: Any) -> Proposal:
    args: dict[str, Any] = {
        "commune": world.commune,
        "by": world.front,
        "source": Source.MEDIATION,
        "source_label": "Tổ hòa giải thôn Đoàn Kết",
        "source_url": "/can-bo/hoa-giai/to/1/",
        "recipient": "Tổ hòa giải thôn Đoàn Kết",
        "recipient_kind": RecipientKind.COLLECTIVE,
        "achievement": "Hòa giải thành 12/12 vụ, việc năm 2026",
        "form": form,
        "recipient_unit": world.village,
        "proposing_unit": world.front_unit,
    }
    args.update(kw)
    return services.proposal_create(**args)


def test_a_proposal_granted_enters_the_register(world: World, giay_khen: AwardForm) -> None:
    proposal = _proposal(world, giay_khen)
    assert proposal.status == Proposal.Status.PENDING
    award = services.proposal_grant(
        proposal=proposal,
        by=world.chairman,
        decision_number="50/QĐ-UBND",
        decided_on=date(2026, 6, 10),
        signer_name="Hoàng Văn Chủ",
        signer_title="Chủ tịch",
    )
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.GRANTED
    assert proposal.decided_on == date(2026, 6, 15)
    assert award.proposal == proposal
    assert award.recipient_unit == world.village
    assert award.source_url == "/can-bo/hoa-giai/to/1/"
    assert award.decision.number == "50/QĐ-UBND"
    with pytest.raises(DomainError, match="đã được xét"):
        services.proposal_grant(
            proposal=proposal,
            by=world.chairman,
            decision_number="51/QĐ-UBND",
            decided_on=date(2026, 6, 10),
        )
    # Granted into an existing decision: same number, same day, same form.
    second = _proposal(world, giay_khen, recipient="Chu Thị Mai", recipient_kind="individual")
    again = services.proposal_grant(
        proposal=second,
        by=world.chairman,
        decision_number="50/QĐ-UBND",
        decided_on=date(2026, 6, 10),
    )
    assert again.decision_id == award.decision_id


def test_a_refusal_needs_its_reason(world: World, giay_khen: AwardForm) -> None:
    proposal = _proposal(world, giay_khen)
    with pytest.raises(DomainError, match="lý do"):
        services.proposal_refuse(proposal=proposal, by=world.chairman, reason=" ")
    services.proposal_refuse(
        proposal=proposal, by=world.chairman, reason="Thành tích đã được khen năm 2025"
    )
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.REFUSED
    assert not Award.objects.exists()
    assert AuditEntry.objects.filter(action="commendations.proposal_refused").exists()


def test_a_proposal_from_another_commune_unit_is_refused(
    world: World, giay_khen: AwardForm
) -> None:
    with pytest.raises(DomainError, match="Đơn vị đề nghị"):
        _proposal(world, giay_khen, proposing_unit=world.other_office)
    with pytest.raises(DomainError, match="thuộc xã này"):
        _proposal(world, giay_khen, recipient_unit=world.other_office)
