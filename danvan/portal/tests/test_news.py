"""The portal's news: only published articles, in the list, the article page, its photos and the
feeds (valid RSS 2.0 and Atom, escaped, the summary only)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from django.test import Client
from django.urls import reverse

from danvan.conftest import World
from danvan.news import services
from danvan.news.tests.conftest import News, article, build_news

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def news(world: World) -> News:
    return build_news(world)


def test_the_list_shows_published_articles_of_the_commune_only(world: World, news: News) -> None:
    html = Client().get(reverse("portal:news"), {"xa": world.commune.pk}).content.decode()
    assert news.published.title in html
    for hidden in (news.draft, news.withdrawn, news.other):
        assert hidden.title not in html
    assert 'rel="alternate" type="application/rss+xml"' in html
    assert 'loading="lazy"' in html and "?w=320" in html


def test_a_province_install_asks_for_the_commune_first(world: World, news: News) -> None:
    html = Client().get(reverse("portal:news")).content.decode()
    assert "Xã, phường" in html and news.published.title not in html


def test_the_article_page_shows_paragraphs_and_photos_never_html(world: World) -> None:
    a = article(world, "Tin có <script>")
    a.body = "Đoạn <script>alert(1)</script> một.\n\nĐoạn hai."
    a.save()
    services.article_publish(article=a, by=world.officer_a)
    html = Client().get(reverse("portal:news_article", args=[a.pk])).content.decode()
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert html.count("<p>Đoạn") == 2


def test_a_photo_is_served_resized_for_a_published_article_only(world: World, news: News) -> None:
    c = Client()
    r = c.get(reverse("portal:news_photo", args=[news.published.pk, news.photo.pk]), {"w": "640"})
    assert r.status_code == 200 and r["Content-Type"] == "image/webp"
    assert "public" in r["Cache-Control"]
    services.article_withdraw(article=news.published, by=world.chairman, reason="Sai")
    r = c.get(reverse("portal:news_photo", args=[news.published.pk, news.photo.pk]))
    assert r.status_code == 404


def test_the_rss_feed_is_valid_escaped_and_lists_published_only(world: World, news: News) -> None:
    a = article(world, "Tin <b> & “ngoặc”")
    services.article_publish(article=a, by=world.officer_a)
    r = Client().get(reverse("portal:news_rss"), {"xa": world.commune.pk})
    assert r["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(r.content)  # noqa: S314 - our own output
    titles = [t.text for t in root.iter("title")]
    assert "Tin <b> & “ngoặc”" in titles and news.published.title in titles
    for hidden in (news.draft, news.withdrawn, news.other):
        assert hidden.title not in titles
    links = [link.text or "" for link in root.iter("link")]
    assert any(link.endswith(reverse("portal:news_article", args=[a.pk])) for link in links)


def test_the_atom_feed_is_valid(world: World, news: News) -> None:
    r = Client().get(reverse("portal:news_atom"))
    root = ET.fromstring(r.content)  # noqa: S314 - our own output
    titles = [t.text for t in root.iter(f"{ATOM}title")]
    # Every commune's published articles when none is chosen.
    assert news.published.title in titles and news.other.title in titles
    assert news.draft.title not in titles


def test_the_home_section_lists_the_newest_published(world: World, news: News) -> None:
    from danvan.portal.news import home_section

    section = home_section(world.commune)
    assert section is not None
    assert [a.title for a in section.data["articles"]] == [news.published.title]
