"""The rules of mediation's steps: the start's time limit, refusals, the petition link, the
reminders and the figures."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.apps import apps

from danvan.conftest import World
from danvan.core.deadlines import forget_rules
from danvan.core.errors import DomainError
from danvan.core.models import AuditEntry, DeadlineRule, Notification
from danvan.mediation import reminders, selectors, services
from danvan.mediation.models import MatterKind, MediationCase, Mediator
from danvan.mediation.overview import figures
from danvan.mediation.tests.conftest import PARTIES, TODAY, Med, make_petition

Outcome = MediationCase.Outcome


def _case(med: Med, by: Any, received: date, assigned: date | None = None) -> MediationCase:
    return services.case_create(
        team=med.team,
        by=by,
        received_on=received,
        assigned_on=assigned,
        mediators=[med.leader],
        parties=PARTIES,
        matter=MatterKind.objects.get(code="hang-xom"),
        summary="Tiếng ồn, xả nước thải sang nhà bên.",
    )


# --- the start: 3 days from the assignment (Luật Hòa giải ở cơ sở 2013, UNVERIFIED) -----------


def test_it_gives_mediators_three_days_from_the_assignment_luat_hoa_giai_2013(
    world: World, med: Med
) -> None:
    case = _case(med, world.officer_a, date(2026, 6, 1), assigned=date(2026, 6, 8))
    assert case.start_due == date(2026, 6, 11)  # Monday + 3 days
    assert case.start_due_source.startswith("CHƯA KIỂM CHỨNG")
    # A last day that falls on a Saturday moves to the next working day (BLDS 2015 Art. 148(5)).
    assert _case(med, world.officer_a, date(2026, 6, 10)).start_due == date(2026, 6, 15)


def test_it_ships_the_start_rule_as_unverified(db: None) -> None:
    rule = DeadlineRule.objects.get(procedure="hoa-giai", step="bat-dau")
    assert (rule.days, rule.unit, rule.kind) == (3, "calendar", "deadline")
    assert rule.source.startswith("CHƯA KIỂM CHỨNG")
    assert "huyện" not in rule.source.lower()


def test_it_asks_a_reason_for_a_start_past_the_three_days(world: World, med: Med) -> None:
    with pytest.raises(DomainError, match="ghi lý do"):
        services.case_start(case=med.waiting, by=world.village_head, started_on=TODAY)
    case = services.case_start(
        case=med.waiting,
        by=world.village_head,
        started_on=TODAY,
        start_note="Các bên thỏa thuận hòa giải sau khi đi làm ăn xa về.",
    )
    assert case.start_state(TODAY) == "started_late"
    assert MediationCase.objects.get(pk=case.pk).started_on == TODAY


def test_it_refuses_a_start_before_the_assignment_or_twice(world: World, med: Med) -> None:
    with pytest.raises(DomainError, match="trước ngày phân công"):
        services.case_start(case=med.waiting, by=world.village_head, started_on=date(2026, 6, 7))
    with pytest.raises(DomainError, match="đã được ghi ngày bắt đầu"):
        services.case_start(case=med.started, by=world.village_head, started_on=TODAY)


def test_it_reports_a_case_waiting_past_its_start_as_late(med: Med) -> None:
    assert med.waiting.start_state(TODAY) == "late"
    assert med.waiting.start_state(date(2026, 6, 11)) == "waiting"
    assert med.started.start_state(TODAY) == "started"


def test_it_moves_the_start_of_cases_not_started_when_the_rule_changes(
    world: World, med: Med
) -> None:
    DeadlineRule.objects.filter(procedure="hoa-giai", step="bat-dau").update(days=5)
    forget_rules()
    assert services.cases_recompute_open() >= 1
    assert MediationCase.objects.get(pk=med.waiting.pk).start_due == date(2026, 6, 15)  # 13/06 Sat
    # A case already started keeps the day it was given.
    assert MediationCase.objects.get(pk=med.started.pk).start_due == med.started.start_due


# --- outcome and agreement -----------------------------------------------------------------


def test_it_requires_the_agreement_of_a_successful_mediation(world: World, med: Med) -> None:
    with pytest.raises(DomainError, match="ghi thỏa thuận"):
        services.case_record_outcome(
            case=med.started, by=world.village_head, outcome=Outcome.SUCCESS, outcome_on=TODAY
        )
    with pytest.raises(DomainError, match="bắt đầu hòa giải trước"):
        services.case_record_outcome(
            case=med.waiting,
            by=world.village_head,
            outcome=Outcome.FAILED,
            outcome_on=TODAY,
            agreement="Bên A đề nghị bồi thường; bên B không đồng ý.",
        )
    with pytest.raises(DomainError, match="đã có kết quả"):
        services.case_record_outcome(
            case=med.success, by=world.village_head, outcome=Outcome.FAILED, outcome_on=TODAY
        )


def test_it_routes_nothing_to_a_district(world: World, med: Med) -> None:
    with pytest.raises(DomainError, match="không còn cấp huyện"):
        services.case_record_outcome(
            case=med.waiting,
            by=world.officer_a,
            outcome=Outcome.REFERRED,
            outcome_on=TODAY,
            referred_to="Tòa án nhân dân huyện Cao Lộc",
        )
    with pytest.raises(DomainError, match="Ghi cơ quan"):
        services.case_record_outcome(
            case=med.waiting, by=world.officer_a, outcome=Outcome.REFERRED, outcome_on=TODAY
        )
    case = services.case_record_outcome(
        case=med.waiting,
        by=world.officer_a,
        outcome=Outcome.REFERRED,
        outcome_on=TODAY,
        referred_to="Cơ quan Công an xã Hồng Phong",
    )
    assert (case.outcome, case.referred_to) == (Outcome.REFERRED, "Cơ quan Công an xã Hồng Phong")


def test_it_checks_the_agreement_of_successful_cases_only(world: World, med: Med) -> None:
    with pytest.raises(DomainError, match="hòa giải thành"):
        services.case_check_agreement(
            case=med.started,
            by=world.village_head,
            agreement_kept=MediationCase.Kept.YES,
            kept_checked_on=TODAY,
        )
    with pytest.raises(DomainError, match="trước ngày hòa giải thành"):
        services.case_check_agreement(
            case=med.success,
            by=world.village_head,
            agreement_kept=MediationCase.Kept.YES,
            kept_checked_on=date(2026, 6, 4),
        )
    case = services.case_check_agreement(
        case=med.success,
        by=world.village_head,
        agreement_kept=MediationCase.Kept.NO,
        kept_checked_on=TODAY,
        kept_note="Hộ ông Bình chưa tháo dỡ hàng rào.",
    )
    assert (case.agreement_kept, case.kept_checked_on) == (MediationCase.Kept.NO, TODAY)


# --- the petition a mediated matter came back as -------------------------------------------


def test_it_links_the_commune_s_petition_by_its_code(world: World, med: Med) -> None:
    make_petition(world.other_commune, 16)
    case = services.case_link_petition(case=med.success, by=world.officer_a, code=" 15 / 2026 ")
    assert case.petition_id == med.petition.pk
    with pytest.raises(DomainError, match="Không có đơn số 16/2026"):
        services.case_link_petition(case=med.success, by=world.officer_a, code="16/2026")
    with pytest.raises(DomainError, match="số/năm"):
        services.case_link_petition(case=med.success, by=world.officer_a, code="đơn 15")
    entry = AuditEntry.objects.filter(action="mediation.petition_linked").get()
    assert entry.changes == {"petition": ["", "15/2026"]}


# --- teams, mediators, cases ----------------------------------------------------------------


def test_it_keeps_one_team_per_village_of_the_commune(world: World, med: Med) -> None:
    with pytest.raises(DomainError, match="đã có tổ hòa giải"):
        services.team_create(
            commune=world.commune, by=world.front, name="Tổ hai", village=world.village
        )
    with pytest.raises(DomainError, match="thôn, tổ dân phố của xã này"):
        services.team_create(
            commune=world.commune,
            by=world.front,
            name="Tổ sai",
            village=med.other_team.village,
        )


def test_it_refuses_a_second_active_team_leader(world: World, med: Med) -> None:
    with pytest.raises(DomainError, match="đã có tổ trưởng"):
        services.mediator_add(
            team=med.team, by=world.front, full_name="Nông Văn Tư", role=Mediator.Role.LEADER
        )


def test_it_assigns_only_active_mediators_of_the_team(world: World, med: Med) -> None:
    other = med.other_village_team.mediators.get()
    with pytest.raises(DomainError, match="của tổ này"):
        services.case_create(
            team=med.team,
            by=world.officer_a,
            received_on=TODAY,
            mediators=[other],
            parties=PARTIES,
            matter=MatterKind.objects.first(),  # type: ignore[arg-type]
            summary="…",
        )
    with pytest.raises(DomainError, match="ít nhất một"):
        services.case_create(
            team=med.team,
            by=world.officer_a,
            received_on=TODAY,
            mediators=[],
            parties=PARTIES,
            matter=MatterKind.objects.first(),  # type: ignore[arg-type]
            summary="…",
        )
    with pytest.raises(DomainError, match="không được trước ngày nhận"):
        _case(med, world.officer_a, TODAY, assigned=date(2026, 6, 1))


def test_it_numbers_cases_per_commune_and_year(world: World, med: Med) -> None:
    assert [c.number for c in MediationCase.objects.filter(commune=world.commune, year=2026)] == [
        4,
        3,
        2,
        1,
    ]
    assert med.other_case.code == "1/2026"


def test_it_writes_no_party_s_name_into_the_history(world: World, med: Med) -> None:
    entries = AuditEntry.objects.filter(action__startswith="mediation.")
    assert entries.count() > 5
    for entry in entries:
        assert "Nông Văn Bình" not in f"{entry.object_repr} {entry.changes}"


# --- reminders and figures ------------------------------------------------------------------


def test_it_reminds_the_village_head_once_of_a_case_not_started(world: World, med: Med) -> None:
    assert reminders.remind_not_started(today=TODAY) == {"not_started": 1}
    told = Notification.objects.filter(title__contains=f"số {med.waiting.code}")
    assert {n.user for n in told} == {world.village_head, world.chairman}
    assert all("Bình" not in n.title + n.body for n in told)
    assert reminders.remind_not_started(today=TODAY) == {"not_started": 0}


def test_it_counts_the_year_by_outcome_matter_team_and_agreement(world: World, med: Med) -> None:
    services.case_check_agreement(
        case=med.success,
        by=world.village_head,
        agreement_kept=MediationCase.Kept.YES,
        kept_checked_on=TODAY,
    )
    found = selectors.yearly_figures(world.commune.pk, 2026, TODAY)
    outcome = {r["key"]: r["value"] for r in found["by_outcome"]}
    assert outcome == {"pending": 3, "success": 1, "failed": 0, "referred": 0}
    assert {r["key"]: r["value"] for r in found["by_matter"]}["hon-nhan-gia-dinh"] == 1
    assert {r["key"]: r["value"] for r in found["agreements"]}["yes"] == 1
    teams = {r["team"]: r["total"] for r in found["by_team"]}
    assert teams == {"Tổ hòa giải thôn Đoàn Kết": 3, "Tổ hòa giải thôn Hòa Bình": 1}
    assert found["not_started_late"] == 1  # the case waiting since 08/06


def test_it_gives_the_overview_the_cases_not_started_in_time_as_late(
    world: World, med: Med
) -> None:
    part = figures(
        communes=[world.commune.pk], start=date(2026, 1, 1), end=date(2026, 12, 31), on=TODAY
    )["mediation"]
    assert (part["total"], part["done"], part["late"]) == (4, 1, 1)
    assert part["done_on_time"] == 1
    assert [i["title"] for i in part["late_items"]] == [
        f"Vụ, việc hòa giải số {med.waiting.code} chưa bắt đầu hòa giải"
    ]
    extra = {e["key"]: e["value"] for e in part["extra"]}
    assert extra["success"] == 1
    assert (
        figures(
            communes=[world.commune.pk],
            start=date(2026, 1, 1),
            end=date(2026, 12, 31),
            on=TODAY,
            units=[world.office_a.pk],
        )
        == {}
    )


def test_it_lists_late_cases_only_to_a_viewer_who_may_open_them(world: World, med: Med) -> None:
    def late_for(user: Any) -> list[str]:
        part = figures(
            communes=[world.commune.pk],
            start=date(2026, 1, 1),
            end=date(2026, 12, 31),
            on=TODAY,
            viewer=user,
        )["mediation"]
        return [i["url"] for i in part["late_items"]]

    assert len(late_for(world.chairman)) == 1
    assert late_for(world.province_viewer) == []
    assert late_for(world.readonly_a) == []


def test_it_stops_offering_a_mediator_who_left(world: World, med: Med) -> None:
    services.mediator_leave(mediator=med.mediator, by=world.front)
    with pytest.raises(DomainError, match="đã thôi hoạt động"):
        services.mediator_leave(mediator=med.mediator, by=world.front)
    with pytest.raises(DomainError, match="đang hoạt động của tổ này"):
        _case_with(med, world, [med.mediator])
    # The cases he mediated keep him.
    assert med.started.mediators.get() == med.mediator


def _case_with(med: Med, world: World, people: list[Mediator]) -> MediationCase:
    return services.case_create(
        team=med.team,
        by=world.officer_a,
        received_on=TODAY,
        mediators=people,
        parties=PARTIES,
        matter=MatterKind.objects.get(code="khac"),
        summary="…",
    )


def test_it_lists_the_team_s_open_cases_in_the_village_head_s_work(world: World, med: Med) -> None:
    items = apps.get_app_config("mediation").waiting_on(world.village_head, today=TODAY)
    assert sorted((i.kind, i.due) for i in items) == [
        ("Bắt đầu hòa giải", date(2026, 6, 11)),
        ("Ghi kết quả hòa giải", None),
    ]
    assert all("Bình" not in i.title for i in items)
    assert apps.get_app_config("mediation").waiting_on(world.officer_a, today=TODAY) == []


def test_danvan_remind_and_a_rule_change_reach_the_app_through_its_hooks(
    world: World, med: Med
) -> None:
    config = apps.get_app_config("mediation")
    assert config.send_reminders(today=TODAY) == {"not_started": 1}
    DeadlineRule.objects.filter(procedure="hoa-giai", step="bat-dau").update(days=10)
    forget_rules()
    # The three cases not started (two of Hồng Phong, one of the other commune), no other.
    assert config.on_rules_changed() == 3
    assert MediationCase.objects.get(pk=med.waiting.pk).start_due == date(2026, 6, 18)
