"""The citizen's side of petitions: send one without an account, get a receipt, follow it by code.

Nothing here shows or logs a person: public pages carry the case's kind, dates, status and the
answers officers wrote for the public, never a name, a phone number or an officer (Luật Tố cáo
2018, Điều 8 khoản 3 and Điều 47-48 for denouncers; the same care for everyone else).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from functools import wraps
from typing import Any

import segno
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import IntegrityError
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from danvan.core.cache import expiring
from danvan.core.deadlines import rule_for
from danvan.core.errors import DomainError
from danvan.core.failsafe import STORAGE_ERRORS, best_effort, not_stored, unavailable
from danvan.core.http import int_param
from danvan.core.models import Unit
from danvan.core.uploads import attachment_create, check_upload
from danvan.lib.text import fold
from danvan.petitions import services
from danvan.petitions.models import Petition, PetitionEvent, PetitionKind
from danvan.portal.forms import (
    TRACKING_RE,
    LookupForm,
    PetitionForm,
    Places,
    commune_label,
    normalize_code,
    read_token,
)
from danvan.portal.models import RateLimitHit, Submission, client_key

Status = Petition.Status
IDENTITY_FIELDS = ("name", "address", "phone", "email")
EXTENSIONS = {
    "application/pdf": "pdf",
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/webp": "webp",
}

# What each status means to the citizen, in plain words.
STATUS_TEXT: dict[str, str] = {
    Status.RECEIVED: "Đơn đã được tiếp nhận và đang được xem xét, phân loại.",
    Status.ACCEPTED: "Đơn đã được thụ lý: cơ quan có thẩm quyền đang giải quyết.",
    Status.PROPOSED: "Đã có dự thảo kết quả giải quyết, đang chờ lãnh đạo UBND xã xem xét, ký.",
    Status.PAUSED: "Việc giải quyết đang tạm dừng; lý do ghi ở phần diễn biến.",
    Status.GUIDED: "Đơn không thuộc thẩm quyền của xã; bạn được hướng dẫn gửi đến cơ quan có thẩm quyền.",
    Status.FORWARDED: "Đơn đã được chuyển đến cơ quan có thẩm quyền giải quyết.",
    Status.RETURNED: "Đơn đã được trả lại; lý do ghi ở phần diễn biến.",
    Status.FILED: "Đơn được lưu, không xử lý tiếp; lý do ghi ở phần diễn biến.",
    Status.INFORMATION: "Tố cáo không rõ người gửi được tiếp nhận như thông tin để cơ quan có thẩm quyền kiểm tra (Luật Tố cáo 2018, Điều 25).",
    Status.RESOLVED: "Đã có kết quả giải quyết.",
}
# Verification notes, minutes and drafts may name people: the public sees the step only.
PRIVATE_NOTES = set(PetitionEvent.PRIVATE_NOTES)


def _client(request: HttpRequest) -> str:
    return client_key(request.META.get("REMOTE_ADDR", ""))


# --- sending a petition -----------------------------------------------------------------------


@expiring(seconds=60)
def all_places() -> Places:
    """Active communes and their villages, read at most once a minute per process (a new
    village waits that long to appear on the form) and at once after a unit is saved here;
    the form's selects are written once per list (forms.Places)."""
    communes = list(
        Unit.objects.filter(kind=Unit.Kind.COMMUNE, is_active=True)
        .select_related("parent")
        .only("name", "parent__name", "parent__kind")
        .order_by("name", "parent__name")
    )
    villages = list(
        Unit.objects.filter(
            kind=Unit.Kind.VILLAGE, is_active=True, commune__in=[c.pk for c in communes]
        )
        .only("name", "commune_id")
        .order_by("name")
    )
    return Places(communes, villages)


@receiver([post_save, post_delete], sender=Unit)
def _forget_places(**kwargs: Any) -> None:
    all_places.forget()


def places_asked(request: HttpRequest) -> tuple[list[Unit], Unit | None, list[Unit]]:
    """For a public list of one commune: the communes of the install, the one chosen (?xa=, or
    the only one) and its villages (a province's install asks the citizen to choose first)."""
    places = all_places()
    communes = places.communes
    chosen = int_param(request.GET.get("xa"))
    commune = next((c for c in communes if c.pk == chosen), None)
    if len(communes) == 1:
        commune = communes[0]
    villages = [v for v in places.villages if commune and v.commune_id == commune.pk]
    return communes, commune, villages


def labelled(communes: list[Unit]) -> list[tuple[int, str]]:
    """Each commune as a citizen tells it from its namesakes (with its province)."""
    return [(c.pk, commune_label(c)) for c in communes]


def _places(chosen: Any = None) -> Places:
    """The communes and villages the form offers. For a sent form (`chosen`: its data) only the
    ones it names: that is all validation needs, and a province has hundreds."""
    places = all_places()
    if chosen is None:
        return places
    # The village is kept whatever its commune, so that the form can say it is not the
    # chosen commune's.
    commune, village = str(chosen.get("commune", "")), str(chosen.get("village", ""))
    return Places(
        [c for c in places.communes if str(c.pk) == commune],
        [v for v in places.villages if str(v.pk) == village],
    )


def petition_submit(
    *, data: dict[str, Any], nonce: str | None, client: str | None = None
) -> Petition:
    """File a portal petition with its attachments in one transaction.

    Either everything is stored or nothing is: the caller shows the receipt only after this
    returns, i.e. after the commit, so an acknowledged submission is never lost. The attempt
    is counted against the client's limit in the same transaction. Raises DomainError, or a
    storage error (core.failsafe.STORAGE_ERRORS) once everything is rolled back.
    """
    kind = data["kind"]

    def file_with_it(petition: Petition) -> None:
        for i, f in enumerate(data["attachments"], start=1):
            if kind == PetitionKind.DENUNCIATION:
                # A file name often carries the sender's name (Luật Tố cáo 2018, Điều 8 khoản 3).
                f.name = f"tai-lieu-{i}.{EXTENSIONS[check_upload(f)]}"
            attachment_create(file=f, owner=petition, commune=petition.commune, by=None)
        if nonce:
            Submission.objects.create(nonce=nonce, petition=petition, at=timezone.now())
        if client:
            RateLimitHit.objects.record(scope="submit", client=client)
        # Inside the transaction: a failure after the commit would refuse a petition filed.
        Submission.prune()

    petition = services.petition_receive(
        commune=data["commune"],
        by=None,
        channel=Petition.Channel.PORTAL,
        kind=kind,
        topic=data["topic"],
        subject=data["subject"],
        content=data["content"],
        village=data["village"],
        received_on=timezone.localdate(),
        identity={k: data.get(k) or "" for k in IDENTITY_FIELDS},
        then=file_with_it,
    )
    return petition


def _render_form(
    request: HttpRequest, form: PetitionForm, *, status: int = 200, limited: bool = False
) -> HttpResponse:
    context = {
        "form": form,
        "limited": limited,
        "had_files": request.method == "POST" and bool(request.FILES),
    }
    response = render(request, "portal/petition_form.html", context, status=status)
    if limited:
        response["Retry-After"] = "3600"
    return response


def _receipt_of(nonce: str) -> HttpResponse | None:
    """The receipt of a form already filed, so that sending it again files nothing new."""
    code = (
        Submission.objects.filter(nonce=nonce)
        .values_list("petition__tracking_code", flat=True)
        .first()
    )
    return redirect("portal:petition_receipt", code=code) if code else None


@login_not_required
@sensitive_post_parameters(*IDENTITY_FIELDS, "subject", "content")
@require_http_methods(["GET", "HEAD", "POST"])
def petition_new(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        places = _places()
        initial = {}
        chosen = int_param(request.GET.get("xa"))
        if str(chosen) in places.offered:
            initial["commune"] = chosen
        return _render_form(request, PetitionForm(initial=initial, places=places))

    token = read_token(request.POST.get("token", ""))
    if token and (done := _receipt_of(token[1])):  # the same form sent again
        return done
    form = PetitionForm(request.POST, request.FILES, places=_places(request.POST))
    limit = {"scope": "submit", "client": _client(request)}
    if not RateLimitHit.objects.under(
        **limit, limit=settings.DANVAN_PORTAL_SUBMISSIONS_PER_HOUR, window=timedelta(hours=1)
    ):
        kept = PetitionForm(initial=form.kept(), places=_places())
        return _render_form(request, kept, status=429, limited=True)

    status = 400
    if form.is_valid():
        try:
            petition = petition_submit(
                data=form.cleaned_data, nonce=form.nonce, client=limit["client"]
            )
        except DomainError as e:
            form.add_error(None, e.message)
        except STORAGE_ERRORS as e:
            # The same form sent twice at once: the other request filed it.
            if isinstance(e, IntegrityError) and (done := _receipt_of(form.nonce or "")):
                return done
            # Rolled back: no petition, no receipt; the form comes back as it was typed.
            not_stored(form, e)
            status = 503
        else:
            # petition_submit has committed: only now does the citizen get a receipt.
            return redirect("portal:petition_receipt", code=petition.tracking_code)
    if status == 400:
        with best_effort():  # a refused form counts against the limit too
            RateLimitHit.objects.record(**limit)
    form.offer(_places())  # shown again with every commune and village to choose from
    form.refresh_token()
    response = _render_form(request, form, status=status)
    return unavailable(response) if status == 503 else response


# --- receipt, lookup and status ---------------------------------------------------------------


def _lookup_page(
    request: HttpRequest, form: LookupForm, *, status: int = 200, limited: bool = False
) -> HttpResponse:
    response = render(
        request, "portal/petition_lookup.html", {"form": form, "limited": limited}, status=status
    )
    if limited:
        response["Retry-After"] = "60"
    return response


def _find(request: HttpRequest, code: str, view: str) -> Petition | HttpResponse:
    """The petition behind a tracking code, or the page to show instead (redirect, 429, 404).

    Codes are 10 characters from a 31-letter alphabet (about 8·10^14 possibilities) and lookups
    are rate-limited per client, so guessing one is hopeless.
    """
    clean = normalize_code(code)
    if clean != code and TRACKING_RE.match(clean):
        return redirect(view, code=clean)
    allowed = RateLimitHit.objects.hit(
        scope="lookup",
        client=_client(request),
        limit=settings.DANVAN_PORTAL_LOOKUPS_PER_MINUTE,
        window=timedelta(minutes=1),
    )
    if not allowed:
        return _lookup_page(
            request, LookupForm(initial={"code": code[:40]}), status=429, limited=True
        )
    petition = None
    if TRACKING_RE.match(clean):
        petition = (
            Petition.objects.select_related("commune__parent")
            .defer(
                "content",
                "search_text",
                "petitioner_name",
                "petitioner_address",
                "petitioner_phone",
            )
            .filter(tracking_code=clean)
            .first()
        )
    if petition is None:
        form = LookupForm(initial={"code": code[:40]})
        return render(request, "portal/petition_not_found.html", {"form": form}, status=404)
    return petition


def _deadline(petition: Petition) -> dict[str, Any] | None:
    """The running time limit in words, with its source and how the date was counted."""
    if not (petition.is_open and petition.due_on and petition.step and petition.step_started_on):
        return None
    try:
        rule = rule_for(petition.procedure, petition.step, petition.step_started_on)
    except DomainError:
        rule = None
    return {
        "due_on": petition.due_on,
        "name": rule.name if rule else "Thời hạn xử lý",
        "source": rule.source if rule else "",
        "explained": petition.due_explained,
    }


def _public_context(petition: Petition) -> dict[str, Any]:
    return {
        "petition": petition,
        "place": commune_label(petition.commune),
        "kind_label": PetitionKind(petition.kind).label,
        # A denunciation's subject may name the denouncer or the denounced: not on public pages.
        "show_subject": petition.kind != PetitionKind.DENUNCIATION,
        "deadline": _deadline(petition),
        "status_text": STATUS_TEXT.get(petition.status, ""),
    }


def _case_page(
    name: str,
) -> Callable[[Callable[[HttpRequest, Petition], HttpResponse]], Callable[..., HttpResponse]]:
    """A public page of one case, reached by its tracking code (`name`: the page's URL name,
    to send a code typed with spaces or in lower case to its clean address)."""

    def wrap(view: Callable[[HttpRequest, Petition], HttpResponse]) -> Callable[..., HttpResponse]:
        @login_not_required
        @never_cache
        @require_http_methods(["GET", "HEAD"])
        @wraps(view)
        def page(request: HttpRequest, code: str) -> HttpResponse:
            found = _find(request, code, name)
            return found if isinstance(found, HttpResponse) else view(request, found)

        return page

    return wrap


@_case_page("portal:petition_receipt")
def petition_receipt(request: HttpRequest, found: Petition) -> HttpResponse:
    url = request.build_absolute_uri(reverse("portal:petition_status", args=[found.tracking_code]))
    qr = segno.make(url, error="m").svg_inline(
        scale=4, title="Mã QR dẫn đến trang theo dõi đơn", svgclass="dv-qr", light="#fff"
    )
    qr = qr.replace("<svg ", '<svg role="img" ', 1)  # segno's SVG has no style attribute (CSP)
    context = _public_context(found) | {"status_url": url, "qr_svg": qr}
    return render(request, "portal/petition_receipt.html", context)


@_case_page("portal:petition_status")
def petition_status(request: HttpRequest, found: Petition) -> HttpResponse:
    events = []
    for e in PetitionEvent.objects.filter(petition=found, public=True).only("kind", "on", "note"):
        what = PetitionEvent.CITIZEN_LABELS.get(e.kind, "Cập nhật")
        # The officer's public note, unless it only repeats the step ("Thụ lý đơn.").
        repeats = fold(e.note.rstrip(". ")) == fold(what)
        note = "" if repeats or e.kind in PRIVATE_NOTES else e.note
        events.append({"on": e.on, "what": what, "note": note})
    context = _public_context(found) | {"events": events}
    return render(request, "portal/petition_status.html", context)


@login_not_required
@require_http_methods(["GET", "HEAD"])
def petition_lookup(request: HttpRequest) -> HttpResponse:
    if "code" not in request.GET:
        return _lookup_page(request, LookupForm())
    form = LookupForm(request.GET)
    if form.is_valid():
        return redirect("portal:petition_status", code=form.cleaned_data["code"])
    return _lookup_page(request, form, status=400)
