"""The officers' pages of news: lists with filters and search, bad input refused in Vietnamese
with what was typed kept, the steps, the log's .xlsx."""

from __future__ import annotations

import io

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from danvan.conftest import World
from danvan.disclosures.models import Posting
from danvan.news.models import Article, Broadcast
from danvan.news.tests.conftest import News, article, jpeg


def test_the_list_filters_and_searches_without_diacritics(world: World, news: News) -> None:
    c = world.client(world.officer_a)
    url = reverse("news:index")
    html = c.get(url, {"q": "doi thoai"}).content.decode()
    assert news.published.title in html and news.draft.title not in html
    html = c.get(url, {"tinh-trang": "draft"}).content.decode()
    assert news.draft.title in html and news.published.title not in html
    assert "Không có tin bài nào phù hợp" in c.get(url, {"q": "khong co"}).content.decode()
    assert 'href="/can-bo/tin-bai/"' in html or "Tin bài, truyền thanh" in html  # the tabs


def test_the_list_reads_a_page_in_few_queries(world: World, news: News) -> None:
    for n in range(30):
        article(world, f"Tin số {n}")
    c = world.client(world.officer_a)
    c.get(reverse("news:index"))  # session, access
    with CaptureQueriesContext(connection) as ctx:
        response = c.get(reverse("news:index"))
    assert response.status_code == 200
    assert len(ctx.captured_queries) <= 12
    assert "Trang 1/2" in response.content.decode()


def test_the_kept_list_is_the_list_written_afresh_and_follows_the_articles(
    world: World, news: News, plan: object, settings: object
) -> None:
    """Its page of rows and count kept by the news' marks: another app's write leaves it kept
    (no query of the articles), an article written since shows at once, on the right page."""
    from danvan.core.audit import log_action
    from danvan.testing.pages import kept_as_fresh

    c = world.client(world.officer_a)
    url = reverse("news:index")
    assert news.published.title in kept_as_fresh(c, url, settings)
    log_action(plan, "plans.plan_updated", by=world.chairman)  # another app's record
    with CaptureQueriesContext(connection) as seen:
        c.get(url)
    assert not any('FROM "news_article"' in q["sql"] for q in seen.captured_queries)
    for n in range(25):
        article(world, f"Tin mới số {n}")
    html = c.get(url).content.decode()
    assert "Tin mới số 24" in html and "Trang 1/2" in html
    assert news.published.title in c.get(url, {"page": "2"}).content.decode()


def test_a_bad_article_is_refused_in_vietnamese_and_keeps_what_was_typed(world: World) -> None:
    c = world.client(world.officer_a)
    r = c.post(
        reverse("news:article_create"),
        {
            "kind": "news",
            "title": "Tiêu đề giữ lại",
            "summary": "",
            "body": "Nội dung giữ lại",
            "photo": jpeg(),
        },
    )
    html = r.content.decode()
    assert r.status_code == 400
    assert "Chưa lưu được" in html and "Tiêu đề giữ lại" in html and "Nội dung giữ lại" in html
    assert "Nhập chú thích cho ảnh" in html
    assert not Article.objects.exists()


def test_a_file_that_is_no_photo_is_refused(world: World, news: News) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    c = world.client(world.officer_a)
    pdf = SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%%EOF", "application/pdf")
    r = c.post(
        reverse("news:photo_add", args=[news.draft.pk]),
        {"anh-photo": pdf, "anh-caption": "Chú thích giữ lại"},
    )
    html = r.content.decode()
    assert r.status_code == 400 and "không đúng định dạng" in html
    assert "Chú thích giữ lại" in html


def test_an_article_is_written_with_a_photo_published_and_shown(world: World) -> None:
    c = world.client(world.officer_a)
    r = c.post(
        reverse("news:article_create"),
        {
            "kind": "story",
            "title": "Dân vận khéo ở thôn Đoàn Kết",
            "summary": "Người dân hiến đất làm đường.",
            "body": "Đoạn <b>một</b>.\n\nĐoạn hai.",
            "photo": jpeg(),
            "caption": "Bà con hiến đất",
        },
    )
    a = Article.objects.get()
    assert r.status_code == 302 and a.unit == world.office_a and a.photos.count() == 1
    c.post(reverse("news:article_publish", args=[a.pk]))
    html = c.get(reverse("news:article", args=[a.pk])).content.decode()
    assert "Đã đăng" in html and "&lt;b&gt;một&lt;/b&gt;" in html and "<b>một</b>" not in html
    photo = a.photos.get()
    img = c.get(reverse("news:photo", args=[a.pk, photo.pk]), {"w": "320"})
    assert img.status_code == 200 and img["Content-Type"] == "image/webp"


def test_a_withdrawal_without_reason_is_refused_on_the_page(world: World, news: News) -> None:
    c = world.client(world.chairman)
    r = c.post(reverse("news:article_withdraw", args=[news.published.pk]), {"go-reason": ""})
    assert r.status_code == 400 and "Chưa lưu được" in r.content.decode()
    news.published.refresh_from_db()
    assert news.published.status == "published"


def test_a_bad_broadcast_keeps_what_was_typed(world: World, news: News) -> None:
    c = world.client(world.officer_a)
    r = c.post(
        reverse("news:broadcast_create"),
        {"aired_on": "01/06/2026", "starts_at": "25:99", "minutes": "15", "title": "Giữ lại"},
    )
    html = r.content.decode()
    assert r.status_code == 400 and "Nhập giờ theo dạng giờ:phút" in html and "Giữ lại" in html


def test_a_broadcast_proving_a_disclosure_from_the_form(world: World, news: News) -> None:
    c = world.client(world.officer_a)
    form = c.get(reverse("news:broadcast_create")).content.decode()
    assert news.loud.title in form and news.quiet.title not in form
    assert (
        "Đọc danh sách"
        not in c.get(reverse("news:broadcasts"), {"thang": "2026-05"}).content.decode()
    )
    r = c.post(
        reverse("news:broadcast_create"),
        {
            "aired_on": "25/05/2026",
            "starts_at": "06:30",
            "minutes": "15",
            "title": "Đọc danh sách",
            "disclosure": news.loud.pk,
        },
    )
    b = Broadcast.objects.get(disclosure=news.loud)
    assert r.status_code == 302 and r["Location"] == reverse("news:broadcast", args=[b.pk])
    log = c.get(reverse("news:broadcasts"), {"thang": "2026-05"}).content.decode()
    assert "Đọc danh sách" in log  # the month's log, kept before, written again
    assert Posting.objects.get(disclosure=news.loud).proof_record.startswith("Nhật ký phát thanh")
    html = c.get(r["Location"]).content.decode()
    assert reverse("disclosures:detail", args=[news.loud.pk]) in html


def test_the_months_log_downloads_as_xlsx(world: World, news: News) -> None:
    c = world.client(world.readonly_a)
    r = c.get(reverse("news:broadcasts_xlsx"), {"thang": "2026-06"})
    sheet = load_workbook(io.BytesIO(r.content)).active
    assert sheet is not None
    values = [str(v) for row in sheet.iter_rows(values_only=True) for v in row if v is not None]
    assert "Bản tin sáng" in values and "1/2026" in values
    html = c.get(reverse("news:broadcasts"), {"thang": "2026-06"}).content.decode()
    assert "Bản tin sáng" in html and "Ghi buổi phát" not in html  # read-only: no button
    assert (
        "Không có buổi phát nào"
        in c.get(reverse("news:broadcasts"), {"thang": "2026-01"}).content.decode()
    )


def test_the_kept_schedule_shows_a_slot_set_since(world: World, news: News) -> None:
    from datetime import time

    from danvan.news import services

    c = world.client(world.readonly_a)
    url = reverse("news:schedule")
    assert "Bản tin xã buổi sáng" in c.get(url).content.decode()
    services.slot_create(
        commune=world.commune,
        by=world.officer_a,
        weekdays=["5"],
        starts_at=time(17, 0),
        minutes=15,
        programme="Chương trình chiều thứ Bảy",
    )
    assert "Chương trình chiều thứ Bảy" in c.get(url).content.decode()
