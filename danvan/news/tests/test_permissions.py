"""Every URL of news (the officers' pages and the portal's) requested as every persona.

The tables are the specification (docs/permissions.md, "Tin bài, truyền thanh"); how they are
read and checked is in danvan/testing/matrix.py. Office A (officer_a) wrote the articles;
officer_b is an officer of another office (writes his own, not office A's); `other commune`
records belong to the outsider's commune, where he is an officer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from danvan.conftest import World
from danvan.news import services
from danvan.news.models import Article, Broadcast, BroadcastSlot, Photo
from danvan.news.tests.conftest import News, jpeg
from danvan.testing.matrix import (
    Matrix,
    PostAction,
    check_tables,
    client_of,
    expect_get,
    expect_post,
    office_file,
    rows,
    table,
    url_name,
)

# fmt: off
GET_MATRIX: Matrix = table({
    #                                          anon chair offA  roA offB front vill prov outs admin
    "news:index":                              (302, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "news:index[?xa=hong phong]":              (302, 200, 200, 200, 200, 200, 200, 200, 404, 200),
    "news:article_create":                     (302, 200, 200, 403, 200, 403, 403, 403, 200, 200),
    "news:article_create[?xa=hong phong]":     (302, 200, 200, 403, 200, 403, 403, 403, 404, 200),
    "news:article":                            (302, 200, 200, 200, 200, 200, 200, 200, 404, 200),
    "news:article[other commune]":             (302, 404, 404, 404, 404, 404, 404, 404, 200, 404),
    "news:article_edit":                       (302, 200, 200, 403, 403, 403, 403, 403, 404, 200),
    "news:article_edit[withdrawn]":            (302, 403, 403, 403, 403, 403, 403, 403, 404, 403),
    "news:article_publish":                    (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "news:article_withdraw":                   (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "news:photo_add":                          (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "news:photo":                              (302, 200, 200, 200, 200, 200, 200, 200, 404, 200),
    "news:photo[draft]":                       (302, 200, 200, 200, 200, 200, 200, 200, 404, 200),
    "news:photo_remove":                       (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "news:schedule":                           (302, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "news:schedule[?xa=hong phong]":           (302, 200, 200, 200, 200, 200, 200, 200, 404, 200),
    "news:slot_create":                        (302, 200, 200, 403, 200, 403, 403, 403, 200, 200),
    "news:slot_create[?xa=hong phong]":        (302, 200, 200, 403, 200, 403, 403, 403, 404, 200),
    "news:slot_stop":                          (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "news:broadcasts":                         (302, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "news:broadcasts[?xa=hong phong]":         (302, 200, 200, 200, 200, 200, 200, 200, 404, 200),
    "news:broadcast_create":                   (302, 200, 200, 403, 200, 403, 403, 403, 200, 200),
    "news:broadcast_create[?xa=hong phong]":   (302, 200, 200, 403, 200, 403, 403, 403, 404, 200),
    "news:broadcast":                          (302, 200, 200, 200, 200, 200, 200, 200, 404, 200),
    "news:broadcasts_xlsx":                    (302, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "news:broadcasts_xlsx[?xa=hong phong]":    (302, 200, 200, 200, 200, 200, 200, 200, 404, 200),
    # The portal: published articles to everyone, nothing else.
    "portal:news":                             (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "portal:news[?xa=hong phong]":             (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "portal:news_article":                     (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "portal:news_article[draft]":              (404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    "portal:news_article[withdrawn]":          (404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    "portal:news_photo":                       (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "portal:news_photo[draft]":                (404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    "portal:news_rss":                         (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "portal:news_atom":                        (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
})

POST_MATRIX: Matrix = table({
    #                                          anon chair offA  roA offB front vill prov outs admin
    "news:article_create[?xa=hong phong]":     (302, 302, 302, 403, 302, 403, 403, 403, 404, 302),
    "news:article_edit":                       (302, 302, 302, 403, 403, 403, 403, 403, 404, 302),
    "news:article_publish":                    (302, 302, 302, 403, 403, 403, 403, 403, 404, 302),
    "news:article_withdraw":                   (302, 302, 403, 403, 403, 403, 403, 403, 404, 302),
    "news:photo_add":                          (302, 302, 302, 403, 403, 403, 403, 403, 404, 302),
    "news:photo_remove":                       (302, 302, 302, 403, 403, 403, 403, 403, 404, 302),
    "news:slot_create[?xa=hong phong]":        (302, 302, 302, 403, 302, 403, 403, 403, 404, 302),
    "news:slot_stop":                          (302, 302, 302, 403, 302, 403, 403, 403, 404, 302),
    "news:broadcast_create[?xa=hong phong]":   (302, 302, 302, 403, 302, 403, 403, 403, 404, 302),
})
# fmt: on

KNOWN_BUGS: dict[tuple[str, str], str] = {}


@dataclass
class Scene:
    world: World
    news: News
    draft_photo: Photo

    def client(self, persona: str) -> Client:
        return client_of(self.world, persona)


def _r(name: str, *args: object) -> str:
    return reverse(name, args=args)


def _xa(name: str, s: Scene) -> str:
    return f"{_r(name)}?xa={s.world.commune.pk}"


URLS: dict[str, Callable[[Scene], str]] = {
    "news:index": lambda s: _r("news:index"),
    "news:index[?xa=hong phong]": lambda s: _xa("news:index", s),
    "news:article_create": lambda s: _r("news:article_create"),
    "news:article_create[?xa=hong phong]": lambda s: _xa("news:article_create", s),
    "news:article": lambda s: _r("news:article", s.news.draft.pk),
    "news:article[other commune]": lambda s: _r("news:article", s.news.other.pk),
    "news:article_edit": lambda s: _r("news:article_edit", s.news.draft.pk),
    "news:article_edit[withdrawn]": lambda s: _r("news:article_edit", s.news.withdrawn.pk),
    "news:article_publish": lambda s: _r("news:article_publish", s.news.draft.pk),
    "news:article_withdraw": lambda s: _r("news:article_withdraw", s.news.published.pk),
    "news:photo_add": lambda s: _r("news:photo_add", s.news.draft.pk),
    "news:photo": lambda s: _r("news:photo", s.news.published.pk, s.news.photo.pk),
    "news:photo[draft]": lambda s: _r("news:photo", s.news.draft.pk, s.draft_photo.pk),
    "news:photo_remove": lambda s: _r("news:photo_remove", s.news.published.pk, s.news.photo.pk),
    "news:schedule": lambda s: _r("news:schedule"),
    "news:schedule[?xa=hong phong]": lambda s: _xa("news:schedule", s),
    "news:slot_create": lambda s: _r("news:slot_create"),
    "news:slot_create[?xa=hong phong]": lambda s: _xa("news:slot_create", s),
    "news:slot_stop": lambda s: _r("news:slot_stop", s.news.slot.pk),
    "news:broadcasts": lambda s: f"{_r('news:broadcasts')}?thang=2026-06",
    "news:broadcasts[?xa=hong phong]": lambda s: f"{_xa('news:broadcasts', s)}&thang=2026-06",
    "news:broadcast_create": lambda s: _r("news:broadcast_create"),
    "news:broadcast_create[?xa=hong phong]": lambda s: _xa("news:broadcast_create", s),
    "news:broadcast": lambda s: _r("news:broadcast", s.news.broadcast.pk),
    "news:broadcasts_xlsx": lambda s: f"{_r('news:broadcasts_xlsx')}?thang=2026-06",
    "news:broadcasts_xlsx[?xa=hong phong]": lambda s: (
        f"{_xa('news:broadcasts_xlsx', s)}&thang=2026-06"
    ),
    "portal:news": lambda s: _r("portal:news"),
    "portal:news[?xa=hong phong]": lambda s: _xa("portal:news", s),
    "portal:news_article": lambda s: _r("portal:news_article", s.news.published.pk),
    "portal:news_article[draft]": lambda s: _r("portal:news_article", s.news.draft.pk),
    "portal:news_article[withdrawn]": lambda s: _r("portal:news_article", s.news.withdrawn.pk),
    "portal:news_photo": lambda s: _r("portal:news_photo", s.news.published.pk, s.news.photo.pk),
    "portal:news_photo[draft]": lambda s: _r(
        "portal:news_photo", s.news.draft.pk, s.draft_photo.pk
    ),
    "portal:news_rss": lambda s: _r("portal:news_rss"),
    "portal:news_atom": lambda s: _r("portal:news_atom"),
}

ARTICLE = {"kind": "news", "title": "Tin mới", "summary": "Tóm tắt", "body": "Nội dung."}


def _article(s: Scene, name: str, *fields: str) -> tuple[Any, ...]:
    a = Article.objects.get(pk=getattr(s.news, name).pk)
    return tuple(getattr(a, f) for f in fields)


POST_ACTIONS: dict[str, PostAction] = {
    "news:article_create[?xa=hong phong]": PostAction(
        data=lambda s, p: ARTICLE, state=lambda s, c: Article.objects.count()
    ),
    "news:article_edit": PostAction(
        data=lambda s, p: {**ARTICLE, "title": "Tiêu đề đã sửa"},
        state=lambda s, c: _article(s, "draft", "title"),
    ),
    "news:article_publish": PostAction(
        data=lambda s, p: {}, state=lambda s, c: _article(s, "draft", "status")
    ),
    "news:article_withdraw": PostAction(
        data=lambda s, p: {"go-reason": "Thông tin chưa chính xác"},
        state=lambda s, c: _article(s, "published", "status"),
    ),
    "news:photo_add": PostAction(
        data=lambda s, p: {"anh-photo": jpeg(), "anh-caption": "Ảnh mới"},
        state=lambda s, c: Photo.objects.count(),
    ),
    "news:photo_remove": PostAction(data=lambda s, p: {}, state=lambda s, c: Photo.objects.count()),
    "news:slot_create[?xa=hong phong]": PostAction(
        data=lambda s, p: {
            "weekdays": ["1", "3"],
            "starts_at": "17:00",
            "minutes": "15",
            "programme": "Bản tin chiều",
        },
        state=lambda s, c: BroadcastSlot.objects.count(),
    ),
    "news:slot_stop": PostAction(
        data=lambda s, p: {},
        state=lambda s, c: BroadcastSlot.objects.get(pk=s.news.slot.pk).active,
    ),
    "news:broadcast_create[?xa=hong phong]": PostAction(
        data=lambda s, p: {
            "aired_on": "01/06/2026",
            "starts_at": "17:00",
            "minutes": "15",
            "title": "Bản tin chiều",
        },
        state=lambda s, c: Broadcast.objects.count(),
    ),
}


@pytest.fixture
def scene(world: World, news: News) -> Scene:
    photo = services.photo_add(
        article=news.draft, by=world.officer_a, photo=jpeg(), caption="Ảnh bản nháp"
    )
    return Scene(world, news, photo)


def test_it_knows_how_to_build_every_row() -> None:
    check_tables(GET_MATRIX, POST_MATRIX, URLS, POST_ACTIONS)


def _body_problem(case: str) -> Callable[[Any], str | None] | None:
    return office_file if url_name(case) == "news:broadcasts_xlsx" else None


@pytest.mark.parametrize(("case", "personas"), rows(GET_MATRIX, "GET", KNOWN_BUGS))
def test_it_answers_get_as_the_table_says(
    scene: Scene, case: str, personas: tuple[str, ...]
) -> None:
    expect_get(GET_MATRIX, case, personas, URLS[case](scene), scene.client, _body_problem(case))


@pytest.mark.parametrize(("case", "personas"), rows(POST_MATRIX, "POST", KNOWN_BUGS))
def test_it_answers_post_as_the_table_says(
    scene: Scene, case: str, personas: tuple[str, ...]
) -> None:
    expect_post(
        POST_MATRIX, case, personas, URLS[case](scene), scene, scene.client, POST_ACTIONS[case]
    )
