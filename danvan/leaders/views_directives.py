"""Pages of directives (chỉ đạo, đôn đốc): the list, one directive with its answer, and the
steps: send (from an item's page), answer, accept or send back. Rules: leaders/directives.py."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Model, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from danvan.core.access import get_access
from danvan.core.audit import history
from danvan.core.cache import kept_across
from danvan.core.http import AuthedRequest, int_param
from danvan.core.steps import run_step
from danvan.leaders import directives, services
from danvan.leaders.forms import AnswerForm, DecisionForm, DirectiveForm
from danvan.leaders.models import Directive

WHOSE = {
    "": "Tất cả",
    "gui-den": "Gửi đến tôi, đơn vị tôi",
    "da-gui": "Tôi đã gửi",
}
STATES = {
    "": "Mọi tình trạng",
    "mo": "Chờ trả lời",
    "qua-han": "Quá hạn trả lời",
    "da-tra-loi": "Đã trả lời, chờ xem xét",
    "ket-thuc": "Đã kết thúc",
}
PAGE = 50


def directive_list(request: AuthedRequest) -> HttpResponse:
    """The directives the user is party to, and all of the communes he leads (`?cua=`,
    `?tinh-trang=`, `?page=`); an unknown filter is said in words, with status 400."""
    user = request.user
    if not get_access(user).has_any:
        raise PermissionDenied
    whose, state = request.GET.get("cua", ""), request.GET.get("tinh-trang", "")
    bad = whose not in WHOSE or state not in STATES
    if bad:
        whose, state = "", ""
    today = timezone.localdate()

    def write() -> str:
        qs = Directive.objects.filter(directives.listed_for(user))
        if whose == "gui-den":
            qs = qs.filter(
                Q(to_user_id=user.pk) | Q(to_unit_id__in=sorted(directives.answering_units(user)))
            )
        elif whose == "da-gui":
            qs = qs.filter(sent_by_id=user.pk)
        S = Directive.Status
        qs = {
            "mo": qs.filter(status=S.OPEN),
            "qua-han": qs.late_on(today),
            "da-tra-loi": qs.filter(status=S.ANSWERED),
            "ket-thuc": qs.filter(status=S.CLOSED),
        }.get(state, qs)
        qs = (
            qs.select_related("sent_by", "to_unit", "to_user")
            .prefetch_related("target")
            .order_by("-sent_at", "-pk")
        )
        page = Paginator(qs, PAGE).get_page(int_param(request.GET.get("page")))
        return render_to_string(
            "leaders/_directive_rows.html", {"page": page, "today": today, "request": request}
        )

    # Kept for its reader until a directive or an item they are about changes (its title).
    listed = kept_across(
        get_access(user).readable_communes,
        f"leaders:directives|{user.pk}|{request.GET.urlencode()}|{today}",
        write,
        apps=("leaders", *{target.split(".")[0] for target in directives.TARGETS}),
    )
    return render(
        request,
        "leaders/directive_list.html",
        {
            "listed": mark_safe(listed),  # written by the engine, which escapes
            "whose": whose,
            "state": state,
            "whose_choices": WHOSE.items(),
            "state_choices": STATES.items(),
            "bad_filter": bad,
            "nav_section": "directives",
        },
        status=400 if bad else 200,
    )


def get_directive_for_user(request: AuthedRequest, pk: int) -> Directive:
    """A directive the user may read: 404 for another commune's, 403 within his commune."""
    d = get_object_or_404(
        Directive.objects.select_related("sent_by", "to_unit", "to_user", "answered_by"), pk=pk
    )
    if not get_access(request.user).can_read(d.commune_id):
        raise Http404
    if not directives.can_see(request.user, d):
        raise PermissionDenied
    return d


def directive_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    return _detail_page(request, get_directive_for_user(request, pk))


def _detail_page(
    request: AuthedRequest,
    d: Directive,
    answer_form: AnswerForm | None = None,
    decision_form: DecisionForm | None = None,
) -> HttpResponse:
    user = request.user
    if answer_form is None and directives.can_answer(user, d):
        answer_form = AnswerForm(initial={"answer": d.answer})
    if decision_form is None and directives.can_close(user, d):
        decision_form = DecisionForm()
    target = d.target
    return render(
        request,
        "leaders/directive_detail.html",
        {
            "d": d,
            "target_title": directives.title_of(d),
            "target_label": directives.target_types().get(d.target_type_id, ""),
            "target_url": target.get_absolute_url()
            if target is not None and directives.opens(user, target)
            else "",
            "late": d.is_late(),
            "answer_form": answer_form,
            "decision_form": decision_form,
            "history": history(d).order_by("created_at", "pk"),
            "nav_section": "directives",
        },
    )


def _target(request: AuthedRequest) -> Model:
    """The item named by the form (`target_type`: its content type, `target_id`): one of
    `directives.TARGETS` in a commune the user reads (404 otherwise)."""
    type_id = int_param(request.POST.get("target_type"))
    target_id = int_param(request.POST.get("target_id"))
    if type_id not in directives.target_types() or target_id is None:
        raise Http404
    ct = ContentType.objects.get_for_id(type_id)
    model = apps.get_model(ct.app_label, ct.model)
    target = model._default_manager.filter(pk=target_id).first()
    if target is None or not get_access(request.user).can_read(target.commune_id):
        raise Http404
    return target


@require_POST
def directive_send(request: AuthedRequest) -> HttpResponse:
    """Sent from an item's page ("Chỉ đạo, đôn đốc"): back to the item when done; the form
    with what was typed and the reason, status 400, when refused."""
    target: Any = _target(request)
    if not directives.can_send(request.user, target):
        raise PermissionDenied
    form = DirectiveForm(request.POST, commune_id=target.commune_id)
    return run_step(
        request,
        form,
        lambda data: services.directive_send(target=target, by=request.user, **data),
        done=lambda d: f"Đã gửi {d.get_kind_display().lower()} đến {d.recipient}.",
        then=lambda d: redirect(f"{target.get_absolute_url()}#chi-dao"),
        again=lambda: render(
            request,
            "leaders/directive_form.html",
            {
                "form": form,
                "target": target,
                "target_type": request.POST.get("target_type"),
                "nav_section": "directives",
            },
        ),
    )


@require_POST
def directive_answer(request: AuthedRequest, pk: int) -> HttpResponse:
    d = get_directive_for_user(request, pk)
    if not directives.is_recipient(request.user, d):
        raise PermissionDenied
    form = AnswerForm(request.POST)
    return run_step(
        request,
        form,
        lambda data: services.directive_answer(directive=d, by=request.user, **data),
        done="Đã gửi trả lời; người gửi chỉ đạo được thông báo.",
        then=lambda _: redirect("leaders:directive", pk=d.pk),
        again=lambda: _detail_page(request, d, answer_form=form),
    )


@require_POST
def directive_decide(request: AuthedRequest, pk: int) -> HttpResponse:
    d = get_directive_for_user(request, pk)
    if d.sent_by_id != request.user.pk:
        raise PermissionDenied
    form = DecisionForm(request.POST)
    return run_step(
        request,
        form,
        lambda data: services.directive_close(
            directive=d,
            by=request.user,
            accept=data["decision"] == "accept",
            comment=data["comment"],
        ),
        done=lambda done: (
            "Đã chấp nhận trả lời, kết thúc chỉ đạo."
            if done.status == Directive.Status.CLOSED
            else "Đã trả lại, đề nghị trả lời lại."
        ),
        then=lambda _: redirect("leaders:directive", pk=d.pk),
        again=lambda: _detail_page(request, d, decision_form=form),
    )
