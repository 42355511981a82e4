"""One test per legal time limit, each naming its article (dates in 2026, holidays of that year)."""

from datetime import date

import pytest
import time_machine
from django.core.management import call_command

from danvan.conftest import World
from danvan.core.deadlines import Circumstances
from danvan.core.deadlines import due as deadline
from danvan.core.errors import DomainError
from danvan.core.models import DeadlineRule
from danvan.lib.deadlines import CALENDAR, WORKING, Limit, count
from danvan.lib.workdays import WorkCalendar
from danvan.petitions import services
from danvan.petitions.models import Petition, PetitionKind

pytestmark = pytest.mark.django_db


def due(procedure: str, step: str, start: date, **c: bool | int) -> date:
    return deadline(procedure, step, start, Circumstances(**c))[0].due  # type: ignore[arg-type]


def test_denunciation_initial_handling_is_7_working_days_art_24_1() -> None:
    # Luật Tố cáo 2018 Art. 24(1): Monday 05/10/2026 + 7 working days = Wednesday 14/10.
    assert due("to-cao", "xu-ly-ban-dau", date(2026, 10, 5)) == date(2026, 10, 14)


def test_denunciation_initial_handling_is_10_days_with_several_places_art_24_1() -> None:
    assert due("to-cao", "xu-ly-ban-dau", date(2026, 10, 5), several_places=True) == date(
        2026, 10, 19
    )


def test_denunciation_forwarding_is_5_working_days_art_24_2() -> None:
    assert due("to-cao", "chuyen-don", date(2026, 10, 5)) == date(2026, 10, 12)


def test_denunciation_resolution_is_30_days_from_acceptance_art_30() -> None:
    # 30 calendar days from 02/03/2026 end 01/04/2026, a Wednesday.
    assert due("to-cao", "giai-quyet", date(2026, 3, 2)) == date(2026, 4, 1)


def test_denunciation_resolution_allows_one_extension_if_complex_art_30() -> None:
    # 02/03 + 60 days = 01/05 (Labour Day), so the deadline is Monday 04/05 (BLDS Art. 148).
    assert due("to-cao", "giai-quyet", date(2026, 3, 2), complex=True, extensions=1) == date(
        2026, 5, 4
    )
    with pytest.raises(DomainError):
        due("to-cao", "giai-quyet", date(2026, 3, 2), complex=True, extensions=2)


def test_denunciation_resolution_allows_two_extensions_if_especially_complex_art_30() -> None:
    assert due("to-cao", "giai-quyet", date(2026, 3, 2), very_complex=True, extensions=2) == date(
        2026, 6, 1
    )


def test_a_simple_denunciation_cannot_be_extended_art_30() -> None:
    with pytest.raises(DomainError):
        due("to-cao", "giai-quyet", date(2026, 3, 2), extensions=1)


def test_first_complaint_acceptance_is_10_working_days_art_27() -> None:
    # Luật Khiếu nại 2011 Art. 27; TT 07/2013 Art. 5. Tết 16–20/02/2026 is skipped.
    assert due("khieu-nai-lan-1", "thu-ly", date(2026, 2, 13)) == date(2026, 3, 6)


@pytest.mark.parametrize(
    ("flags", "expected"),
    [
        ({}, date(2026, 4, 1)),  # 30 days
        ({"complex": True}, date(2026, 4, 16)),  # 45 days
        ({"remote": True}, date(2026, 4, 16)),  # 45 days
        ({"remote": True, "complex": True}, date(2026, 5, 4)),  # 60 days: 01/05 → 04/05
    ],
)
def test_first_complaint_resolution_limits_art_28(flags: dict[str, bool], expected: date) -> None:
    assert due("khieu-nai-lan-1", "giai-quyet", date(2026, 3, 2), **flags) == expected


@pytest.mark.parametrize(
    ("flags", "expected"),
    [
        ({}, date(2026, 4, 16)),  # 45 days
        ({"complex": True}, date(2026, 5, 4)),  # 60 days: Friday 01/05 is Labour Day
        ({"remote": True}, date(2026, 5, 4)),
        ({"remote": True, "complex": True}, date(2026, 5, 11)),  # 70 days
    ],
)
def test_second_complaint_resolution_limits_art_37(flags: dict[str, bool], expected: date) -> None:
    assert due("khieu-nai-lan-2", "giai-quyet", date(2026, 3, 2), **flags) == expected


def test_reception_answer_is_10_working_days_art_28_1() -> None:
    # Luật Tiếp công dân 2013 Art. 28(1).
    # 27/04 is the observed Giỗ Tổ (26/04 is a Sunday), 30/04 and 01/05 are off.
    assert due("tiep-cong-dan", "tra-loi", date(2026, 4, 24)) == date(2026, 5, 13)


def test_a_calendar_limit_ending_on_a_day_off_ends_on_the_next_working_day_art_148() -> None:
    cal = WorkCalendar()
    result = count(date(2026, 8, 3), Limit(30, CALENDAR), cal)  # 02/09 is National Day
    assert result.due == date(2026, 9, 3)
    assert any("Điều 148" in step for step in result.steps)


def test_the_day_of_the_event_is_not_counted_art_147() -> None:
    assert count(date(2026, 10, 5), Limit(1, WORKING), WorkCalendar()).due == date(2026, 10, 6)


def test_an_administrator_changes_the_unit_of_a_rule_without_code() -> None:
    rule = DeadlineRule.objects.get(procedure="tiep-cong-dan", step="tra-loi")
    rule.unit = DeadlineRule.Unit.CALENDAR
    rule.save()
    assert due("tiep-cong-dan", "tra-loi", date(2026, 4, 24)) == date(
        2026, 5, 4
    )  # 04/05, 01/05 is off


def test_a_rule_applies_only_while_in_force() -> None:
    old = DeadlineRule.objects.get(procedure="khieu-nai-lan-1", step="thu-ly")
    old.effective_to = date(2026, 6, 30)
    old.save()
    DeadlineRule.objects.create(
        procedure="khieu-nai-lan-1",
        step="thu-ly",
        name="Thụ lý (luật sửa đổi)",
        days=7,
        unit=DeadlineRule.Unit.WORKING,
        start_event="ngày nhận",
        effective_from=date(2026, 7, 1),
        source="Luật 136/2025/QH15 (ví dụ)",
    )
    assert due("khieu-nai-lan-1", "thu-ly", date(2026, 6, 1)) == date(2026, 6, 15)
    assert due("khieu-nai-lan-1", "thu-ly", date(2026, 7, 6)) == date(2026, 7, 15)


def test_the_command_prints_json(capsys: pytest.CaptureFixture[str]) -> None:
    call_command(
        "deadline",
        "--procedure",
        "to-cao",
        "--step",
        "giai-quyet",
        "--from",
        "2026-03-02",
        "--complex",
        "--extensions",
        "1",
        "--json",
    )
    import json

    out = json.loads(capsys.readouterr().out)
    assert {k: out[k] for k in ("due", "days", "unit", "rule", "source")} == {
        "due": "2026-05-04",
        "days": 60,
        "unit": "calendar",
        "rule": "to-cao/giai-quyet",
        "source": "Luật Tố cáo 2018, Điều 30",
    }


class TestCase:
    def _complaint(self, world: World, **kw: object) -> Petition:
        return services.petition_receive(
            commune=world.commune,
            by=world.officer_b,
            channel="in_person",
            kind=PetitionKind.COMPLAINT,
            subject="Khiếu nại quyết định thu hồi đất",
            content="Nội dung khiếu nại",
            received_on=date(2026, 3, 2),
            identity={"name": "Nguyễn Văn Dân"},
            **kw,
        )

    def test_it_numbers_petitions_per_commune_and_year(self, world: World) -> None:
        a, b = self._complaint(world), self._complaint(world)
        assert (a.code, b.code) == ("1/2026", "2/2026")
        assert a.tracking_code != b.tracking_code and len(a.tracking_code) == 10

    def test_it_starts_the_acceptance_period_on_intake(self, world: World) -> None:
        p = self._complaint(world)
        assert (p.procedure, p.step, p.due_on) == ("khieu-nai-lan-1", "thu-ly", date(2026, 3, 16))

    def test_it_runs_a_complaint_through_accept_extend_pause_resume_resolve(
        self, world: World
    ) -> None:
        p = self._complaint(world)
        services.petition_classify(
            petition=p, by=world.chairman, competent=True, conditions_met=True
        )
        services.petition_accept(petition=p, by=world.chairman, accepted_on=date(2026, 3, 9))
        assert p.due_on == date(2026, 4, 8)  # 30 days (Art. 28)
        services.petition_pause(
            petition=p, by=world.chairman, on=date(2026, 3, 20), reason="Chờ kết quả giám định"
        )
        with time_machine.travel(date(2026, 4, 20)):
            assert not p.is_overdue()  # a paused case is not overdue
        services.petition_resume(
            petition=p, by=world.chairman, on=date(2026, 3, 30), reason="Đã có kết quả"
        )
        assert p.due_on == date(2026, 4, 20)  # 10 paused days added: 18/04 is a Saturday → 20/04
        services.petition_resolve(
            petition=p, by=world.chairman, decided_on=date(2026, 4, 17), outcome="Giữ nguyên"
        )
        assert p.status == Petition.Status.RESOLVED and p.closed_on_time is True
        assert [e.kind for e in p.events.all()] == [
            "received",
            "accepted",
            "paused",
            "resumed",
            "resolved",
        ]

    def test_it_refuses_a_decision_before_acceptance(self, world: World) -> None:
        p = self._complaint(world)
        services.petition_accept(petition=p, by=world.chairman, accepted_on=date(2026, 3, 9))
        with pytest.raises(DomainError, match="trước ngày thụ lý"):
            services.petition_resolve(
                petition=p, by=world.chairman, decided_on=date(2026, 3, 5), outcome="x"
            )

    def test_it_treats_an_anonymous_denunciation_as_information_art_25(self, world: World) -> None:
        p = services.petition_receive(
            commune=world.commune,
            by=None,
            channel="portal",
            kind=PetitionKind.DENUNCIATION,
            subject="Tố cáo cán bộ",
            content="…",
            received_on=date(2026, 3, 2),
        )
        assert p.anonymous
        with pytest.raises(DomainError, match="Điều 25"):
            services.petition_accept(petition=p, by=world.chairman, accepted_on=date(2026, 3, 3))
        services.petition_route(
            petition=p, by=world.chairman, outcome="information", on=date(2026, 3, 3)
        )
        assert p.status == Petition.Status.INFORMATION

    def test_it_recomputes_open_cases_when_a_rule_changes(self, world: World) -> None:
        p = self._complaint(world)
        DeadlineRule.objects.filter(procedure="khieu-nai-lan-1", step="thu-ly").update(days=5)
        assert services.petitions_recompute_open() == 1
        p.refresh_from_db()
        assert p.due_on == date(2026, 3, 9)

    def test_it_recomputes_open_cases_when_the_operator_edits_a_rule(self, world: World) -> None:
        p = self._complaint(world)
        rule = DeadlineRule.objects.get(procedure="khieu-nai-lan-1", step="thu-ly")
        form = {
            f.name: getattr(rule, f.name)
            for f in DeadlineRule._meta.fields
            if f.name != "id" and getattr(rule, f.name) is not None
        }
        form.update(days=5, effective_from=rule.effective_from.strftime("%d/%m/%Y"))
        c = world.client(world.operator)  # the rules are every commune's: the operator's
        response = c.post(f"/quan-tri/core/deadlinerule/{rule.pk}/change/", form)
        assert response.status_code == 302, response.content.decode()[:2000]
        p.refresh_from_db()
        assert p.due_on == date(2026, 3, 9)


class TestSteps:
    def test_it_records_verification_and_dialogue_between_acceptance_and_decision(
        self, world: World
    ) -> None:
        p = services.petition_receive(
            commune=world.commune,
            by=world.officer_b,
            channel="in_person",
            kind=PetitionKind.COMPLAINT,
            subject="Khiếu nại",
            content="…",
            received_on=date(2026, 3, 2),
            identity={"name": "Dân"},
        )
        with pytest.raises(DomainError):  # not before acceptance
            services.petition_record_step(
                petition=p, by=world.chairman, step="verified", on=date(2026, 3, 3), note="x"
            )
        services.petition_accept(petition=p, by=world.chairman, accepted_on=date(2026, 3, 9))
        services.petition_record_step(
            petition=p,
            by=world.chairman,
            step="verified",
            on=date(2026, 3, 16),
            note="Xác minh tại thực địa",
        )
        services.petition_record_step(
            petition=p,
            by=world.chairman,
            step="dialogue",
            on=date(2026, 3, 20),
            note="Biên bản đối thoại",
        )
        with pytest.raises(DomainError, match="trước ngày thụ lý"):
            services.petition_record_step(
                petition=p, by=world.chairman, step="dialogue", on=date(2026, 3, 5), note="x"
            )
        with pytest.raises(DomainError, match="không hợp lệ"):  # a conclusion is signed off
            services.petition_record_step(
                petition=p, by=world.chairman, step="concluded", on=date(2026, 3, 25), note="x"
            )
        assert [e.kind for e in p.events.all()] == ["received", "accepted", "verified", "dialogue"]

    def test_it_shows_the_step_but_not_its_notes_to_the_public(self, world: World) -> None:
        p = services.petition_receive(
            commune=world.commune,
            by=world.officer_b,
            channel="in_person",
            kind=PetitionKind.COMPLAINT,
            subject="Khiếu nại",
            content="…",
            received_on=date(2026, 3, 2),
            identity={"name": "Dân"},
        )
        services.petition_accept(petition=p, by=world.chairman, accepted_on=date(2026, 3, 9))
        services.petition_record_step(
            petition=p,
            by=world.chairman,
            step="dialogue",
            on=date(2026, 3, 20),
            note="Ông Nguyễn Văn Bí mật",
        )
        page = world.client(None).get(f"/don/{p.tracking_code}/").content.decode()
        assert "Tổ chức đối thoại" in page and "Bí mật" not in page

    def test_it_records_a_step_from_the_case_page(self, world: World) -> None:
        p = services.petition_receive(
            commune=world.commune,
            by=world.officer_b,
            channel="in_person",
            kind=PetitionKind.COMPLAINT,
            subject="Khiếu nại",
            content="…",
            received_on=date(2026, 3, 2),
            identity={"name": "Dân"},
        )
        services.petition_accept(petition=p, by=world.chairman, accepted_on=date(2026, 3, 9))
        url = f"/can-bo/don-thu/{p.pk}/buoc-xu-ly/"
        c = world.client(world.officer_b)
        assert c.get(url).status_code == 405
        response = c.post(
            url, {"bx-step": "verified", "bx-on": "16/03/2026", "bx-note": "Đã xác minh"}
        )
        assert response.status_code == 302
        assert p.events.filter(kind="verified").exists()
        assert (
            world.client(world.readonly_a)
            .post(url, {"bx-step": "dialogue", "bx-on": "17/03/2026", "bx-note": "x"})
            .status_code
            == 404
        )
