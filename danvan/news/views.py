"""Officers' pages of news and broadcasts, under /can-bo/tin-bai/.

Every view asks news.access (or core.access.commune_for) first: 404 for another commune's
record, 403 for what the role does not allow. Every write runs through core.steps.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from danvan.core.access import commune_for, get_access
from danvan.core.audit import written_history
from danvan.core.cache import kept, kept_page
from danvan.core.http import AuthedRequest, int_param, url_for_pk
from danvan.core.images import photo_response, photo_width
from danvan.core.models import Role, Unit
from danvan.core.steps import run_action, run_step
from danvan.lib.text import fold
from danvan.news import exports, services
from danvan.news.access import (
    edits,
    get_article_for_user,
    get_broadcast_for_user,
    get_slot_for_user,
    offices,
    withdraws,
    writes,
)
from danvan.news.exports import next_month
from danvan.news.forms import (
    ArticleCreateForm,
    ArticleForm,
    BroadcastForm,
    PhotoForm,
    SlotForm,
    WithdrawForm,
)
from danvan.news.models import Article, Broadcast, BroadcastSlot, Photo

PAGE_SIZE = 25
STATUS_CSS = {"draft": "not_started", "published": "done", "withdrawn": "overdue"}


def _commune(request: HttpRequest) -> Unit:
    return commune_for(request, request.GET.get("xa"))


def _writing_commune(request: AuthedRequest) -> Unit:
    access = get_access(request.user)
    among = access.managed_communes | access.communes(Role.OFFICER, kinds=[Unit.Kind.OFFICE])
    return commune_for(request, request.GET.get("xa"), among=among)


def _page(request: HttpRequest, template: str, **context: Any) -> Callable[[], HttpResponse]:
    return lambda: render(request, template, context)


def _with_xa(name: str, commune_id: int) -> str:
    return f"{reverse(name)}?xa={commune_id}"


def _month(request: HttpRequest) -> date:
    raw = request.GET.get("thang", "")
    try:
        year, month = (int(x) for x in raw.split("-", 1))
        return date(year, month, 1)
    except (TypeError, ValueError):
        return timezone.localdate().replace(day=1)


# --- articles -------------------------------------------------------------------------------


def index(request: AuthedRequest) -> HttpResponse:
    """The commune's articles: filters by kind, status and words; drafts too."""
    commune = _commune(request)
    kind = request.GET.get("loai", "")
    status = request.GET.get("tinh-trang", "")
    q = request.GET.get("q", "").strip()[:200]
    articles = Article.objects.filter(commune=commune)
    if kind in Article.Kind.values:
        articles = articles.filter(kind=kind)
    if status in Article.Status.values:
        articles = articles.filter(status=status)
    if q:
        articles = articles.filter(search__contains=fold(q))

    def prepare(rows: list[Article]) -> None:
        url = url_for_pk("news:article")
        for a in rows:
            a.row_url = url(a.pk)  # type: ignore[attr-defined]
            a.status_css = STATUS_CSS[a.status]  # type: ignore[attr-defined]

    page = kept_page(
        f"news:index|{commune.pk}|{kind}|{status}|{fold(q)}",
        commune.pk,
        articles.select_related("unit").only(
            "title", "kind", "status", "published_at", "created_at", "unit__name", "commune_id"
        ),
        request.GET.get("page"),
        PAGE_SIZE,
        apps=("news",),
        prepare=prepare,
    )
    return render(
        request,
        "news/index.html",
        {
            "commune": commune,
            "page": page,
            "kind": kind,
            "status": status,
            "q": q,
            "kinds": Article.Kind.choices,
            "statuses": Article.Status.choices,
            "filtered": bool(kind or status or q),
            "writes": writes(request.user, commune.pk),
        },
    )


def article_create(request: AuthedRequest) -> HttpResponse:
    commune = _writing_commune(request)
    if not writes(request.user, commune.pk):
        raise PermissionDenied
    mine = sorted(offices(request.user, commune.pk))
    unit = Unit.objects.filter(pk=mine[0]).first() if mine else None
    form = ArticleCreateForm(request.POST or None, request.FILES or None)
    return run_step(
        request,
        form,
        lambda data: services.article_create(commune=commune, by=request.user, unit=unit, **data),
        done=lambda a: f"Đã lưu bản nháp “{a.title}”.",
        then=lambda a: redirect("news:article", pk=a.pk),
        again=_page(
            request,
            "news/article_form.html",
            form=form,
            commune=commune,
            heading="Viết tin bài",
            back=_with_xa("news:index", commune.pk),
            multipart=True,
        ),
    )


def article_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    article = get_article_for_user(request, pk, write=True)
    if not edits(request.user, article):
        raise PermissionDenied
    form = ArticleForm(
        request.POST or None,
        initial={f: getattr(article, f) for f in ("kind", "title", "summary", "body")},
    )
    return run_step(
        request,
        form,
        lambda data: services.article_update(article=article, by=request.user, **data),
        done="Đã lưu tin bài.",
        then=lambda a: redirect("news:article", pk=a.pk),
        again=_page(
            request,
            "news/article_form.html",
            form=form,
            commune=article.commune,
            heading=f"Sửa tin bài: {article.title}",
            back=reverse("news:article", args=[article.pk]),
        ),
    )


def _photos(article: Article, url_name: str, *args: Any) -> list[Photo]:
    photos = list(article.photos.order_by("pk"))
    for p in photos:
        p.src = reverse(url_name, args=[*args, p.pk])  # type: ignore[attr-defined]
        shown = min(p.width, 640) if p.width else 640
        p.shown_width = shown  # type: ignore[attr-defined]
        p.shown_height = (  # type: ignore[attr-defined]
            round(p.height * shown / p.width) if p.width else 480
        )
    return photos


def _article_page(request: AuthedRequest, article: Article, **bound: Any) -> HttpResponse:
    user = request.user
    may_edit = edits(user, article)
    forms: dict[str, Any] = {}
    if may_edit:
        forms["photo_form"] = PhotoForm(prefix="anh")
    if withdraws(user, article.commune_id) and article.is_published:
        forms["withdraw_form"] = WithdrawForm(prefix="go")
    forms.update(bound)
    return render(
        request,
        "news/article_detail.html",
        {
            "article": article,
            "photos": _photos(article, "news:photo", article.pk),
            "status_css": STATUS_CSS[article.status],
            "edits": may_edit,
            "writes": writes(user, article.commune_id),
            "publishes": may_edit and article.status == Article.Status.DRAFT,
            "history": written_history(article, 30),
            "has_errors": any(getattr(f, "errors", None) for f in bound.values()),
            **forms,
        },
    )


def article_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    return _article_page(request, get_article_for_user(request, pk))


@require_POST
def article_publish(request: AuthedRequest, pk: int) -> HttpResponse:
    article = get_article_for_user(request, pk, write=True)
    if not edits(request.user, article):
        raise PermissionDenied
    return run_action(
        request,
        lambda: services.article_publish(article=article, by=request.user),
        done="Đã đăng tin bài lên cổng thông tin.",
        then=lambda: redirect("news:article", pk=article.pk),
    )


@require_POST
def article_withdraw(request: AuthedRequest, pk: int) -> HttpResponse:
    article = get_article_for_user(request, pk)
    if not withdraws(request.user, article.commune_id):
        raise PermissionDenied
    form = WithdrawForm(request.POST, prefix="go")
    return run_step(
        request,
        form,
        lambda data: services.article_withdraw(article=article, by=request.user, **data),
        done="Đã gỡ tin bài khỏi cổng thông tin.",
        then=lambda _: redirect("news:article", pk=article.pk),
        again=lambda: _article_page(request, article, withdraw_form=form),
    )


@require_POST
def photo_add(request: AuthedRequest, pk: int) -> HttpResponse:
    article = get_article_for_user(request, pk, write=True)
    if not edits(request.user, article):
        raise PermissionDenied
    form = PhotoForm(request.POST, request.FILES, prefix="anh")
    return run_step(
        request,
        form,
        lambda data: services.photo_add(article=article, by=request.user, **data),
        done="Đã thêm ảnh.",
        then=lambda _: redirect("news:article", pk=article.pk),
        again=lambda: _article_page(request, article, photo_form=form),
    )


@require_POST
def photo_remove(request: AuthedRequest, pk: int, photo: int) -> HttpResponse:
    article = get_article_for_user(request, pk, write=True)
    if not edits(request.user, article):
        raise PermissionDenied
    found = get_object_or_404(Photo, pk=photo, article=article)
    return run_action(
        request,
        lambda: services.photo_remove(photo=found, by=request.user),
        done="Đã bỏ ảnh.",
        then=lambda: redirect("news:article", pk=article.pk),
    )


def photo(request: AuthedRequest, pk: int, photo: int) -> FileResponse:
    """A photo of an article, resized, to whoever reads the commune (drafts too)."""
    article = get_article_for_user(request, pk)
    found = get_object_or_404(Photo.objects.select_related("attachment"), pk=photo, article=article)
    return photo_response(found.attachment, photo_width(request))


# --- the schedule -------------------------------------------------------------------------


def schedule(request: AuthedRequest) -> HttpResponse:
    commune = _commune(request)
    # The schedule, the same for every reader: kept until a record of the news changes.
    slots = kept(
        f"news:schedule|{commune.pk}",
        commune.pk,
        lambda: list(
            BroadcastSlot.objects.filter(commune=commune)
            .prefetch_related("villages")
            .order_by("-active", "starts_at", "pk")
        ),
        60,
        apps=("news",),
    )
    return render(
        request,
        "news/schedule.html",
        {"commune": commune, "slots": slots, "writes": writes(request.user, commune.pk)},
    )


def slot_create(request: AuthedRequest) -> HttpResponse:
    commune = _writing_commune(request)
    if not writes(request.user, commune.pk):
        raise PermissionDenied
    form = SlotForm(request.POST or None, commune=commune)
    return run_step(
        request,
        form,
        lambda data: services.slot_create(commune=commune, by=request.user, **data),
        done=lambda s: f"Đã thêm lịch phát “{s.programme}”.",
        then=lambda _: redirect(_with_xa("news:schedule", commune.pk)),
        again=_page(
            request,
            "news/article_form.html",
            form=form,
            commune=commune,
            heading="Thêm lịch phát thanh",
            back=_with_xa("news:schedule", commune.pk),
        ),
    )


@require_POST
def slot_stop(request: AuthedRequest, pk: int) -> HttpResponse:
    slot = get_slot_for_user(request, pk, write=True)
    return run_action(
        request,
        lambda: services.slot_stop(slot=slot, by=request.user),
        done="Lịch phát đã thôi áp dụng.",
        then=lambda: redirect(_with_xa("news:schedule", slot.commune_id)),
    )


# --- the broadcast log --------------------------------------------------------------------


def _broadcast_rows(commune: Unit, first: date) -> list[Broadcast]:
    rows = list(
        Broadcast.objects.filter(
            commune=commune, aired_on__gte=first, aired_on__lt=next_month(first)
        )
        .select_related("disclosure")
        .prefetch_related("villages")
        .order_by("-aired_on", "-starts_at", "-pk")
    )
    url = url_for_pk("news:broadcast")
    for b in rows:
        b.row_url = url(b.pk)  # type: ignore[attr-defined]
    return rows


def broadcasts(request: AuthedRequest) -> HttpResponse:
    commune = _commune(request)
    first = _month(request)
    # The month's log, the same for every reader: kept until a record of the news (or of
    # core) or a disclosure (a broadcast's) changes.
    rows = kept(
        f"news:broadcasts|{first}",
        commune.pk,
        lambda: _broadcast_rows(commune, first),
        60,
        apps=("news", "disclosures"),
    )
    return render(
        request,
        "news/broadcasts.html",
        {
            "commune": commune,
            "rows": rows,
            "month": first,
            "previous": (first - timedelta(days=1)).replace(day=1),
            "next": next_month(first),
            "total_minutes": sum(b.minutes for b in rows),
            "writes": writes(request.user, commune.pk),
        },
    )


def broadcast_create(request: AuthedRequest) -> HttpResponse:
    commune = _writing_commune(request)
    if not writes(request.user, commune.pk):
        raise PermissionDenied
    now = timezone.localtime()
    initial: dict[str, Any] = {"aired_on": now.date(), "starts_at": now.strftime("%H:%M")}
    wanted = int_param(request.GET.get("tin-bai"))
    article = (
        Article.objects.filter(commune=commune, pk=wanted, status=Article.Status.PUBLISHED).first()
        if wanted
        else None
    )
    if article is not None:
        initial.update(article=article.pk, title=article.title)
    form = BroadcastForm(request.POST or None, commune=commune, initial=initial)
    mine = sorted(offices(request.user, commune.pk))
    centre = Unit.objects.filter(pk=mine[0]).values_list("name", flat=True).first() if mine else ""
    return run_step(
        request,
        form,
        lambda data: services.broadcast_log(
            commune=commune, by=request.user, centre=centre or "", **data
        ),
        done=lambda b: f"Đã ghi {b}.",
        then=lambda b: redirect("news:broadcast", pk=b.pk),
        again=_page(
            request,
            "news/article_form.html",
            form=form,
            commune=commune,
            heading="Ghi nhật ký phát thanh",
            back=_with_xa("news:broadcasts", commune.pk),
        ),
    )


def broadcast_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    b = get_broadcast_for_user(request, pk)
    return render(
        request,
        "news/broadcast_detail.html",
        {"b": b, "villages": list(b.villages.all()), "history": written_history(b, 30)},
    )


def broadcasts_xlsx(request: AuthedRequest) -> HttpResponse:
    """The month's log as .xlsx: every member of the commune."""
    commune = _commune(request)
    return exports.log_xlsx(commune=commune, month=_month(request))


urls: list[URLPattern] = [
    path("", index, name="index"),
    path("them/", article_create, name="article_create"),
    path("<int:pk>/", article_detail, name="article"),
    path("<int:pk>/sua/", article_edit, name="article_edit"),
    path("<int:pk>/dang/", article_publish, name="article_publish"),
    path("<int:pk>/go/", article_withdraw, name="article_withdraw"),
    path("<int:pk>/anh/", photo_add, name="photo_add"),
    path("<int:pk>/anh/<int:photo>/", photo, name="photo"),
    path("<int:pk>/anh/<int:photo>/bo/", photo_remove, name="photo_remove"),
    path("lich-phat-thanh/", schedule, name="schedule"),
    path("lich-phat-thanh/them/", slot_create, name="slot_create"),
    path("lich-phat-thanh/<int:pk>/thoi/", slot_stop, name="slot_stop"),
    path("nhat-ky/", broadcasts, name="broadcasts"),
    path("nhat-ky/them/", broadcast_create, name="broadcast_create"),
    path("nhat-ky/<int:pk>/", broadcast_detail, name="broadcast"),
    path("nhat-ky.xlsx", broadcasts_xlsx, name="broadcasts_xlsx"),
]
