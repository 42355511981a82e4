"""The rules of law a consultation follows, each named after its article."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.utils import timezone

from danvan.conftest import World
from danvan.consultations import services
from danvan.consultations.models import (
    Channel,
    Comment,
    CommentGroup,
    Consultation,
    Decision,
    Matter,
)
from danvan.consultations.tests.conftest import Scene, make
from danvan.core.errors import DomainError
from danvan.core.models import DeadlineRule, Unit


def test_it_ships_the_matters_of_article_25_with_their_source(db: None) -> None:
    """Luật THDCCS 2022, Điều 25: what the people comment on before it is decided, as data."""
    matters = list(Matter.objects.all())
    assert [m.item for m in matters] == ["1", "2", "3", "4", "5", "6"]
    assert all(m.source.startswith("Luật Thực hiện dân chủ ở cơ sở 2022") for m in matters)
    assert all(f"Điều 25 khoản {m.item}" in m.source for m in matters)


def test_it_needs_a_matter_of_article_25_or_a_named_other_one(world: World) -> None:
    """Điều 25: a consultation says which matter it is; "khác" must be written out."""
    with pytest.raises(DomainError, match="Điều 25"):
        services.consultation_create(
            commune=world.commune, by=world.chairman, title="Dự thảo", lead_unit=world.office_a
        )
    c = services.consultation_create(
        commune=world.commune,
        by=world.chairman,
        title="Dự thảo quy chế",
        lead_unit=world.office_a,
        matter_other="Quy chế quản lý nghĩa trang",
    )
    assert c.matter_label == "Quy chế quản lý nghĩa trang"


def test_it_needs_at_least_one_channel_of_article_26(world: World) -> None:
    """Luật THDCCS 2022, Điều 26: the people comment through the forms the law lists."""
    with pytest.raises(DomainError, match="Điều 26"):
        services.consultation_create(
            commune=world.commune,
            by=world.chairman,
            title="Dự thảo",
            lead_unit=world.office_a,
            matter=Matter.objects.first(),
            channels=["carrier-pigeon"],
        )


@time_machine.travel(date(2026, 5, 4), tick=False)
def test_it_uses_no_legal_minimum_period_when_the_law_sets_none(world: World) -> None:
    """Neither Luật THDCCS 2022 nor NĐ 59/2023 sets a minimum length: a one-day consultation
    opens; the 15-day default is commune policy (a setting), not law."""
    assert services.minimum_period(date(2026, 5, 4)) is None
    assert services.default_period(date(2026, 5, 4)) == (date(2026, 5, 4), date(2026, 5, 19))
    c = make(world, opens_on=date(2026, 5, 4), closes_on=date(2026, 5, 4))
    services.consultation_open(consultation=c, by=world.chairman, today=date(2026, 5, 4))


@time_machine.travel(date(2026, 4, 27), tick=False)
def test_it_enforces_a_minimum_period_from_the_rule_table_counted_per_blds_article_147(
    world: World,
) -> None:
    """A minimum period entered as a DeadlineRule (lay-y-kien/thoi-gian-toi-thieu) is enforced
    from its effective date; the opening day is not counted (BLDS 2015, Điều 147) and a period
    in working days skips the 30/4 and 1/5 holidays."""
    DeadlineRule.objects.create(
        procedure="lay-y-kien",
        step="thoi-gian-toi-thieu",
        name="Thời gian lấy ý kiến tối thiểu",
        days=5,
        unit=DeadlineRule.Unit.WORKING,
        start_event="ngày bắt đầu lấy ý kiến",
        effective_from=date(2026, 1, 1),
        source="Quyết định của UBND tỉnh (ví dụ)",
    )
    # Monday 27/4/2026: 28, 29 April, then 4, 5, 6 May (30/4, 1/5 and the weekend skipped).
    minimum = services.minimum_period(date(2026, 4, 27))
    assert minimum is not None and minimum.until == date(2026, 5, 6)
    c = make(world, opens_on=date(2026, 4, 27), closes_on=date(2026, 5, 5))
    with pytest.raises(DomainError, match="06/05/2026"):
        services.consultation_open(consultation=c, by=world.chairman, today=date(2026, 4, 27))
    assert Consultation.objects.get(pk=c.pk).status == Consultation.Status.DRAFT
    ok = make(world, opens_on=date(2026, 4, 27), closes_on=date(2026, 5, 6))
    services.consultation_open(consultation=ok, by=world.chairman, today=date(2026, 4, 27))


def test_it_takes_comments_only_from_the_audience_villages(world: World) -> None:
    """Điều 25–26: a draft put to some villages is commented by those villages."""
    other_village = Unit.objects.create(
        kind=Unit.Kind.VILLAGE, name="Thôn Hòa Bình", parent=world.commune
    )
    c = make(world, whole_commune=False, villages=[world.village], open_it=True)
    with pytest.raises(DomainError, match="không thuộc phạm vi"):
        services.comments_submit(consultation=c, texts=[(None, "Ý kiến")], village=other_village)
    services.comments_submit(consultation=c, texts=[(None, "Ý kiến")], village=world.village)


def test_it_refuses_comments_after_the_last_day(scene: Scene) -> None:
    """Comments are taken until the end of the announced last day, not after."""
    c = scene.open
    assert c.closes_on is not None
    with time_machine.travel(c.closes_on, tick=False):
        services.comments_submit(consultation=c, texts=[(None, "Kịp hạn cuối.")])
    after = date.fromordinal(c.closes_on.toordinal() + 1)
    with pytest.raises(DomainError, match="Đã hết thời gian nhận ý kiến"):
        services.comments_submit(consultation=c, texts=[(None, "Quá hạn.")], today=after)


def test_it_publishes_only_when_every_comment_is_answered(scene: Scene) -> None:
    """The synthesis answers every comment (accepted, partly, not accepted with the reason)
    before it is published (Luật THDCCS 2022, Điều 25–26: the people are told the result)."""
    world, c = scene.world, scene.open
    today = timezone.localdate()
    services.consultation_close(consultation=c, by=world.chairman, today=today, reason="Đủ ý kiến")
    with pytest.raises(DomainError, match="Còn 2 ý kiến chưa được trả lời"):
        services.consultation_publish(consultation=c, by=world.chairman, today=today)
    services.comment_answer(comment=scene.comment, by=world.chairman, decision=Decision.ACCEPTED)
    with pytest.raises(DomainError, match="Còn 1 ý kiến"):
        services.consultation_publish(consultation=c, by=world.chairman, today=today)
    # The group's answer answers its comments.
    group = CommentGroup.objects.get(pk=scene.group_id)
    services.group_answer(
        group=group, by=world.chairman, decision=Decision.PARTLY, explanation="Làm trong 2028."
    )
    published = services.consultation_publish(consultation=c, by=world.chairman, today=today)
    assert published.status == Consultation.Status.PUBLISHED


def test_it_does_not_wait_for_answers_to_hidden_abuse(scene: Scene) -> None:
    world, c = scene.world, scene.closed
    [spam] = Comment.objects.bulk_create(
        [
            Comment(
                consultation=c,
                text="Quảng cáo",
                channel=Channel.PORTAL,
                received_on=c.opens_on,
            )
        ]
    )
    services.comment_hide(comment=spam, by=world.chairman, reason="Quảng cáo")
    services.consultation_publish(consultation=c, by=world.chairman, today=timezone.localdate())
    assert Comment.objects.filter(pk=spam.pk).exists()  # hidden, never deleted


def test_it_asks_an_explanation_for_what_is_not_accepted(scene: Scene) -> None:
    with pytest.raises(DomainError, match="giải trình"):
        services.comment_answer(
            comment=scene.comment, by=scene.world.chairman, decision=Decision.REJECTED
        )
