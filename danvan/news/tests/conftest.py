"""Records of news shared by this app's tests: office A (officer_a's, the persona's
"communications centre") writes; a draft, a published article with a photo, a withdrawn one,
the other commune's published article; a slot; a broadcast; a disclosure that goes on the
loudspeakers (khoản 9) and one that does not (khoản 2)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from danvan.conftest import World
from danvan.disclosures.models import Disclosure
from danvan.disclosures.tests.helpers import disclosure
from danvan.news import services
from danvan.news.models import Article, Broadcast, BroadcastSlot, Photo


def jpeg(name: str = "anh.jpg", size: tuple[int, int] = (800, 600)) -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", size, (30, 120, 60)).save(out, "JPEG")
    return SimpleUploadedFile(name, out.getvalue(), "image/jpeg")


@dataclass
class News:
    draft: Article
    published: Article
    photo: Photo
    withdrawn: Article
    other: Article
    other_photo: Photo
    slot: BroadcastSlot
    broadcast: Broadcast
    loud: Disclosure  # khoản 9: goes on the loudspeakers
    quiet: Disclosure  # khoản 2: does not


def article(world: World, title: str, *, commune: object = None, by: object = None) -> Article:
    return services.article_create(
        commune=commune or world.commune,  # type: ignore[arg-type]
        by=by or world.officer_a,  # type: ignore[arg-type]
        unit=world.office_a if commune is None else None,
        kind=Article.Kind.NEWS,
        title=title,
        summary=f"Tóm tắt: {title}",
        body="Đoạn một.\n\nĐoạn hai.",
    )


@pytest.fixture
def news(world: World) -> News:
    return build_news(world)


def build_news(w: World) -> News:
    draft = article(w, "Ra quân làm đường giao thông nông thôn")
    published = article(w, "Hội nghị đối thoại với Nhân dân thôn Đoàn Kết")
    photo = services.photo_add(
        article=published, by=w.officer_a, photo=jpeg(), caption="Quang cảnh hội nghị"
    )
    services.article_publish(article=published, by=w.officer_a)
    withdrawn = article(w, "Thông báo lịch tiêm phòng đã hủy")
    services.article_publish(article=withdrawn, by=w.officer_a)
    services.article_withdraw(article=withdrawn, by=w.chairman, reason="Lịch đã thay đổi")
    other = article(w, "Tin của xã khác", commune=w.other_commune, by=w.outsider)
    other_photo = services.photo_add(
        article=other, by=w.outsider, photo=jpeg(), caption="Ảnh xã khác"
    )
    services.article_publish(article=other, by=w.outsider)
    slot = services.slot_create(
        commune=w.commune,
        by=w.officer_a,
        weekdays=["0", "2", "4"],
        starts_at=time(6, 30),
        minutes=20,
        programme="Bản tin xã buổi sáng",
    )
    broadcast = services.broadcast_log(
        commune=w.commune,
        by=w.officer_a,
        aired_on=date(2026, 6, 1),
        starts_at=time(6, 30),
        minutes=20,
        title="Bản tin sáng",
        slot=slot,
    )
    return News(
        draft=Article.objects.get(pk=draft.pk),
        published=Article.objects.get(pk=published.pk),
        photo=photo,
        withdrawn=Article.objects.get(pk=withdrawn.pk),
        other=Article.objects.get(pk=other.pk),
        other_photo=other_photo,
        slot=slot,
        broadcast=broadcast,
        loud=disclosure(w, number=9, decided_on=date(2026, 5, 20), title="Danh sách gọi nhập ngũ"),
        quiet=disclosure(w, number=2, decided_on=date(2026, 5, 20), title="Dự toán ngân sách"),
    )
