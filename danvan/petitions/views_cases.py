"""The petition book: list, intake, one case with its timeline and a form per handling step.

Every page asks petitions.access first (404 for a case the user may not see, 403 for one they
may only read); every step calls one service and shows its DomainError on the same form, with
what was typed kept, and status 400.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any, cast

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Case, OrderBy, Q, When
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.template import Context
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_POST

from danvan.core.access import get_access, get_item
from danvan.core.audit import history
from danvan.core.cache import kept
from danvan.core.errors import DomainError
from danvan.core.http import AuthedRequest, download, int_param, url_for_pk
from danvan.core.models import User
from danvan.core.steps import run_step
from danvan.core.templatetags.history import write_items
from danvan.lib import officialdoc as od
from danvan.petitions import case_panels, letters, reception, selectors, services
from danvan.petitions.access import (
    assigned_to,
    can_sign_off,
    can_work_on_petitions,
    can_write,
    get_petition_for_user,
    kept_or_404,
    petitions_for,
    reception_commune_for,
    reception_commune_id,
    sees,
)
from danvan.petitions.forms import (
    AcceptForm,
    AssignForm,
    ClassifyForm,
    FilterForm,
    IntakeForm,
    LinkForm,
    ReasonForm,
    ResolveForm,
    RouteForm,
    SendBackForm,
    SignOffForm,
    StepForm,
    visit_initial,
)
from danvan.petitions.models import (
    Petition,
    PetitionEvent,
    PetitionKind,
    PetitionQuerySet,
    Visit,
)
from danvan.petitions.search import count as count_matches
from danvan.petitions.search import few_matches, newest_matches, parse, search

PAGE_SIZE = 25
Status = Petition.Status
OPEN = [s for s in Status.values if s not in Petition.CLOSED_STATUSES]

# --- list -----------------------------------------------------------------------------------


def petition_list(request: AuthedRequest) -> HttpResponse:
    """One commune's book for those who keep it (newest intake first, on the commune's index),
    or the cases assigned to the user and their unit."""
    if not can_work_on_petitions(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    whole = get_access(request.user).reception_communes
    form = FilterForm(request.GET or None, communes=whole)
    data = form.cleaned_data if form.is_valid() else {}
    mine = data.get("scope") == "mine" or not whole
    commune_id = None
    if mine:
        qs = Petition.objects.filter(assigned_to(request.user))
    else:
        commune_id = reception_commune_id(request, request.GET.get("xa"))
        qs = Petition.objects.filter(commune_id=commune_id)
    status = data.get("status")
    if status == "open":
        # The open statuses by name, not "not closed": the (commune, status) index finds them
        # (the count read every entry of the commune's index: 1.5 ms -> 0.02 on SQLite).
        qs = qs.filter(status__in=OPEN)
    elif status:
        qs = qs.filter(status=status)
    if data.get("kind"):
        qs = qs.filter(kind=data["kind"])
    if data.get("village"):
        qs = qs.filter(village=data["village"])
    if data.get("due") == "overdue":
        qs = qs.filter(selectors.overdue_in_book(today))
    elif data.get("due") == "soon":
        qs = qs.filter(selectors.due_soon_in_book(today))
    book = qs
    query = data.get("q") or ""
    if query and not mine:
        qs = search(qs, query)
    # With a deadline filter few cases are left: sort those rather than walk the book by date.
    order: list[str | OrderBy] = (
        [selectors.unindexed("received_on").desc(), "-id"]
        if data.get("due")
        else ["-received_on", "-id"]
    )
    qs = qs.order_by(*order)
    number = request.GET.get("page")
    paginator: Paginator[Any]
    rows = None
    if query:
        # A search's count and page are kept until a record of the commune changes (of any
        # commune for an officer's assigned cases), a minute at most: paging through a search,
        # or asking it again, counts nothing again. The key is what the rows depend on besides
        # the records: the commune or the user's units, the filters, the folded query, the day.
        village = data.get("village")
        filters = (
            f"{status}|{data.get('kind')}|{village.pk if village else ''}|{data.get('due')}|"
            f"{parse(query)}|{today}"
        )
        if mine:
            # An officer's assigned matches are few: their ids, sorted, give both the count and
            # the page (a count and a page each asked the index again: 2 x 20 ms), searched
            # within the communes of those cases (one or two), where the indexes answer.
            units = sorted(get_access(request.user).writable_units)
            ids = kept(
                f"petitions:assigned|{request.user.pk}|{units}|{filters}",
                None,
                lambda: few_matches(book, query, order=order),
                60,
            )
            paginator = Paginator(ids, PAGE_SIZE)
            page = paginator.get_page(number)
            rows = Petition.objects.filter(pk__in=list(page.object_list))
        else:
            searched = partial(_book_search, qs, book, query, number, newest=not data.get("due"))
            count, shown, ids = kept(
                f"petitions:book|{commune_id}|{filters}|{number}", commune_id, searched, 60
            )
            paginator = Paginator(qs, PAGE_SIZE)
            paginator.count = count
            page = paginator.get_page(shown)
            rows = Petition.objects.filter(pk__in=ids)
    else:
        paginator = Paginator(qs, PAGE_SIZE)
        page = paginator.get_page(number)
    # The page's rows as plain values of the columns a row shows (selectors.LISTED), not model
    # instances; the texts stay in the table: a search sorts every match of the commune (8,951
    # rows for "duong" on PostgreSQL), a third faster without them.
    page.object_list = selectors.listed(
        rows.order_by(*order) if rows is not None else cast(PetitionQuerySet, page.object_list)
    )
    soon = selectors.due_soon_until(today)
    detail_url = url_for_pk("petitions:detail")
    for p in page.object_list:
        p.url = detail_url(p.pk)  # type: ignore[attr-defined]
        p.badge = selectors.deadline_badge(p, today, soon)  # type: ignore[attr-defined]
        p.status_class = selectors.status_class(p)  # type: ignore[attr-defined]
    return render(
        request,
        "petitions/cases_list.html",
        {"form": form, "page": page, "can_receive": bool(whole), "today": today},
    )


def _book_search(
    found: PetitionQuerySet, book: PetitionQuerySet, query: str, number: str | None, *, newest: bool
) -> tuple[int, int, list[int]]:
    """A search of one commune's book: its count, the page's number and the page's ids (newest
    first). `found` is `search(book, query)` in the page's order."""
    paginator: Paginator[Any] = Paginator(found, PAGE_SIZE)
    paginator.count = count_matches(book, query)
    page = paginator.get_page(number)
    ids = None
    if newest:
        # A common word: the page's rows by walking the book newest first
        # (search.newest_matches).
        first = (page.number - 1) * PAGE_SIZE
        upto = min(first + PAGE_SIZE, paginator.count)
        ids = newest_matches(book, query, matches=paginator.count, first=first, upto=upto)
    if ids is None:
        ids = list(cast(PetitionQuerySet, page.object_list).values_list("pk", flat=True))
    return paginator.count, page.number, ids


# --- intake ---------------------------------------------------------------------------------


def petition_receive(request: AuthedRequest) -> HttpResponse:
    commune = reception_commune_for(request, request.GET.get("xa"))
    visit = None
    if request.GET.get("luot"):
        visit = kept_or_404(request, Visit, int_param(request.GET.get("luot")) or 0)
        commune = visit.commune
    initial = visit_initial(visit) if visit else {"received_on": timezone.localdate()}
    form = IntakeForm(request.POST or None, commune=commune, initial=initial)

    def page() -> HttpResponse:
        context = {"form": form, "commune": commune, "visit": visit}
        return render(request, "petitions/cases_receive.html", context)

    def receive(d: dict[str, Any]) -> Petition:
        # The petitioner's fields go in as one identity (sealed for a denunciation).
        fields = {k: v for k, v in d.items() if not k.startswith("petitioner_")}
        fields.update(by=request.user, identity=form.identity())
        if visit:
            return reception.visit_open_petition(visit=visit, **fields)
        return services.petition_receive(commune=commune, **fields)

    return run_step(
        request,
        form,
        receive,
        done=lambda p: f"Đã vào sổ đơn số {p.code}.",
        then=lambda p: redirect("petitions:detail", pk=p.pk),
        again=page,
    )


# --- one case -------------------------------------------------------------------------------


def _choices_in_one_query(form: forms.Form) -> None:
    """Read each list of model choices with one plain query. A ModelChoiceField walks its
    queryset with .iterator(), which on PostgreSQL is a server-side cursor (DECLARE … WITH
    HOLD, FETCH, CLOSE: three round trips) for every list of every form on the page."""
    for field in form.fields.values():
        if isinstance(field, forms.ModelChoiceField) and field.queryset is not None:
            choice = field.iterator(field).choice
            empty: list[Any] = [] if field.empty_label is None else [("", field.empty_label)]
            field.choices = empty + [choice(obj) for obj in field.queryset]


def _panels(
    p: Petition, user: User, bound: dict[str, forms.Form], today: date
) -> list[case_panels.Shown]:
    """The step forms this case allows now, for this user (case_panels: blank ones kept as
    written); a bound one (with its errors) replaces its blank."""
    for form in bound.values():
        _choices_in_one_query(form)
    return case_panels.panels(p, signer=can_sign_off(user, p), today=today, bound=bound)


# What the case's list of steps shows (cases_detail.html): no other column is read.
EVENT_SHOWN = ("kind", "on", "note", "by__username", "by__full_name")
# What its history shows: when, who, what changed (not the chain's hashes, the actor's account).
HISTORY_SHOWN = ("created_at", "action", "changes", "actor__username", "actor__full_name")


# What a linked case shows (its code) and what access.sees reads of it.
LINKED_SHOWN = ("year", "number", "linked_to_id", "commune_id", "handler_id", "handling_unit_id")


def _steps(p: Petition) -> tuple[list[PetitionEvent], str, list[Petition]]:
    """Its steps, its history as written, and the cases linked with it: the one it is linked
    to first, then those linked to it, each page showing of these only what its reader sees."""
    events = PetitionEvent.objects.filter(petition=p).select_related("by").only(*EVENT_SHOWN)
    written = write_items(history(p).only(*HISTORY_SHOWN)[:50], Context())
    linked = Petition.objects.only(*LINKED_SHOWN).order_by("id")
    if p.linked_to_id:
        first = Case(When(pk=p.linked_to_id, then=0), default=1)
        linked = linked.filter(Q(linked_to=p) | Q(pk=p.linked_to_id)).order_by(first, "id")
    else:
        linked = linked.filter(linked_to=p)
    return list(events), str(written), list(linked)


def _render_detail(
    request: AuthedRequest,
    p: Petition,
    bound: dict[str, forms.Form] | None = None,
    status: int = 200,
) -> HttpResponse:
    today = timezone.localdate()
    writes = can_write(request.user, p)
    # Its steps, its history as written and its linked cases, the same for every reader: kept
    # until a record of the petitions (or of core) changes in its commune.
    events, written, related = kept(
        f"petitions:case_steps|{p.pk}",
        p.commune_id,
        lambda: _steps(p),
        60,
        apps=("petitions",),
    )
    # The petition this one is linked to and those linked to it, among those the user may see.
    linked = [o for o in related if sees(request.user, o)]
    context = {
        "petition": p,
        "protected": p.kind == PetitionKind.DENUNCIATION,
        "events": events,
        "history": mark_safe(written),  # written by write_items, which escapes
        "badge": selectors.deadline_badge(p, today, selectors.due_soon_until(today)),
        "can_write": writes,
        "signer": can_sign_off(request.user, p),
        "letter": letters.unavailable(p) is None,
        "panels": _panels(p, request.user, bound or {}, today) if writes else [],
        "case_url": reverse("petitions:detail", args=[p.pk]),
        "linked": [o for o in linked if o.linked_to_id == p.pk][:50],
        "linked_to": next((o for o in linked if o.pk == p.linked_to_id), None),
        "sees_register": p.commune_id in get_access(request.user).reception_communes,
        "failed": [(STEPS[name].anchor, f.non_field_errors()) for name, f in (bound or {}).items()],
    }
    return render(request, "petitions/cases_detail.html", context, status=status)


# What the case page shows of the case's relations (its commune it does not: commune_id is
# enough for every check): a join fewer than get_petition_for_user's.
CASE_RELATED = ("village", "handler", "handling_unit")


def petition_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """The case by its key, then the visibility rule checked on it (access.sees, tested equal
    to get_petition_for_user): 404 for a case the user may not open."""
    p = get_item(request, Petition, pk, CASE_RELATED)
    if not sees(request.user, p):
        raise Http404("No Petition matches the given query.")  # get_object_or_404's
    return _render_detail(request, p)


def _classify(request: AuthedRequest, p: Petition, d: dict[str, Any]) -> str:
    services.petition_classify(petition=p, by=request.user, **d)
    return "Đã cập nhật phân loại đơn."


def _assign(request: AuthedRequest, p: Petition, d: dict[str, Any]) -> str:
    services.petition_assign(petition=p, by=request.user, handler=d["handler"], unit=d["unit"])
    return f"Đã giao {d['handler']} ({d['unit'].label}) xử lý."


def _accept(request: AuthedRequest, p: Petition, d: dict[str, Any]) -> str:
    p = services.petition_accept(petition=p, by=request.user, **d)
    due = f"; hạn giải quyết {p.due_on:%d/%m/%Y}" if p.due_on else ""
    return f"Đã thụ lý đơn{due}."


def _route(request: AuthedRequest, p: Petition, d: dict[str, Any]) -> str:
    p = services.petition_route(petition=p, by=request.user, **d)
    return f"Đã xử lý đơn: {p.get_status_display().lower()}."


def _extend(request: AuthedRequest, p: Petition, d: dict[str, Any]) -> str:
    p = services.petition_extend(petition=p, by=request.user, **d)
    return f"Đã gia hạn; hạn mới {p.due_on:%d/%m/%Y}."


def _pause(request: AuthedRequest, p: Petition, d: dict[str, Any]) -> str:
    services.petition_pause(petition=p, by=request.user, **d)
    return "Đã tạm đình chỉ giải quyết; thời hạn ngừng tính."


def _resume(request: AuthedRequest, p: Petition, d: dict[str, Any]) -> str:
    p = services.petition_resume(petition=p, by=request.user, **d)
    return f"Đã tiếp tục giải quyết; hạn mới {p.due_on:%d/%m/%Y}."


def _record(request: AuthedRequest, p: Petition, d: dict[str, Any]) -> str:
    services.petition_record_step(petition=p, by=request.user, **d)
    return f"Đã ghi bước: {PetitionEvent.Kind(d['step']).label.lower()}."


def _resolve(request: AuthedRequest, p: Petition, d: dict[str, Any]) -> str:
    p = services.petition_resolve(petition=p, by=request.user, **d)
    if p.status == Status.PROPOSED:
        return "Đã trình lãnh đạo UBND xã ký duyệt kết quả giải quyết."
    return _signed(p)


def _sign_off(request: AuthedRequest, p: Petition, d: dict[str, Any]) -> str:
    return _signed(services.petition_sign_off(petition=p, by=request.user, **d))


def _signed(p: Petition) -> str:
    return "Đã ký duyệt kết quả giải quyết" + ("." if p.closed_on_time else " (quá hạn).")


def _send_back(request: AuthedRequest, p: Petition, d: dict[str, Any]) -> str:
    services.petition_send_back(petition=p, by=request.user, **d)
    return "Đã trả lại dự thảo cho người xử lý."


def _link(request: AuthedRequest, p: Petition, d: dict[str, Any]) -> str:
    number, year = d["code"]
    earlier = (
        petitions_for(request.user)
        .filter(commune_id=p.commune_id, number=number, year=year)
        .first()
    )
    if earlier is None:
        raise DomainError(f"Không tìm thấy đơn số {number}/{year} trong sổ đơn thư của xã.")
    services.petition_link(petition=p, to=earlier, kind=d["kind"], by=request.user)
    return f"Đã liên kết với đơn số {earlier.code}."


@dataclass(frozen=True)
class Step:
    """A handling step of the case page: its URL, its form's anchor on the page, its form
    (bound to what was posted) and what it does (calls one service, says what was done)."""

    path: str
    url_name: str
    anchor: str
    form: Callable[[QueryDict, Petition], forms.Form]
    run: Callable[[AuthedRequest, Petition, dict[str, Any]], str]
    # Beyond writing on the case (petitions.access.can_write): who else the step needs.
    allowed: Callable[[User, Petition], bool] | None = None


def _posted(cls: type[forms.Form], prefix: str) -> Callable[[QueryDict, Petition], forms.Form]:
    return lambda data, p: cls(data, prefix=prefix)


STEPS: dict[str, Step] = {
    "classify": Step("phan-loai", "classify", "phan-loai", _posted(ClassifyForm, "pl"), _classify),
    "assign": Step(
        "giao-xu-ly", "assign", "giao", lambda data, p: AssignForm(data, petition=p), _assign
    ),
    "accept": Step("thu-ly", "accept", "thu-ly", _posted(AcceptForm, "tl"), _accept),
    "route": Step("xu-ly", "route", "xu-ly", _posted(RouteForm, "xl"), _route),
    "extend": Step("gia-han", "extend", "gia-han", _posted(ReasonForm, "gh"), _extend),
    "pause": Step("tam-dinh-chi", "pause", "tam-dinh-chi", _posted(ReasonForm, "dc"), _pause),
    "resume": Step("tiep-tuc", "resume", "tiep-tuc", _posted(ReasonForm, "tt"), _resume),
    "resolve": Step("ket-qua", "resolve", "ket-qua", _posted(ResolveForm, "kq"), _resolve),
    "sign_off": Step(
        "ky-duyet", "sign_off", "ky-duyet", _posted(SignOffForm, "kd"), _sign_off, can_sign_off
    ),
    "send_back": Step(
        "tra-lai-du-thao",
        "send_back",
        "tra-lai-du-thao",
        _posted(SendBackForm, "tr"),
        _send_back,
        can_sign_off,
    ),
    "record": Step("buoc-xu-ly", "record_step", "buoc", _posted(StepForm, "bx"), _record),
    "link": Step("lien-ket", "link", "lien-ket", _posted(LinkForm, "lk"), _link),
}


@require_POST
def petition_step(request: AuthedRequest, pk: int, name: str) -> HttpResponse:
    """One handling step: form → service → message → back to the case (core.steps.run_step)."""
    step = STEPS[name]
    p = get_petition_for_user(request, pk, write=True)
    if step.allowed is not None and not step.allowed(request.user, p):
        raise PermissionDenied
    form = step.form(request.POST, p)
    return run_step(
        request,
        form,
        lambda data: step.run(request, p, data),
        done=lambda message: message,
        then=lambda _: redirect("petitions:detail", pk=pk),
        # The service may have changed the object before it refused: show it as saved.
        again=lambda: _render_detail(request, get_petition_for_user(request, pk), {name: form}),
    )


@require_GET
def answer_letter(request: AuthedRequest, pk: int) -> HttpResponse:
    """The signed answer to the citizen (.docx; petitions.letters), for those who open the
    case; a page saying why (409) before the sign-off. A GET that writes nothing: the letter
    holds what the case page shows, and a denunciation's names nobody (so, unlike a notice to
    the denouncer, making it is no reveal to log)."""
    p = get_petition_for_user(request, pk)
    try:
        content = od.render_docx(letters.letter_document(p, by=request.user))
    except DomainError as e:
        context = {"petition": p, "message": e.message}
        response = render(request, "petitions/notice_unavailable.html", context, status=409)
    else:
        response = download(content, od.DOCX_MIME, f"tra-loi-don-{p.number}-{p.year}.docx")
    patch_cache_control(response, no_store=True)
    return response


urls: list[URLPattern] = [
    path("", petition_list, name="list"),
    path("tiep-nhan/", petition_receive, name="receive"),
    path("<int:pk>/", petition_detail, name="detail"),
    path("<int:pk>/van-ban-tra-loi.docx", answer_letter, name="answer_letter"),
    *(
        path(f"<int:pk>/{step.path}/", petition_step, {"name": name}, name=step.url_name)
        for name, step in STEPS.items()
    ),
]
