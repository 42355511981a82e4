"""A commendation decided after an inspection enters the commune's register of commendations
(commendations.services.award_record) in the same transaction; a sanction never does."""

from __future__ import annotations

from datetime import date

import pytest

from danvan.commendations.models import Award, RecipientKind, Source
from danvan.conftest import World
from danvan.core.errors import DomainError
from danvan.inspections import services
from danvan.inspections.models import Measure, MeasureKind
from danvan.inspections.tests.conftest import Insp


def _measure(world: World, insp: Insp | None, code: str, subject: str, **kw: object) -> Measure:
    args: dict[str, object] = {
        "commune": world.commune,
        "by": world.chairman,
        "kind": MeasureKind.objects.get(code=code),
        "subject": subject,
        "unit": world.office_a,
        "decision_number": "30/QĐ-UBND",
        "decision_on": date(2026, 6, 12),
        "reason": "Giải quyết hồ sơ đúng hạn 100% trong 6 tháng đầu năm.",
        "inspection": insp.concluded if insp else None,
    }
    args.update(kw)
    return services.measure_record(**args)  # type: ignore[arg-type]


def test_a_giay_khen_after_an_inspection_enters_the_register(world: World, insp: Insp) -> None:
    _measure(world, insp, "giay-khen", "Phòng Văn hóa - Xã hội")
    award = Award.objects.select_related("decision__form").get()
    assert award.source == Source.INSPECTION
    assert award.source_label == str(insp.concluded)
    assert award.source_url == insp.concluded.get_absolute_url()
    assert award.recipient_kind == RecipientKind.COLLECTIVE
    assert award.recipient_unit == world.office_a
    assert award.decision.number == "30/QĐ-UBND"
    assert award.decision.signed_on == date(2026, 6, 12)
    assert award.decision.form.code == "giay-khen"
    assert award.achievement.startswith("Giải quyết hồ sơ đúng hạn")


def test_a_person_and_another_form_enter_under_khen_khac(world: World, insp: Insp) -> None:
    _measure(world, None, "khen-khac", "Bà Hoàng Thị Lan", decision_number="31/QĐ-UBND")
    award = Award.objects.select_related("decision__form").get()
    assert award.recipient_kind == RecipientKind.INDIVIDUAL
    assert award.source_label == "Kiểm tra công vụ" and award.source_url == ""
    assert award.decision.form.code == "khen-khac"


def test_a_sanction_never_enters_the_register(world: World, insp: Insp) -> None:
    # The fixture recorded a khiển trách already.
    _measure(world, insp, "canh-cao", "Trần Văn Cường", decision_number="32/QĐ-UBND")
    assert not Award.objects.exists()


def test_a_number_of_another_decision_refuses_the_whole_measure(world: World, insp: Insp) -> None:
    _measure(world, insp, "giay-khen", "Phòng Văn hóa - Xã hội")
    before = Measure.objects.count()
    with pytest.raises(DomainError, match="30/QĐ-UBND"):
        _measure(world, insp, "khen-khac", "Văn phòng HĐND và UBND xã")
    assert Measure.objects.count() == before
    assert Award.objects.count() == 1
