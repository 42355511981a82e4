"""Officers' pages of grassroots mediation, under /can-bo/hoa-giai/.

Every view asks mediation.access (or core.access.commune_for) first: 404 for another commune's
record, 403 for what the role does not allow. Every write runs through core.steps: one service,
its DomainError on the same form with what was typed kept, and status 400.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from danvan.commendations.access import proposes
from danvan.commendations.links import proposal_url
from danvan.commendations.models import Source as CommendedFor
from danvan.core.access import commune_for
from danvan.core.audit import written_history
from danvan.core.cache import kept
from danvan.core.http import AuthedRequest, int_param, url_for_pk
from danvan.core.kept_forms import Offers, step_forms
from danvan.core.models import Unit
from danvan.core.steps import run_action, run_step
from danvan.mediation import exports, selectors, services
from danvan.mediation.access import (
    get_case_for_user,
    get_team_for_user,
    keeps_teams,
    manages,
    readable_teams,
    reads_any_case,
    reads_teams,
    recording_teams,
    records_case,
    records_for,
)
from danvan.mediation.forms import (
    CaseForm,
    KeptForm,
    LinkForm,
    MediatorForm,
    OutcomeForm,
    StartForm,
    TeamForm,
)
from danvan.mediation.models import START_LABELS, MediationCase, MediationTeam, Mediator

PAGE_SIZE = 25
Outcome = MediationCase.Outcome
_OUTCOME_CSS = {
    Outcome.SUCCESS: "done",
    Outcome.FAILED: "overdue",
    Outcome.REFERRED: "due_soon",
    Outcome.PENDING: "on_track",
}


def _commune(request: HttpRequest) -> Unit:
    return commune_for(request, request.GET.get("xa"))


def _year(request: HttpRequest) -> int:
    year = int_param(request.GET.get("nam"))
    return year if year and 2000 <= year <= 2100 else timezone.localdate().year


def _form_page(
    request: HttpRequest, template: str, form: Any, **context: Any
) -> Callable[[], HttpResponse]:
    return lambda: render(request, template, {"form": form, **context})


def _index_url(commune_id: int) -> str:
    return f"{reverse('mediation:index')}?xa={commune_id}"


def _case_rows(cases: Any, today: Any) -> None:
    url = url_for_pk("mediation:case")
    for c in cases:
        c.row_url = url(c.pk)
        c.outcome_css = _OUTCOME_CSS.get(c.outcome, "not_started")
        c.start_label = START_LABELS[c.start_state(today)]


# --- teams ----------------------------------------------------------------------------------


def index(request: AuthedRequest) -> HttpResponse:
    """The commune's teams; a province viewer, who reads figures only, is sent to them."""
    commune = _commune(request)
    if not reads_teams(request.user, commune.pk):
        return redirect(f"{reverse('mediation:figures')}?xa={commune.pk}")
    year = timezone.localdate().year

    def listed() -> list[Any]:
        found = list(
            MediationTeam.objects.filter(commune=commune)
            .select_related("village")
            .annotate(
                n_mediators=Count("mediators", filter=Q(mediators__active=True), distinct=True),
                n_cases=Count("cases", filter=Q(cases__year=year), distinct=True),
            )
        )
        team_url = url_for_pk("mediation:team")
        for t in found:
            t.row_url = team_url(t.pk)  # type: ignore[attr-defined]
        return found

    # The teams with their counts, the same for every reader of the commune's teams: kept
    # until a record of the mediation changes in it.
    teams = kept(
        f"mediation:teams|{commune.pk}|{year}", commune.pk, listed, 60, apps=("mediation",)
    )
    return render(
        request,
        "mediation/index.html",
        {
            "commune": commune,
            "teams": teams,
            "year": year,
            "keeps_teams": keeps_teams(request.user, commune.pk),
            "reads_cases": reads_any_case(request.user, commune.pk),
            "records": any(records_for(request.user, t) for t in teams),
        },
    )


def team_create(request: AuthedRequest) -> HttpResponse:
    commune = _commune(request)
    if not keeps_teams(request.user, commune.pk):
        raise PermissionDenied
    form = TeamForm(request.POST or None, commune=commune)
    return run_step(
        request,
        form,
        lambda data: services.team_create(commune=commune, by=request.user, **data),
        done=lambda team: f"Đã lập {team.name}.",
        then=lambda team: redirect("mediation:team", pk=team.pk),
        again=_form_page(
            request, "mediation/team_form.html", form, commune=commune, back=_index_url(commune.pk)
        ),
    )


def _team_rows(
    team: MediationTeam, today: date, *, with_cases: bool
) -> tuple[list[Mediator], list[MediationCase]]:
    cases = list(team.cases.select_related("team", "matter")[:50]) if with_cases else []
    _case_rows(cases, today)
    return list(team.mediators.select_related("village")), cases


def team_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    team = get_team_for_user(request, pk)
    user = request.user
    today = timezone.localdate()
    # Whether the reader reads and records the team's cases, then its mediators and cases as
    # they are on the day: each kept until a record of the mediation (or of core) changes.
    reads, records = kept(
        f"mediation:team_rights|{team.pk}|{user.pk}",
        team.commune_id,
        lambda: (
            readable_teams(user, team.commune_id).filter(pk=team.pk).exists(),
            recording_teams(user, team.commune_id).filter(pk=team.pk).exists(),
        ),
        60,
        apps=("mediation",),
    )
    mediators, cases = kept(
        f"mediation:team_rows|{team.pk}|{int(reads)}|{today}",
        team.commune_id,
        lambda: _team_rows(team, today, with_cases=reads),
        60,
        apps=("mediation",),
    )
    return render(
        request,
        "mediation/team_detail.html",
        {
            "team": team,
            "mediators": mediators,
            "cases": cases,
            "reads_cases": reads,
            "keeps": keeps_teams(user, team.commune_id),
            "records": records,
            "propose_url": proposal_url(
                team.commune_id,
                source=CommendedFor.MEDIATION,
                label=team.name,
                recipient=team.name,
                url=team.get_absolute_url(),
                unit_id=team.village_id,
            )
            if proposes(user, team.commune_id)
            else "",
            "history": written_history(team, 30),
        },
    )


def mediator_add(request: AuthedRequest, pk: int) -> HttpResponse:
    team = get_team_for_user(request, pk, keep=True)
    form = MediatorForm(request.POST or None, team=team)
    return run_step(
        request,
        form,
        lambda data: services.mediator_add(team=team, by=request.user, **data),
        done=lambda m: f"Đã thêm {m.full_name} vào {team.name}.",
        then=lambda _: redirect("mediation:team", pk=team.pk),
        again=_form_page(
            request,
            "mediation/mediator_form.html",
            form,
            team=team,
            back=reverse("mediation:team", args=[team.pk]),
        ),
    )


@require_POST
def mediator_leave(request: AuthedRequest, pk: int, mediator: int) -> HttpResponse:
    team = get_team_for_user(request, pk, keep=True)
    found = get_object_or_404(Mediator, pk=mediator, team=team)
    return run_action(
        request,
        lambda: services.mediator_leave(mediator=found, by=request.user),
        done=f"{found.full_name} đã thôi hoạt động.",
        then=lambda: redirect("mediation:team", pk=team.pk),
    )


# --- cases ----------------------------------------------------------------------------------


def case_list(request: AuthedRequest) -> HttpResponse:
    commune = _commune(request)
    if not reads_any_case(request.user, commune.pk):
        raise PermissionDenied
    teams = readable_teams(request.user, commune.pk)
    year = _year(request)
    team = int_param(request.GET.get("to"))
    outcome = request.GET.get("ket-qua", "")
    qs = selectors.case_list(teams, year=year, team=team, outcome=outcome)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    _case_rows(page.object_list, timezone.localdate())
    today = timezone.localdate()
    return render(
        request,
        "mediation/case_list.html",
        {
            "commune": commune,
            "page": page,
            "year": year,
            "team": team,
            "outcome": outcome,
            "teams": list(teams),
            "outcomes": Outcome.choices,
            "years": range(today.year, today.year - 5, -1),
            "records": recording_teams(request.user, commune.pk).exists(),
        },
    )


def case_create(request: AuthedRequest) -> HttpResponse:
    commune = _commune(request)
    teams = recording_teams(request.user, commune.pk)
    if not teams.exists():
        raise PermissionDenied
    form = CaseForm(
        request.POST or None, teams=teams, initial={"received_on": timezone.localdate()}
    )
    return run_step(
        request,
        form,
        lambda data: services.case_create(by=request.user, **data),
        done=lambda case: f"Đã ghi vụ, việc số {case.code}.",
        then=lambda case: redirect("mediation:case", pk=case.pk),
        again=_form_page(
            request,
            "mediation/case_form.html",
            form,
            commune=commune,
            back=f"{reverse('mediation:cases')}?xa={commune.pk}",
        ),
    )


def _case_page(request: AuthedRequest, case: MediationCase, **bound: Any) -> HttpResponse:
    user = request.user
    today = timezone.localdate()
    records = records_case(user, case)
    # The next steps' forms, blank ones kept as written (core.kept_forms.step_forms).
    offers: Offers = {}
    if records and not case.closed and not case.started_on:
        offers["start_form"] = (
            bound.get("start_form"),
            lambda: StartForm(prefix="bd", initial={"started_on": today}),
        )
    if records and not case.closed:
        offers["outcome_form"] = (
            bound.get("outcome_form"),
            lambda: OutcomeForm(prefix="kq", initial={"outcome_on": today}),
        )
    if records and case.outcome == Outcome.SUCCESS:
        offers["kept_form"] = (
            bound.get("kept_form"),
            lambda: KeptForm(
                prefix="th",
                initial={"kept_checked_on": today, "agreement_kept": case.agreement_kept},
            ),
        )
    if manages(user, case.commune_id):
        offers["link_form"] = (bound.get("link_form"), lambda: LinkForm(prefix="don"))
    key = f"mediation:case|{case.pk}|{today.isoformat()}"
    forms = {**bound, **step_forms(key, case.commune_id, offers)}
    return render(
        request,
        "mediation/case_detail.html",
        {
            "case": case,
            "mediators": case.mediators.all(),
            "start_label": START_LABELS[case.start_state(today)],
            "start_late": case.start_state(today) in ("late", "started_late"),
            "history": written_history(case, 30),
            "has_errors": any(getattr(f, "errors", None) for f in bound.values() if f),
            **forms,
        },
    )


def case_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    return _case_page(request, get_case_for_user(request, pk))


def _case_step(
    request: AuthedRequest,
    pk: int,
    *,
    form_class: type,
    prefix: str,
    name: str,
    action: Callable[..., MediationCase],
    done: str,
    manage: bool = False,
) -> HttpResponse:
    case = get_case_for_user(request, pk, record=not manage, manage=manage)
    form = form_class(request.POST, prefix=prefix)
    return run_step(
        request,
        form,
        lambda data: action(case=case, by=request.user, **data),
        done=done,
        then=lambda _: redirect("mediation:case", pk=case.pk),
        again=lambda: _case_page(request, case, **{name: form}),
    )


@require_POST
def case_start(request: AuthedRequest, pk: int) -> HttpResponse:
    return _case_step(
        request,
        pk,
        form_class=StartForm,
        prefix="bd",
        name="start_form",
        action=services.case_start,
        done="Đã ghi ngày bắt đầu hòa giải.",
    )


@require_POST
def case_outcome(request: AuthedRequest, pk: int) -> HttpResponse:
    return _case_step(
        request,
        pk,
        form_class=OutcomeForm,
        prefix="kq",
        name="outcome_form",
        action=services.case_record_outcome,
        done="Đã ghi kết quả hòa giải.",
    )


@require_POST
def case_kept(request: AuthedRequest, pk: int) -> HttpResponse:
    return _case_step(
        request,
        pk,
        form_class=KeptForm,
        prefix="th",
        name="kept_form",
        action=services.case_check_agreement,
        done="Đã ghi kết quả kiểm tra việc thực hiện thỏa thuận.",
    )


@require_POST
def case_link(request: AuthedRequest, pk: int) -> HttpResponse:
    return _case_step(
        request,
        pk,
        form_class=LinkForm,
        prefix="don",
        name="link_form",
        action=services.case_link_petition,
        done="Đã liên kết vụ, việc với đơn thư.",
        manage=True,
    )


def ledger_xlsx(request: AuthedRequest) -> HttpResponse:
    """The year's ledger, with the parties' names: to those who read the cases, of the teams
    they read."""
    commune = _commune(request)
    if not reads_any_case(request.user, commune.pk):
        raise PermissionDenied
    teams = readable_teams(request.user, commune.pk)
    team = int_param(request.GET.get("to"))
    if team is not None:
        teams = teams.filter(pk=team)
    names = list(teams.values_list("name", flat=True))
    scope = names[0] if len(names) == 1 else "các tổ hòa giải"
    return exports.ledger_xlsx(commune=commune, year=_year(request), teams=teams, scope=scope)


def figures(request: AuthedRequest) -> HttpResponse:
    """The year's figures, counts only: every member of the commune and province viewers."""
    commune = _commune(request)
    year = _year(request)
    today = timezone.localdate()
    return render(
        request,
        "mediation/figures.html",
        {
            "commune": commune,
            # Counts only, the same for every reader: kept until a record of the mediation
            # changes, or the day turns (the starts late).
            "figures": kept(
                f"mediation:figures|{year}|{today}",
                commune.pk,
                lambda: selectors.yearly_figures(commune.pk, year, today),
                60,
                apps=("mediation",),
            ),
            "year": year,
            "years": range(today.year, today.year - 5, -1),
            "reads_teams": reads_teams(request.user, commune.pk),
        },
    )


urls: list[URLPattern] = [
    path("", index, name="index"),
    path("to/them/", team_create, name="team_create"),
    path("to/<int:pk>/", team_detail, name="team"),
    path("to/<int:pk>/hoa-giai-vien/", mediator_add, name="mediator_add"),
    path("to/<int:pk>/hoa-giai-vien/<int:mediator>/thoi/", mediator_leave, name="mediator_leave"),
    path("vu-viec/", case_list, name="cases"),
    path("vu-viec/them/", case_create, name="case_create"),
    path("vu-viec/<int:pk>/", case_detail, name="case"),
    path("vu-viec/<int:pk>/bat-dau/", case_start, name="case_start"),
    path("vu-viec/<int:pk>/ket-qua/", case_outcome, name="case_outcome"),
    path("vu-viec/<int:pk>/thuc-hien-thoa-thuan/", case_kept, name="case_kept"),
    path("vu-viec/<int:pk>/don-thu/", case_link, name="case_link"),
    path("so-theo-doi.xlsx", ledger_xlsx, name="ledger"),
    path("so-lieu/", figures, name="figures"),
]
