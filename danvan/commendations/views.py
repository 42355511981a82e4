"""Officers' pages of commendations, under /can-bo/khen-thuong/.

Every view asks commendations.access (or core.access.commune_for) first: 404 for another
commune's record, 403 for what the role does not allow. Every write runs through core.steps: one
service, its DomainError on the same form with what was typed kept, and status 400.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template import Context
from django.template.loader import render_to_string
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from danvan.commendations import exports, selectors, services
from danvan.commendations.access import (
    decides,
    get_award_for_user,
    get_decision_for_user,
    get_proposal_for_user,
    proposes,
    proposing_units,
)
from danvan.commendations.forms import (
    AwardAddForm,
    DecisionForm,
    GrantForm,
    ProposalForm,
    RefuseForm,
)
from danvan.commendations.models import (
    Award,
    AwardForm,
    Decision,
    Proposal,
    RecipientKind,
    Source,
)
from danvan.core.access import commune_for
from danvan.core.audit import history, written_history
from danvan.core.cache import kept
from danvan.core.http import AuthedRequest, int_param, url_for_pk
from danvan.core.kept_forms import Offers, kept_blank, step_forms
from danvan.core.models import AuditEntry, Unit
from danvan.core.steps import run_step
from danvan.core.templatetags.history import write_items

PAGE_SIZE = 25
_STATUS_CSS = {
    Proposal.Status.PENDING: "on_track",
    Proposal.Status.GRANTED: "done",
    Proposal.Status.REFUSED: "overdue",
}


def _commune(request: HttpRequest) -> Unit:
    return commune_for(request, request.GET.get("xa"))


def _years() -> range:
    today = timezone.localdate()
    return range(today.year, today.year - 6, -1)


def _filters(request: HttpRequest) -> selectors.Filters:
    year = int_param(request.GET.get("nam"))
    source = request.GET.get("ve", "")
    kind = request.GET.get("loai", "")
    return selectors.Filters(
        year=year if year and 2000 <= year <= 2100 else None,
        source=source if source in Source.values else "",
        form=int_param(request.GET.get("hinh-thuc")),
        kind=kind if kind in RecipientKind.values else "",
        q=request.GET.get("q", "").strip()[:100],
    )


def _form_page(
    request: HttpRequest, template: str, form: Any, **context: Any
) -> Callable[[], HttpResponse]:
    return lambda: render(request, template, {"form": form, **context})


def _index_url(commune_id: int) -> str:
    return f"{reverse('commendations:index')}?xa={commune_id}"


# --- the register ---------------------------------------------------------------------------


def index(request: AuthedRequest) -> HttpResponse:
    """The register of awards of the commune (sổ khen thưởng), filtered and searched. Its
    filter and rows as written and the proposals pending are the same for every reader: kept
    until a record of the commendations (or of core) changes."""
    commune = _commune(request)
    f = _filters(request)
    query = f.query()
    asked = request.GET.get("page")
    listed, pending = kept(
        f"commendations:register|{query}|{asked}|{timezone.localdate()}",
        commune.pk,
        lambda: _register_rows(commune, f, asked),
        60,
        apps=("commendations",),
    )
    return render(
        request,
        "commendations/index.html",
        {
            "commune": commune,
            "listed": mark_safe(listed),  # written by the engine, which escapes
            "query": query,
            "pending": pending,
            "proposes": proposes(request.user, commune.pk),
            "decides": decides(request.user, commune.pk),
        },
    )


def _register_rows(commune: Unit, f: Any, asked: str | None) -> tuple[str, int]:
    page = Paginator(selectors.register(commune.pk, f), PAGE_SIZE).get_page(asked)
    decision_url = url_for_pk("commendations:decision")
    certificate_url = url_for_pk("commendations:certificate")
    for a in page.object_list:
        a.decision_url = decision_url(a.decision_id)  # type: ignore[attr-defined]
        a.certificate_url = (  # type: ignore[attr-defined]
            certificate_url(a.pk) if a.decision.form.level == AwardForm.Level.COMMUNE else ""
        )
    pending = Proposal.objects.filter(commune=commune, status=Proposal.Status.PENDING).count()
    html = render_to_string(
        "commendations/_register_rows.html",
        {
            "commune": commune,
            "page": page,
            "f": f,
            "query": f.query(),
            "years": _years(),
            "sources": Source.choices,
            "kinds": RecipientKind.choices,
            "forms": AwardForm.objects.all(),
        },
    )
    return html, pending


def register_xlsx(request: AuthedRequest) -> HttpResponse:
    commune = _commune(request)
    f = _filters(request)
    scope = f"năm {f.year}" if f.year else "tất cả các năm"
    return exports.register_xlsx(commune.name, selectors.register(commune.pk, f), scope)


# --- proposals ------------------------------------------------------------------------------


def proposal_list(request: AuthedRequest) -> HttpResponse:
    commune = _commune(request)
    status = request.GET.get("tinh-trang", "")
    status = status if status in Proposal.Status.values else ""
    page = Paginator(selectors.proposals(commune.pk, status), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    url = url_for_pk("commendations:proposal")
    for p in page.object_list:
        p.row_url = url(p.pk)  # type: ignore[attr-defined]
        p.status_css = _STATUS_CSS[p.status]  # type: ignore[attr-defined,index]
    return render(
        request,
        "commendations/proposal_list.html",
        {
            "commune": commune,
            "page": page,
            "status": status,
            "query": f"tinh-trang={status}" if status else "",
            "statuses": Proposal.Status.choices,
            "proposes": proposes(request.user, commune.pk),
        },
    )


def _prefill(request: HttpRequest) -> dict[str, Any]:
    """What a page of another app passes to "Đề nghị khen thưởng" (the mediation team's page):
    what the proposal is for, its page and the recipient; every field stays editable."""
    initial: dict[str, Any] = {"recipient_kind": RecipientKind.COLLECTIVE}
    source = request.GET.get("ve", "")
    if source in Source.values:
        initial["source"] = source
    for key, field in (("thuoc", "source_label"), ("ten", "recipient")):
        if request.GET.get(key):
            initial[field] = request.GET[key][:200]
    link = request.GET.get("duong-dan", "")
    if link.startswith("/") and not link.startswith("//"):
        initial["source_url"] = link[:300]
    unit = int_param(request.GET.get("don-vi"))
    if unit:
        initial["recipient_unit"] = unit
    giay_khen = AwardForm.objects.filter(code="giay-khen", is_active=True).first()
    if giay_khen:
        initial["form"] = giay_khen.pk
    return initial


def proposal_create(request: AuthedRequest) -> HttpResponse:
    commune = _commune(request)
    units = proposing_units(request.user, commune.pk)
    if not units:
        raise PermissionDenied
    form = ProposalForm(
        request.POST or None, commune=commune, units=units, initial=_prefill(request)
    )
    # Blank, the same for whoever proposes for the same units; one prefilled from another page
    # (?ve=, ?ten=, …) is written each time.
    prefilled = set(request.GET) - {"xa"}
    scope = ",".join(str(u.pk) for u in units)
    shown = form if prefilled else kept_blank(form, f"commendations:propose|{scope}", commune.pk)
    return run_step(
        request,
        form,
        lambda data: services.proposal_create(commune=commune, by=request.user, **data),
        done=lambda p: f"Đã gửi đề nghị khen thưởng {p.recipient}.",
        then=lambda p: redirect("commendations:proposal", pk=p.pk),
        again=_form_page(
            request,
            "commendations/proposal_form.html",
            shown,
            commune=commune,
            back=f"{reverse('commendations:proposals')}?xa={commune.pk}",
        ),
    )


def _proposal_page(request: AuthedRequest, proposal: Proposal, **bound: Any) -> HttpResponse:
    # The next steps' forms, blank ones kept as written (core.kept_forms.step_forms).
    today = timezone.localdate()
    offers: Offers = {}
    if proposal.status == Proposal.Status.PENDING and decides(request.user, proposal.commune_id):
        offers["grant_form"] = (
            bound.get("grant_form"),
            lambda: GrantForm(
                prefix="kt",
                proposal=proposal,
                initial={"decided_on": today, "signer_title": "Chủ tịch"},
            ),
        )
        offers["refuse_form"] = (bound.get("refuse_form"), lambda: RefuseForm(prefix="kk"))
    key = f"commendations:proposal|{proposal.pk}|{today.isoformat()}"
    forms = {**bound, **step_forms(key, proposal.commune_id, offers)}
    award = Award.objects.filter(proposal=proposal).select_related("decision").first()
    return render(
        request,
        "commendations/proposal_detail.html",
        {
            "proposal": proposal,
            "award": award,
            "history": written_history(proposal, 30),
            "has_errors": any(getattr(f, "errors", None) for f in bound.values() if f),
            **forms,
        },
    )


def proposal_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    return _proposal_page(request, get_proposal_for_user(request, pk))


@require_POST
def proposal_grant(request: AuthedRequest, pk: int) -> HttpResponse:
    proposal = get_proposal_for_user(request, pk, decide=True)
    form = GrantForm(request.POST, prefix="kt", proposal=proposal)
    return run_step(
        request,
        form,
        lambda data: services.proposal_grant(proposal=proposal, by=request.user, **data),
        done=lambda a: f"Đã khen thưởng {a.recipient} theo {a.decision}.",
        then=lambda a: redirect("commendations:decision", pk=a.decision_id),
        again=lambda: _proposal_page(request, proposal, grant_form=form),
    )


@require_POST
def proposal_refuse(request: AuthedRequest, pk: int) -> HttpResponse:
    proposal = get_proposal_for_user(request, pk, decide=True)
    form = RefuseForm(request.POST, prefix="kk")
    return run_step(
        request,
        form,
        lambda data: services.proposal_refuse(proposal=proposal, by=request.user, **data),
        done="Đã ghi không khen thưởng theo đề nghị.",
        then=lambda p: redirect("commendations:proposal", pk=p.pk),
        again=lambda: _proposal_page(request, proposal, refuse_form=form),
    )


# --- decisions ------------------------------------------------------------------------------


def decision_list(request: AuthedRequest) -> HttpResponse:
    commune = _commune(request)
    year = int_param(request.GET.get("nam"))
    qs = Decision.objects.filter(commune=commune).select_related("form")
    if year:
        qs = qs.filter(signed_on__year=year)
    page = Paginator(qs.order_by("-signed_on", "-pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    url = url_for_pk("commendations:decision")
    for d in page.object_list:
        d.row_url = url(d.pk)  # type: ignore[attr-defined]
    return render(
        request,
        "commendations/decision_list.html",
        {
            "commune": commune,
            "page": page,
            "year": year,
            "query": f"nam={year}" if year else "",
            "years": _years(),
            "decides": decides(request.user, commune.pk),
        },
    )


def decision_create(request: AuthedRequest) -> HttpResponse:
    commune = _commune(request)
    if not decides(request.user, commune.pk):
        raise PermissionDenied
    form = DecisionForm(
        request.POST or None,
        initial={"signed_on": timezone.localdate(), "signer_title": "Chủ tịch"},
    )
    return run_step(
        request,
        form,
        lambda data: services.decision_create(commune=commune, by=request.user, **data),
        done=lambda d: f"Đã ghi {d}. Thêm các tập thể, cá nhân được khen thưởng.",
        then=lambda d: redirect("commendations:decision", pk=d.pk),
        again=_form_page(
            request,
            "commendations/decision_form.html",
            form,
            commune=commune,
            back=f"{reverse('commendations:decisions')}?xa={commune.pk}",
        ),
    )


def _decision_history(decision: Decision, awards: list[Award]) -> Any:
    """The decision's entries and those of its lines (each award recorded), newest first."""
    own = history(decision)
    lines = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Award),
        object_id__in=[str(a.pk) for a in awards],
    )
    return (own | lines).select_related("actor")[:30]


def _decision_rows(decision: Decision, printable: bool) -> tuple[list[Award], str]:
    """The decision's awards and its history as written, the same for every reader."""
    awards = list(decision.awards.select_related("recipient_unit", "proposal").order_by("pk"))
    certificate_url = url_for_pk("commendations:certificate")
    for a in awards:
        a.certificate_url = certificate_url(a.pk) if printable else ""  # type: ignore[attr-defined]
    return awards, str(write_items(_decision_history(decision, awards), Context()))


def _decision_page(request: AuthedRequest, decision: Decision, **bound: Any) -> HttpResponse:
    printable = decision.form.level == AwardForm.Level.COMMUNE
    # Kept until a record of the commendations (or of core) changes.
    awards, history_html = kept(
        f"commendations:decision_rows|{decision.pk}",
        decision.commune_id,
        lambda: _decision_rows(decision, printable),
        60,
        apps=("commendations",),
    )
    # The form that adds an award: sent back with its errors as it is, or blank and kept as
    # written until a record of the commune changes (core.kept_forms: its lists of units).
    offers: Offers = {}
    if decides(request.user, decision.commune_id):
        offers["award_form"] = (
            bound.get("award_form"),
            lambda: AwardAddForm(
                prefix="kt",
                commune=decision.commune,
                initial={"recipient_kind": RecipientKind.COLLECTIVE},
            ),
        )
    forms = {
        **bound,
        **step_forms(f"commendations:decision|{decision.pk}", decision.commune_id, offers),
    }
    return render(
        request,
        "commendations/decision_detail.html",
        {
            "decision": decision,
            "awards": awards,
            "printable": printable,
            "history": mark_safe(history_html),  # written by write_items, which escapes
            "has_errors": any(getattr(f, "errors", None) for f in bound.values() if f),
            **forms,
        },
    )


def decision_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    return _decision_page(request, get_decision_for_user(request, pk))


@require_POST
def decision_award_add(request: AuthedRequest, pk: int) -> HttpResponse:
    decision = get_decision_for_user(request, pk, decide=True)
    form = AwardAddForm(request.POST, prefix="kt", commune=decision.commune)
    return run_step(
        request,
        form,
        lambda data: services.decision_award_add(decision=decision, by=request.user, **data),
        done=lambda a: f"Đã thêm {a.recipient} vào quyết định.",
        then=lambda _: redirect("commendations:decision", pk=decision.pk),
        again=lambda: _decision_page(request, decision, award_form=form),
    )


def decision_docx(request: AuthedRequest, pk: int) -> HttpResponse:
    """The decision in the NĐ 30/2020 layout: the commune's own forms only (a province's or the
    centre's decision is recorded, not drafted here)."""
    decision = get_decision_for_user(request, pk)
    if decision.form.level != AwardForm.Level.COMMUNE:
        raise Http404
    awards = list(
        decision.awards.select_related("recipient_unit", "proposal__proposing_unit").order_by("pk")
    )
    return exports.decision_docx(decision, awards)


def certificate(request: AuthedRequest, pk: int) -> HttpResponse:
    """A printable certificate (PDF) of one award of the commune's own forms."""
    award = get_award_for_user(request, pk)
    if award.decision.form.level != AwardForm.Level.COMMUNE:
        raise Http404
    return exports.certificate_pdf(award)


urls: list[URLPattern] = [
    path("", index, name="index"),
    path("so-khen-thuong.xlsx", register_xlsx, name="register_xlsx"),
    path("de-nghi/", proposal_list, name="proposals"),
    path("de-nghi/them/", proposal_create, name="proposal_create"),
    path("de-nghi/<int:pk>/", proposal_detail, name="proposal"),
    path("de-nghi/<int:pk>/khen-thuong/", proposal_grant, name="proposal_grant"),
    path("de-nghi/<int:pk>/khong-khen-thuong/", proposal_refuse, name="proposal_refuse"),
    path("quyet-dinh/", decision_list, name="decisions"),
    path("quyet-dinh/them/", decision_create, name="decision_create"),
    path("quyet-dinh/<int:pk>/", decision_detail, name="decision"),
    path("quyet-dinh/<int:pk>/them/", decision_award_add, name="decision_award_add"),
    path("quyet-dinh/<int:pk>/quyet-dinh.docx", decision_docx, name="decision_docx"),
    path("giay-khen/<int:pk>.pdf", certificate, name="certificate"),
]
