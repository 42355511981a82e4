"""Officers' pages of the "Dân vận khéo" movement, under /can-bo/dan-van-kheo/.

Every view asks movement.access first: 404 for another commune's record, 403 for what the role
does not allow. Every write runs through core.steps: one service, its DomainError on the same
form with what was typed kept, and status 400.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from danvan.core.access import commune_for
from danvan.core.audit import written_history
from danvan.core.cache import kept
from danvan.core.http import AuthedRequest, int_param, url_for_pk
from danvan.core.images import photo_response, photo_width
from danvan.core.kept_forms import Offers, kept_blank, step_forms
from danvan.core.models import Attachment, Unit
from danvan.core.steps import run_step
from danvan.core.uploads import attachment_response
from danvan.lib.text import fold
from danvan.movement import exports, services
from danvan.movement.access import (
    follows,
    get_practice_for_user,
    leads,
    registers,
    registrant_units,
    replicates,
    require,
    scores,
)
from danvan.movement.forms import (
    AwardForm,
    DecideForm,
    FollowUpForm,
    ProposeForm,
    PublicForm,
    RegisterForm,
    ReplicationForm,
    ReviewForm,
)
from danvan.movement.models import Field, FollowUp, Kind, Practice, Status

PAGE_SIZE = 25


@dataclass
class Filters:
    year: int
    field: int | None
    kind: str
    status: str
    village: int | None
    q: str

    @classmethod
    def read(cls, request: HttpRequest) -> Filters:
        g = request.GET
        year = int_param(g.get("nam"))
        return cls(
            year=year if year and 2000 <= year <= 2100 else timezone.localdate().year,
            field=int_param(g.get("linh-vuc")),
            kind=g.get("loai", "") if g.get("loai") in Kind.values else "",
            status=g.get("trang-thai", "") if g.get("trang-thai") in Status.values else "",
            village=int_param(g.get("thon")),
            q=g.get("q", "").strip()[:100],
        )

    def apply(self, qs: Any) -> Any:
        qs = qs.filter(year=self.year)
        if self.field is not None:
            qs = qs.filter(field_id=self.field)
        if self.kind:
            qs = qs.filter(kind=self.kind)
        if self.status:
            qs = qs.filter(status=self.status)
        if self.village is not None:
            qs = qs.filter(village_id=self.village)
        if self.q and (folded := fold(self.q)):
            for word in folded.split():
                qs = qs.filter(search__contains=word)
        return qs

    def query(self, commune_id: int) -> str:
        parts = {
            "xa": commune_id,
            "nam": self.year,
            "linh-vuc": self.field or "",
            "loai": self.kind,
            "trang-thai": self.status,
            "thon": self.village or "",
            "q": self.q,
        }
        return urlencode({k: v for k, v in parts.items() if v != ""})


def _villages(commune_id: int) -> list[Unit]:
    return list(Unit.objects.filter(commune_id=commune_id, kind=Unit.Kind.VILLAGE).order_by("name"))


def index(request: AuthedRequest) -> HttpResponse:
    """The register: every practice of the year, filtered, searched, a page at a time. Its
    filter and rows as written are the same for every reader: kept until a record of the
    movement (or of core) changes."""
    commune = commune_for(request, request.GET.get("xa"))
    f = Filters.read(request)
    query = f.query(commune.pk)
    asked = request.GET.get("page")
    today = timezone.localdate()
    listed = kept(
        f"movement:register|{query}|{asked}|{today}",
        commune.pk,
        lambda: _register_rows(commune, f, query, asked, today),
        60,
        apps=("movement",),
    )
    return render(
        request,
        "movement/index.html",
        {
            "commune": commune,
            "f": f,
            "query": query,
            "listed": mark_safe(listed),  # written by the engine, which escapes
            "registers": registers(request.user, commune.pk),
        },
    )


def _register_rows(commune: Unit, f: Filters, query: str, asked: str | None, today: date) -> str:
    qs = f.apply(Practice.objects.filter(commune=commune)).order_by("-registered_on", "-pk")
    page = Paginator(
        qs.select_related("field", "village", "registrant").only(
            "name",
            "kind",
            "year",
            "status",
            "score",
            "reviews_count",
            "person_name",
            "registered_on",
            "field__name",
            "village__name",
            "registrant__name",
        ),
        PAGE_SIZE,
    ).get_page(asked)
    url = url_for_pk("movement:detail")
    for p in page.object_list:
        p.row_url = url(p.pk)
    return render_to_string(
        "movement/_register_rows.html",
        {
            "commune": commune,
            "page": page,
            "f": f,
            "query": query,
            "fields": Field.objects.all(),
            "kinds": Kind.choices,
            "statuses": Status.choices,
            "villages": _villages(commune.pk),
            "years": range(today.year + 1, today.year - 5, -1),
        },
    )


def export(request: AuthedRequest) -> HttpResponse:
    commune = commune_for(request, request.GET.get("xa"))
    f = Filters.read(request)
    return exports.register_xlsx(
        commune=commune,
        year=f.year,
        practices=f.apply(Practice.objects.filter(commune=commune)).order_by("registered_on", "pk"),
    )


def register(request: AuthedRequest) -> HttpResponse:
    commune = commune_for(request, request.GET.get("xa"))
    units = registrant_units(request.user, commune.pk)
    require(bool(units))
    today = timezone.localdate()
    form = RegisterForm(
        request.POST or None,
        units=units,
        commune=commune,
        initial={"year": today.year, "starts_on": today},
    )
    # Blank, its lists of units, fields and documents as written are kept (core.kept_forms).
    key = f"movement:register|{','.join(str(u.pk) for u in units)}|{today}"
    shown = kept_blank(form, key, commune.pk)
    return run_step(
        request,
        form,
        lambda data: services.practice_register(commune=commune, by=request.user, **data),
        done=lambda p: f"Đã đăng ký {p}.",
        then=lambda p: redirect("movement:detail", pk=p.pk),
        again=lambda: render(
            request,
            "movement/register.html",
            {
                "form": shown,
                "commune": commune,
                "back": f"{reverse('movement:index')}?xa={commune.pk}",
            },
        ),
    )


# --- a practice -----------------------------------------------------------------------------


def _files(follow_ups: list[FollowUp]) -> None:
    """Each follow-up's files, for the page in one query."""
    ct = ContentType.objects.get_for_model(FollowUp)
    found: dict[int, list[Attachment]] = {}
    for a in Attachment.objects.filter(
        owner_type=ct, owner_id__in=[f.pk for f in follow_ups]
    ).order_by("pk"):
        found.setdefault(a.owner_id, []).append(a)
    for f in follow_ups:
        f.files = found.get(f.pk, [])  # type: ignore[attr-defined]


def _rows(practice: Practice) -> dict[str, list[Any]]:
    follow_ups = list(practice.follow_ups.select_related("created_by"))
    _files(follow_ups)
    return {
        "follow_ups": follow_ups,
        "reviews": list(practice.reviews.select_related("reviewer")),
        "replications": list(practice.replications.select_related("village")),
        "guidance": list(practice.guidance.all()),
    }


def _page(request: AuthedRequest, practice: Practice, **bound: Any) -> HttpResponse:
    user = request.user
    today = timezone.localdate()
    cid = practice.commune_id
    decided = practice.status in services.DECIDED
    # The next steps' forms: one sent back with its errors as it is, the others blank and kept
    # as written until a record of the commune changes (core.kept_forms). The reviewer's own
    # scores and the signer's name are the user's: the key names the user.
    offers: Offers = {}
    if follows(user, practice):
        offers["follow_form"] = (
            bound.get("follow_form"),
            lambda: FollowUpForm(prefix="td", initial={"on": today}),
        )
    if scores(user, cid) and not decided:
        offers["review_form"] = (
            bound.get("review_form"),
            lambda: ReviewForm(
                prefix="cd",
                criteria=services.criteria_for(practice.kind),
                initial=_mine(practice, user),
            ),
        )
    if leads(user, cid) and practice.status == Status.REVIEWED:
        offers["decide_form"] = (
            bound.get("decide_form"),
            lambda: DecideForm(prefix="xet", initial={"decided_on": today}),
        )
    if leads(user, cid) and practice.status == Status.RECOGNISED:
        offers["propose_form"] = (
            bound.get("propose_form"),
            lambda: ProposeForm(prefix="dn", initial={"proposed_on": today}),
        )
    if leads(user, cid) and practice.status == Status.RECOGNISED and not practice.award_id:
        offers["award_form"] = (
            bound.get("award_form"),
            lambda: AwardForm(
                prefix="kt",
                initial={
                    "decided_on": today,
                    "achievement": "Đã có thành tích xuất sắc trong phong trào thi đua "
                    f"“Dân vận khéo” năm {practice.year} với {practice}.",
                    "signer_name": user.get_full_name(),
                    "signer_title": getattr(user, "position", ""),
                },
            ),
        )
    if practice.is_model and replicates(user, practice):
        offers["replication_form"] = (
            bound.get("replication_form"),
            lambda: ReplicationForm(prefix="nr", commune_id=cid, initial={"since": today}),
        )
    key = f"movement:practice|{practice.pk}|{user.pk}|{today.isoformat()}"
    forms: dict[str, Any] = {**bound, **step_forms(key, cid, offers)}
    can_publish = scores(user, cid) and practice.status == Status.RECOGNISED
    return render(
        request,
        "movement/detail.html",
        {
            "p": practice,
            # What the practice holds, the same for every reader: kept until a record of the
            # movement (or a legal document of the plans, its guidance) changes.
            **kept(
                f"movement:practice_rows|{practice.pk}",
                cid,
                lambda: _rows(practice),
                60,
                apps=("movement", "plans"),
            ),
            "can_publish": can_publish,
            "history": written_history(practice, 40),
            "has_errors": any(getattr(f, "errors", None) for f in bound.values() if f),
            **forms,
        },
    )


def _mine(practice: Practice, user: Any) -> dict[str, Any]:
    """The reviewer's own earlier scores, to correct them."""
    review = practice.reviews.filter(reviewer=user).first()
    if review is None:
        return {}
    return {
        **{f"c{s['id']}": s["points"] for s in review.scores},
        "comment": review.comment,
    }


def detail(request: AuthedRequest, pk: int) -> HttpResponse:
    return _page(request, get_practice_for_user(request, pk))


def _step(
    request: AuthedRequest,
    practice: Practice,
    form: Any,
    name: str,
    action: Callable[[dict[str, Any]], Any],
    done: str,
) -> HttpResponse:
    return run_step(
        request,
        form,
        action,
        done=done,
        then=lambda _: redirect("movement:detail", pk=practice.pk),
        again=lambda: _page(request, practice, **{name: form}),
    )


@require_POST
def follow_up(request: AuthedRequest, pk: int) -> HttpResponse:
    p = get_practice_for_user(request, pk)
    require(follows(request.user, p))
    form = FollowUpForm(request.POST, request.FILES, prefix="td")
    return _step(
        request,
        p,
        form,
        "follow_form",
        lambda d: services.follow_up_add(practice=p, by=request.user, **d),
        "Đã ghi kết quả theo dõi.",
    )


@require_POST
def review(request: AuthedRequest, pk: int) -> HttpResponse:
    p = get_practice_for_user(request, pk)
    require(scores(request.user, p.commune_id))
    form = ReviewForm(request.POST, prefix="cd", criteria=services.criteria_for(p.kind))
    return _step(
        request,
        p,
        form,
        "review_form",
        lambda d: services.review_write(practice=p, by=request.user, **form.data_for_service()),
        "Đã lưu phiếu chấm điểm.",
    )


@require_POST
def decide(request: AuthedRequest, pk: int) -> HttpResponse:
    p = get_practice_for_user(request, pk)
    require(leads(request.user, p.commune_id))
    form = DecideForm(request.POST, prefix="xet")
    return _step(
        request,
        p,
        form,
        "decide_form",
        lambda d: services.practice_decide(practice=p, by=request.user, **d),
        "Đã ghi kết quả xét công nhận.",
    )


@require_POST
def propose(request: AuthedRequest, pk: int) -> HttpResponse:
    p = get_practice_for_user(request, pk)
    require(leads(request.user, p.commune_id))
    form = ProposeForm(request.POST, prefix="dn")
    return _step(
        request,
        p,
        form,
        "propose_form",
        lambda d: services.practice_propose(practice=p, by=request.user, **d),
        "Đã ghi đề nghị cấp trên công nhận.",
    )


@require_POST
def award(request: AuthedRequest, pk: int) -> HttpResponse:
    p = get_practice_for_user(request, pk)
    require(leads(request.user, p.commune_id))
    form = AwardForm(request.POST, prefix="kt")
    return _step(
        request,
        p,
        form,
        "award_form",
        lambda d: services.practice_award(practice=p, by=request.user, **d),
        "Đã ghi khen thưởng; quyết định và giấy khen ở mục Khen thưởng.",
    )


@require_POST
def replicate(request: AuthedRequest, pk: int) -> HttpResponse:
    p = get_practice_for_user(request, pk)
    require(replicates(request.user, p))
    form = ReplicationForm(request.POST, prefix="nr", commune_id=p.commune_id)
    return _step(
        request,
        p,
        form,
        "replication_form",
        lambda d: services.replication_add(practice=p, by=request.user, **d),
        "Đã ghi nơi nhân rộng mô hình.",
    )


@require_POST
def publicity(request: AuthedRequest, pk: int) -> HttpResponse:
    p = get_practice_for_user(request, pk)
    require(scores(request.user, p.commune_id))
    form = PublicForm(request.POST)
    return _step(
        request,
        p,
        form,
        "public_form",
        lambda d: services.practice_set_public(practice=p, by=request.user, **d),
        "Đã đổi hiển thị trên cổng thông tin.",
    )


def _attachment(practice: Practice, file_pk: int) -> Attachment | None:
    ct = ContentType.objects.get_for_model(FollowUp)
    return Attachment.objects.filter(
        pk=file_pk,
        owner_type=ct,
        owner_id__in=FollowUp.objects.filter(practice=practice).values("pk"),
    ).first()


def file(request: AuthedRequest, pk: int, file_pk: int) -> FileResponse:
    p = get_practice_for_user(request, pk)
    return attachment_response(_attachment(p, file_pk))


def photo(request: AuthedRequest, pk: int, file_pk: int) -> FileResponse:
    p = get_practice_for_user(request, pk)
    return photo_response(_attachment(p, file_pk), photo_width(request))


urls: list[URLPattern] = [
    path("", index, name="index"),
    path("dang-ky/", register, name="register"),
    path("danh-sach.xlsx", export, name="export"),
    path("<int:pk>/", detail, name="detail"),
    path("<int:pk>/theo-doi/", follow_up, name="follow_up"),
    path("<int:pk>/cham-diem/", review, name="review"),
    path("<int:pk>/cong-nhan/", decide, name="decide"),
    path("<int:pk>/de-nghi/", propose, name="propose"),
    path("<int:pk>/khen-thuong/", award, name="award"),
    path("<int:pk>/nhan-rong/", replicate, name="replicate"),
    path("<int:pk>/cong-khai/", publicity, name="publicity"),
    path("<int:pk>/tep/<int:file_pk>/", file, name="file"),
    path("<int:pk>/anh/<int:file_pk>/", photo, name="photo"),
]
