"""Officers' pages of the disclosure register, under /can-bo/cong-khai/.

Every view asks disclosures.access first (404 for another commune's record, 403 for an action
the role does not allow); every write calls one service and shows its DomainError on the same
page with what was typed kept, status 400.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_POST

from danvan.core.access import commune_for, get_access, readable_commune_units
from danvan.core.audit import history
from danvan.core.cache import kept
from danvan.core.http import AuthedRequest, url_for_pk
from danvan.core.kept_forms import WrittenForm, kept_form, written
from danvan.core.models import Unit
from danvan.core.steps import run_step
from danvan.disclosures import access, exports, services
from danvan.disclosures.forms import (
    CreateForm,
    DisclosureForm,
    DocumentForm,
    FilterForm,
    PostingForm,
    PostingUpdateForm,
    ReviewForm,
    WithdrawForm,
    quarter_bounds,
    quarter_of,
)
from danvan.disclosures.models import Channel, Disclosure, Posting
from danvan.disclosures.rules import WARNING_LABELS, Review, review, review_all


def _units(user: Any, commune: Unit) -> list[Unit]:
    """Units a disclosure may be assigned to by this user."""
    if get_access(user).can_manage(commune.pk):
        return list(
            Unit.objects.filter(
                Q(pk=commune.pk) | Q(commune=commune, kind=Unit.Kind.OFFICE), is_active=True
            )
        )
    return access.officer_units(user, commune.pk)


def _in_quarter(qs: QuerySet[Disclosure], start: date, end: date) -> QuerySet[Disclosure]:
    """Decided in the quarter, or posted during it (a posting overlapping it)."""
    posted = Posting.objects.filter(start_on__lte=end).filter(
        Q(end_on__isnull=True) | Q(end_on__gte=start)
    )
    return qs.filter(
        Q(decided_on__range=(start, end)) | Q(pk__in=posted.values("disclosure_id"))
    ).distinct()


def register(request: AuthedRequest, commune: Unit, data: dict[str, Any]) -> list[Review]:
    today = timezone.localdate()
    qs: QuerySet[Disclosure] = Disclosure.objects.filter(commune=commune).select_related(
        "category", "responsible_unit"
    )
    bounds = quarter_bounds(data.get("quy") or "")
    if bounds:
        qs = _in_quarter(qs, *bounds)
    if data.get("linh_vuc"):
        qs = qs.filter(category=data["linh_vuc"])
    items = review_all(qs[:2000], today)
    wanted = data.get("canh_bao")
    if wanted == "any":
        items = [i for i in items if i.warnings]
    elif wanted:
        items = [i for i in items if wanted in i.kinds]
    return items


def index(request: AuthedRequest) -> HttpResponse:
    """The register: every disclosure of the commune, filtered by quarter, content, warning."""
    commune = _commune(request)
    communes = readable_commune_units(request.user)
    today = timezone.localdate()
    form = FilterForm(request.GET or None, today=today)
    data = form.cleaned_data if form.is_valid() else {}
    can_register = access.can_register(request.user, commune.pk)
    GET = request.GET
    filtered = bool(GET.get("quy") or GET.get("linh_vuc") or GET.get("canh_bao"))
    # The filter's fields and the register's rows as written, the same for everyone who reads
    # the commune with this filter on a day: kept until a record of the commune changes.
    asked = "&".join(f"{k}={GET.get(k, '')}" for k in FilterForm.base_fields)
    key = f"disclosures:register|{asked}|{int(bool(GET))}|{today.isoformat()}"
    filter_fields = kept_form(
        key, commune.pk, lambda: FilterForm(GET or None, today=today), _FILTER_FIELDS
    )

    def written_register() -> str:
        items = register(request, commune, data)
        url = url_for_pk("disclosures:detail")  # one reverse for the rows' links
        for i in items:
            i.disclosure.row_url = url(i.disclosure.pk)  # type: ignore[attr-defined]
        counts = {k: sum(1 for i in items if k in i.kinds) for k in WARNING_LABELS}
        return render_to_string(
            "disclosures/_register.html",
            {
                "items": items,
                "counts": [(WARNING_LABELS[k], n) for k, n in counts.items() if n],
                "can_register": can_register,
                "filtered": filtered,
            },
        )

    rows_html = kept(f"{key}|{int(can_register)}|{int(filtered)}", commune.pk, written_register, 60)
    return render(
        request,
        "disclosures/index.html",
        {
            "nav_section": "democracy",
            "commune": commune,
            "communes": communes if len(communes) > 1 else [],
            "filter_fields": filter_fields.fields_html,
            "register": mark_safe(rows_html),  # written by the engine, which escapes
            "can_register": can_register,
            "quarter": data.get("quy") or quarter_of(today),
        },
    )


_FILTER_FIELDS = "disclosures/_filter_fields.html"


def _commune(request: AuthedRequest) -> Unit:
    return commune_for(request, request.GET.get("xa"))


def _form_page(
    request: AuthedRequest,
    form: forms.Form | WrittenForm,
    commune: Unit,
    title: str,
    d: Disclosure | None = None,
) -> Callable[[], HttpResponse]:
    """The page of a disclosure's own form (register, edit), to show and to show again."""
    context = {"nav_section": "democracy", "form": form, "commune": commune, "d": d, "title": title}
    return lambda: render(request, "disclosures/form.html", context)


def create(request: AuthedRequest) -> HttpResponse:
    commune = _commune(request)
    if not access.can_register(request.user, commune.pk):
        raise PermissionDenied
    units = _units(request.user, commune)
    if request.method != "POST":  # the blank form, the same for whoever assigns these units
        today = timezone.localdate().isoformat()
        blank = kept_form(
            f"disclosures:create|{','.join(str(u.pk) for u in units)}|{today}",
            commune.pk,
            lambda: CreateForm(units=units),
            "disclosures/_fields.html",
        )
        return _form_page(request, blank, commune, "Vào sổ nội dung công khai")()
    form = CreateForm(request.POST, request.FILES or None, units=units)
    page = _form_page(request, form, commune, "Vào sổ nội dung công khai")

    def register_with_document(data: dict[str, Any]) -> Disclosure:
        d = services.disclosure_create(
            commune=commune, by=request.user, **{k: data[k] for k in DisclosureForm.base_fields}
        )
        if data.get("document"):
            services.document_add(
                disclosure=d,
                by=request.user,
                title=data["document_title"],
                file=data["document"],
                public=data["document_public"],
            )
        return d

    return run_step(
        request,
        form,
        register_with_document,
        done=lambda d: (
            f"Đã vào sổ. Hạn bắt đầu công khai: {d.start_due:%d/%m/%Y}."
            if d.start_due
            else "Đã vào sổ."
        ),
        then=lambda d: redirect("disclosures:detail", pk=d.pk),
        again=page,
    )


def _posting_forms(request: AuthedRequest, d: Disclosure) -> tuple[Any, Any]:
    """The channels and villages this user may post on for this disclosure."""
    villages = Unit.objects.filter(commune_id=d.commune_id, kind=Unit.Kind.VILLAGE, is_active=True)
    channels = Channel.objects.filter(is_active=True)
    if not access.can_keep(request.user, d):
        villages = villages.filter(pk__in=access.own_villages(request.user))
        channels = channels.filter(village_head_records=True)
    return channels, villages.order_by("name")


def _kept_parts(
    request: AuthedRequest,
    d: Disclosure,
    channels: QuerySet[Channel],
    villages: QuerySet[Unit],
    keeps: bool,
    today: date,
    checked: Review,
) -> tuple[dict[str, WrittenForm], dict[str, SafeString]]:
    """The page's blank step forms (as _fields.html writes them), its facts, warnings,
    documents and history as written: the same for every keeper of the commune on a day, and
    for a village head with the same villages, kept until a record of the commune changes
    (core.cache.kept; every write of the disclosure, its postings and documents logs an
    entry), a minute at most (the channels and categories are the operator's)."""
    scope = "keeps" if keeps else ",".join(map(str, sorted(access.own_villages(request.user))))
    fields = "disclosures/_fields.html"

    def write() -> dict[str, Any]:
        blank = {
            "posting": PostingForm(
                channels=channels, villages=villages, initial={"start_on": today}
            ),
            "document": DocumentForm(),
            "review": ReviewForm(initial={"on": today}),
            "withdraw": WithdrawForm(initial={"on": today}),
        }
        context = {
            "d": d,
            "review": checked,
            "keeps": keeps,
            "documents": [(doc, doc.attachment()) for doc in d.documents.all()],
            "history": history(d)[:50],
        }
        return {
            "forms": {name: written(form, fields) for name, form in blank.items()},
            "parts": {
                name: render_to_string(f"disclosures/_{name}.html", context)
                for name in ("head", "history")
            },
        }

    found = kept(f"disclosures:detail|{d.pk}|{scope}|{today.isoformat()}", d.commune_id, write, 60)
    return (
        {name: WrittenForm(html, multipart) for name, (html, multipart) in found["forms"].items()},
        {name: mark_safe(html) for name, html in found["parts"].items()},  # written by the engine
    )


def detail(request: AuthedRequest, pk: int, forms: dict[str, Any] | None = None) -> HttpResponse:
    d = access.get_disclosure_for_user(request, pk)
    today = timezone.localdate()
    keeps = access.can_keep(request.user, d)
    channels, villages = _posting_forms(request, d)
    may_post = d.withdrawn_on is None and (keeps or villages.exists())
    forms = forms or {}
    if "posting_update" in forms:  # a posting's row has no room for its form's errors
        for field_errors in forms["posting_update"].errors.values():
            for message in field_errors:
                messages.error(request, str(message))
    checked = review(d, today)
    blank, parts = _kept_parts(request, d, channels, villages, keeps, today, checked)
    context = {
        "nav_section": "democracy",
        "d": d,
        "review": checked,
        "kept": parts,
        "keeps": keeps,
        "may_post": may_post,
        **{f"{k}_form": forms.get(k) or blank[k] for k in blank},
        "editable_postings": {  # the review read every posting with its channel and village
            c.posting.pk
            for c in checked.postings
            if access.can_record_posting(request.user, d, c.posting.channel, c.posting.village)
        },
        "open": next(iter(forms.keys()), ""),
    }
    return render(request, "disclosures/detail.html", context, status=400 if forms else 200)


def edit(request: AuthedRequest, pk: int) -> HttpResponse:
    d = access.get_disclosure_for_user(request, pk, keep=True)
    units = _units(request.user, d.commune)
    if d.responsible_unit not in units:
        units.append(d.responsible_unit)
    initial = {k: getattr(d, k) for k in DisclosureForm.base_fields}
    if d.category_to_confirm:  # moved from the old list: the officer must choose the item
        initial["category"] = None
    form = DisclosureForm(request.POST or None, initial=initial, units=units)
    page = _form_page(request, form, d.commune, "Sửa nội dung công khai", d)
    if request.method != "POST":
        return page()
    return _step(
        request,
        d,
        "edit",
        form,
        lambda data: services.disclosure_update(disclosure=d, by=request.user, **data),
        "Đã lưu.",
        again=page,
    )


def _step(
    request: AuthedRequest,
    d: Disclosure,
    key: str,
    form: forms.Form,
    action: Callable[[dict[str, Any]], Any],
    done: str | Callable[[Any], str],
    *,
    again: Callable[[], HttpResponse] | None = None,
) -> HttpResponse:
    """One step on a disclosure: back to its page, or `again` (by default the page with the
    step's form open, `key` of `detail`'s forms) with what was typed and why it was refused."""
    return run_step(
        request,
        form,
        action,
        done=done,
        then=lambda _: redirect("disclosures:detail", pk=d.pk),
        again=again or (lambda: detail(request, d.pk, {key: form})),
    )


@require_POST
def posting_add(request: AuthedRequest, pk: int) -> HttpResponse:
    d = access.get_disclosure_for_user(request, pk)
    channels, villages = _posting_forms(request, d)
    if not access.can_keep(request.user, d) and not villages.exists():
        raise PermissionDenied
    form = PostingForm(request.POST, request.FILES, channels=channels, villages=villages)

    def post(data: dict[str, Any]) -> Posting:
        if not access.can_record_posting(request.user, d, data["channel"], data["village"]):
            raise PermissionDenied
        return services.posting_add(disclosure=d, by=request.user, **data)

    return _step(request, d, "posting", form, post, lambda p: f"Đã ghi nhận: {p.channel}.")


@require_POST
def posting_update(request: AuthedRequest, pk: int, posting_pk: int) -> HttpResponse:
    d = access.get_disclosure_for_user(request, pk)
    posting = access.get_posting_for_user(request, d, posting_pk)
    form = PostingUpdateForm(request.POST, request.FILES, prefix=f"p{posting.pk}")
    return _step(
        request,
        d,
        "posting_update",
        form,
        lambda data: services.posting_update(posting=posting, by=request.user, **data),
        lambda p: f"Đã cập nhật: {p}.",
    )


def _keeper_step(
    key: str,
    form_class: type[forms.Form],
    service: Callable[..., Any],
    done: str,
) -> Callable[[AuthedRequest, int], HttpResponse]:
    """The view of a keeper's step (document, review, withdraw): `service(disclosure=, by=,
    **form data)`, a refusal shown in the page's `key` form."""

    @require_POST
    def step(request: AuthedRequest, pk: int) -> HttpResponse:
        d = access.get_disclosure_for_user(request, pk, keep=True)
        form = form_class(request.POST, request.FILES)

        def act(data: dict[str, Any]) -> Any:
            return service(disclosure=d, by=request.user, **data)

        return _step(request, d, key, form, act, done)

    return step


document_add = _keeper_step("document", DocumentForm, services.document_add, "Đã thêm tài liệu.")
review_view = _keeper_step(
    "review", ReviewForm, services.disclosure_review, "Đã ghi nhận rà soát, cập nhật."
)
withdraw = _keeper_step(
    "withdraw", WithdrawForm, services.disclosure_withdraw, "Đã gỡ bỏ nội dung khỏi cổng thông tin."
)


def _report(request: AuthedRequest) -> exports.QuarterReport:
    commune = _commune(request)
    today = timezone.localdate()
    quarter = request.GET.get("quy") or quarter_of(today)
    bounds = quarter_bounds(quarter)
    if bounds is None:
        quarter = quarter_of(today)
        bounds = quarter_bounds(quarter)
    assert bounds is not None
    items = register(request, commune, {"quy": quarter})
    return exports.QuarterReport(
        commune=commune, quarter=quarter, start=bounds[0], end=bounds[1], today=today, items=items
    )


def report_xlsx(request: AuthedRequest) -> HttpResponse:
    return exports.xlsx_response(_report(request))


def report_docx(request: AuthedRequest) -> HttpResponse:
    return exports.docx_response(_report(request), by=request.user)


urls: list[URLPattern] = [
    path("", index, name="index"),
    path("moi/", create, name="create"),
    path("<int:pk>/", detail, name="detail"),
    path("<int:pk>/sua/", edit, name="edit"),
    path("<int:pk>/cong-khai/", posting_add, name="posting_add"),
    path("<int:pk>/cong-khai/<int:posting_pk>/", posting_update, name="posting_update"),
    path("<int:pk>/tai-lieu/", document_add, name="document_add"),
    path("<int:pk>/ra-soat/", review_view, name="review"),
    path("<int:pk>/go-bo/", withdraw, name="withdraw"),
    path("bao-cao-quy.xlsx", report_xlsx, name="report_xlsx"),
    path("bao-cao-quy.docx", report_docx, name="report_docx"),
]
