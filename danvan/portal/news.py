"""The public pages of news (Trung tâm Dịch vụ công ích), under /tin-tuc/: the published
articles (by kind; a province's install first asks which commune), each article with its
photos (resized copies, lazily loaded), and the feeds (RSS 2.0 and Atom, Django's syndication).

Only published articles: a draft, a withdrawn article and their photos answer 404. The body is
plain text shown with its paragraphs, never HTML; the feeds carry the summary only.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.views.decorators.http import require_http_methods

from danvan.core.http import int_param, url_for_pk
from danvan.core.images import photo_response, photo_width
from danvan.core.models import Unit
from danvan.news.models import Article, Photo
from danvan.portal.forms import commune_label
from danvan.portal.petitions import all_places, places_asked
from danvan.portal.sections import HomeSection, in_commune, shown

PAGE_SIZE = 12
FEED_ITEMS = 30


def published() -> QuerySet[Article]:
    return Article.objects.filter(status=Article.Status.PUBLISHED)


def _first_photos(articles: list[Article]) -> None:
    """Each article's first photo (one query for the page), as `cover` with its URL and size."""
    covers: dict[int, Photo] = {}
    for p in Photo.objects.filter(article__in=[a.pk for a in articles]).order_by("-pk"):
        covers[p.article_id] = p
    for a in articles:
        cover = covers.get(a.pk)
        if cover is not None:
            cover.src = reverse("portal:news_photo", args=[a.pk, cover.pk])  # type: ignore[attr-defined]
            _sized(cover, 320)
        a.cover = cover  # type: ignore[attr-defined]


def _sized(p: Photo, width: int) -> None:
    shown_width = min(p.width, width) if p.width else width
    p.shown_width = shown_width  # type: ignore[attr-defined]
    p.shown_height = round(p.height * shown_width / p.width) if p.width else width * 3 // 4  # type: ignore[attr-defined]


@login_not_required
@require_http_methods(["GET", "HEAD"])
def news_list(request: HttpRequest) -> HttpResponse:
    communes, commune, _villages = places_asked(request)
    labelled = [(c.pk, commune_label(c)) for c in communes]
    if commune is None:
        return render(request, "portal/news_list.html", {"communes": labelled, "choose": True})
    kind = request.GET.get("loai", "")
    articles = published().filter(commune=commune)
    if kind in Article.Kind.values:
        articles = articles.filter(kind=kind)
    page = Paginator(
        articles.only("title", "summary", "kind", "published_at", "commune_id").order_by(
            "-published_at", "-pk"
        ),
        PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    url = url_for_pk("portal:news_article")
    for a in rows:
        a.url = url(a.pk)  # type: ignore[attr-defined]
    _first_photos(rows)
    xa = f"xa={commune.pk}&" if len(communes) > 1 else ""
    return render(
        request,
        "portal/news_list.html",
        {
            "commune": commune,
            "communes": labelled if len(communes) > 1 else [],
            "page": page,
            "rows": rows,
            "kind": kind,
            "kinds": Article.Kind.choices,
            "query": f"{xa}loai={kind}",
            "feed_query": f"?xa={commune.pk}" if len(communes) > 1 else "",
        },
    )


@login_not_required
@require_http_methods(["GET", "HEAD"])
def news_article(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(published().select_related("commune", "unit"), pk=pk)
    photos = list(article.photos.order_by("pk"))
    for p in photos:
        p.src = reverse("portal:news_photo", args=[article.pk, p.pk])  # type: ignore[attr-defined]
        _sized(p, 640)
    return render(request, "portal/news_detail.html", {"article": article, "photos": photos})


@login_not_required
@require_http_methods(["GET", "HEAD"])
def news_photo(request: HttpRequest, pk: int, photo: int) -> FileResponse:
    """A photo of a published article, resized; any other answers 404."""
    article = get_object_or_404(published(), pk=pk)
    found = get_object_or_404(Photo.objects.select_related("attachment"), pk=photo, article=article)
    return photo_response(found.attachment, photo_width(request), public=True)


class NewsFeed(Feed):  # type: ignore[type-arg]
    """The newest published articles (of ?xa=, or of every commune of the install)."""

    feed_type: type[Rss201rev2Feed | Atom1Feed] = Rss201rev2Feed
    description = "Tin tức, câu chuyện “Dân vận khéo” và thông báo của chính quyền xã."

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Unit | None:
        cid = int_param(request.GET.get("xa"))
        communes = all_places().communes
        return next((c for c in communes if c.pk == cid), None)

    def title(self, obj: Unit | None) -> str:
        return f"Tin tức – {obj.name}" if obj else "Tin tức – Dân vận số"

    def link(self, obj: Unit | None) -> str:
        base = reverse("portal:news")
        return f"{base}?xa={obj.pk}" if obj else base

    def items(self, obj: Unit | None) -> list[Article]:
        return list(
            in_commune(published(), obj)
            .select_related("commune")
            .order_by("-published_at", "-pk")[:FEED_ITEMS]
        )

    def item_title(self, item: Article) -> str:
        return item.title

    def item_description(self, item: Article) -> str:
        return item.summary

    def item_link(self, item: Article) -> str:
        return reverse("portal:news_article", args=[item.pk])

    def item_pubdate(self, item: Article) -> Any:
        return item.published_at

    def item_categories(self, item: Article) -> list[str]:
        return [str(item.get_kind_display())]

    def item_author_name(self, item: Article) -> str:
        return item.commune.name


class AtomNewsFeed(NewsFeed):
    feed_type = Atom1Feed
    subtitle = NewsFeed.description


def home_section(commune: Unit | None) -> HomeSection | None:
    """The newest published articles on the home page (nothing when there is none)."""
    found = list(
        in_commune(published(), commune)
        .only("title", "kind", "published_at", "commune_id")
        .order_by("-published_at", "-pk")[:5]
    )
    return shown("portal/news_home.html", articles=found)


_rss = login_not_required(require_http_methods(["GET", "HEAD"])(NewsFeed()))
_atom = login_not_required(require_http_methods(["GET", "HEAD"])(AtomNewsFeed()))

# Under /tin-tuc/ (portal/urls.py).
urlpatterns = [
    path("", news_list, name="news"),
    path("rss.xml", _rss, name="news_rss"),
    path("atom.xml", _atom, name="news_atom"),
    path("<int:pk>/", news_article, name="news_article"),
    path("<int:pk>/anh/<int:photo>/", news_photo, name="news_photo"),
]
