"""Each legal rule of villagers' decisions, named by its article."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from danvan.core.errors import DomainError
from danvan.core.models import DeadlineRule, Unit
from danvan.decisions import services
from danvan.decisions.models import CommunityDecision
from danvan.decisions.rules import Threshold, judge
from danvan.decisions.tests.conftest import Villages

TWO_THIRDS = Threshold(2, 3, strict=False)
HALF = Threshold(1, 2, strict=True)


def test_it_passes_items_1_2_at_exactly_two_thirds_of_all_households_art_21_1() -> None:
    """Luật THDCCS 2022, Điều 21 khoản 1: ít nhất 2/3 tổng số hộ gia đình (khoản 1–2 Điều 15)."""
    assert judge(40, 60, TWO_THIRDS).passed
    assert not judge(39, 60, TWO_THIRDS).passed
    assert judge(34, 50, TWO_THIRDS).explanation == "34/50 hộ đồng ý = 68% ≥ 2/3 → thông qua"
    assert judge(33, 50, TWO_THIRDS).explanation == (
        "33/50 hộ đồng ý = 66% < 2/3 → không thông qua"
    )


def test_it_refuses_items_3_6_at_exactly_half_and_passes_one_more_art_21_1() -> None:
    """Luật THDCCS 2022, Điều 21 khoản 1 (đoạn 3): trên 50% tổng số hộ: đúng 50% là chưa đạt."""
    assert not judge(25, 50, HALF).passed
    assert judge(26, 50, HALF).passed
    assert judge(25, 50, HALF).explanation == "25/50 hộ đồng ý = 50% ≤ 1/2 → không thông qua"


def test_it_counts_the_threshold_on_all_households_not_those_present_art_21(
    villages: Villages,
) -> None:
    """Điều 21: 30 of the 35 present agree, but 30/50 households < 2/3 → not passed."""
    d = villages.decision(1)
    villages.tally(villages.meeting(d), agree=30, present=35)
    d.refresh_from_db()
    assert d.outcome == CommunityDecision.Outcome.REJECTED
    assert "30/50 hộ đồng ý = 60% < 2/3" in d.outcome_text


def test_it_uses_the_households_in_force_on_the_vote_day(villages: Villages) -> None:
    """The count of 01/06 does not apply to a vote of 08/05: 34/50 passes, not 34/60."""
    services.households_set(
        commune=villages.world.commune,
        village=villages.doan_ket,
        households=60,
        representatives=60,
        as_of=date(2026, 6, 1),
        source="Tách hộ",
        by=villages.world.officer_a,
    )
    d = villages.decision(1)
    tally = villages.tally(villages.meeting(d), agree=34)
    assert (tally.households, tally.passed) == (50, True)


def test_it_decides_a_commune_wide_matter_by_two_thirds_of_its_villages_art_21_1(
    villages: Villages,
) -> None:
    """Điều 21 khoản 1, đoạn 2: a commune-wide matter of items 1–2 passes when at least two thirds
    of the villages approve. The old rule summed households: 40/50 + 14/30 = 54/80 = 67,5% passed
    it; counted in villages it is 1 of 2 = 50% < 2/3, not passed."""
    d = villages.decision(1, scope="commune")
    villages.tally(villages.meeting(d), agree=40)
    villages.tally(villages.meeting(d, villages.hoa_binh), agree=14, present=30)
    d.refresh_from_db()
    assert d.outcome == CommunityDecision.Outcome.REJECTED
    assert "Thôn Hòa Bình: 14/30 hộ đồng ý = 46,67% < 2/3 → không thông qua" in d.outcome_text
    assert "Toàn xã: 1/2 thôn tán thành = 50% < 2/3 → không thông qua" in d.outcome_text
    assert "Điều 21 khoản 1, đoạn 2" in d.outcome_text


def test_it_passes_a_commune_wide_matter_with_two_of_three_villages_art_21_1(
    villages: Villages,
) -> None:
    """Điều 21 khoản 1, đoạn 2: 2 of 3 villages = 66,67% ≥ 2/3 → passed, though one refused."""
    w = villages.world
    tan_tien = Unit.objects.create(kind=Unit.Kind.VILLAGE, name="Thôn Tân Tiến", parent=w.commune)
    services.households_set(
        commune=w.commune,
        village=tan_tien,
        households=40,
        representatives=40,
        as_of=date(2026, 1, 1),
        source="Rà soát",
        by=w.officer_a,
    )
    d = services.decision_create(
        commune=w.commune,
        item=villages.item(2),
        title="Quỹ khuyến học",
        content="Mỗi hộ góp 100.000 đồng.",
        scope="commune",
        villages=[villages.doan_ket, villages.hoa_binh, tan_tien],
        form="ballot",
        by=w.officer_a,
    )
    villages.tally(villages.meeting(d), agree=40)
    villages.tally(villages.meeting(d, villages.hoa_binh), agree=20, present=30)
    villages.tally(villages.meeting(d, tan_tien), agree=10, present=40)
    d.refresh_from_db()
    assert d.outcome == CommunityDecision.Outcome.PASSED
    assert "Toàn xã: 2/3 thôn tán thành = 66,67% ≥ 2/3 → thông qua" in d.outcome_text


def test_it_refuses_a_commune_wide_vote_on_items_3_to_6_art_21_1(villages: Villages) -> None:
    """Điều 21 khoản 1 gives a commune-wide count only for items 1–2 of Điều 15."""
    with pytest.raises(DomainError, match=r"không quy định cách tính kết quả toàn xã.*Điều 21"):
        villages.decision(3, scope="commune")
    assert not CommunityDecision.objects.exists()


def test_it_keeps_a_commune_wide_matter_incomplete_until_every_village_voted(
    villages: Villages,
) -> None:
    d = villages.decision(1, scope="commune")
    villages.tally(villages.meeting(d), agree=50)
    d.refresh_from_db()
    assert d.outcome == CommunityDecision.Outcome.INCOMPLETE
    assert d.send_due is None


@pytest.mark.parametrize("number", [1, 2, 3, 4, 5])
def test_it_refuses_an_online_vote_except_for_item_6_art_17_2(
    villages: Villages, number: int
) -> None:
    """Luật THDCCS 2022, Điều 17 khoản 2: biểu quyết trực tuyến chỉ áp dụng với khoản 6 Điều 15
    (the old rows allowed items 1–3 online and cited Điều 16)."""
    with pytest.raises(DomainError, match=r"không được biểu quyết trực tuyến.*Điều 17 khoản 2"):
        villages.decision(number, form=CommunityDecision.Form.ONLINE)
    assert villages.decision(6, form=CommunityDecision.Form.ONLINE).form == "online"


@time_machine.travel(date(2026, 5, 4), tick=False)
def test_it_refuses_a_meeting_announced_less_than_two_days_ahead_nd59_art_3(
    villages: Villages,
) -> None:
    """NĐ 59/2023/NĐ-CP, Điều 3: notice on Monday 04/05, the meeting no earlier than 06/05."""
    d = villages.decision(1)
    kwargs = dict(
        decision=d,
        village=villages.doan_ket,
        place="Nhà văn hóa",
        notice_on=date(2026, 5, 4),
        convened_by="Trưởng thôn",
        by=villages.world.officer_a,
    )
    with pytest.raises(DomainError, match=r"ít nhất 2 ngày.*Nghị định 59/2023/NĐ-CP, Điều 3"):
        services.meeting_create(held_on=date(2026, 5, 5), **kwargs)
    assert services.meeting_create(held_on=date(2026, 5, 6), **kwargs).held_on == date(2026, 5, 6)


def test_it_gives_five_working_days_over_a_weekend_to_send_the_record_nd59_art_3_4(
    villages: Villages,
) -> None:
    """NĐ 59/2023, Điều 3 khoản 5 / Điều 4 khoản 7: vote Friday 08/05 → send by Friday 15/05."""
    d = villages.decision(1)
    villages.tally(villages.meeting(d, held_on=date(2026, 5, 8)), agree=40)
    d.refresh_from_db()
    assert d.send_due == date(2026, 5, 15)
    assert any("5 ngày làm việc" in s for s in d.send_due_explained)


def test_it_gives_five_working_days_to_recognise_art_21_2(villages: Villages) -> None:
    """Luật THDCCS 2022, Điều 21 khoản 2: sent Thursday 14/05 → recognised by Thursday 21/05."""
    d = villages.decision(3)
    villages.tally(villages.meeting(d), agree=40)
    d = services.record_send(decision=d, sent_on=date(2026, 5, 14), by=villages.world.officer_a)
    assert d.recognise_due == date(2026, 5, 21)


def test_it_recomputes_open_decisions_when_a_rule_changes(villages: Villages) -> None:
    d = villages.decision(1)
    villages.tally(villages.meeting(d), agree=40)
    rule = DeadlineRule.objects.get(procedure="dan-quyet-dinh", step="gui-bien-ban")
    rule.days = 3
    rule.save()  # as the admin does: the process's copy of the rule table is dropped
    from django.apps import apps

    assert apps.get_app_config("decisions").on_rules_changed() == 1
    d.refresh_from_db()
    assert d.send_due == date(2026, 5, 13)
