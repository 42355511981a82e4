"""The rules of news: an article's life (draft, published, withdrawn), photos with captions,
the schedule, the numbered broadcast log, the search column, the overview's part."""

from __future__ import annotations

from datetime import date, time

import pytest
import time_machine

from danvan.conftest import World
from danvan.core.errors import DomainError
from danvan.core.models import AuditEntry, Unit
from danvan.news import services
from danvan.news.models import Article, Broadcast
from danvan.news.overview import figures
from danvan.news.tests.conftest import News, article, jpeg


def test_an_article_starts_as_a_draft_and_is_searchable_without_diacritics(world: World) -> None:
    a = article(world, "Đường bê tông thôn Đoàn Kết")
    assert a.status == Article.Status.DRAFT and a.published_at is None
    assert "duong be tong thon doan ket" in a.search
    assert AuditEntry.objects.filter(action="news.created", object_id=str(a.pk)).exists()


def test_publishing_stamps_the_day_and_who_and_cannot_happen_twice(world: World) -> None:
    a = article(world, "Tin A")
    with time_machine.travel("2026-06-15 09:00 +07:00", tick=False):
        services.article_publish(article=a, by=world.officer_a)
    a.refresh_from_db()
    assert (a.status, a.published_on, a.published_by) == (
        "published",
        date(2026, 6, 15),
        world.officer_a,
    )
    with pytest.raises(DomainError, match="đã được đăng"):
        services.article_publish(article=a, by=world.officer_a)


def test_a_withdrawn_article_needs_a_reason_and_is_never_published_or_edited_again(
    world: World,
) -> None:
    a = article(world, "Tin B")
    with pytest.raises(DomainError, match="đang đăng"):
        services.article_withdraw(article=a, by=world.chairman, reason="Sai")
    services.article_publish(article=a, by=world.officer_a)
    with pytest.raises(DomainError, match="lý do"):
        services.article_withdraw(article=a, by=world.chairman, reason="  ")
    services.article_withdraw(article=a, by=world.chairman, reason="Thông tin chưa chính xác")
    a.refresh_from_db()
    assert a.withdrawn_reason == "Thông tin chưa chính xác"
    with pytest.raises(DomainError, match="không đăng lại"):
        services.article_publish(article=a, by=world.chairman)
    with pytest.raises(DomainError, match="không sửa"):
        services.article_update(
            article=a, by=world.chairman, kind="news", title="X", summary="Y", body="Z"
        )


def test_a_photo_needs_a_caption_and_keeps_its_size(world: World) -> None:
    a = article(world, "Tin C")
    with pytest.raises(DomainError, match="chú thích"):
        services.photo_add(article=a, by=world.officer_a, photo=jpeg(), caption=" ")
    p = services.photo_add(
        article=a, by=world.officer_a, photo=jpeg(size=(1000, 500)), caption="Ảnh"
    )
    assert (p.width, p.height) == (1000, 500)
    assert p.attachment.mime_type == "image/jpeg"


def test_an_edit_is_audited_field_by_field(world: World) -> None:
    a = article(world, "Tin D")
    services.article_update(
        article=a,
        by=world.officer_a,
        kind="notice",
        title="Tin D sửa",
        summary=a.summary,
        body="Mới",
    )
    entry = AuditEntry.objects.filter(action="news.updated").get()
    assert entry.changes["title"] == ["Tin D", "Tin D sửa"]
    assert entry.changes["body"] == "đã sửa" and "summary" not in entry.changes
    a.refresh_from_db()
    assert "tin d sua" in a.search


def test_body_paragraphs_are_split_on_blank_lines(world: World) -> None:
    a = Article(body="Một.\r\n\r\nHai\ndòng.\n\n\n")
    assert a.paragraphs() == ["Một.", "Hai\ndòng."]


def test_a_slot_needs_a_day_and_villages_of_the_commune(world: World) -> None:
    with pytest.raises(DomainError, match="ít nhất một ngày"):
        services.slot_create(
            commune=world.commune,
            by=world.officer_a,
            weekdays=[],
            starts_at=time(6),
            minutes=10,
            programme="Bản tin",
        )
    other_village = Unit.objects.create(
        kind=Unit.Kind.VILLAGE, name="Thôn khác", parent=world.other_commune
    )
    with pytest.raises(DomainError, match="không thuộc xã"):
        services.slot_create(
            commune=world.commune,
            by=world.officer_a,
            weekdays=["1"],
            starts_at=time(6),
            minutes=10,
            programme="Bản tin",
            villages=[other_village],
        )
    slot = services.slot_create(
        commune=world.commune,
        by=world.officer_a,
        weekdays=["4", "0"],
        starts_at=time(6),
        minutes=10,
        programme="Bản tin",
        villages=[world.village],
    )
    assert (slot.weekdays, slot.days_label, slot.all_villages) == ("04", "Thứ Hai, Thứ Sáu", False)
    services.slot_stop(slot=slot, by=world.officer_a)
    with pytest.raises(DomainError, match="đã thôi"):
        services.slot_stop(slot=slot, by=world.officer_a)


def _log(world: World, **extra: object) -> Broadcast:
    data: dict[str, object] = {
        "commune": world.commune,
        "by": world.officer_a,
        "aired_on": date(2026, 6, 1),
        "starts_at": time(6, 30),
        "minutes": 20,
        "title": "Bản tin sáng",
        **extra,
    }
    return services.broadcast_log(**data)  # type: ignore[arg-type]


def test_broadcasts_are_numbered_per_commune_and_year(world: World) -> None:
    first, second = _log(world), _log(world)
    later = _log(world, aired_on=date(2025, 12, 31))
    assert (first.number, second.number, later.number) == (1, 2, 1)
    assert str(second) == "Nhật ký phát thanh số 2/2026"
    assert second.proof_record == "Nhật ký phát thanh số 2/2026, 01/06/2026"


def test_a_broadcast_is_refused_in_the_future_or_too_long(world: World) -> None:
    with (
        time_machine.travel("2026-06-15 09:00 +07:00", tick=False),
        pytest.raises(DomainError, match="sau hôm nay"),
    ):
        _log(world, aired_on=date(2026, 6, 16))
    with pytest.raises(DomainError, match="240 phút"):
        _log(world, minutes=500)


def test_a_broadcast_proves_only_a_disclosure_that_goes_on_the_loudspeakers(
    world: World, news: News
) -> None:
    with pytest.raises(DomainError, match="không thuộc loại phải phát"):
        _log(world, disclosure=news.quiet)
    other = article(world, "Tin xã khác", commune=world.other_commune, by=world.outsider)
    with pytest.raises(DomainError, match="Tin bài không thuộc xã"):
        _log(world, article=other)


def test_the_overview_counts_published_articles_and_broadcasts(world: World, news: News) -> None:
    _log(world, disclosure=news.loud)
    today = news.published.published_on
    assert today is not None
    part = figures(communes=[world.commune.pk], start=date(today.year, 1, 1), end=today, on=today)[
        "news"
    ]
    # published and withdrawn were both published this year; the draft was not.
    assert part["total"] == 2 and part["late"] == 0 and part["on_time_rate"] is None
    extra = {e["key"]: e["value"] for e in part["extra"]}
    assert extra["proving"] == 1
    assert (
        figures(communes=[world.commune.pk], start=today, end=today, on=today, villages=[1]) == {}
    )
