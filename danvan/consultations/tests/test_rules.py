"""The rules of law a consultation follows, each named after its article."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from danvan.conftest import World
from danvan.consultations import services
from danvan.consultations.law import law_in_force
from danvan.consultations.models import (
    PORTAL,
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


def test_it_ships_the_nine_matters_of_article_25_in_the_laws_words(db: None) -> None:
    """Luật THDCCS 2022, Điều 25 khoản 1–9 (six summarised items before: 5 administrative
    decisions, 6 construction planning, 7 the democracy regulation, 8 decisions that create
    obligations or limit rights were missing), each with its source."""
    matters = list(Matter.objects.all())
    assert [m.item for m in matters] == [str(n) for n in range(1, 10)]
    assert all(
        m.source
        == f"Luật Thực hiện dân chủ ở cơ sở 2022 (Luật số 10/2022/QH15), Điều 25 khoản {m.item}"
        for m in matters
    )
    by_item = {m.item: m.name for m in matters}
    assert by_item["1"].startswith("Dự thảo kế hoạch phát triển kinh tế - xã hội của cấp xã")
    assert by_item["5"].startswith("Dự thảo quyết định hành chính của Ủy ban nhân dân cấp xã")
    assert by_item["6"].startswith("Dự thảo nhiệm vụ và đồ án quy hoạch chung xây dựng")
    assert by_item["7"].startswith("Dự thảo quy chế về thực hiện dân chủ ở xã, phường, thị trấn")
    assert "xác lập nghĩa vụ hoặc làm chấm dứt, hạn chế quyền" in by_item["8"]
    assert by_item["9"].startswith("Các nội dung khác theo quy định của pháp luật")
    assert not any("\u00ad" in name or "\xa0" in name for name in by_item.values())


def test_it_ships_the_eight_forms_of_article_26_as_data(db: None) -> None:
    """Luật THDCCS 2022, Điều 26 khoản 1 điểm a–h: eight forms (six Python choices before),
    each a row with its source; điểm h only for a draft of Điều 25 khoản 8."""
    forms = list(Channel.objects.all())
    assert [f.point for f in forms] == ["a", "b", "c", "d", "đ", "e", "g", "h"]
    assert all(f.source.endswith(f"Điều 26 khoản 1 điểm {f.point}") for f in forms)
    assert forms[5].code == PORTAL
    assert forms[5].title.startswith("Thông qua cổng thông tin điện tử")
    assert forms[7].only_for == Matter.objects.get(item="8")
    assert [f.code for f in forms if f.names_meeting] == ["conference", "meeting", "dialogue"]


def test_it_keeps_the_dialogue_of_article_26_h_for_matter_8(world: World) -> None:
    """Điều 26 khoản 1 điểm h: a dialogue with the citizens a decision applies to is a form
    for a draft of Điều 25 khoản 8 only; refused for another matter, with its source."""
    with pytest.raises(DomainError, match="Điều 26 khoản 1 điểm h"):
        services.consultation_create(
            commune=world.commune,
            by=world.chairman,
            title="Dự thảo kế hoạch",
            lead_unit=world.office_a,
            matter=Matter.objects.get(item="1"),
            channels=["dialogue"],
        )
    c = services.consultation_create(
        commune=world.commune,
        by=world.chairman,
        title="Dự thảo quyết định giải tỏa hành lang đường",
        lead_unit=world.office_a,
        matter=Matter.objects.get(item="8"),
        channels=["dialogue", PORTAL],
    )
    assert c.channel_codes() == [PORTAL, "dialogue"]


def test_it_offers_only_the_forms_an_administrator_keeps_active(world: World) -> None:
    """Điều 26 as data: a form set inactive in the admin is no longer chosen."""
    Channel.objects.filter(code="social").update(is_active=False)
    with pytest.raises(DomainError, match="Điều 26"):
        services.consultation_create(
            commune=world.commune,
            by=world.chairman,
            title="Dự thảo",
            lead_unit=world.office_a,
            matter=Matter.objects.get(item="1"),
            channels=["social"],
        )


def test_it_prints_the_matters_and_forms_in_force_for_danvan_law(db: None) -> None:
    """`danvan law`: consultation_matters (Điều 25) and consultation_forms (Điều 26), with
    exactly the keys of issue #10."""
    law = law_in_force(date(2026, 3, 2))
    assert [m["item"] for m in law["consultation_matters"]] == list(range(1, 10))
    assert all(set(m) == {"item", "title", "source"} for m in law["consultation_matters"])
    assert len(law["consultation_forms"]) == 8
    assert all(set(f) == {"code", "title", "source"} for f in law["consultation_forms"])
    assert law["consultation_forms"][0]["source"].endswith("Điều 26 khoản 1 điểm a")


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


def test_it_ships_the_minimum_of_article_28_2_as_a_rule(db: None) -> None:
    """Luật THDCCS 2022, Điều 28 khoản 2: at least 20 days from publication, a minimum in
    calendar days (lay-y-kien/toi-thieu)."""
    rule = DeadlineRule.objects.get(procedure="lay-y-kien", step="toi-thieu")
    assert (rule.days, rule.unit, rule.kind) == (20, "calendar", "minimum")
    assert rule.effective_from == date(2023, 7, 1) and rule.effective_to is None
    assert rule.source.endswith("Điều 28 khoản 2")


def test_it_counts_the_20_days_of_article_28_2_from_the_day_after_publication(db: None) -> None:
    """Điều 28(2) with BLDS 2015 Điều 147: published 02/03/2026, comments are taken at least
    through 22/03/2026 (the publication day not counted). A minimum is never moved to a
    working day: 22/03/2026 is a Sunday and stays the last day."""
    minimum = services.minimum_period(date(2026, 3, 2))
    assert minimum is not None and minimum.until == date(2026, 3, 22)
    assert minimum.until.isoweekday() == 7


@time_machine.travel(date(2026, 3, 2), tick=False)
def test_it_suggests_the_legal_minimum_not_fifteen_days(world: World) -> None:
    """Điều 28(2): the period the form suggests is the 20 days of the rule (15 days before,
    from a setting: unlawful)."""
    assert services.default_period(date(2026, 3, 2)) == (date(2026, 3, 2), date(2026, 3, 22))
    page = world.client(world.officer_a).get(reverse("consultations:create"))
    assert page.status_code == 200
    body = page.content.decode()
    assert "22/03/2026" in body and "Điều 28 khoản 2" in body
    assert 'value="2026-03-22"' in body or "22/03/2026" in body


@time_machine.travel(date(2026, 3, 2), tick=False)
def test_it_refuses_a_period_shorter_than_article_28_2(world: World) -> None:
    """Điều 28(2): a consultation published 02/03/2026 closing before 22/03/2026 is refused,
    as a draft and when put out, with the article in the message; nothing is saved."""
    with pytest.raises(DomainError, match=r"Điều 28 khoản 2.*22/03/2026"):
        make(world, opens_on=date(2026, 3, 2), closes_on=date(2026, 3, 21))
    assert not Consultation.objects.exists()
    ok = make(world, opens_on=date(2026, 3, 2), closes_on=date(2026, 3, 22))
    services.consultation_open(consultation=ok, by=world.chairman, today=date(2026, 3, 2))
    assert Consultation.objects.get(pk=ok.pk).status == Consultation.Status.OPEN


def test_it_counts_article_28_2_from_the_day_the_draft_is_put_out(world: World) -> None:
    """Điều 28(2) counts from publication: a draft dated from 02/03/2026 but put out on
    10/03/2026 must run through 30/03/2026; it stays a draft, nothing lost."""
    c = make(world, opens_on=date(2026, 3, 2), closes_on=date(2026, 3, 25))
    with (
        time_machine.travel(date(2026, 3, 10), tick=False),
        pytest.raises(DomainError, match="30/03/2026"),
    ):
        services.consultation_open(consultation=c, by=world.chairman, today=date(2026, 3, 10))
    assert Consultation.objects.get(pk=c.pk).status == Consultation.Status.DRAFT


def test_it_does_not_close_before_the_20_days_of_article_28_2(world: World) -> None:
    """Điều 28(2): even with a reason, comments are taken through the legal minimum; closing
    early is allowed only after it."""
    c = make(world, opens_on=date(2026, 3, 2), closes_on=date(2026, 3, 31))
    services.consultation_open(consultation=c, by=world.chairman, today=date(2026, 3, 2))
    with pytest.raises(DomainError, match=r"Điều 28 khoản 2.*22/03/2026"):
        services.consultation_close(
            consultation=c, by=world.chairman, today=date(2026, 3, 22), reason="Đủ ý kiến"
        )
    closed = services.consultation_close(
        consultation=c, by=world.chairman, today=date(2026, 3, 23), reason="Đủ ý kiến"
    )
    assert closed.status == Consultation.Status.CLOSED


def test_it_follows_the_rule_an_administrator_changes(world: World) -> None:
    """The rule is data: a later law setting another period is a new row from its date (here
    a fictitious 30 days from 2027), and the old one still applies before."""
    DeadlineRule.objects.create(
        procedure="lay-y-kien",
        step="toi-thieu",
        name="Thời gian lấy ý kiến tối thiểu",
        days=30,
        unit=DeadlineRule.Unit.CALENDAR,
        kind=DeadlineRule.Kind.MINIMUM,
        start_event="ngày công khai",
        effective_from=date(2027, 1, 1),
        source="Văn bản giả định (kiểm thử)",
    )
    assert services.minimum_period(date(2026, 12, 1)).until == date(2026, 12, 21)  # type: ignore[union-attr]
    assert services.minimum_period(date(2027, 1, 4)).until == date(2027, 2, 3)  # type: ignore[union-attr]


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
                channel_id=PORTAL,
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
