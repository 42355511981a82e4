"""Officers' pages of ethnic and religious work, under /can-bo/dan-toc-ton-giao/.

Every view asks ethnic_religious.access (or core.access.commune_for) first: 404 for another
commune's record and for an internal row the user may not see, 403 for what the role does not
allow. Every write runs through core.steps: one service, its DomainError on the same form with
what was typed kept, and status 400.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
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
from danvan.core.kept_forms import Offers, kept_blank, step_forms
from danvan.core.models import Unit
from danvan.core.steps import run_step
from danvan.ethnic_religious import exports, selectors, services
from danvan.ethnic_religious.access import (
    get_establishment_for_user,
    get_event_for_user,
    get_person_for_user,
    records,
    shows_phone,
    village_only,
    writes,
)
from danvan.ethnic_religious.forms import (
    ContactForm,
    EstablishmentForm,
    EventForm,
    PersonEditForm,
    PersonForm,
)
from danvan.ethnic_religious.models import (
    Establishment,
    EthnicGroup,
    Event,
    KeyPerson,
    Religion,
)

PAGE_SIZE = 25


def _commune(request: HttpRequest) -> Unit:
    return commune_for(request, request.GET.get("xa"))


def _filters(request: HttpRequest) -> selectors.Filters:
    return selectors.Filters(
        village=int_param(request.GET.get("thon")),
        group=int_param(request.GET.get("nhom")),
        status=request.GET.get("tinh-trang", ""),
        q=request.GET.get("q", "").strip()[:100],
    )


def _villages(request: AuthedRequest, commune: Unit) -> list[Unit]:
    villages = Unit.objects.filter(commune=commune, kind=Unit.Kind.VILLAGE, is_active=True)
    if (heads := village_only(request.user, commune.pk)) is not None:
        villages = villages.filter(pk__in=heads)
    return list(villages.order_by("name"))


def _list_page(
    request: AuthedRequest,
    commune: Unit,
    rows: Callable[[], Any],
    *,
    template: str,
    part: str,
    detail: str,
    groups: Callable[[], Any],
    statuses: Any,
) -> HttpResponse:
    """A list's page: its filter and page of rows as written are kept for the reader (what an
    internal row or a village head's villages let her see) until a record of the app or of core
    changes, or the day does ("chưa tiếp xúc năm …")."""
    f = _filters(request)
    query = request.GET.copy()
    query.pop("page", None)
    today = timezone.localdate()

    def write() -> str:
        page = Paginator(rows(), PAGE_SIZE).get_page(request.GET.get("page"))
        url = url_for_pk(detail)
        for row in page.object_list:
            row.row_url = url(row.pk)
        return render_to_string(
            part,
            {
                "commune": commune,
                "page": page,
                "f": f,
                "query": query.urlencode(),
                "villages": _villages(request, commune),
                "groups": groups(),
                "statuses": statuses,
                "year": today.year,
            },
        )

    key = f"{detail}|list|{request.user.pk}|{request.GET.urlencode()}|{today}"
    listed = kept(key, commune.pk, write, 60, apps=("ethnic_religious",))
    return render(
        request,
        template,
        {
            "commune": commune,
            "listed": mark_safe(listed),  # written by the engine, which escapes
            "query": query.urlencode(),
            "writes": writes(request.user, commune.pk),
        },
    )


def _form_page(
    request: HttpRequest, template: str, form: Any, **context: Any
) -> Callable[[], HttpResponse]:
    return lambda: render(request, template, {"form": form, **context})


def _back(name: str, commune_id: int) -> str:
    return f"{reverse(name)}?xa={commune_id}"


# --- respected persons ----------------------------------------------------------------------


def index(request: AuthedRequest) -> HttpResponse:
    """The respected persons the user sees, filtered, searched, a page at a time."""
    commune = _commune(request)
    return _list_page(
        request,
        commune,
        lambda: selectors.persons(request.user, commune.pk, _filters(request)),
        template="ethnic_religious/index.html",
        part="ethnic_religious/_person_list.html",
        detail="ethnic_religious:person",
        groups=lambda: list(EthnicGroup.objects.filter(active=True)),
        statuses=KeyPerson.Status.choices,
    )


def persons_xlsx(request: AuthedRequest) -> HttpResponse:
    commune = _commune(request)
    qs = selectors.persons(request.user, commune.pk, _filters(request))
    return exports.persons_xlsx(commune, qs, phones=writes(request.user, commune.pk))


def person_create(request: AuthedRequest) -> HttpResponse:
    commune = _commune(request)
    if not writes(request.user, commune.pk):
        raise PermissionDenied
    form = PersonForm(request.POST or None, commune_id=commune.pk)
    # Blank, its lists of villages, groups and officers as written are kept (core.kept_forms).
    shown = kept_blank(form, "ethnic_religious:person_create", commune.pk)
    return run_step(
        request,
        form,
        lambda data: services.person_create(commune=commune, by=request.user, **data),
        done=lambda p: f"Đã ghi người có uy tín {p.full_name}.",
        then=lambda p: redirect("ethnic_religious:person", pk=p.pk),
        again=_form_page(
            request,
            "ethnic_religious/person_form.html",
            shown,
            heading="Ghi người có uy tín",
            back=_back("ethnic_religious:index", commune.pk),
        ),
    )


def person_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    person = get_person_for_user(request, pk, write=True)
    initial = {name: getattr(person, name) for name in services.PERSON_FIELDS if name != "follower"}
    initial["follower"] = person.follower_id
    form = PersonEditForm(request.POST or None, commune_id=person.commune_id, initial=initial)
    return run_step(
        request,
        form,
        lambda data: services.person_update(person=person, by=request.user, **data),
        done="Đã lưu thông tin người có uy tín.",
        then=lambda p: redirect("ethnic_religious:person", pk=p.pk),
        again=_form_page(
            request,
            "ethnic_religious/person_form.html",
            form,
            heading=f"Sửa thông tin – {person.full_name}",
            back=reverse("ethnic_religious:person", args=[person.pk]),
        ),
    )


def _person_page(
    request: AuthedRequest, person: KeyPerson, contact_form: ContactForm | None = None
) -> HttpResponse:
    user = request.user
    today = timezone.localdate()
    # The contact form: sent back with its errors as it is, or blank and kept as written until
    # a record of the commune changes (core.kept_forms: its lists of kinds and officers; the
    # officer is who opens the page, so the key names him).
    offers: Offers = {}
    if contact_form is not None or records(user, person):
        offers["contact_form"] = (
            contact_form,
            lambda: ContactForm(
                prefix="tx",
                commune_id=person.commune_id,
                initial={"on": today, "made_by": user.pk},
            ),
        )
    key = f"ethnic_religious:person|{person.pk}|{user.pk}|{today.isoformat()}"
    forms = step_forms(key, person.commune_id, offers)
    contacts = list(person.contacts.select_related("kind", "made_by"))
    return render(
        request,
        "ethnic_religious/person_detail.html",
        {
            "person": person,
            "contacts": contacts,
            "contacted_this_year": any(c.on.year == today.year for c in contacts),
            "year": today.year,
            "writes": writes(user, person.commune_id),
            "shows_phone": shows_phone(user, person),
            "history": written_history(person, 30),
            **forms,
        },
    )


def person_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    return _person_page(request, get_person_for_user(request, pk))


@require_POST
def contact_create(request: AuthedRequest, pk: int) -> HttpResponse:
    person = get_person_for_user(request, pk, record=True)
    form = ContactForm(request.POST, prefix="tx", commune_id=person.commune_id)
    return run_step(
        request,
        form,
        lambda data: services.contact_record(person=person, by=request.user, **data),
        done="Đã ghi lần tiếp xúc.",
        then=lambda _: redirect("ethnic_religious:person", pk=person.pk),
        again=lambda: _person_page(request, person, form),
    )


# --- establishments and events --------------------------------------------------------------


def establishment_list(request: AuthedRequest) -> HttpResponse:
    commune = _commune(request)
    return _list_page(
        request,
        commune,
        lambda: selectors.establishments(request.user, commune.pk, _filters(request)),
        template="ethnic_religious/establishment_list.html",
        part="ethnic_religious/_establishment_list.html",
        detail="ethnic_religious:establishment",
        groups=lambda: list(Religion.objects.filter(active=True)),
        statuses=Establishment.Legal.choices,
    )


def establishments_xlsx(request: AuthedRequest) -> HttpResponse:
    commune = _commune(request)
    qs = selectors.establishments(request.user, commune.pk, _filters(request))
    return exports.establishments_xlsx(commune, qs)


def establishment_create(request: AuthedRequest) -> HttpResponse:
    commune = _commune(request)
    if not writes(request.user, commune.pk):
        raise PermissionDenied
    form = EstablishmentForm(request.POST or None, commune_id=commune.pk)
    return run_step(
        request,
        form,
        lambda data: services.establishment_create(commune=commune, by=request.user, **data),
        done=lambda e: f"Đã ghi {e.name}.",
        then=lambda e: redirect("ethnic_religious:establishment", pk=e.pk),
        again=_form_page(
            request,
            "ethnic_religious/establishment_form.html",
            form,
            heading="Ghi cơ sở tôn giáo, tín ngưỡng",
            back=_back("ethnic_religious:establishments", commune.pk),
        ),
    )


def establishment_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    row = get_establishment_for_user(request, pk, write=True)
    initial = {
        name: getattr(row, name) for name in services.ESTABLISHMENT_FIELDS if name != "follower"
    }
    initial["follower"] = row.follower_id
    form = EstablishmentForm(request.POST or None, commune_id=row.commune_id, initial=initial)
    return run_step(
        request,
        form,
        lambda data: services.establishment_update(establishment=row, by=request.user, **data),
        done="Đã lưu thông tin cơ sở.",
        then=lambda e: redirect("ethnic_religious:establishment", pk=e.pk),
        again=_form_page(
            request,
            "ethnic_religious/establishment_form.html",
            form,
            heading=f"Sửa thông tin – {row.name}",
            back=reverse("ethnic_religious:establishment", args=[row.pk]),
        ),
    )


def _establishment_page(
    request: AuthedRequest, row: Establishment, event_form: EventForm | None = None
) -> HttpResponse:
    user = request.user
    if event_form is None and records(user, row):
        event_form = EventForm(prefix="sk")
    return render(
        request,
        "ethnic_religious/establishment_detail.html",
        {
            "row": row,
            "events": list(row.events.all()),
            "today": timezone.localdate(),
            "writes": writes(user, row.commune_id),
            "records": records(user, row),
            "event_form": event_form,
            "history": written_history(row, 30),
        },
    )


def establishment_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    return _establishment_page(request, get_establishment_for_user(request, pk))


@require_POST
def event_create(request: AuthedRequest, pk: int) -> HttpResponse:
    row = get_establishment_for_user(request, pk, record=True)
    form = EventForm(request.POST, prefix="sk")
    return run_step(
        request,
        form,
        lambda data: services.event_create(establishment=row, by=request.user, **data),
        done=lambda e: f"Đã ghi {e.name}.",
        then=lambda _: redirect("ethnic_religious:establishment", pk=row.pk),
        again=lambda: _establishment_page(request, row, form),
    )


def event_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    event: Event = get_event_for_user(request, pk)
    initial = {name: getattr(event, name) for name in services.EVENT_FIELDS}
    form = EventForm(request.POST or None, initial=initial)
    back = reverse("ethnic_religious:establishment", args=[event.establishment_id])
    return run_step(
        request,
        form,
        lambda data: services.event_update(event=event, by=request.user, **data),
        done="Đã lưu sự kiện, lễ hội.",
        then=lambda _: redirect(back),
        again=_form_page(
            request,
            "ethnic_religious/event_form.html",
            form,
            heading=f"{event.name} – {event.establishment.name}",
            back=back,
        ),
    )


def calendar(request: AuthedRequest) -> HttpResponse:
    """The year's events, those to come first."""
    commune = _commune(request)
    today = timezone.localdate()
    year = int_param(request.GET.get("nam"))
    year = year if year and 2000 <= year <= 2100 else today.year
    coming, held = selectors.calendar(request.user, commune.pk, year, today)
    url = url_for_pk("ethnic_religious:establishment")
    for e in (*coming, *held):
        e.row_url = url(e.establishment_id)  # type: ignore[attr-defined]
    return render(
        request,
        "ethnic_religious/calendar.html",
        {
            "commune": commune,
            "year": year,
            "years": range(today.year + 1, today.year - 4, -1),
            "coming": coming,
            "held": held,
        },
    )


urls: list[URLPattern] = [
    path("", index, name="index"),
    path("nguoi-co-uy-tin.xlsx", persons_xlsx, name="persons_xlsx"),
    path("nguoi-co-uy-tin/them/", person_create, name="person_create"),
    path("nguoi-co-uy-tin/<int:pk>/", person_detail, name="person"),
    path("nguoi-co-uy-tin/<int:pk>/sua/", person_edit, name="person_edit"),
    path("nguoi-co-uy-tin/<int:pk>/tiep-xuc/", contact_create, name="contact_create"),
    path("co-so/", establishment_list, name="establishments"),
    path("co-so.xlsx", establishments_xlsx, name="establishments_xlsx"),
    path("co-so/them/", establishment_create, name="establishment_create"),
    path("co-so/<int:pk>/", establishment_detail, name="establishment"),
    path("co-so/<int:pk>/sua/", establishment_edit, name="establishment_edit"),
    path("co-so/<int:pk>/su-kien/", event_create, name="event_create"),
    path("su-kien/<int:pk>/sua/", event_edit, name="event_edit"),
    path("lich-su-kien/", calendar, name="calendar"),
]
